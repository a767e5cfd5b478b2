/**
 * Charts of the bias–variance lesson, drawn like the pack's other static charts (Observable
 * Plot in Node → PNG + text, through lib/plot's render helpers):
 *
 * - {@link decompositionChart}: test error over λ or degree as stacked areas bias² + variance +
 *   noise, with the measured test MSE (±2 standard errors) on top: the U shape and where it
 *   comes from, at a glance;
 * - {@link cloudChart}: a cloud of simulated estimates θ̂ with covariance ellipses over it.
 *
 * They live here rather than in lib/plot because they draw lib/stats's own tables.
 */
import * as Plot from "@observablehq/plot";
import { Chart } from "../plot/chart";
import { logTickLabel, logTicks } from "../plot/line";
import { composeSvg, plotSvg, XY_MARGINS, type LegendItem } from "../plot/render";
import { fmtNum } from "./format";
import type { SweepTable } from "./sweep";

/** Colours of the three parts and of the measured total. */
export const DECOMPOSITION_COLORS = { bias2: "#4269d0", variance: "#ff725c", noise: "#c9c9c9", testMse: "#111111" } as const;

/** Options of {@link decompositionChart}. */
export interface DecompositionChartOptions {
  title?: string;
  subtitle?: string;
  /** Logarithmic x axis (default: true for a λ sweep, false for a degree sweep). λ = 0 cannot go on it. */
  logX?: boolean;
  /** Stack the exact theory instead of the simulated estimates where the table has it (default false: simulation). */
  stackTheory?: boolean;
  /** Draw the theory's test MSE as a dashed line where the table has it (default true). */
  showTheory?: boolean;
  /** Fix the y range (default 0 to a little above the largest test MSE). */
  yDomain?: [number, number];
  width?: number;
  height?: number;
}

/**
 * Stacked areas of bias², variance and noise over the swept setting, the measured test MSE as
 * dots with ±2 standard-error bars, and the theoretical test MSE dashed. A slightly negative
 * bias² estimate (it is unbiased, so it can dip below 0 when the true bias² is 0) is drawn as 0.
 */
export function decompositionChart(table: SweepTable, o: DecompositionChartOptions = {}): Chart {
  const fn = "decompositionChart";
  if (table == null || !Array.isArray(table.rows) || table.rows.length === 0) {
    throw new TypeError(`${fn}: pass the table returned by lambdaSweep or degreeSweep.`);
  }
  const over = table.over;
  const logX = o.logX ?? over === "lambda";
  const xs = table.rows.map((r) => (over === "lambda" ? r.lambda : r.degree ?? NaN));
  if (xs.some((x) => !Number.isFinite(x))) throw new RangeError(`${fn}: the table has rows without a ${over}.`);
  if (logX && xs.some((x) => x <= 0)) {
    throw new RangeError(`${fn}: λ = 0 cannot go on a log axis; pass logX: false, or sweep over positive λ only (e.g. 0.001 to 100).`);
  }
  const useTheory = !!o.stackTheory && table.rows.every((r) => r.theory);
  const data = table.rows.map((r, k) => {
    const src = useTheory ? r.theory! : r;
    const b = Math.max(0, src.bias2), v = Math.max(0, src.variance), n = Math.max(0, src.noise);
    return { x: xs[k], b0: 0, b1: b, v1: b + v, n1: b + v + n, mse: r.testMse, lo: r.testMse - 2 * r.testMseSe, hi: r.testMse + 2 * r.testMseSe, th: r.theory?.testMse };
  });
  const showTheory = (o.showTheory ?? true) && data.every((d) => d.th !== undefined);
  const width = o.width ?? 640, height = o.height ?? 360;
  const ymax = Math.max(...data.map((d) => Math.max(d.hi, d.n1, d.th ?? 0)));
  const yDomain = o.yDomain ?? [0, ymax * 1.05];
  const xDomain: [number, number] = [Math.min(...xs), Math.max(...xs)];
  const C = DECOMPOSITION_COLORS;
  const draw = () => {
    const marks: Plot.Markish[] = [
      Plot.areaY(data, { x: "x", y1: "b0", y2: "b1", fill: C.bias2, fillOpacity: 0.85, clip: true }),
      Plot.areaY(data, { x: "x", y1: "b1", y2: "v1", fill: C.variance, fillOpacity: 0.85, clip: true }),
      Plot.areaY(data, { x: "x", y1: "v1", y2: "n1", fill: C.noise, fillOpacity: 0.9, clip: true }),
    ];
    if (showTheory) marks.push(Plot.line(data, { x: "x", y: "th", stroke: C.testMse, strokeWidth: 1.5, strokeDasharray: "6,4", clip: true }));
    marks.push(
      Plot.ruleX(data, { x: "x", y1: "lo", y2: "hi", stroke: C.testMse, strokeWidth: 1.5, clip: true }),
      Plot.dot(data, { x: "x", y: "mse", fill: C.testMse, r: 3.2, clip: true }),
    );
    const plot = plotSvg({
      width, height, ...XY_MARGINS, grid: true,
      x: {
        type: logX ? "log" : "linear", domain: xDomain, label: over === "lambda" ? "ridge penalty λ" : "polynomial degree",
        labelAnchor: "center", labelArrow: "none",
        ticks: logX ? logTicks(xDomain[0], xDomain[1]) : over === "degree" ? xs : undefined,
        tickFormat: logX ? logTickLabel : undefined,
      },
      y: { domain: yDomain, label: "expected test error", labelAnchor: "center", labelArrow: "none" },
      marks,
    });
    const legend: LegendItem[] = [
      { label: "bias²", color: C.bias2, shape: "square" },
      { label: "variance", color: C.variance, shape: "square" },
      { label: "noise σ²", color: C.noise, shape: "square" },
      { label: "test MSE (simulated, ±2 se)", color: C.testMse, shape: "dot" },
    ];
    if (showTheory) legend.push({ label: "test MSE (theory)", color: C.testMse, dash: "6,4" });
    return composeSvg({ plot, width, height, title: o.title, subtitle: o.subtitle, legend });
  };
  const best = table.best;
  const lines = [
    `Stacked bias–variance chart${o.title ? `: ${o.title}` : ""} over ${over === "lambda" ? "λ" : "degree"}${logX ? " (log scale)" : ""}, ${useTheory ? "theory" : "simulation"} stacked`,
    ...table.rows.map((r, k) =>
      `${over === "lambda" ? "λ" : "degree"} ${fmtNum(xs[k])}: bias² ${fmtNum(r.bias2)}, variance ${fmtNum(r.variance)}, noise ${fmtNum(r.noise)}, test MSE ${fmtNum(r.testMse)} ± ${fmtNum(r.testMseSe)}` +
        (r.theory ? ` (theory ${fmtNum(r.theory.testMse)})` : ""),
    ),
    `lowest test MSE at ${over === "lambda" ? "λ" : "degree"} ${fmtNum(over === "lambda" ? best.lambda : best.degree!)}`,
  ];
  return new Chart("Bias–variance chart", draw, lines.join("\n"));
}

/** One ellipse (or other closed curve) over the cloud. */
export interface CloudCurve {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  dash?: boolean;
}

/** Options of {@link cloudChart}. */
export interface CloudChartOptions {
  /** The estimates as [x, y] pairs (e.g. two coordinates of each θ̂), one group or several. */
  clouds: { name: string; points: ReadonlyArray<ArrayLike<number>>; color?: string }[];
  /** Curves drawn over the cloud, e.g. the 95% covariance ellipse of theory. */
  curves?: CloudCurve[];
  /** A marked point, e.g. the true θ. */
  marker?: { name: string; x: number; y: number };
  title?: string;
  subtitle?: string;
  xLabel?: string;
  yLabel?: string;
  /** Equal scales on both axes (default true unless a range is given), so a round cloud looks round. */
  equalAxes?: boolean;
  /** Fix the x range (points outside are clipped); default the data range. */
  x?: [number, number];
  /** Fix the y range (points outside are clipped); default the data range. */
  y?: [number, number];
  width?: number;
  height?: number;
}

const CLOUD_COLORS = ["#4269d0", "#ff725c", "#3ca951", "#a463f2"];

/** A cloud of 2-D estimates (small translucent dots) with curves such as covariance ellipses over it. */
export function cloudChart(o: CloudChartOptions): Chart {
  const fn = "cloudChart";
  if (o == null || !Array.isArray(o.clouds) || o.clouds.length === 0) throw new TypeError(`${fn}: pass clouds: [{ name, points: [[x, y], …] }].`);
  const clouds = o.clouds.map((c, i) => {
    const pts = c.points.map((p, k) => {
      if (p == null || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw new RangeError(`${fn}: ${c.name} point ${k} is not a finite [x, y] pair.`);
      return { x: p[0], y: p[1] };
    });
    return { name: c.name, color: c.color ?? CLOUD_COLORS[i % CLOUD_COLORS.length], pts };
  });
  const curves = (o.curves ?? []).map((c, i) => {
    if (c.x.length !== c.y.length) throw new RangeError(`${fn}: curve ${c.name} has ${c.x.length} x but ${c.y.length} y values.`);
    return { name: c.name, dash: c.dash, color: c.color ?? ["#111111", "#8a4b00", "#555"][i % 3], pts: Array.from(c.x, (x, k) => ({ x, y: c.y[k] })) };
  });
  const all = [...clouds.flatMap((c) => c.pts), ...curves.flatMap((c) => c.pts), ...(o.marker ? [o.marker] : [])];
  let [x0, x1] = [Math.min(...all.map((p) => p.x)), Math.max(...all.map((p) => p.x))];
  let [y0, y1] = [Math.min(...all.map((p) => p.y)), Math.max(...all.map((p) => p.y))];
  const width = o.width ?? 520, height = o.height ?? 440;
  const innerW = width - XY_MARGINS.marginLeft - XY_MARGINS.marginRight, innerH = height - XY_MARGINS.marginTop - XY_MARGINS.marginBottom;
  const padX = 0.06 * (x1 - x0 || 1), padY = 0.06 * (y1 - y0 || 1);
  [x0, x1, y0, y1] = [x0 - padX, x1 + padX, y0 - padY, y1 + padY];
  for (const [name, r] of [["x", o.x], ["y", o.y]] as const) {
    if (r !== undefined && !(Array.isArray(r) && r.length === 2 && Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] < r[1])) {
      throw new RangeError(`${fn}: ${name} must be a range [lo, hi] with finite lo < hi, got ${JSON.stringify(r)}.`);
    }
  }
  if (o.x) [x0, x1] = o.x;
  if (o.y) [y0, y1] = o.y;
  if (o.equalAxes ?? (o.x === undefined && o.y === undefined)) {
    // Same units per pixel on both axes: widen the range that is too short.
    const ux = (x1 - x0) / innerW, uy = (y1 - y0) / innerH;
    if (ux > uy) { const c = (y0 + y1) / 2, h = (ux * innerH) / 2; [y0, y1] = [c - h, c + h]; }
    else { const c = (x0 + x1) / 2, h = (uy * innerW) / 2; [x0, x1] = [c - h, c + h]; }
  }
  const draw = () => {
    const marks: Plot.Markish[] = [];
    for (const c of clouds) marks.push(Plot.dot(c.pts, { x: "x", y: "y", fill: c.color, fillOpacity: 0.35, r: 1.8, clip: true }));
    for (const c of curves) marks.push(Plot.line(c.pts, { x: "x", y: "y", stroke: c.color, strokeWidth: 2.2, strokeDasharray: c.dash ? "6,4" : undefined, clip: true }));
    if (o.marker) marks.push(Plot.dot([o.marker], { x: "x", y: "y", symbol: "cross", fill: "#111", stroke: "white", r: 7, clip: true }));
    marks.push(Plot.frame({ stroke: "#999" }));
    const plot = plotSvg({
      width, height, ...XY_MARGINS, grid: true,
      x: { domain: [x0, x1], label: o.xLabel ?? "θ̂₁", labelAnchor: "center", labelArrow: "none" },
      y: { domain: [y0, y1], label: o.yLabel ?? "θ̂₂", labelAnchor: "center", labelArrow: "none" },
      marks,
    });
    const legend: LegendItem[] = [
      ...clouds.map((c) => ({ label: c.name, color: c.color, shape: "dot" as const })),
      ...curves.map((c) => ({ label: c.name, color: c.color, dash: c.dash ? "6,4" : undefined })),
      ...(o.marker ? [{ label: `${o.marker.name} (+)`, color: "#111", shape: "dot" as const }] : []),
    ];
    return composeSvg({ plot, width, height, title: o.title, subtitle: o.subtitle, legend });
  };
  const lines = [
    `Cloud chart${o.title ? `: ${o.title}` : ""}`,
    ...clouds.map((c) => `${c.name}: ${c.pts.length} points`),
    ...curves.map((c) => `curve ${c.name}: ${c.pts.length} points`),
    ...(o.marker ? [`marker ${o.marker.name} at (${fmtNum(o.marker.x)}, ${fmtNum(o.marker.y)})`] : []),
  ];
  return new Chart("Cloud chart", draw, lines.join("\n"));
}
