/**
 * Live progress for long training loops: one notebook output, replaced in place (Jupyter
 * `update_display_data`), showing a progress bar and a chart of the metrics so far.
 *
 * Each frame is a PNG (bar + chart, drawn by the static chart path) plus a text/plain bar, so
 * the final state survives in saved notebooks, nbconvert and GitHub. Redraws are throttled:
 * at most one every `interval` ms, and never more often than 4× the time the last frame took
 * to draw (so drawing costs at most ~20% of the loop), always on the last step and on `done()`.
 */
import { Chart } from "./chart";
import { displayBundle, displayTarget, newDisplayId, MimeBundle, MimeMetadata } from "./display";
import { drawLines, ResolvedLineSeries } from "./line";
import { seriesColor, svgToPng } from "./render";
import { checkSize, fmt } from "./validate";

/** Options of {@link liveProgress}. */
export interface LiveProgressOptions {
  /** Number of steps the loop will run (the bar is full at `step === total`). */
  total: number;
  /** Shown before the bar and as the chart title. */
  title?: string;
  /** Draw a chart of the metrics (default true); false gives a text-only bar. */
  chart?: boolean;
  /** Logarithmic y axis for the metrics chart (non-positive values are skipped, and said so). */
  logY?: boolean;
  xLabel?: string;
  yLabel?: string;
  /** Minimum time between redraws in ms (default 100). */
  interval?: number;
  /** Chart width in CSS px (default 560). */
  width?: number;
  /** Chart height in CSS px, without bar and legend (default 240). */
  height?: number;
  /** Clock in ms (default `Date.now`); tests pass a fake one. */
  clock?: () => number;
}

/** The recorded metrics: for each metric name, the steps and values reported. */
export interface LiveHistory {
  [metric: string]: { step: number[]; value: number[] };
}

const BAR_WIDTH = 24;

/** A progress bar with a live chart in one updatable notebook output. Make one with {@link liveProgress}. */
export class LiveProgress {
  private readonly id = newDisplayId();
  private readonly start: number;
  private readonly clock: () => number;
  private readonly metrics: LiveHistory = {};
  private readonly problems = new Map<string, string>();
  private step = 0;
  private lastDraw = -Infinity;
  private lastDrawCost = 0;
  private drawnAtStep = -1;
  private shown = false;
  private finished = false;
  private endTime: number | undefined;
  /** Number of frames sent (first display + updates). */
  frames = 0;

  constructor(private readonly o: LiveProgressOptions) {
    if (o == null || typeof o.total !== "number" || !Number.isInteger(o.total) || o.total < 1) {
      throw new Error(`liveProgress: total must be a positive integer (the number of steps), got ${o == null ? o : o.total}`);
    }
    const interval = o.interval ?? 100;
    if (!(interval >= 0) || !Number.isFinite(interval)) throw new Error(`liveProgress: interval must be >= 0 ms, got ${interval}`);
    checkSize("liveProgress", o);
    this.clock = o.clock ?? Date.now;
    this.start = this.clock();
    this.send(true);
  }

  /**
   * Report progress: `step` done out of `total`, with the current metric values, e.g.
   * `live.update(t, { loss })`. Redraws at most every `interval` ms (always at the last step).
   * NaN/Infinity values are recorded but not drawn; the bar says where they appeared.
   */
  update(step: number, metrics: Record<string, number> = {}): void {
    if (this.finished) throw new Error("liveProgress: update() after done(); make a new liveProgress for another run");
    if (typeof step !== "number" || !Number.isFinite(step) || step < 0) {
      throw new Error(`liveProgress: step must be a finite number >= 0, got ${step}`);
    }
    this.step = step;
    for (const [name, v] of Object.entries(metrics)) {
      if (typeof v !== "number") throw new Error(`liveProgress: metric "${name}" must be a number, got ${typeof v}`);
      let h = this.metrics[name];
      if (!h) this.metrics[name] = h = { step: [], value: [] };
      h.step.push(step);
      h.value.push(v);
      if (!this.problems.has(name)) {
        if (!Number.isFinite(v)) this.problems.set(name, `${name} became ${v} at step ${step} (not drawn)`);
        else if (this.o.logY && v <= 0) this.problems.set(name, `${name} = ${fmt(v)} at step ${step} cannot go on a log axis (not drawn)`);
      }
    }
    const now = this.clock();
    const gap = Math.max(this.o.interval ?? 100, 4 * this.lastDrawCost);
    if (now - this.lastDraw >= gap || (step >= this.o.total && this.drawnAtStep < step)) this.send(false);
  }

  /** Finish: draw the final state (bar full if the last step reached `total`) with the total time. */
  done(): void {
    if (this.finished) return;
    this.finished = true;
    this.endTime = this.clock();
    this.send(false);
    if (displayTarget() === "console") console.log(this.text());
  }

  /** Everything reported so far, per metric. */
  history(): LiveHistory {
    return JSON.parse(JSON.stringify(this.metrics)) as LiveHistory;
  }

  /** The text bar, e.g. `[##########..............] 40/100 (40%) · loss 0.1234 · 2.1 s, ~3.2 s left`. */
  text(): string {
    const total = this.o.total;
    const frac = Math.max(0, Math.min(1, this.step / total));
    const filled = Math.round(frac * BAR_WIDTH);
    const bar = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
    return `${this.o.title ? this.o.title + " " : ""}${bar} ${this.summary()}`;
  }

  /** Step count, latest metrics, time: the part of the bar after the bar itself. */
  private summary(): string {
    const total = this.o.total;
    const frac = Math.max(0, Math.min(1, this.step / total));
    const parts = [`${fmt(this.step)}/${total} (${Math.floor(frac * 100)}%)`];
    for (const [name, h] of Object.entries(this.metrics)) {
      parts.push(`${name} ${fmt(h.value[h.value.length - 1])}`);
    }
    const elapsed = ((this.endTime ?? this.clock()) - this.start) / 1000;
    if (this.finished) parts.push(`done in ${elapsed.toFixed(1)} s`);
    else if (frac > 0 && frac < 1) parts.push(`${elapsed.toFixed(1)} s, ~${((elapsed * (1 - frac)) / frac).toFixed(1)} s left`);
    else parts.push(`${elapsed.toFixed(1)} s`);
    for (const p of this.problems.values()) parts.push(p);
    return parts.join(" · ");
  }

  /** The finite (and, on a log axis, positive) points of each metric, as line series. */
  private drawableSeries(): ResolvedLineSeries[] {
    const out: ResolvedLineSeries[] = [];
    Object.entries(this.metrics).forEach(([name, h], i) => {
      const x: number[] = [];
      const y: number[] = [];
      for (let k = 0; k < h.value.length; k++) {
        const v = h.value[k];
        if (Number.isFinite(v) && (!this.o.logY || v > 0)) {
          x.push(h.step[k]);
          y.push(v);
        }
      }
      if (y.length > 0) out.push({ name, x, y, color: seriesColor(i), dots: false, strokeWidth: 2 });
    });
    return out;
  }

  /** The current frame as a MIME bundle (PNG chart + text bar, or text only). */
  frame(): { bundle: MimeBundle; metadata: MimeMetadata } {
    const text = this.text();
    const series = this.o.chart === false ? [] : this.drawableSeries();
    if (series.length === 0) return { bundle: { "text/plain": text }, metadata: {} };
    const frac = Math.max(0, Math.min(1, this.step / this.o.total));
    const drawn = drawLines(
      {
        series: [],
        title: this.o.title,
        logY: this.o.logY,
        xLabel: this.o.xLabel ?? "step",
        yLabel: this.o.yLabel,
        width: this.o.width ?? 560,
        height: this.o.height ?? 240,
        legend: true,
        xDomain: [0, Math.max(this.o.total, this.step)],
      },
      series,
      { progress: { fraction: frac, label: this.summary() } },
    );
    return {
      bundle: { "image/png": svgToPng(drawn.svg), "text/plain": text },
      metadata: { "image/png": { width: drawn.width, height: drawn.height } },
    };
  }

  /** The last frame as a static chart (e.g. to show again after the loop). */
  chart(): Chart {
    const series = this.drawableSeries();
    const frac = Math.max(0, Math.min(1, this.step / this.o.total));
    return new Chart(
      "Live progress",
      () =>
        drawLines(
          { series: [], title: this.o.title, logY: this.o.logY, xLabel: this.o.xLabel ?? "step", yLabel: this.o.yLabel, width: this.o.width ?? 560, height: this.o.height ?? 240, legend: true },
          series,
          { progress: { fraction: frac, label: this.summary() } },
        ),
      this.text(),
    );
  }

  private send(first: boolean): void {
    const target = displayTarget();
    const t0 = this.clock();
    if (target !== "console") {
      const { bundle, metadata } = this.frame();
      displayBundle(bundle, { metadata, displayId: this.id, update: !first && this.shown });
      this.shown = true;
      this.frames++;
    }
    const t1 = this.clock();
    this.lastDrawCost = t1 - t0;
    this.lastDraw = t1;
    this.drawnAtStep = this.step;
  }
}

/**
 * Start a live progress display for a loop of `total` steps.
 *
 * ```ts
 * const live = liveProgress({ total: 500, title: "SGD on moons", logY: true });
 * for (let t = 1; t <= 500; t++) { const loss = step(); live.update(t, { loss }); }
 * live.done();
 * ```
 * Outside a notebook it stays quiet and prints the final bar on `done()`.
 */
export function liveProgress(o: LiveProgressOptions): LiveProgress {
  return new LiveProgress(o);
}
