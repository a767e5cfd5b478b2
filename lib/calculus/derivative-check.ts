/**
 * One line of evidence per identity: a derivative written by hand (a formula such as 2AAᵀx)
 * against the autodiff engine and against central finite differences, with the largest entry
 * difference of each. Lesson 3 prints one of these for each of Problems 4–7 of CS 182
 * Discussion 2 (Berkeley).
 *
 * Why two checks: the engine is exact up to rounding (differences near 1e-15 mean the formula
 * is right), finite differences need no engine at all (so they also catch an engine bug) but
 * carry their own error, about 1e-10 here (see `finite-differences.ts`).
 */
import { alignColumns, escapeHtml } from "../autodiff/format";
import { displayBundle, type MimeBundle } from "../plot/display";

/** A number, a vector, a matrix, or arrays nested deeper. */
export type Nested = number | readonly Nested[];

/** Shape of a nested array as a list of lengths ([] for a number), e.g. [3, 2] for 3 rows of 2. */
export function shapeOf(a: Nested): number[] {
  return typeof a === "number" ? [] : [a.length, ...(a.length > 0 ? shapeOf(a[0]) : [])];
}

/**
 * max |aᵢ − bᵢ| over all entries of two arrays of the same shape. Throws on a shape mismatch
 * (naming both shapes) and on a non-finite entry, which would otherwise hide behind max().
 * @example maxAbsDifference([[1, 2]], [[1, 2.5]]) // 0.5
 */
export function maxAbsDifference(a: Nested, b: Nested, where = "entry"): number {
  if (typeof a === "number" || typeof b === "number") {
    if (typeof a !== "number" || typeof b !== "number") {
      throw new RangeError(`maxAbsDifference: shapes differ at ${where}: a number against an array. Compare arrays of the same shape.`);
    }
    if (!Number.isFinite(a) || !Number.isFinite(b)) throw new RangeError(`maxAbsDifference: ${where} is not finite (${a} against ${b}).`);
    return Math.abs(a - b);
  }
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
    throw new RangeError(
      `maxAbsDifference: shapes differ at ${where}: [${shapeOf(a).join(" × ")}] against [${shapeOf(b).join(" × ")}]. Compare arrays of the same shape.`,
    );
  }
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, maxAbsDifference(a[i], b[i], `${where}[${i}]`));
  return worst;
}

/** Options of {@link checkDerivative}. */
export interface DerivativeCheckOptions {
  /** A short name, e.g. "Problem 4". */
  name: string;
  /** The identity being checked, e.g. "∇‖x‖² = 2x". */
  formula: string;
  /** The derivative from the formula. */
  hand: Nested;
  /** The same derivative from the autodiff engine. */
  engine: Nested;
  /** The same derivative from finite differences. */
  numeric: Nested;
  /** Largest accepted difference against the engine and against finite differences. Default 1e-6. */
  tolerance?: number;
}

/** The verdict for one identity; prints as one table row. */
export class DerivativeCheck {
  constructor(
    readonly name: string,
    readonly formula: string,
    /** Shape of the derivative, e.g. [3, 2]. */
    readonly shape: readonly number[],
    /** max |hand − engine| over the entries. */
    readonly engineError: number,
    /** max |hand − finite differences| over the entries. */
    readonly numericError: number,
    readonly tolerance: number,
  ) {}

  /** True when both differences are within the tolerance. */
  get ok(): boolean {
    return this.engineError <= this.tolerance && this.numericError <= this.tolerance;
  }

  /** The row's cells: name, identity, shape, both errors, verdict. */
  cells(): string[] {
    const shape = this.shape.length === 0 ? "scalar" : this.shape.join(" × ");
    return [this.name, this.formula, shape, this.engineError.toExponential(1), this.numericError.toExponential(1), this.ok ? "ok" : "MISMATCH"];
  }

  /** An aligned text table of this one check. */
  toString(): string {
    return derivativeTable([this]).text;
  }

  /** HTML with a text alternative. */
  mimeBundle(): MimeBundle {
    const t = derivativeTable([this]);
    return { "text/html": t.html, "text/plain": t.text };
  }

  /** Shows the row as a table in the notebook (prints it outside a kernel). */
  show(): void {
    displayBundle(this.mimeBundle());
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

const HEADER = ["check", "identity", "shape", "max |hand − engine|", "max |hand − finite diff.|", "verdict"];

/** Text and HTML of several checks as one table. */
export function derivativeTable(checks: readonly DerivativeCheck[]): { text: string; html: string } {
  const rows = checks.map((c) => c.cells());
  const tr = (cells: string[], tag: string) => `<tr>${cells.map((c) => `<${tag} style="padding:0 .6em;text-align:left">${escapeHtml(c)}</${tag}>`).join("")}</tr>`;
  return {
    text: alignColumns([HEADER, ...rows], [3, 4]),
    html: `<table style="font-variant-numeric:tabular-nums">${tr(HEADER, "th")}${rows.map((r) => tr(r, "td")).join("")}</table>`,
  };
}

/** Shows several checks as one table (prints it outside a kernel). */
export function showDerivativeTable(checks: readonly DerivativeCheck[]): void {
  const t = derivativeTable(checks);
  displayBundle({ "text/html": t.html, "text/plain": t.text });
}

/**
 * Compares a hand-derived derivative with the engine's and with finite differences.
 * Throws when the three do not have the same shape (a layout mistake, such as a Jacobian
 * transposed, shows up here before any number is compared).
 * @example checkDerivative({ name: "P4", formula: "∇‖x‖² = 2x", hand: [2, 4], engine: [2, 4], numeric: [2, 4.0000000001] }).ok // true
 */
export function checkDerivative(o: DerivativeCheckOptions): DerivativeCheck {
  const tolerance = o.tolerance ?? 1e-6;
  if (!(tolerance > 0)) throw new RangeError(`checkDerivative: tolerance must be > 0, got ${tolerance}.`);
  const shape = shapeOf(o.hand);
  for (const [name, other] of [["engine", o.engine], ["numeric", o.numeric]] as const) {
    const s = shapeOf(other);
    if (s.join("×") !== shape.join("×")) {
      throw new RangeError(
        `checkDerivative (${o.name}): the hand formula has shape [${shape.join(" × ")}] but ${name} has [${s.join(" × ")}]. ` +
          "Check the layout (a Jacobian is outputs × inputs; a gradient has the shape of what it differentiates with respect to).",
      );
    }
  }
  return new DerivativeCheck(o.name, o.formula, shape, maxAbsDifference(o.hand, o.engine), maxAbsDifference(o.hand, o.numeric), tolerance);
}
