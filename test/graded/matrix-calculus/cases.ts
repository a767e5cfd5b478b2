// Shared by the public and hidden tests of lesson 3: seeded random matrices and the function
// z = ‖Aᵀx‖² on plain arrays, which finite differences differentiate without any formula.
import { rng } from "../../../lib/random";

/** A seeded d × n matrix and a vector of length d with N(0, 1) entries. */
export function randomCase(d: number, n: number, seed: number): { A: number[][]; x: number[] } {
  const r = rng(seed);
  return { A: Array.from({ length: d }, () => r.normals(n)), x: r.normals(d) };
}

/** y = Aᵀx, computed entry by entry: yⱼ = Σᵢ Aᵢⱼ xᵢ. */
export function aTx(A: number[][], x: number[]): number[] {
  return A[0].map((_, j) => A.reduce((s, row, i) => s + row[j] * x[i], 0));
}

/** z = ‖Aᵀx‖². */
export function normSqATx(A: number[][], x: number[]): number {
  return aTx(A, x).reduce((s, v) => s + v * v, 0);
}

// z is a quadratic in x and in A, so the central difference has no truncation error: what is
// left is rounding, about ε·|z|/h ≈ 2e-16·50/1e-5 ≈ 1e-9 for these sizes. 1e-6 leaves a wide
// margin over that and is far below any wrong formula (a missing factor 2 or a transpose is O(1)).
export const FD_TOL = 1e-6;
