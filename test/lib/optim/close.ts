import { expect } from "chai";

/**
 * Asserts every entry of `got` is finite and within `rel` of `want`, relative to the larger of
 * |want[i]| and the array's largest |want| (so an entry that has converged to ~0 is judged
 * against the scale of its array, not against itself).
 */
export function expectRelClose(got: ArrayLike<number>, want: ArrayLike<number>, rel: number, what: string): void {
  expect(got.length, `${what}: length`).to.equal(want.length);
  let scale = 0;
  for (let i = 0; i < want.length; i++) scale = Math.max(scale, Math.abs(want[i]));
  for (let i = 0; i < want.length; i++) {
    expect(Number.isFinite(got[i]), `${what}[${i}] = ${got[i]} is not finite`).to.equal(true);
    const tol = rel * Math.max(Math.abs(want[i]), scale);
    expect(Math.abs(got[i] - want[i]), `${what}[${i}]: got ${got[i]}, want ${want[i]} (±${tol.toExponential(1)})`).to.be.at.most(tol);
  }
}

/** A quadratic ½xᵀAx − bᵀx in 2-D, its gradient times `sign`. */
export function quadraticGradient(A: number[][], b: number[], sign = 1): (x: Float64Array) => Float64Array {
  return (x) => Float64Array.from([sign * (A[0][0] * x[0] + A[0][1] * x[1] - b[0]), sign * (A[1][0] * x[0] + A[1][1] * x[1] - b[1])]);
}
