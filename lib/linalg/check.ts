/**
 * Input checks shared by the linear-algebra and statistics code: a bad matrix or vector is
 * reported where it enters, naming the function, the argument, what is wrong and a fix, instead
 * of surfacing later as NaN or as an error deep inside ml-matrix.
 */
import { Matrix } from "ml-matrix";

/** A dense matrix as the pack accepts it: rows of numbers, or an ml-matrix `Matrix`. */
export type MatrixLike = ReadonlyArray<ArrayLike<number>> | Matrix;

/**
 * Checks `X` is a non-empty rectangular matrix of finite numbers and returns it as a new
 * ml-matrix `Matrix` (the caller's array is never modified). Throws a TypeError for a value
 * that is not a matrix, a RangeError for ragged rows, an empty matrix or a non-finite entry.
 */
export function checkMatrix(fn: string, name: string, X: unknown): Matrix {
  if (Matrix.isMatrix(X)) {
    const M = X as Matrix;
    if (M.rows === 0 || M.columns === 0) throw new RangeError(`${fn}: ${name} is empty (${M.rows}×${M.columns}); pass at least one row and one column.`);
    for (let i = 0; i < M.rows; i++) {
      for (let j = 0; j < M.columns; j++) {
        const v = M.get(i, j);
        if (!Number.isFinite(v)) throw new RangeError(`${fn}: ${name}[${i}][${j}] is ${v}; every entry must be a finite number.`);
      }
    }
    return M.clone();
  }
  if (!Array.isArray(X)) {
    throw new TypeError(`${fn}: ${name} must be a matrix (an array of rows, e.g. [[1, 2], [3, 4]], or an ml-matrix Matrix), got ${describe(X)}.`);
  }
  if (X.length === 0) throw new RangeError(`${fn}: ${name} has no rows; pass at least one row.`);
  const first = X[0] as unknown;
  if (first == null || typeof (first as ArrayLike<number>).length !== "number" || typeof first === "string") {
    throw new TypeError(`${fn}: ${name} must be an array of rows; ${name}[0] is ${describe(first)}. For one feature write [[x1], [x2], …].`);
  }
  const d = (first as ArrayLike<number>).length;
  if (d === 0) throw new RangeError(`${fn}: ${name} has rows of length 0; pass at least one column.`);
  const data: number[][] = [];
  for (let i = 0; i < X.length; i++) {
    const row = X[i] as ArrayLike<number> | null;
    if (row == null || typeof row.length !== "number") throw new TypeError(`${fn}: ${name}[${i}] is ${describe(row)}, not a row of numbers.`);
    if (row.length !== d) {
      throw new RangeError(`${fn}: ${name} is ragged: row 0 has ${d} entries but row ${i} has ${row.length}; every row needs the same number of columns.`);
    }
    const out = new Array<number>(d);
    for (let j = 0; j < d; j++) {
      const v = row[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new RangeError(`${fn}: ${name}[${i}][${j}] is ${describe(v)}; every entry must be a finite number.`);
      }
      out[j] = v;
    }
    data.push(out);
  }
  return new Matrix(data);
}

/**
 * Checks `v` is an array (or typed array) of finite numbers, of length `length` when given,
 * and returns a copy as `number[]`.
 */
export function checkVector(fn: string, name: string, v: unknown, length?: number, lengthHint?: string): number[] {
  if (v == null || typeof v !== "object" || typeof (v as ArrayLike<number>).length !== "number") {
    throw new TypeError(`${fn}: ${name} must be an array of numbers, got ${describe(v)}.`);
  }
  const a = v as ArrayLike<unknown>;
  if (length !== undefined && a.length !== length) {
    throw new RangeError(`${fn}: ${name} has length ${a.length} but ${lengthHint ?? `length ${length} is needed`}; give one entry per ${lengthHint ? "row/column named" : "element"}.`);
  }
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== "number" || !Number.isFinite(x)) throw new RangeError(`${fn}: ${name}[${i}] is ${describe(x)}; every entry must be a finite number.`);
    out[i] = x;
  }
  return out;
}

/** A short description of a value for error messages (`NaN`, `"abc"`, `an object`, …). */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v.length > 20 ? v.slice(0, 20) + "…" : v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  return `a ${typeof v}`;
}
