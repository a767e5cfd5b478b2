/**
 * Interactive charts with plotly.js. plotly.js cannot run in Node (it needs a browser), so the
 * figure spec (data + layout) is built here and drawn by the front end.
 *
 * One output carries:
 * - `application/vnd.plotly.v1+json`: drawn by JupyterLab when the plotly extension is present;
 * - `text/html`: a `<div>` holding the static PNG, and a script that replaces it with the
 *   interactive plot using the plotly.js bundle from npm `plotly.js-dist-min` (works in classic
 *   Notebook 6 and JupyterLab without any extension, and in nbconvert's HTML export);
 * - `image/png` + `text/plain`: the static fallback for untrusted notebooks and GitHub.
 *
 * The plotly.js bundle is ~4.8 MB. By default the first chart shown in a kernel session loads it
 * into the page through an output of its own that is emptied at once (see {@link loadPlotlyIntoPage}):
 * every chart of the page then draws with it, and the saved notebook does not carry it (a lesson
 * with one 3-D chart was 6 MB on disk). See {@link setPlotlyInclusion} for the other modes.
 */
import * as fs from "fs";
import * as path from "path";
import { Chart } from "./chart";
import { display, displayBundle, newDisplayId, MimeBundle, MimeMetadata } from "./display";
import { escapeXml, FONT_FAMILY } from "./render";
import { lineChart, resolveLineSeries, describeLines, LineChartOptions } from "./line";
import {
  contourChart,
  contourLevels,
  describeContour,
  resolvePaths,
  sampleField,
  ContourChartOptions,
  PathSeries,
  MAP_HIGH,
  MAP_LOW,
} from "./contour";
import { checkCount, checkRange, checkSize, fmt } from "./validate";

/** The MIME type of a plotly figure (rendered by JupyterLab's plotly extension). */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** A plotly figure: traces, layout, and optional config (plain JSON). */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** When the plotly.js bundle goes into an output's HTML. */
export type PlotlyInclusion = "once" | "always" | "never";

const SESSION_KEY = "__descentPlotlyIncluded";
let inclusion: PlotlyInclusion = "once";

/**
 * Choose how the 4.8 MB plotly.js bundle reaches the page:
 * "once" (default: the first chart shown in this kernel session loads it into the page and the
 * saved notebook keeps none of it, see {@link loadPlotlyIntoPage}; after reloading the page, call
 * `setPlotlyInclusion("once")` and re-run a chart cell), "always" (every chart's HTML carries
 * the bundle: self-contained, e.g. for an HTML export, but 4.8 MB per chart on disk), or "never"
 * (the page already has `window.Plotly`). A chart whose page has no plotly.js shows its static PNG.
 */
export function setPlotlyInclusion(mode: PlotlyInclusion): void {
  if (mode !== "once" && mode !== "always" && mode !== "never") {
    throw new Error(`setPlotlyInclusion: mode must be "once", "always" or "never", got ${JSON.stringify(mode)}`);
  }
  inclusion = mode;
  (globalThis as Record<string, unknown>)[SESSION_KEY] = false;
}

function sessionHasPlotly(): boolean {
  return (globalThis as Record<string, unknown>)[SESSION_KEY] === true;
}

/** What the loader's output says once plotly.js is in the page (all a saved notebook keeps of it). */
export const PLOTLY_LOADED_NOTE = "(plotly.js loaded into this page for the interactive charts; not saved with the notebook)";

/**
 * Runs plotly.js in the notebook page without keeping it in the notebook: one output carries the
 * bundle as an inline script, which the front end executes as it inserts the output (defining
 * `window.Plotly` for the whole page), and an `update_display_data` then replaces that output
 * with one line of text, so neither the saved notebook nor a re-rendered page holds the 4.8 MB
 * again. Charts shown after it draw with `window.Plotly`; where scripts do not run (untrusted
 * notebooks, GitHub) they keep their static PNG. Called by `show()` in "once" mode.
 */
export function loadPlotlyIntoPage(): void {
  const id = newDisplayId();
  displayBundle({ "text/html": plotlyScriptTag(), "text/plain": "" }, { displayId: id });
  // A line of plain text, not an empty HTML part: JupyterLab draws an empty text/html output as
  // an empty box, and a student may wonder what the output under the chart cell is for.
  displayBundle({ "text/plain": PLOTLY_LOADED_NOTE }, { displayId: id, update: true });
  (globalThis as Record<string, unknown>)[SESSION_KEY] = true;
}

let bundleCache: string | undefined;

/**
 * The plotly.js bundle as an inline `<script>`, made safe for HTML: `</script` and `<!--`
 * never appear literally (they would end or confuse the script element).
 */
export function plotlyScriptTag(): string {
  if (bundleCache === undefined) {
    let file: string;
    try {
      file = path.join(path.dirname(require.resolve("plotly.js-dist-min/package.json")), "plotly.min.js");
    } catch {
      throw new Error("lib/plot: npm package `plotly.js-dist-min` is not installed; run `npm ci` in the pack root");
    }
    const js = fs.readFileSync(file, "utf8").replace(/<\/script/gi, "<\\/script").replace(/<!--/g, "<\\!--");
    bundleCache = `<script type="text/javascript">${js}\n</script>`;
  }
  return bundleCache;
}

/** JSON for embedding inside a `<script>`: `<`, `>` and `&` escaped as \u00XX. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

let divCounter = 0;

/** An interactive plotly chart with a static fallback. Made by `surface3d`, `interactiveLineChart`, `interactiveContourChart`. */
export class InteractiveChart {
  /**
   * @param kind short kind name used in the description
   * @param figure the plotly figure (JSON)
   * @param fallback static chart shown where scripts cannot run (its PNG goes in the bundle)
   * @param description the text/plain alternative
   */
  constructor(
    readonly kind: string,
    private readonly figure: PlotlyFigure,
    private readonly fallback: Chart,
    private readonly description: string,
  ) {}

  /** A deep copy of the plotly figure (data, layout, config). */
  spec(): PlotlyFigure {
    return JSON.parse(JSON.stringify(this.figure)) as PlotlyFigure;
  }

  /** The static fallback chart (PNG + text). */
  staticChart(): Chart {
    return this.fallback;
  }

  /** PNG bytes of the static fallback. */
  png(): Uint8Array {
    return this.fallback.png();
  }

  /** The text alternative. */
  text(): string {
    return this.description;
  }

  /**
   * HTML that shows the static PNG, then replaces it with the interactive plot once
   * `window.Plotly` exists (waiting up to 60 s, e.g. while an earlier output loads the bundle).
   */
  html(opts: { includePlotly?: boolean } = {}): string {
    const id = `descent-plotly-${process.pid}-${Date.now().toString(36)}-${++divCounter}`;
    const { width, height } = this.fallback.size();
    const png = Buffer.from(this.fallback.png()).toString("base64");
    const fig = { data: this.figure.data, layout: this.figure.layout, config: this.figure.config ?? { responsive: true } };
    const h = Number((this.figure.layout as { height?: number }).height ?? height);
    const draw =
      `<script type="text/javascript">(function () {\n` +
      `  var fig = ${scriptJson(fig)};\n` +
      `  var tries = 0;\n` +
      `  function draw() {\n` +
      `    var el = document.getElementById(${scriptJson(id)});\n` +
      `    if (!el || !window.Plotly) { if (tries++ < 600) setTimeout(draw, 100); return; }\n` +
      `    el.innerHTML = ""; el.style.height = "${h}px";\n` +
      `    window.Plotly.newPlot(el, fig.data, fig.layout, fig.config);\n` +
      `  }\n` +
      `  draw();\n` +
      `})();</script>`;
    return (
      (opts.includePlotly ? plotlyScriptTag() : "") +
      `<div id="${id}" class="descent-plotly" style="max-width:100%">` +
      `<img src="data:image/png;base64,${png}" width="${width}" height="${height}" style="max-width:100%;height:auto" ` +
      `alt="${escapeXml(this.description.split("\n")[0])}"/></div>` +
      draw
    );
  }

  /** Whether showing this chart now would inline the plotly.js bundle in its own HTML ("always" mode only; see {@link setPlotlyInclusion}). */
  willIncludePlotly(): boolean {
    return inclusion === "always";
  }

  /**
   * The notebook bundle: plotly JSON, HTML with script (and the plotly.js bundle when
   * `includePlotly`, default per {@link setPlotlyInclusion}), PNG fallback and text.
   */
  mimeBundle(opts: { includePlotly?: boolean } = {}): MimeBundle {
    const include = opts.includePlotly ?? this.willIncludePlotly();
    return {
      [PLOTLY_MIME]: { data: this.figure.data, layout: this.figure.layout, config: this.figure.config ?? {} },
      "text/html": this.html({ includePlotly: include }),
      "image/png": this.fallback.png(),
      "text/plain": this.description,
    };
  }

  /** Display size of the PNG fallback. */
  mimeMetadata(): MimeMetadata {
    return this.fallback.mimeMetadata();
  }

  /**
   * Show as one notebook output (interactive where scripts run, static PNG elsewhere). In "once"
   * mode the first chart of a kernel session first loads plotly.js into the page ({@link loadPlotlyIntoPage}).
   */
  show(): void {
    if (inclusion === "once" && !sessionHasPlotly()) loadPlotlyIntoPage();
    const bundle = this.mimeBundle({ includePlotly: this.willIncludePlotly() });
    display({ mimeBundle: () => bundle, mimeMetadata: () => this.mimeMetadata() });
  }

  /** Printed as the last expression of a cell: short, and says how to draw it. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `${this.description}\n(call .show() to draw it)`;
  }

  toString(): string {
    return this.description;
  }
}

const FONT = { family: `${FONT_FAMILY}, Verdana, sans-serif`, size: 12 };

function baseLayout(o: { title?: string; subtitle?: string; width?: number; height?: number }, width: number, height: number) {
  const title = o.title ? (o.subtitle ? `${o.title}<br><sup>${escapeXml(o.subtitle)}</sup>` : o.title) : undefined;
  return {
    width,
    height,
    font: FONT,
    title: title ? { text: title, x: 0.02, xanchor: "left" } : undefined,
    margin: { l: 60, r: 20, t: title ? 60 : 20, b: 50 },
    paper_bgcolor: "white",
    plot_bgcolor: "white",
  } as Record<string, unknown>;
}

/**
 * The interactive version of {@link lineChart} (same options): hover values, zoom, toggle
 * series by clicking the legend. The static fallback is `lineChart(o)`.
 */
export function interactiveLineChart(o: LineChartOptions): InteractiveChart {
  const fn = "interactiveLineChart";
  const series = resolveLineSeries(fn, o);
  const fallback = lineChart(o);
  const width = o.width ?? 640;
  const height = (o.height ?? 360) + (o.title ? 60 : 20);
  const layout = baseLayout(o, width, height);
  const steps = series.every((s) => s.x.every((v, i) => v === i));
  layout.xaxis = { title: { text: o.xLabel ?? (steps ? "step" : "") }, type: o.logX ? "log" : "linear", range: o.xDomain && (o.logX ? o.xDomain.map(Math.log10) : o.xDomain), showgrid: true };
  layout.yaxis = { title: { text: o.yLabel ?? "" }, type: o.logY ? "log" : "linear", range: o.yDomain && (o.logY ? o.yDomain.map(Math.log10) : o.yDomain), showgrid: true, exponentformat: "power" };
  layout.legend = { orientation: "h", y: 1.02, yanchor: "bottom", x: 0 };
  layout.showlegend = o.legend ?? series.length > 1;
  const data = series.map((s) => ({
    type: "scatter",
    mode: s.dots ? "lines+markers" : "lines",
    name: s.name,
    x: s.x,
    y: s.y,
    line: { color: s.color, width: s.strokeWidth, dash: s.dash ? "dash" : "solid" },
  }));
  return new InteractiveChart("Interactive line chart", { data, layout }, fallback, describeLines("Interactive line chart", o, series));
}

/** Plotly colour scale matching the static contour map (light at the minimum). */
const MAP_COLORSCALE = [
  [0, MAP_LOW],
  [1, MAP_HIGH],
];

function pathTraces(paths: ReturnType<typeof resolvePaths>) {
  return paths.map((p) => ({
    type: "scatter",
    mode: p.dots ? "lines+markers" : "lines",
    name: p.name,
    x: p.x,
    y: p.y,
    line: { color: p.color, width: 2 },
    marker: { color: p.color, size: 5 },
  }));
}

/**
 * The interactive version of {@link contourChart} (same options): hover shows f(x, y), zoom
 * into the valley. The static fallback is `contourChart(o)`.
 */
export function interactiveContourChart(o: ContourChartOptions): InteractiveChart {
  const fn = "interactiveContourChart";
  if (o == null) throw new Error(`${fn}: give options { f, x: [xmin, xmax], y: [ymin, ymax] }`);
  const xr = checkRange(fn, "x", o.x);
  const yr = checkRange(fn, "y", o.y);
  const n = checkCount(fn, "resolution", o.resolution ?? 100, 10, 400);
  const grid = sampleField(fn, o.f, xr, yr, n);
  const thresholds = contourLevels(fn, grid, o.levels, o.levelSpacing ?? "quantile");
  const paths = resolvePaths(fn, o.paths);
  const fallback = contourChart({ ...o, resolution: n });
  const { width, height } = fallback.size();
  const layout = baseLayout(o, width, height);
  layout.xaxis = { title: { text: o.xLabel ?? "x" }, range: xr, constrain: "domain" };
  layout.yaxis = { title: { text: o.yLabel ?? "y" }, range: yr, ...(o.aspect === "fill" ? {} : { scaleanchor: "x", scaleratio: 1 }) };
  layout.legend = { orientation: "h", y: 1.02, yanchor: "bottom", x: 0 };
  // Plotly draws contours at uniform levels only. To get the same (quantile/log/explicit)
  // levels as the static map, we contour the piecewise-linear "level index" of f, which crosses
  // k + 0.5 exactly where f crosses threshold k; hover still shows f itself.
  const rank = (v: number) => {
    let k = 0;
    while (k < thresholds.length && v >= thresholds[k]) k++;
    if (k === 0) return thresholds.length > 0 ? 0.5 * (v - grid.min) / Math.max(thresholds[0] - grid.min, 1e-300) : 0;
    if (k === thresholds.length) return k - 0.5 + 0.5 * (v - thresholds[k - 1]) / Math.max(grid.max - thresholds[k - 1], 1e-300);
    return k - 0.5 + (v - thresholds[k - 1]) / (thresholds[k] - thresholds[k - 1]);
  };
  const rows = Array.from({ length: grid.ny }, (_, j) => grid.z.slice(j * grid.nx, (j + 1) * grid.nx));
  const data: Record<string, unknown>[] = [
    {
      type: "contour",
      name: "f",
      x: grid.xs,
      y: grid.ys,
      z: rows.map((row) => row.map(rank)),
      customdata: rows,
      colorscale: MAP_COLORSCALE,
      showscale: false,
      autocontour: false,
      contours: { coloring: "fill", showlines: true, start: 0.5, end: Math.max(0.5, thresholds.length - 0.5), size: 1 },
      line: { color: "rgba(47,95,143,0.35)", width: 0.7 },
      hovertemplate: "x=%{x:.3g}<br>y=%{y:.3g}<br>f=%{customdata:.4g}<extra></extra>",
      showlegend: false,
    },
    ...pathTraces(paths),
  ];
  const text = describeContour(o, xr, yr, grid, thresholds, paths).replace(/^Contour map/, "Interactive contour map");
  return new InteractiveChart("Interactive contour map", { data, layout }, fallback, text);
}

/** Options of {@link surface3d}. */
export interface SurfaceOptions {
  /** The function to draw; must be finite over the box. */
  f: (x: number, y: number) => number;
  x: [number, number];
  y: [number, number];
  /** Optimiser paths, drawn on the surface at height f(x, y). */
  paths?: PathSeries[];
  /** Grid samples per side (default 60; 10..200). */
  resolution?: number;
  title?: string;
  subtitle?: string;
  xLabel?: string;
  yLabel?: string;
  zLabel?: string;
  /** Plotly colour scale name (default "Viridis"). */
  colorscale?: string;
  width?: number;
  height?: number;
}

/** −1 or +1: the half of `range` holding most of `values` (by their mean); `fallback` without values. */
function side(values: number[], range: [number, number], fallback: 1 | -1): 1 | -1 {
  if (values.length === 0) return fallback;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const mid = (range[0] + range[1]) / 2;
  return mean === mid ? fallback : mean < mid ? -1 : 1;
}

/**
 * A rotatable 3-D surface z = f(x, y) with optional optimiser paths on it (plotly only). The
 * static fallback is a contour map of the same function with the same paths.
 */
export function surface3d(o: SurfaceOptions): InteractiveChart {
  const fn = "surface3d";
  if (o == null) throw new Error(`${fn}: give options { f, x: [xmin, xmax], y: [ymin, ymax] }`);
  checkSize(fn, o);
  const xr = checkRange(fn, "x", o.x);
  const yr = checkRange(fn, "y", o.y);
  const n = checkCount(fn, "resolution", o.resolution ?? 60, 10, 200);
  const grid = sampleField(fn, o.f, xr, yr, n);
  const paths = resolvePaths(fn, o.paths);
  const pathZ = paths.map((p) =>
    p.x.map((x, i) => {
      const v = o.f(x, p.y[i]);
      if (!Number.isFinite(v)) throw new Error(`${fn}: f is ${v} at point ${i} of path "${p.name}"; keep paths where f is finite`);
      return v;
    }),
  );
  const fallback = contourChart({
    f: o.f,
    x: xr,
    y: yr,
    paths: o.paths,
    title: o.title,
    subtitle: o.subtitle,
    xLabel: o.xLabel,
    yLabel: o.yLabel,
    caption: "Static view from above; run the notebook to rotate the 3-D surface.",
    resolution: Math.max(n, 80),
  });
  const width = o.width ?? 640;
  const height = o.height ?? 480;
  const layout = baseLayout(o, width, height);
  // A small top margin: the scene fills the rest (60 px left an empty band under the title).
  layout.margin = { l: 0, r: 0, t: o.title ? (o.subtitle ? 46 : 34) : 6, b: 0 };
  layout.scene = {
    xaxis: { title: { text: o.xLabel ?? "x" } },
    yaxis: { title: { text: o.yLabel ?? "y" } },
    zaxis: { title: { text: o.zLabel ?? "f" } },
    // Fixed proportions: x and y to scale, z a bit lower than x, so steep functions still fit.
    aspectmode: "manual",
    aspectratio: { x: 1, y: Math.max(0.25, Math.min(4, (yr[1] - yr[0]) / (xr[1] - xr[0]))), z: 0.7 },
    // From high up, so a path inside a bowl is seen over the near wall instead of behind it; on
    // the side of the box where the paths lie, so they are in front; and close (|eye| ≈ 1.8
    // instead of plotly's 2.2), so the box fills the figure without an empty band.
    // About 60° above the floor: at 43° a bowl's near wall still hid the path at its bottom.
    camera: { eye: { x: 0.5 * side(paths.flatMap((p) => p.x), xr, 1), y: 0.75 * side(paths.flatMap((p) => p.y), yr, -1), z: 1.6 } },
  };
  // A legend even for a single path (plotly hides a one-entry legend); the surface has no entry.
  layout.showlegend = paths.length > 0;
  layout.legend = { orientation: "h", y: 0.99, x: 0.01, bgcolor: "rgba(255,255,255,0.8)" };
  const z = Array.from({ length: grid.ny }, (_, j) => grid.z.slice(j * grid.nx, (j + 1) * grid.nx));
  // Paths float 2 % of f's range above the surface, so the surface's own shading never covers them.
  const lift = (grid.max - grid.min) * 0.02;
  const data: Record<string, unknown>[] = [
    {
      type: "surface",
      name: "f",
      x: grid.xs,
      y: grid.ys,
      z,
      colorscale: o.colorscale ?? "Viridis",
      showscale: false,
      showlegend: false,
      // See-through when paths are drawn, so a stretch of path behind a fold still shows.
      opacity: paths.length > 0 ? 0.75 : 1,
      contours: { z: { show: true, usecolormap: true, project: { z: true } } },
      hovertemplate: "x=%{x:.3g}<br>y=%{y:.3g}<br>f=%{z:.4g}<extra></extra>",
    },
    ...paths.map((p, k) => ({
      type: "scatter3d",
      mode: "lines+markers",
      name: p.name,
      x: p.x,
      y: p.y,
      z: pathZ[k].map((v) => v + lift),
      showlegend: true,
      line: { color: p.color, width: 7 },
      marker: { color: p.color, size: 3.5, line: { color: "white", width: 1 } },
    })),
  ];
  const lines = [`3-D surface${o.title ? `: ${o.title}` : ""}`];
  if (o.subtitle) lines.push(o.subtitle);
  lines.push(
    `${o.xLabel ?? "x"} from ${fmt(xr[0])} to ${fmt(xr[1])}, ${o.yLabel ?? "y"} from ${fmt(yr[0])} to ${fmt(yr[1])}; ` +
      `${o.zLabel ?? "f"} from ${fmt(grid.min)} (near (${fmt(grid.argmin[0])}, ${fmt(grid.argmin[1])})) to ${fmt(grid.max)}`,
  );
  for (const [k, p] of paths.entries()) {
    const last = p.x.length - 1;
    lines.push(
      `- ${p.name}: ${p.x.length} points, from (${fmt(p.x[0])}, ${fmt(p.y[0])}) to (${fmt(p.x[last])}, ${fmt(p.y[last])}), ` +
        `f from ${fmt(pathZ[k][0])} to ${fmt(pathZ[k][last])}`,
    );
  }
  return new InteractiveChart("3-D surface", { data, layout }, fallback, lines.join("\n"));
}
