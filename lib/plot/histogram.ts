/**
 * Histograms: distributions of weights, gradients, activations, or final losses over seeds.
 * Several series share the same bins and are overlaid with transparency.
 */
import * as Plot from "@observablehq/plot";
import { Chart } from "./chart";
import { attrSafe, composeSvg, plotSvg, seriesColor, LegendItem, XY_MARGINS } from "./render";
import { checkCount, checkNames, checkRange, checkSize, extent, finiteArray, fmt } from "./validate";

/** One distribution. */
export interface HistogramSeries {
  name: string;
  values: ArrayLike<number>;
  color?: string;
}

/** Options of {@link histogram}. */
export interface HistogramOptions {
  /** The distributions: an array of {@link HistogramSeries}, or a record `{ name: values }`. */
  series: HistogramSeries[] | Record<string, ArrayLike<number>>;
  /** Number of equal-width bins over the common range (default 30; 1..500). */
  bins?: number;
  /** Range to bin over; default the range of all values. Values outside are counted in the description. */
  domain?: [number, number];
  /** Show the fraction of each series per bin instead of counts (compare series of different sizes). */
  normalize?: boolean;
  title?: string;
  subtitle?: string;
  caption?: string;
  xLabel?: string;
  /** Default "count" (or "fraction" when normalised). */
  yLabel?: string;
  /** Legend above the plot; default shown when there are 2+ series. */
  legend?: boolean;
  width?: number;
  height?: number;
}

/** Bin edges and per-series counts, computed here so the chart and its description agree. */
export interface Binned {
  edges: number[];
  counts: { name: string; color: string; counts: number[]; total: number; outside: number; mean: number; min: number; max: number }[];
}

/** Split values into `bins` equal-width bins over the common range (last bin closed). */
export function binSeries(fn: string, o: HistogramOptions): Binned {
  if (o == null || o.series == null) throw new Error(`${fn}: give options with a \`series\``);
  const list: HistogramSeries[] = Array.isArray(o.series)
    ? o.series
    : Object.entries(o.series).map(([name, values]) => ({ name, values }));
  if (list.length === 0) throw new Error(`${fn}: no series given; pass at least one { name, values }`);
  checkNames(fn, list.map((s) => s.name));
  const vals = list.map((s) => {
    const v = finiteArray(fn, s.name, "values", s.values);
    if (v.length === 0) throw new Error(`${fn}: series "${s.name}" has 0 points`);
    return v;
  });
  const bins = checkCount(fn, "bins", o.bins ?? 30, 1, 500);
  let [lo, hi] = o.domain ? checkRange(fn, "domain", o.domain) : extent(vals.flat());
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const w = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo + k * w);
  const counts = list.map((s, i) => {
    const c = new Array<number>(bins).fill(0);
    let outside = 0;
    for (const v of vals[i]) {
      if (v < lo || v > hi) {
        outside++;
        continue;
      }
      c[Math.min(bins - 1, Math.floor((v - lo) / w))]++;
    }
    const [min, max] = extent(vals[i]);
    const mean = vals[i].reduce((a, b) => a + b, 0) / vals[i].length;
    return { name: s.name, color: s.color ?? seriesColor(i), counts: c, total: vals[i].length, outside, mean, min, max };
  });
  return { edges, counts };
}

/**
 * A histogram of one or more series over shared bins. PNG + text in the notebook.
 *
 * ```ts
 * histogram({ series: { "layer 1": w1, "layer 2": w2 }, bins: 40, title: "Weights at init" }).show();
 * ```
 */
export function histogram(o: HistogramOptions): Chart {
  const fn = "histogram";
  const b = binSeries(fn, o);
  checkSize(fn, o);
  const width = o.width ?? 640;
  const height = o.height ?? 340;
  const overlay = b.counts.length > 1;
  const draw = () => {
    const marks: Plot.Markish[] = [];
    for (const s of b.counts) {
      const data = s.counts.map((c, k) => ({ x1: b.edges[k], x2: b.edges[k + 1], y: o.normalize ? c / s.total : c }));
      marks.push(
        Plot.rectY(data, {
          x1: "x1",
          x2: "x2",
          y: "y",
          fill: s.color,
          fillOpacity: overlay ? 0.45 : 0.85,
          stroke: overlay ? s.color : "white",
          strokeWidth: overlay ? 1 : 0.5,
          insetLeft: overlay ? 0 : 0.5,
          insetRight: overlay ? 0 : 0.5,
          ariaDescription: attrSafe(s.name),
        }),
      );
    }
    marks.push(Plot.ruleY([0]));
    const plot = plotSvg({
      width,
      height,
      ...XY_MARGINS,
      grid: true,
      x: { domain: [b.edges[0], b.edges[b.edges.length - 1]], label: o.xLabel ?? null, labelAnchor: "center", labelArrow: "none" },
      y: {
        label: o.yLabel ?? (o.normalize ? "fraction" : "count"),
        labelAnchor: "center",
        labelArrow: "none",
        nice: true,
        tickFormat: o.normalize ? undefined : (v: number) => (Number.isInteger(v) ? String(v) : ""),
      },
      marks,
    });
    const showLegend = o.legend ?? b.counts.length > 1;
    const legend: LegendItem[] = showLegend ? b.counts.map((s) => ({ label: s.name, color: s.color, shape: "square" as const })) : [];
    return composeSvg({ plot, width, height, title: o.title, subtitle: o.subtitle, caption: o.caption, legend });
  };
  const bins = b.edges.length - 1;
  const lines = [`Histogram${o.title ? `: ${o.title}` : ""}`];
  if (o.subtitle) lines.push(o.subtitle);
  lines.push(`${o.xLabel ?? "value"}: ${bins} bins from ${fmt(b.edges[0])} to ${fmt(b.edges[bins])}`);
  for (const s of b.counts) {
    const peak = s.counts.indexOf(Math.max(...s.counts));
    lines.push(
      `- ${s.name}: ${s.total} values, min ${fmt(s.min)}, mean ${fmt(s.mean)}, max ${fmt(s.max)}, ` +
        `fullest bin [${fmt(b.edges[peak])}, ${fmt(b.edges[peak + 1])}) with ${s.counts[peak]}` +
        (s.outside > 0 ? `, ${s.outside} outside the range` : ""),
    );
  }
  return new Chart("Histogram", draw, lines.join("\n"));
}
