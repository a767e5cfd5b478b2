/**
 * Argument checks shared by the test problems: a point of the right length with finite
 * entries, an output buffer of the right length, a batch of valid example indices. Each throws
 * a RangeError/TypeError that names the problem, the argument, what it got and a fix, so a
 * wrong-sized vector fails at the call and not as a NaN three functions later.
 */

/**
 * Throws unless `x` is an array-like of `dim` finite numbers. `owner` may be a function so the
 * message is only built on failure: this runs on every f and ∇f call, in loops of 10⁵ steps.
 * @internal
 */
export function checkPoint(owner: string | (() => string), name: string, x: unknown, dim: number): void {
  if (x instanceof Float64Array && x.length === dim) {
    // 0·xᵢ is 0 for finite xᵢ and NaN for ±∞ or NaN: one multiply-add per entry on the fast path.
    let s = 0;
    for (let i = 0; i < dim; i++) s += 0 * x[i];
    if (s === 0) return;
  }
  checkPointSlow(typeof owner === "function" ? owner() : owner, name, x, dim);
}

function checkPointSlow(owner: string, name: string, x: unknown, dim: number): void {
  if (x === null || typeof x !== "object" || typeof (x as ArrayLike<number>).length !== "number") {
    throw new TypeError(`${owner}: ${name} must be a Float64Array of length ${dim}, got ${x === null ? "null" : typeof x}.`);
  }
  const v = x as ArrayLike<number>;
  if (v.length !== dim) {
    throw new RangeError(
      `${owner}: ${name} has length ${v.length} but the problem has dimension ${dim}; pass a vector with one entry per coordinate (e.g. a copy of problem.x0).`,
    );
  }
  for (let i = 0; i < dim; i++) {
    if (typeof v[i] !== "number" || !Number.isFinite(v[i])) {
      throw new RangeError(`${owner}: ${name}[${i}] is ${String(v[i])}; every entry must be a finite number (a NaN here usually means the run diverged: lower the step size).`);
    }
  }
}

/** Returns `out` if it is a Float64Array of length `dim`, a new one if `out` is undefined, else throws. @internal */
export function outVector(owner: string | (() => string), out: Float64Array | undefined, dim: number): Float64Array {
  if (out === undefined) return new Float64Array(dim);
  if (!(out instanceof Float64Array) || out.length !== dim) {
    throw new RangeError(`${typeof owner === "function" ? owner() : owner}: out must be a Float64Array of length ${dim}, got ${out instanceof Float64Array ? `length ${out.length}` : String(out)}; omit it to get a new array.`);
  }
  return out;
}

/** Throws unless `batch` is a non-empty array-like of whole numbers in 0..n−1. @internal */
export function checkBatch(owner: string, batch: unknown, n: number): void {
  if (batch === null || typeof batch !== "object" || typeof (batch as ArrayLike<number>).length !== "number") {
    throw new TypeError(`${owner}: batch must be an array of example indices in 0..${n - 1}, got ${batch === null ? "null" : typeof batch}.`);
  }
  const b = batch as ArrayLike<number>;
  if (b.length === 0) throw new RangeError(`${owner}: the batch is empty; pass at least one example index in 0..${n - 1}.`);
  for (let k = 0; k < b.length; k++) {
    const i = b[k];
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new RangeError(`${owner}: batch[${k}] = ${String(i)} is not an example index; indices must be whole numbers in 0..${n - 1}.`);
    }
  }
}

/** A copy of an array-like of finite numbers as a Float64Array of length `dim`, or a clear error. @internal */
export function toVector(owner: string, name: string, x: unknown, dim: number): Float64Array {
  checkPoint(owner, name, x, dim);
  return Float64Array.from(x as ArrayLike<number>);
}

/** a·b for two vectors of the same length. @internal */
export function dotVec(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** ‖a‖₂. @internal */
export function norm2(a: ArrayLike<number>): number {
  return Math.sqrt(dotVec(a, a));
}
