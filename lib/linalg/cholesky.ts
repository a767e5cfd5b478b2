/**
 * Cholesky factorisation A = LLᵀ and the two triangular solves, in place on a flat d×d
 * Float64Array: the small kernel behind fast ridge fits (see gram.ts for why a kernel).
 * For one-off solves in lessons use ml-matrix's `CholeskyDecomposition`, which does the same.
 */

/**
 * Overwrites the lower triangle of the symmetric positive definite d×d matrix A (row-major)
 * with L, where A = LLᵀ (Cholesky–Banachiewicz, row by row). Only the lower triangle is read;
 * the upper triangle is left as it was. Returns −1 on success, or the index k of the first
 * pivot that is not positive (A is then not positive definite to working precision and L is
 * incomplete). `stride` (default d) is the distance between rows, so A may be the leading d×d
 * block of a larger row-major matrix (RidgeSolver factors XᵀX + λI inside the Gram matrix of [X y]).
 */
export function choleskyInPlace(A: Float64Array, d: number, stride: number = d): number {
  if (stride < d) throw new RangeError(`choleskyInPlace: stride ${stride} is less than d = ${d}; rows of A cannot overlap.`);
  if (A.length < (d - 1) * stride + d) throw new RangeError(`choleskyInPlace: A holds ${A.length} numbers, needs d² = ${d * d}${stride === d ? "" : ` (with row stride ${stride}: ${(d - 1) * stride + d})`}.`);
  for (let i = 0; i < d; i++) {
    const ri = i * stride;
    for (let j = 0; j <= i; j++) {
      const rj = j * stride;
      let s = A[ri + j];
      for (let k = 0; k < j; k++) s -= A[ri + k] * A[rj + k];
      if (i === j) {
        // A pivot ≤ 0 (or NaN) means A is not positive definite: stop rather than take √ of it.
        if (!(s > 0)) return i;
        A[ri + i] = Math.sqrt(s);
      } else {
        A[ri + j] = s / A[rj + j];
      }
    }
  }
  return -1;
}

/**
 * Solves (LLᵀ)x = b given the factor L from {@link choleskyInPlace} (its lower triangle, rows
 * `stride` apart, default d): forward substitution Lz = b, then back substitution Lᵀx = z.
 * `b` is overwritten with x.
 */
export function choleskySolveInPlace(L: Float64Array, d: number, b: Float64Array, stride: number = d): void {
  if (b.length < d) throw new RangeError(`choleskySolveInPlace: b has length ${b.length}, needs d = ${d}.`);
  if (stride < d || L.length < (d - 1) * stride + d) throw new RangeError(`choleskySolveInPlace: L holds ${L.length} numbers with row stride ${stride}; a d×d factor (d = ${d}) needs stride ≥ d and ${(d - 1) * stride + d} numbers.`);
  for (let i = 0; i < d; i++) {
    const ri = i * stride;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[ri + k] * b[k];
    b[i] = s / L[ri + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < d; k++) s -= L[k * stride + i] * b[k];
    b[i] = s / L[i * stride + i];
  }
}
