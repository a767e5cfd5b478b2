/**
 * Gradient checking: reverse-mode gradients against central finite differences.
 *
 *   ∂f/∂xᵢ ≈ (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / (2hᵢ),   hᵢ = step·max(1, |xᵢ|), step = 1e-6.
 *
 * Why that h: the central difference has truncation error h²|f‴|/6 and rounding error about
 * ε|f|/h (ε ≈ 2.2e-16). With h ≈ 1e-6 (scaled with |xᵢ| so that x ± h really differs from x)
 * both are around 1e-10 for well-scaled functions, the balance point (3ε|f|/|f‴|)^{1/3} ≈ 1e-5 is
 * close, and an agreement to 1e-6 is four orders of magnitude above the noise while a wrong
 * derivative misses it by far. The error measure
 *
 *   err = |g_reverse − g_numeric| / max(1, |g_reverse|, |g_numeric|)
 *
 * is relative for gradients above 1 and absolute below, where finite differences cannot do
 * better than their own absolute rounding error.
 */
import { Tape, withTape } from "./tape";
import type { Value } from "./value";
import { checkArity, checkReturned } from "./check-fn";
import { formatNumber, prettyLabel, alignColumns, escapeHtml } from "./format";
import { displayBundle, type MimeBundle } from "../plot/display";

/** Options of {@link gradCheck}. */
export interface GradCheckOptions {
  /** Relative step: hᵢ = step·max(1, |xᵢ|). Default 1e-6. */
  step?: number;
  /** Largest accepted error (see the module comment). Default 1e-6. */
  tolerance?: number;
}

/** One input's comparison. */
export interface GradCheckRow {
  input: string;
  x: number;
  h: number;
  reverse: number;
  numeric: number;
  error: number;
  ok: boolean;
}

/** The comparison for every input; prints as a table, `.ok` is the verdict. */
export class GradCheck {
  constructor(
    readonly rows: readonly GradCheckRow[],
    readonly tolerance: number,
    readonly step: number,
  ) {}

  /** True when every input passes. */
  get ok(): boolean {
    return this.rows.every((r) => r.ok);
  }

  /** The largest error over the inputs. */
  get maxError(): number {
    return Math.max(...this.rows.map((r) => r.error));
  }

  private cells(): string[][] {
    const f = (x: number) => formatNumber(x, 6);
    return this.rows.map((r) => [prettyLabel(r.input), f(r.x), f(r.reverse), f(r.numeric), r.error.toExponential(1), r.ok ? "ok" : "FAIL"]);
  }

  private static readonly HEADER = ["input", "x", "reverse mode", "finite diff.", "error", "verdict"];

  /** An aligned text table with the verdict underneath. */
  toString(): string {
    const verdict = this.ok ? "all inputs agree" : "MISMATCH";
    return (
      `${alignColumns([GradCheck.HEADER, ...this.cells()], [1, 2, 3, 4])}\n` +
      `${verdict}: max error ${this.maxError.toExponential(1)} (tolerance ${this.tolerance.toExponential()}, central differences with h = ${this.step.toExponential()}·max(1, |x|))`
    );
  }

  /** An HTML table. */
  toHTML(): string {
    const row = (cells: string[], tag: string) => `<tr>${cells.map((c) => `<${tag} style="padding:0 .6em">${escapeHtml(c)}</${tag}>`).join("")}</tr>`;
    return (
      `<table style="font-variant-numeric:tabular-nums">${row(GradCheck.HEADER, "th")}${this.cells().map((c) => row(c, "td")).join("")}</table>` +
      `<p>${escapeHtml(this.toString().split("\n").pop() as string)}</p>`
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
 * Compares the reverse-mode gradient of `f` at `point` with central finite differences,
 * input by input. `f` receives one `Value` per key of `point`, in key order.
 * @example gradCheck((x1, x2) => log(x1).add(x1.mul(x2)), { x1: 2, x2: 5 }).ok // true
 */
export function gradCheck(f: (...xs: Value[]) => Value, point: Record<string, number>, options: GradCheckOptions = {}): GradCheck {
  const names = Object.keys(point);
  if (names.length === 0) throw new RangeError("gradCheck: the point has no inputs. Pass e.g. { x: 1 }.");
  const step = options.step ?? 1e-6, tolerance = options.tolerance ?? 1e-6;
  if (!(step > 0) || !(tolerance > 0)) throw new RangeError(`gradCheck: step and tolerance must be > 0, got ${step} and ${tolerance}.`);
  checkArity("gradCheck", f, names);
  const tape = new Tape();
  const evaluate = (xs: number[]): number => {
    tape.reset();
    return checkReturned("gradCheck", withTape(tape, () => f(...xs.map((x, k) => tape.input(x, names[k])))), tape).data;
  };
  const x0 = names.map((n) => point[n]);
  tape.reset();
  const inputs = x0.map((x, k) => tape.input(x, names[k]));
  const out = checkReturned("gradCheck", withTape(tape, () => f(...inputs)), tape);
  out.backward();
  const reverse = inputs.map((x) => x.grad);
  const rows = names.map((name, i) => {
    const h = step * Math.max(1, Math.abs(x0[i]));
    const shifted = (d: number) => evaluate(x0.map((x, k) => (k === i ? x + d : x)));
    const numeric = (shifted(h) - shifted(-h)) / (2 * h);
    const error = Math.abs(reverse[i] - numeric) / Math.max(1, Math.abs(reverse[i]), Math.abs(numeric));
    return { input: name, x: x0[i], h, reverse: reverse[i], numeric, error, ok: error <= tolerance };
  });
  tape.free(); // only numbers leave this function: the next new Tape() reuses the storage
  return new GradCheck(rows, tolerance, step);
}
