/**
 * Contour maps of a 2-D function f(x, y) over a box, with optimiser paths drawn on top:
 * the standard picture of gradient descent zig-zagging across a narrow valley.
 */
import * as Plot from "@observablehq/plot";
import { Chart } from "./chart";
import { clipPolyline, growBox, inBox } from "./clip";
import { attrSafe, composeSvg, plotSvg, LegendItem } from "./render";
import { checkCount, checkNames, checkRange, checkSize, finiteArray, fmt } from "./validate";

/** Colours for paths, chosen to stand out on the light blue contour map. */
export const PATH_PALETTE: readonly string[] = ["#d62728", "#111111", "#ff8c00", "#7b2cbf", "#2a9d3a", "#e377c2"];

/** An optimiser path: the sequence of (x, y) iterates. */
export interface PathSeries {
  /** Legend label; unique within the chart. */
  name: string;
  /** Iterates as `[[x0, y0], [x1, y1], ...]` (e.g. parameter vectors), or `{ x: [...], y: [...] }`. */
  points: ArrayLike<ArrayLike<number>> | { x: ArrayLike<number>; y: ArrayLike<number> };
  /** CSS colour; defaults to the next colour of {@link PATH_PALETTE}. */
  color?: string;
  /** Dot at every iterate (default true when the path has at most 200 points). */
  dots?: boolean;
  /**
   * Line width in px (default 2, 1 to 12). A wide path drawn first stays visible on both sides
   * of a thin one drawn over it where the two runs share a stretch (paths are drawn in order).
   */
  width?: number;
}

/** A labelled point on the map (e.g. the minimum). */
export interface MapMarker {
  x: number;
  y: number;
  label?: string;
}

/** Options of {@link contourChart}. */
export interface ContourChartOptions {
  /** The function to draw; must be finite over the whole box. */
  f: (x: number, y: number) => number;
  /** Box edges: `x: [xmin, xmax]`, `y: [ymin, ymax]`. */
  x: [number, number];
  y: [number, number];
  /** Optimiser paths drawn over the map. */
  paths?: PathSeries[];
  /** Points to mark with a cross, such as the minimum. */
  markers?: MapMarker[];
  /** Grid samples per side (default 120; 10..400). */
  resolution?: number;
  /**
   * Contour levels: a count (default 20) or explicit threshold values. With a count, levels are
   * placed by `levelSpacing`.
   */
  levels?: number | number[];
  /**
   * How counted levels are spaced: "quantile" (default: equal areas between levels, which is
   * linear spacing for a quadratic bowl and still readable for Rosenbrock), "linear", or "log"
   * (geometric in f − min f, for functions spanning many orders of magnitude).
   */
  levelSpacing?: "quantile" | "linear" | "log";
  title?: string;
  subtitle?: string;
  caption?: string;
  xLabel?: string;
  yLabel?: string;
  /**
   * "equal" (default when the box is not too elongated) keeps one unit the same length on both
   * axes, so gradients look perpendicular to the contours; "fill" uses the given size.
   */
  aspect?: "equal" | "fill";
  /** Plot width in CSS px (default 560). */
  width?: number;
  /** Plot height in CSS px; default from the aspect (or 420). */
  height?: number;
}

/** A path after checking. */
export interface ResolvedPath {
  name: string;
  x: number[];
  y: number[];
  color: string;
  dots: boolean;
  width: number;
}

/** Normalise and check the paths of a contour chart (shared with the plotly version). */
export function resolvePaths(fn: string, paths: PathSeries[] | undefined): ResolvedPath[] {
  if (!paths) return [];
  if (!Array.isArray(paths)) throw new Error(`${fn}: paths must be an array of { name, points }`);
  checkNames(fn, paths.map((p) => p.name));
  return paths.map((p, i) => {
    const pts = p.points as { x?: ArrayLike<number>; y?: ArrayLike<number>; length?: number };
    if (pts == null) throw new Error(`${fn}: path "${p.name}" has no points`);
    let x: number[];
    let y: number[];
    if (typeof pts.length === "number") {
      const arr = p.points as ArrayLike<ArrayLike<number>>;
      x = [];
      y = [];
      for (let k = 0; k < arr.length; k++) {
        const q = arr[k];
        if (q == null || typeof q.length !== "number" || q.length < 2) {
          throw new Error(`${fn}: path "${p.name}" point ${k} is not an [x, y] pair; give [[x0, y0], [x1, y1], ...]`);
        }
        x.push(q[0]);
        y.push(q[1]);
      }
      x = finiteArray(fn, p.name, "x", x);
      y = finiteArray(fn, p.name, "y", y);
    } else if (pts.x !== undefined && pts.y !== undefined) {
      x = finiteArray(fn, p.name, "x", pts.x);
      y = finiteArray(fn, p.name, "y", pts.y);
      if (x.length !== y.length) {
        throw new Error(`${fn}: series "${p.name}" has ${x.length} x values but ${y.length} y values; give one x per y`);
      }
    } else {
      throw new Error(`${fn}: path "${p.name}" points must be [[x, y], ...] or { x: [...], y: [...] }`);
    }
    if (x.length === 0) throw new Error(`${fn}: series "${p.name}" has 0 points`);
    const width = p.width ?? 2;
    if (!(typeof width === "number" && width >= 1 && width <= 12)) {
      throw new Error(`${fn}: path "${p.name}" width must be a number of px from 1 to 12, got ${String(width)}`);
    }
    return {
      name: p.name,
      x,
      y,
      color: p.color ?? PATH_PALETTE[i % PATH_PALETTE.length],
      dots: p.dots ?? x.length <= 200,
      width,
    };
  });
}

/** f sampled at cell centres of an n×n grid over the box; row 0 is y = ymin. */
export interface FieldGrid {
  nx: number;
  ny: number;
  xs: number[];
  ys: number[];
  /** Row-major values, `z[j * nx + i] = f(xs[i], ys[j])`. */
  z: number[];
  min: number;
  max: number;
  /** Where the minimum sample is. */
  argmin: [number, number];
}

/** Sample f over the box, checking every value is finite (names the point if not). */
export function sampleField(
  fn: string,
  f: (x: number, y: number) => number,
  xr: [number, number],
  yr: [number, number],
  n: number,
): FieldGrid {
  if (typeof f !== "function") throw new Error(`${fn}: f must be a function (x, y) => number`);
  const xs = Array.from({ length: n }, (_, i) => xr[0] + ((i + 0.5) * (xr[1] - xr[0])) / n);
  const ys = Array.from({ length: n }, (_, j) => yr[0] + ((j + 0.5) * (yr[1] - yr[0])) / n);
  const z = new Array<number>(n * n);
  let min = Infinity;
  let max = -Infinity;
  let argmin: [number, number] = [xs[0], ys[0]];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const v = f(xs[i], ys[j]);
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new Error(
          `${fn}: f(${fmt(xs[i])}, ${fmt(ys[j])}) = ${String(v)}; f must be finite over the whole box ` +
            `(shrink the box, or clip f, e.g. Math.min(f(x, y), 1e6))`,
        );
      }
      z[j * n + i] = v;
      if (v < min) {
        min = v;
        argmin = [xs[i], ys[j]];
      }
      if (v > max) max = v;
    }
  }
  return { nx: n, ny: n, xs, ys, z, min, max, argmin };
}

/** Contour thresholds for a sampled field (see {@link ContourChartOptions.levelSpacing}). */
export function contourLevels(fn: string, grid: FieldGrid, levels: number | number[] | undefined, spacing: string): number[] {
  if (Array.isArray(levels)) {
    const t = finiteArray(fn, "levels", "levels", levels).slice().sort((a, b) => a - b);
    if (t.length === 0) throw new Error(`${fn}: levels is an empty array; give a count or some values`);
    return t;
  }
  const count = checkCount(fn, "levels", levels ?? 20, 2, 200);
  const { min, max } = grid;
  if (min === max) return [min];
  const out: number[] = [];
  if (spacing === "linear") {
    for (let k = 1; k < count; k++) out.push(min + ((max - min) * k) / count);
  } else if (spacing === "log") {
    // Geometric in f − min, from the 1% quantile of f − min (so the valley floor gets levels
    // too) up to the whole range.
    const span = max - min;
    const above = grid.z.map((v) => v - min).filter((v) => v > 0).sort((a, b) => a - b);
    const lo = Math.min(span / 10, Math.max(span * 1e-9, above[Math.floor(above.length * 0.01)] ?? span * 1e-3));
    for (let k = 0; k < count; k++) out.push(min + lo * Math.pow(span / lo, k / (count - 1)));
    out.pop();
  } else if (spacing === "quantile") {
    const sorted = grid.z.slice().sort((a, b) => a - b);
    for (let k = 1; k < count; k++) out.push(sorted[Math.floor((k / count) * (sorted.length - 1))]);
  } else {
    throw new Error(`${fn}: levelSpacing must be "quantile", "linear" or "log", got ${JSON.stringify(spacing)}`);
  }
  return Array.from(new Set(out)).filter((v) => v > min && v < max);
}

/** Interpolate between two hex colours (t in [0, 1]). */
export function mixColor(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return "#" + pa.map((v, k) => Math.round(v + (pb[k] - v) * t).toString(16).padStart(2, "0")).join("");
}

/** Fill colours of the bands, from the lowest (lightest) to the highest. */
export const MAP_LOW = "#f4f9fe";
export const MAP_HIGH = "#5b8fc7";

/** Plot size for a box: equal units on both axes when that gives a sensible height. */
export function mapSize(
  xr: [number, number],
  yr: [number, number],
  o: { width?: number; height?: number; aspect?: "equal" | "fill" },
  margins: { left: number; right: number; top: number; bottom: number },
): { width: number; height: number } {
  const width = o.width ?? 560;
  if (o.height !== undefined) return { width, height: o.height };
  if (o.aspect === "fill") return { width, height: 420 };
  const inner = width - margins.left - margins.right;
  const h = (inner * (yr[1] - yr[0])) / (xr[1] - xr[0]) + margins.top + margins.bottom;
  if (h < 200 || h > 720) {
    if (o.aspect === "equal") return { width, height: Math.max(200, Math.min(720, Math.round(h))) };
    return { width, height: 420 };
  }
  return { width, height: Math.round(h) };
}

/**
 * A contour map of f(x, y) over a box with optimiser paths (line + dots, start ring, labelled in
 * the legend). PNG + text in the notebook.
 *
 * ```ts
 * contourChart({ f: (x, y) => x * x + 10 * y * y, x: [-3, 3], y: [-2, 2],
 *   paths: [{ name: "GD", points: gdIterates }, { name: "Momentum", points: momIterates }] }).show();
 * ```
 */
export function contourChart(o: ContourChartOptions): Chart {
  const fn = "contourChart";
  if (o == null) throw new Error(`${fn}: give options { f, x: [xmin, xmax], y: [ymin, ymax] }`);
  checkSize(fn, o);
  const xr = checkRange(fn, "x", o.x);
  const yr = checkRange(fn, "y", o.y);
  const n = checkCount(fn, "resolution", o.resolution ?? 120, 10, 400);
  const grid = sampleField(fn, o.f, xr, yr, n);
  const thresholds = contourLevels(fn, grid, o.levels, o.levelSpacing ?? "quantile");
  const paths = resolvePaths(fn, o.paths);
  const markers = (o.markers ?? []).map((m, i) => {
    if (!m || !Number.isFinite(m.x) || !Number.isFinite(m.y)) throw new Error(`${fn}: marker ${i} needs finite x and y`);
    return m;
  });
  const margins = { left: 50, right: 16, top: 12, bottom: 40 };
  const { width, height } = mapSize(xr, yr, o, margins);
  const colors = thresholds.map((_, k) => mixColor(MAP_LOW, MAP_HIGH, thresholds.length <= 1 ? 0 : k / (thresholds.length - 1)));

  const draw = () => {
    const marks: Plot.Markish[] = [
      Plot.contour(grid.z, {
        width: grid.nx,
        height: grid.ny,
        x1: xr[0],
        x2: xr[1],
        y1: yr[0],
        y2: yr[1],
        fill: Plot.identity,
        thresholds,
        stroke: "#2f5f8f",
        strokeOpacity: 0.35,
        strokeWidth: 0.7,
        ariaDescription: "f",
      } as Plot.ContourOptions),
    ];
    // Marker labels go under the paths (their white halo must not hide a path); crosses on top.
    for (const m of markers) {
      if (m.label) {
        marks.push(
          Plot.text([m], {
            x: "x",
            y: "y",
            text: () => m.label,
            dx: 8,
            dy: -9,
            textAnchor: "start",
            fill: "#111",
            stroke: "white",
            strokeWidth: 3,
            paintOrder: "stroke",
            fontSize: 12,
          }),
        );
      }
    }
    // Paths are clipped to a box a little larger than the map before drawing: a diverging run's
    // far-away points would otherwise reach the rasterizer as huge coordinates (see clip.ts).
    const box = growBox({ x: xr, y: yr }, 0.05);
    for (const p of paths) {
      const data = p.x.map((x, i) => ({ x, y: p.y[i] }));
      const shown = data.filter((d) => inBox(box, d.x, d.y));
      marks.push(Plot.line(clipPolyline(p.x, p.y, box), { x: "x", y: "y", stroke: p.color, strokeWidth: p.width, clip: true, ariaDescription: attrSafe(p.name) }));
      if (p.dots) marks.push(Plot.dot(shown, { x: "x", y: "y", fill: p.color, r: Math.max(2.2, p.width / 2 + 1), clip: true }));
      marks.push(Plot.dot([data[0]].filter((d) => inBox(box, d.x, d.y)), { x: "x", y: "y", stroke: p.color, fill: "white", r: 5, strokeWidth: 2, clip: true }));
      marks.push(Plot.dot([data[data.length - 1]].filter((d) => inBox(box, d.x, d.y)), { x: "x", y: "y", fill: p.color, stroke: "white", r: 4.5, clip: true }));
    }
    for (const m of markers) {
      marks.push(Plot.dot([m], { x: "x", y: "y", symbol: "times", stroke: "#111", r: 6, strokeWidth: 2 }));
    }
    marks.push(Plot.frame({ stroke: "#999" }));
    const plot = plotSvg({
      width,
      height,
      marginLeft: margins.left,
      marginRight: margins.right,
      marginTop: margins.top,
      marginBottom: margins.bottom,
      x: { domain: xr, label: o.xLabel ?? "x", labelAnchor: "center", labelArrow: "none", ticks: Math.max(3, Math.round(width / 80)) },
      y: { domain: yr, label: o.yLabel ?? "y", labelAnchor: "center", labelArrow: "none", ticks: Math.max(3, Math.round(height / 70)) },
      color: { type: "threshold", domain: thresholds.slice(1), range: colors },
      marks,
    });
    const legend: LegendItem[] = paths.map((p) => ({ label: p.name, color: p.color }));
    return composeSvg({ plot, width, height, title: o.title, subtitle: o.subtitle, caption: o.caption, legend });
  };
  return new Chart("Contour map", draw, describeContour(o, xr, yr, grid, thresholds, paths));
}

/** Text alternative: box, range of f, levels, and each path's start, end and length. */
export function describeContour(
  o: { title?: string; subtitle?: string; xLabel?: string; yLabel?: string },
  xr: [number, number],
  yr: [number, number],
  grid: FieldGrid,
  thresholds: number[],
  paths: ResolvedPath[],
): string {
  const lines = [`Contour map${o.title ? `: ${o.title}` : ""}`];
  if (o.subtitle) lines.push(o.subtitle);
  lines.push(
    `${o.xLabel ?? "x"} from ${fmt(xr[0])} to ${fmt(xr[1])}, ${o.yLabel ?? "y"} from ${fmt(yr[0])} to ${fmt(yr[1])}; ` +
      `f from ${fmt(grid.min)} (near (${fmt(grid.argmin[0])}, ${fmt(grid.argmin[1])})) to ${fmt(grid.max)}, ${thresholds.length} contour levels`,
  );
  if (paths.length > 0) lines.push(`${paths.length} path${paths.length > 1 ? "s" : ""}:`);
  for (const p of paths) {
    const k = p.x.length - 1;
    const inside = p.x.every((x, i) => x >= xr[0] && x <= xr[1] && p.y[i] >= yr[0] && p.y[i] <= yr[1]);
    lines.push(
      `- ${p.name}: ${p.x.length} points, from (${fmt(p.x[0])}, ${fmt(p.y[0])}) to (${fmt(p.x[k])}, ${fmt(p.y[k])})` +
        (inside ? "" : " (leaves the box)"),
    );
  }
  return lines.join("\n");
}
