/**
 * Scatter plots of 2-D datasets coloured by class, optionally over the decision regions of a
 * classifier (a grid of coloured cells: which class the model predicts at each place).
 */
import * as Plot from "@observablehq/plot";
import { Chart } from "./chart";
import { attrSafe, composeSvg, plotSvg, seriesColor, LegendItem } from "./render";
import { checkCount, checkNames, checkRange, checkSize, checkXY, extent, fmt } from "./validate";

/** One group of points (usually one class). */
export interface ScatterSeries {
  /** Legend label; unique within the chart. */
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** CSS colour; defaults to the next palette colour. */
  color?: string;
}

/** Decision regions: the class predicted at each cell of a grid over the plotted box. */
export interface DecisionRegions {
  /**
   * The model: returns the predicted class at (x, y), either the index of a series (0-based, in
   * the order of `series`) or a series name.
   */
  predict: (x: number, y: number) => number | string;
  /** Cells per side (default 80; 5..300). */
  resolution?: number;
  /** Opacity of the cells (default 0.28) so points stay readable. */
  opacity?: number;
}

/** Options of {@link scatterChart}. */
export interface ScatterChartOptions {
  series: ScatterSeries[];
  /** Classifier regions drawn under the points. */
  regions?: DecisionRegions;
  title?: string;
  subtitle?: string;
  caption?: string;
  xLabel?: string;
  yLabel?: string;
  /** Box to show; default the data range plus 5% on each side. */
  x?: [number, number];
  y?: [number, number];
  /** Dot radius in px (default 3.5). */
  r?: number;
  /** Legend above the plot (default true). */
  legend?: boolean;
  width?: number;
  height?: number;
}

/** `color` at the given opacity over white, as an opaque hex colour (non-hex colours pass through). */
function tint(color: string, opacity: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const c = [0, 2, 4].map((k) => parseInt(m[1].slice(k, k + 2), 16));
  return "#" + c.map((v) => Math.round(255 + (v - 255) * opacity).toString(16).padStart(2, "0")).join("");
}

/**
 * Group points by label into scatter series, e.g. `byClass(X, labels, ["red", "blue"])` for
 * a dataset `X: number[][]` (rows [x, y]) and integer labels 0..k−1.
 */
export function byClass(
  points: ArrayLike<ArrayLike<number>>,
  labels: ArrayLike<number | string>,
  names?: string[],
): ScatterSeries[] {
  if (points.length !== labels.length) {
    throw new Error(`byClass: ${points.length} points but ${labels.length} labels; give one label per point`);
  }
  const groups = new Map<number | string, { x: number[]; y: number[] }>();
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p == null || p.length < 2) throw new Error(`byClass: point ${i} is not an [x, y] pair`);
    const k = labels[i];
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { x: [], y: [] }));
    g.x.push(p[0]);
    g.y.push(p[1]);
  }
  const keys = Array.from(groups.keys()).sort((a, b) =>
    typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b)),
  );
  return keys.map((k) => {
    const g = groups.get(k)!;
    const name = names && typeof k === "number" && names[k] !== undefined ? names[k] : `class ${k}`;
    return { name, x: g.x, y: g.y };
  });
}

/**
 * A scatter plot of labelled groups, optionally over a classifier's decision regions.
 * PNG + text in the notebook.
 *
 * ```ts
 * scatterChart({ series: byClass(X, y), regions: { predict: (a, b) => model.classify([a, b]) } }).show();
 * ```
 */
export function scatterChart(o: ScatterChartOptions): Chart {
  const fn = "scatterChart";
  if (o == null || !Array.isArray(o.series)) throw new Error(`${fn}: give options with a \`series\` array`);
  if (o.series.length === 0) throw new Error(`${fn}: no series given; pass at least one { name, x, y }`);
  checkNames(fn, o.series.map((s) => s.name));
  checkSize(fn, o);
  const series = o.series.map((s, i) => ({ name: s.name, color: s.color ?? seriesColor(i), ...checkXY(fn, s.name, s.x, s.y) }));
  const pad = (r: [number, number]): [number, number] => {
    const d = r[1] - r[0] || Math.abs(r[0]) || 1;
    return [r[0] - 0.05 * d, r[1] + 0.05 * d];
  };
  const xr = o.x ? checkRange(fn, "x", o.x) : pad(extent(series.flatMap((s) => s.x)));
  const yr = o.y ? checkRange(fn, "y", o.y) : pad(extent(series.flatMap((s) => s.y)));
  const width = o.width ?? 560;
  const height = o.height ?? 440;

  // Sample the classifier up front so a bad prediction fails here, naming the cell.
  // Cells are merged into horizontal runs of one class (far fewer rectangles), and drawn opaque
  // in the class colour mixed with white: translucent cells would show darker seams where
  // neighbours overlap.
  const cells: { x1: number; x2: number; y1: number; y2: number; fill: string }[] = [];
  const regionCounts = new Map<string, number>();
  const opacity = o.regions?.opacity ?? 0.28;
  if (o.regions) {
    const n = checkCount(fn, "regions.resolution", o.regions.resolution ?? 80, 5, 300);
    if (typeof o.regions.predict !== "function") throw new Error(`${fn}: regions.predict must be a function (x, y) => class`);
    if (!(opacity >= 0 && opacity <= 1)) throw new Error(`${fn}: regions.opacity must be in [0, 1], got ${opacity}`);
    const dx = (xr[1] - xr[0]) / n;
    const dy = (yr[1] - yr[0]) / n;
    for (let j = 0; j < n; j++) {
      let runStart = 0;
      let runSeries: (typeof series)[number] | undefined;
      for (let i = 0; i <= n; i++) {
        let s: (typeof series)[number] | undefined;
        if (i < n) {
          const cx = xr[0] + (i + 0.5) * dx;
          const cy = yr[0] + (j + 0.5) * dy;
          const k = o.regions.predict(cx, cy);
          s = typeof k === "number" ? series[k] : series.find((q) => q.name === k);
          if (!s) {
            throw new Error(
              `${fn}: regions.predict(${fmt(cx)}, ${fmt(cy)}) returned ${JSON.stringify(k)}, which is neither a series ` +
                `index (0..${series.length - 1}) nor a series name`,
            );
          }
          regionCounts.set(s.name, (regionCounts.get(s.name) ?? 0) + 1);
        }
        if (s !== runSeries) {
          if (runSeries) {
            cells.push({
              x1: xr[0] + runStart * dx,
              x2: xr[0] + i * dx,
              y1: yr[0] + j * dy,
              y2: yr[0] + (j + 1) * dy,
              fill: tint(runSeries.color, opacity),
            });
          }
          runSeries = s;
          runStart = i;
        }
      }
    }
  }
  const cellCount = o.regions ? Array.from(regionCounts.values()).reduce((a, b) => a + b, 0) : 0;

  const draw = () => {
    const marks: Plot.Markish[] = [];
    if (cells.length > 0) {
      // Cells slightly overlap (inset -0.5 px) so no white seams show between them.
      marks.push(
        Plot.rect(cells, {
          x1: "x1",
          x2: "x2",
          y1: "y1",
          y2: "y2",
          fill: "fill",
          inset: -0.3,
          ariaDescription: "decision regions",
        }),
      );
    }
    for (const s of series) {
      const data = s.x.map((x, i) => ({ x, y: s.y[i] }));
      marks.push(
        Plot.dot(data, {
          x: "x",
          y: "y",
          fill: s.color,
          stroke: "white",
          strokeWidth: 0.8,
          r: o.r ?? 3.5,
          clip: true,
          ariaDescription: attrSafe(s.name),
        }),
      );
    }
    marks.push(Plot.frame({ stroke: "#999" }));
    const plot = plotSvg({
      width,
      height,
      marginLeft: 50,
      marginRight: 16,
      marginTop: 12,
      marginBottom: 40,
      x: { domain: xr, label: o.xLabel ?? "x₁", labelAnchor: "center", labelArrow: "none", ticks: Math.max(3, Math.round(width / 80)) },
      y: { domain: yr, label: o.yLabel ?? "x₂", labelAnchor: "center", labelArrow: "none", ticks: Math.max(3, Math.round(height / 70)) },
      color: { type: "identity" },
      marks,
    });
    const legend: LegendItem[] =
      o.legend === false ? [] : series.map((s) => ({ label: s.name, color: s.color, shape: "dot" as const }));
    return composeSvg({ plot, width, height, title: o.title, subtitle: o.subtitle, caption: o.caption, legend });
  };

  const lines = [`Scatter plot${o.title ? `: ${o.title}` : ""}`];
  if (o.subtitle) lines.push(o.subtitle);
  lines.push(`${o.xLabel ?? "x₁"} from ${fmt(xr[0])} to ${fmt(xr[1])}, ${o.yLabel ?? "x₂"} from ${fmt(yr[0])} to ${fmt(yr[1])}`);
  lines.push(`${series.length} group${series.length > 1 ? "s" : ""}: ` + series.map((s) => `${s.name} (${s.x.length} points)`).join(", "));
  if (cellCount > 0) {
    const total = cellCount;
    lines.push(
      "Decision regions: " +
        series.map((s) => `${s.name} ${Math.round((100 * (regionCounts.get(s.name) ?? 0)) / total)}%`).join(", ") +
        " of the box",
    );
  }
  const chart = new Chart("Scatter plot", draw, lines.join("\n"));
  return chart;
}
