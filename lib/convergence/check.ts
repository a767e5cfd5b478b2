/**
 * Checking a theorem along a recorded run: `checkBound(history, bound)` evaluates the bound at
 * every iterate it covers and returns a {@link BoundCheck}: the verdict, the first violation
 * (index, measured, bound, margin) or none, the hypotheses the run breaks, and a table a lesson
 * prints (`toString()`) or shows (`show()`: HTML with a text alternative).
 *
 *     const run = minimize(problem, new SGD(x0, { lr: 1 / problem.L }), { steps: 200 });
 *     checkBound(run, convexRate(problem)).show();
 *
 * **Rounding.** f is computed in floating point, so a bound that holds with equality (the descent
 * lemma on a 1-D quadratic, the first iterates of a rate) can appear broken by a few ulps. A
 * comparison fails only when it misses by more than rtol·scale + atol, where scale is the size of
 * the f values involved (|f(x_k)|, |f*|): rtol = 1e-10 leaves room for the rounding of sums over
 * 10⁵ terms (n·ε ≈ 2e-11) and is far below any real violation; atol = 1e-300 keeps underflowed
 * bounds from failing against a measured 1e-310.
 */
import type { Bound, BoundSeries } from "./bounds";
import type { RunHistory } from "../optim/minimize";
import { alignColumns, escapeHtml } from "../autodiff/format";
import { displayBundle, type MimeBundle } from "../plot/display";

/** Options of {@link checkBound}. */
export interface CheckBoundOptions {
  /** Relative rounding slack (default 1e-10; see the module comment). */
  rtol?: number;
  /** Absolute rounding slack (default 1e-300). */
  atol?: number;
  /** Most rows in the printed table (default 12; the first iterates, log-spaced ones, the violation, the last). */
  rows?: number;
}

/** Where a bound first failed. */
export interface Violation {
  /** The iterate (or step) index. */
  k: number;
  measured: number;
  bound: number;
  /** bound − measured for "≤" bounds, measured − bound for "≥" bounds: negative here. */
  margin: number;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a === 0) return "0";
  return a >= 1e5 || a < 1e-3 ? v.toExponential(3) : String(Number(v.toPrecision(5)));
}

/** A bound checked along one run. Print it, or `.show()` it in a notebook. */
export class BoundCheck {
  /** Per index: the signed margin (≥ 0 where the bound holds). */
  readonly margins: number[];
  /** The first index where the bound fails beyond rounding, or null. */
  readonly violation: Violation | null;
  /** Hypotheses of the theorem this run breaks (in words). */
  readonly unmet: string[];
  /** The constants used, including those only known from the run. */
  readonly constants: Readonly<Record<string, number>>;
  private readonly maxRows: number;

  constructor(
    readonly bound: Bound,
    readonly series: BoundSeries,
    readonly history: Pick<RunHistory, "problem" | "optimizer" | "steps">,
    unmet: string[],
    readonly rtol: number,
    readonly atol: number,
    rows: number,
  ) {
    const s = series;
    this.margins = s.k.map((_, i) => (bound.sense === "≤" ? s.bound[i] - s.measured[i] : s.measured[i] - s.bound[i]));
    let violation: Violation | null = null;
    for (let i = 0; i < s.k.length; i++) {
      const m = this.margins[i];
      // NaN fails too: a measured NaN must never look like a bound that holds.
      if (!(m >= -(rtol * s.scale[i] + atol))) {
        violation = { k: s.k[i], measured: s.measured[i], bound: s.bound[i], margin: m };
        break;
      }
    }
    this.violation = violation;
    this.unmet = unmet;
    this.constants = { ...bound.constants, ...(s.constants ?? {}) };
    this.maxRows = rows;
  }

  /** True when the bound holds (within rounding) at every index checked. */
  get ok(): boolean {
    return this.violation === null;
  }

  /** Number of indices checked. */
  get checked(): number {
    return this.series.k.length;
  }

  /** The indices (positions in `series`) shown in the table. */
  rowIndices(): number[] {
    const n = this.series.k.length;
    const pick = new Set<number>();
    const want = Math.max(4, this.maxRows);
    for (let i = 0; i < Math.min(n, 4); i++) pick.add(i);
    if (n > 0) pick.add(n - 1);
    const v = this.violation ? this.series.k.indexOf(this.violation.k) : -1;
    if (v >= 0) {
      pick.add(v);
      if (v > 0) pick.add(v - 1);
    }
    // Fill the rest log-spaced, so early and late behaviour both show.
    const free = want - pick.size;
    for (let j = 1; j <= free && n > 5; j++) {
      pick.add(Math.min(n - 1, Math.round(Math.exp((Math.log(n - 1) * (j + 1)) / (free + 1)))));
    }
    return [...pick].filter((i) => i < n).sort((a, b) => a - b);
  }

  private headline(): string[] {
    const b = this.bound;
    const consts = Object.entries(this.constants).map(([k, v]) => `${k} = ${fmt(v)}`).join(", ");
    const lines = [`${b.name}: ${b.formula}  (${b.source})`, `run: ${this.history.optimizer} on ${this.history.problem}, ${this.history.steps} steps; ${consts}`];
    return lines;
  }

  private verdict(): string {
    const v = this.violation;
    const b = this.bound;
    if (v) {
      const rel = b.sense === "≤" ? ">" : "<";
      return `VIOLATED first at k = ${v.k}: ${b.measuredLabel} = ${fmt(v.measured)} ${rel} ${fmt(v.bound)} (margin ${fmt(v.margin)})`;
    }
    if (this.checked === 0) return "nothing to check (the run took no steps)";
    // Tightest = smallest margin relative to the bound, among entries above the rounding level
    // (where both sides are rounding noise the ratio means nothing).
    let worst = 0;
    let worstRel = Infinity;
    for (let i = 0; i < this.margins.length; i++) {
      const b = Math.abs(this.series.bound[i]);
      if (!(b > this.rtol * this.series.scale[i] + this.atol)) continue;
      const rel = this.margins[i] / b;
      if (rel < worstRel) {
        worstRel = rel;
        worst = i;
      }
    }
    return `holds at all ${this.checked} indices checked (tightest at k = ${this.series.k[worst]}: ${b.measuredLabel} = ${fmt(this.series.measured[worst])} vs ${fmt(this.series.bound[worst])})`;
  }

  private cells(): string[][] {
    const s = this.series;
    return this.rowIndices().map((i) => {
      const tol = this.rtol * s.scale[i] + this.atol;
      const ok = this.margins[i] >= -tol;
      return [String(s.k[i]), fmt(s.measured[i]), fmt(s.bound[i]), fmt(this.margins[i]), ok ? "ok" : "VIOLATED"];
    });
  }

  private header(): string[] {
    const b = this.bound;
    return ["k", b.measuredLabel, `${b.sense} ${b.boundLabel}`, "margin", ""];
  }

  /** Headline, a table of selected iterates, the verdict and any broken hypotheses, as text. */
  toString(): string {
    const lines = [...this.headline(), alignColumns([this.header(), ...this.cells()], [0, 1, 2, 3]), this.verdict()];
    if (this.unmet.length > 0) lines.push(`hypotheses this run breaks: ${this.unmet.join("; ")}`);
    return lines.join("\n");
  }

  /** The same as an HTML table. */
  toHTML(): string {
    const row = (cells: string[], tag: string) =>
      `<tr>${cells.map((c, j) => `<${tag} style="padding:0 .6em;text-align:${j < 4 ? "right" : "left"}">${escapeHtml(c)}</${tag}>`).join("")}</tr>`;
    const [title, run] = this.headline();
    const bad = this.violation ? "color:#b00020;font-weight:bold" : "color:#1b5e20";
    return (
      `<div><p><b>${escapeHtml(title)}</b><br>${escapeHtml(run)}</p>` +
      `<table style="font-variant-numeric:tabular-nums">${row(this.header(), "th")}${this.cells().map((c) => row(c, "td")).join("")}</table>` +
      `<p style="${bad}">${escapeHtml(this.verdict())}</p>` +
      (this.unmet.length > 0 ? `<p>Hypotheses this run breaks: ${escapeHtml(this.unmet.join("; "))}</p>` : "") +
      `</div>`
    );
  }

  /** HTML with a text alternative. */
  mimeBundle(): MimeBundle {
    return { "text/html": this.toHTML(), "text/plain": this.toString() };
  }

  /** Shows the table in the notebook (prints it outside a kernel). */
  show(): void {
    displayBundle(this.mimeBundle());
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * Evaluates `bound` at every iterate of `history` and returns the verdict with the first
 * violation beyond rounding (see the module comment), the broken hypotheses and a table.
 */
export function checkBound(history: RunHistory, bound: Bound, options: CheckBoundOptions = {}): BoundCheck {
  if (!history || typeof history !== "object" || !Array.isArray(history.f)) {
    throw new TypeError(`checkBound: the first argument must be a run history from minimize(), got ${String(history)}.`);
  }
  if (!bound || typeof bound.evaluate !== "function") {
    throw new TypeError(`checkBound: the second argument must be a Bound such as convexRate(problem) (lib/convergence/bounds.ts), got ${String(bound)}.`);
  }
  const rtol = options.rtol ?? 1e-10, atol = options.atol ?? 1e-300, rows = options.rows ?? 12;
  if (!(rtol >= 0) || !Number.isFinite(rtol)) throw new RangeError(`checkBound: rtol must be a finite number ≥ 0, got ${rtol}.`);
  if (!(atol >= 0) || !Number.isFinite(atol)) throw new RangeError(`checkBound: atol must be a finite number ≥ 0, got ${atol}.`);
  if (!Number.isSafeInteger(rows) || rows < 4) throw new RangeError(`checkBound: rows must be a whole number ≥ 4, got ${rows}.`);
  const series = bound.evaluate(history);
  return new BoundCheck(bound, series, history, bound.unmet(history), rtol, atol, rows);
}
