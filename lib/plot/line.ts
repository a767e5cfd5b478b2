/**
 * Line charts: loss curves of several optimisers, a theory bound against a measured curve.
 */
import * as Plot from "@observablehq/plot";
import { Chart } from "./chart";
import { clipPolyline, growBox, inBox } from "./clip";
import { attrSafe, composeSvg, plotSvg, seriesColor, ComposeOptions, LegendItem, XY_MARGINS } from "./render";
import { checkDomain, checkNames, checkSize, checkXY, extent, fmt } from "./validate";

/** One curve of a line chart. */
export interface LineSeries {
  /** Legend label; must be unique within the chart. */
  name: string;
  /** The values. */
  y: ArrayLike<number>;
  /** Positions on the x axis; defaults to 0, 1, 2, ... (the step number). */
  x?: ArrayLike<number>;
  /** Dashed line (e.g. a theoretical bound): `true` for the default dash, or an SVG dasharray. */
  dash?: boolean | string;
  /** CSS colour; defaults to the next palette colour. */
  color?: string;
  /** Draw a dot at every point (for short series). Default false. */
  dots?: boolean;
  /** Line width in px (default 2). */
  strokeWidth?: number;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  /**
   * The curves: an array of {@link LineSeries}, or a record `{ name: yValues }` for the
   * common case of curves indexed by step.
   */
  series: LineSeries[] | Record<string, ArrayLike<number>>;
  title?: string;
  subtitle?: string;
  caption?: string;
  /** x-axis label; default "step" when no series gives x, else none. */
  xLabel?: string;
  /** y-axis label; default none. */
  yLabel?: string;
  /** Logarithmic y axis (all y must be > 0). Default false. */
  logY?: boolean;
  /** Logarithmic x axis (all x must be > 0). Default false. */
  logX?: boolean;
  /** Fix the y range instead of fitting the data. */
  yDomain?: [number, number];
  /** Fix the x range instead of fitting the data. */
  xDomain?: [number, number];
  /** Legend above the plot: default shown when there are 2+ series. */
  legend?: boolean;
  /** Grid lines. Default true. */
  grid?: boolean;
  /** Plot width in CSS px (default 640). */
  width?: number;
  /** Plot height in CSS px, without title and legend (default 360). */
  height?: number;
}

/** Series after checking, with resolved colour and dash. */
export interface ResolvedLineSeries {
  name: string;
  x: number[];
  y: number[];
  color: string;
  dash?: string;
  dots: boolean;
  strokeWidth: number;
}

/** Normalise and check the series of a line chart (shared by the static and plotly versions). */
export function resolveLineSeries(fn: string, o: LineChartOptions): ResolvedLineSeries[] {
  if (o == null || o.series == null) throw new Error(`${fn}: give options with a \`series\` array`);
  checkSize(fn, o);
  if (o.xDomain !== undefined) checkDomain(fn, "xDomain", o.xDomain, o.logX ? "logX" : undefined);
  if (o.yDomain !== undefined) checkDomain(fn, "yDomain", o.yDomain, o.logY ? "logY" : undefined);
  const list: LineSeries[] = Array.isArray(o.series)
    ? o.series
    : Object.entries(o.series).map(([name, y]) => ({ name, y }));
  if (list.length === 0) throw new Error(`${fn}: no series given; pass at least one { name, y }`);
  checkNames(fn, list.map((s) => s.name));
  return list.map((s, i) => {
    const { x, y } = checkXY(fn, s.name, s.x, s.y, { logX: o.logX, logY: o.logY });
    const dash = s.dash === true ? "6,4" : typeof s.dash === "string" ? s.dash : undefined;
    return { name: s.name, x, y, color: s.color ?? seriesColor(i), dash, dots: !!s.dots, strokeWidth: s.strokeWidth ?? 2 };
  });
}

const SUPERSCRIPT: Record<string, string> = {
  "-": "\u207b", "0": "\u2070", "1": "\u00b9", "2": "\u00b2", "3": "\u00b3", "4": "\u2074",
  "5": "\u2075", "6": "\u2076", "7": "\u2077", "8": "\u2078", "9": "\u2079",
};

/** Label for a log-axis tick: plain numbers near 1, 10⁻⁶ style for powers of ten far from it. */
export function logTickLabel(v: number): string {
  const k = Math.round(Math.log10(v));
  if (Math.abs(v / Math.pow(10, k) - 1) < 1e-9 && (k < -3 || k > 4)) {
    return "10" + String(k).split("").map((c) => SUPERSCRIPT[c]).join("");
  }
  return fmt(v);
}

/**
 * Tick values for a log axis over [lo, hi]: powers of ten when the range spans many decades,
 * also 2 and 5 times them when it spans few, so labels and grid lines never crowd.
 */
export function logTicks(lo: number, hi: number): number[] {
  // Without this guard log10(0) = -Infinity makes the loop below run forever.
  if (!(lo > 0) || !Number.isFinite(lo) || !Number.isFinite(hi) || !(hi >= lo)) {
    throw new RangeError(`logTicks: a log axis needs 0 < lo <= hi, both finite; got [${lo}, ${hi}]`);
  }
  const decades = Math.log10(hi / lo);
  const mults = decades > 2.5 ? [1] : decades > 1 ? [1, 2, 5] : [1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9];
  const step = decades > 12 ? Math.ceil(decades / 8) : 1;
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    if (((k % step) + step) % step !== 0) continue;
    for (const m of mults) {
      const v = m * Math.pow(10, k);
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(Number(v.toPrecision(12)));
    }
  }
  return out;
}

/** The range a log axis will show: [lo, hi] widened to whole decades (Plot's `nice`). */
function niceLog(lo: number, hi: number): [number, number] {
  return [Math.pow(10, Math.floor(Math.log10(lo) + 1e-9)), Math.pow(10, Math.ceil(Math.log10(hi) - 1e-9))];
}

/** Whole-number ticks when x is a short run of step numbers (Plot would show 0.2, 0.4, ...). */
function stepTicks(series: ResolvedLineSeries[]): number[] | undefined {
  const n = Math.max(...series.map((s) => s.x.length));
  const steps = series.every((s) => s.x.every((v, i) => v === i));
  return steps && n <= 11 ? Array.from({ length: n }, (_, i) => i) : undefined;
}

/** The axis range: the one given, else the data range (whole decades on a log axis). */
function axisDomain(given: [number, number] | undefined, lo: number, hi: number, log: boolean): [number, number] {
  if (given) return given;
  if (log) return lo === hi ? [lo / 2, hi * 2] : niceLog(lo, hi);
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

/** Text alternative of a line chart: title, axes with ranges, and each series' start/end/min. */
export function describeLines(kind: string, o: LineChartOptions, series: ResolvedLineSeries[]): string {
  const allX = series.flatMap((s) => s.x);
  const allY = series.flatMap((s) => s.y);
  const [x0, x1] = extent(allX);
  const [y0, y1] = extent(allY);
  const lines = [`${kind}${o.title ? `: ${o.title}` : ""}`];
  if (o.subtitle) lines.push(o.subtitle);
  const xl = o.xLabel ?? (series.every((s) => s.x.every((v, i) => v === i)) ? "step" : "x");
  lines.push(
    `x: ${xl}${o.logX ? " (log scale)" : ""} from ${fmt(x0)} to ${fmt(x1)}; ` +
      `y: ${o.yLabel ?? "value"}${o.logY ? " (log scale)" : ""} from ${fmt(y0)} to ${fmt(y1)}`,
  );
  lines.push(`${series.length} series:`);
  for (const s of series) {
    const [lo, hi] = extent(s.y);
    lines.push(
      `- ${s.name}${s.dash ? " (dashed)" : ""}: ${s.y.length} points, ` +
        `first ${fmt(s.y[0])}, last ${fmt(s.y[s.y.length - 1])}, min ${fmt(lo)}, max ${fmt(hi)}`,
    );
  }
  return lines.join("\n");
}

/**
 * A static line chart with several labelled series (PNG + text in the notebook).
 *
 * ```ts
 * lineChart({ title: "Loss", logY: true, series: { GD: gdLoss, Adam: adamLoss } }).show();
 * lineChart({ series: [{ name: "measured", y: loss }, { name: "bound", y: bound, dash: true }] });
 * ```
 * Throws on empty series, NaN/Infinity, x/y length mismatch, or non-positive values on a log axis.
 */
export function lineChart(o: LineChartOptions): Chart {
  const series = resolveLineSeries("lineChart", o);
  return new Chart("Line chart", () => drawLines(o, series), describeLines("Line chart", o, series));
}

/**
 * Draw checked series as a composed SVG (shared by {@link lineChart} and live progress, which
 * adds a progress bar through `extra`).
 */
export function drawLines(
  o: LineChartOptions,
  series: ResolvedLineSeries[],
  extra: Partial<ComposeOptions> = {},
): { svg: string; width: number; height: number } {
  const width = o.width ?? 640;
  const height = o.height ?? 360;
  const allY = series.flatMap((s) => s.y);
  const allX = series.flatMap((s) => s.x);
  const [ylo, yhi] = o.yDomain ?? extent(allY);
  const [xlo, xhi] = o.xDomain ?? extent(allX);
  const defaultXLabel = series.every((s) => s.x.every((v, i) => v === i)) ? "step" : undefined;
  const xDomain = axisDomain(o.xDomain, xlo, xhi, !!o.logX);
  const yDomain = axisDomain(o.yDomain, ylo, yhi, !!o.logY);
  const marks: Plot.Markish[] = [];
  // Series are clipped to a box a little larger than the axes before drawing (in log space on a
  // log axis, where the lines are straight): points far outside a fixed domain otherwise reach
  // the rasterizer as huge coordinates and abort the kernel (see clip.ts).
  const fx = o.logX ? Math.log10 : (v: number) => v, gx = o.logX ? (v: number) => 10 ** v : (v: number) => v;
  const fy = o.logY ? Math.log10 : (v: number) => v, gy = o.logY ? (v: number) => 10 ** v : (v: number) => v;
  const box = growBox({ x: [fx(xDomain[0]), fx(xDomain[1])], y: [fy(yDomain[0]), fy(yDomain[1])] }, 0.05);
  for (const s of series) {
    const data = s.x.map((x, i) => ({ x, y: s.y[i] })).filter((d) => inBox(box, fx(d.x), fy(d.y)));
    const clipped = clipPolyline(s.x.map(fx), s.y.map(fy), box).map((d) => ({ x: gx(d.x), y: gy(d.y) }));
    marks.push(
      Plot.line(clipped, {
        x: "x",
        y: "y",
        stroke: s.color,
        strokeWidth: s.strokeWidth,
        strokeDasharray: s.dash,
        ariaDescription: attrSafe(s.name),
        clip: true,
      }),
    );
    if (s.dots || data.length === 1) marks.push(Plot.dot(data, { x: "x", y: "y", fill: s.color, r: 2.5, clip: true }));
  }
  const plot = plotSvg({
    width,
    height,
    ...XY_MARGINS,
    grid: o.grid ?? true,
    x: {
      type: o.logX ? "log" : "linear",
      label: o.xLabel ?? defaultXLabel ?? null,
      labelAnchor: "center",
      labelArrow: "none",
      domain: xDomain,
      ticks: o.logX ? logTicks(xDomain[0], xDomain[1]) : stepTicks(series),
      tickFormat: o.logX ? logTickLabel : undefined,
    },
    y: {
      type: o.logY ? "log" : "linear",
      label: o.yLabel ?? null,
      labelAnchor: "center",
      labelArrow: "none",
      domain: yDomain,
      nice: !o.yDomain && !o.logY,
      ticks: o.logY ? logTicks(yDomain[0], yDomain[1]) : undefined,
      tickFormat: o.logY ? logTickLabel : undefined,
    },
    marks,
  });
  const showLegend = o.legend ?? series.length > 1;
  const legend: LegendItem[] = showLegend ? series.map((s) => ({ label: s.name, color: s.color, dash: s.dash })) : [];
  return composeSvg({ plot, width, height, title: o.title, subtitle: o.subtitle, caption: o.caption, legend, ...extra });
}
