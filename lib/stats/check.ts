/**
 * Argument checks of the estimators and simulations: each names the function, the argument,
 * its value and a fix, so a lesson shows a readable message instead of NaN.
 */
import type { Matrix } from "ml-matrix";
import { checkMatrix, checkVector, describe } from "../linalg/check";

/** A checked regression problem: X as an ml-matrix copy, y as a plain copy. */
export interface Design {
  X: Matrix;
  y: number[];
  n: number;
  d: number;
}

/**
 * Checks a design matrix X (n×d, finite) and targets y (length n) and returns copies.
 * A y whose length is not n gets an error that says which is which.
 */
export function checkDesign(fn: string, X: unknown, y: unknown): Design {
  const M = checkMatrix(fn, "X", X);
  if (y == null || typeof y !== "object" || typeof (y as ArrayLike<number>).length !== "number") {
    throw new TypeError(`${fn}: y must be an array of n = ${M.rows} numbers (one target per row of X), got ${describe(y)}.`);
  }
  const len = (y as ArrayLike<number>).length;
  if (len !== M.rows) {
    throw new RangeError(
      `${fn}: shapes do not match: X is ${M.rows}×${M.columns} (n = ${M.rows} examples) but y has length ${len}; ` +
        `y needs one target per row of X.`,
    );
  }
  return { X: M, y: checkVector(fn, "y", y), n: M.rows, d: M.columns };
}

/** Checks the ridge penalty λ is a finite number ≥ 0 and returns it. */
export function checkLambda(fn: string, lambda: unknown): number {
  if (typeof lambda !== "number" || !Number.isFinite(lambda) || lambda < 0) {
    throw new RangeError(
      `${fn}: lambda (the ridge penalty λ) must be a finite number ≥ 0, got ${describe(lambda)}. ` +
        `λ = 0 is ordinary least squares; try a small positive value such as 0.1.`,
    );
  }
  return lambda;
}

/** Checks a noise standard deviation σ is a finite number > 0 and returns it. */
export function checkSigma(fn: string, sigma: unknown): number {
  if (typeof sigma !== "number" || !Number.isFinite(sigma) || sigma <= 0) {
    throw new RangeError(
      `${fn}: sigma (the noise standard deviation σ) must be a finite number > 0, got ${describe(sigma)}. ` +
        `Pass e.g. sigma: 1; a noiseless model has no variance to study.`,
    );
  }
  return sigma;
}

/** Checks an integer option lies in [min, max] and returns it. */
export function checkInteger(fn: string, name: string, v: unknown, min: number, max: number, fix: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${fn}: ${name} must be a whole number from ${min} to ${max}, got ${describe(v)}. ${fix}`);
  }
  return v;
}
