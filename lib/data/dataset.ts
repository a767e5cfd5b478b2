/**
 * The shape every toy dataset in the pack shares, and the option checks they all use.
 *
 * A dataset is two parallel arrays: `X[i]` is the i-th input point and `y[i]` its class label,
 * an integer from 0 to k − 1. Plain arrays (not typed arrays) so a notebook can print,
 * slice and plot them directly.
 */
import { MAX_SEED } from "../random";

/** A labelled dataset: inputs `X` (one row per example) and integer class labels `y` in 0..k−1. */
export interface Dataset {
  /** Input points, one row per example (2 columns for the 2-D toy sets). */
  X: number[][];
  /** Class labels 0..k−1, `y[i]` belonging to `X[i]`. */
  y: number[];
}

/** The seed every dataset generator uses when none is given, so `moons()` always repeats. */
export const DEFAULT_SEED = 0;

/**
 * Reject anything that is not a plain options object, and any key the generator does not know
 * (a misspelt `nosie` would otherwise be ignored silently).
 * @internal
 */
export function checkOptionKeys(fn: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object such as { n: 100, noise: 0.1, seed: 0 }, got ${String(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${fn}: unknown option "${key}". Known options: ${known.join(", ")}.`);
    }
  }
}

/** A whole number ≥ `min`, or a clear error naming the option. @internal */
export function checkInt(fn: string, name: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${fn}: ${name} must be a whole number ≥ ${min}, got ${String(value)}.`);
  }
  return value;
}

/** A finite number ≥ 0 (a noise level or a spread), or a clear error. @internal */
export function checkNonNegative(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${fn}: ${name} must be a finite number ≥ 0, got ${String(value)}.`);
  }
  return value;
}

/** A finite number > 0, or a clear error. @internal */
export function checkPositive(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${fn}: ${name} must be a finite number > 0, got ${String(value)}.`);
  }
  return value;
}

/** A seed for {@link rng}: a whole number from 0 to {@link MAX_SEED}. @internal */
export function checkSeed(fn: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_SEED) {
    throw new RangeError(`${fn}: seed must be a whole number from 0 to ${MAX_SEED}, such as 0 or 42, got ${String(value)}.`);
  }
  return value;
}

/** A boolean option, or a clear error. @internal */
export function checkBoolean(fn: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new TypeError(`${fn}: ${name} must be true or false, got ${String(value)}.`);
  return value;
}

/**
 * Check that a dataset is well formed: X and y of equal non-zero length, rows of one width
 * with finite entries, labels whole numbers ≥ 0. Returns the row width.
 */
export function checkDataset(fn: string, data: Dataset): number {
  if (data === null || typeof data !== "object" || !Array.isArray(data.X) || !Array.isArray(data.y)) {
    throw new TypeError(`${fn}: expected a dataset { X: number[][], y: number[] }.`);
  }
  const { X, y } = data;
  if (X.length !== y.length) {
    throw new RangeError(`${fn}: X has ${X.length} rows but y has ${y.length} labels; they must match.`);
  }
  if (X.length === 0) throw new RangeError(`${fn}: the dataset is empty.`);
  const width = Array.isArray(X[0]) ? X[0].length : -1;
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (!Array.isArray(row) || row.length !== width) {
      throw new RangeError(`${fn}: X[${i}] should be an array of ${width} numbers, like X[0].`);
    }
    for (let j = 0; j < row.length; j++) {
      if (typeof row[j] !== "number" || !Number.isFinite(row[j])) {
        throw new RangeError(`${fn}: X[${i}][${j}] is ${String(row[j])}; inputs must be finite numbers.`);
      }
    }
    if (!Number.isSafeInteger(y[i]) || y[i] < 0) {
      throw new RangeError(`${fn}: y[${i}] is ${String(y[i])}; labels must be whole numbers 0, 1, …, k−1.`);
    }
  }
  return width;
}

/**
 * Split `n` items into `k` groups as evenly as possible, the first `n mod k` groups getting one
 * extra: the class sizes of every generator here.
 * @internal
 */
export function groupSizes(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, c) => Math.floor(n / k) + (c < n % k ? 1 : 0));
}
