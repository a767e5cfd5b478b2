// Hidden tests for "grad-wrt-matrix" (lesson 3): several shapes, 2xxᵀA, bad input.
import { expectClose, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";
import { numericMatrixGradient } from "../../../lib/calculus/finite-differences";
import { normSqATx, randomCase, FD_TOL } from "../../graded/matrix-calculus/cases";

type MatrixCalculus = typeof import("../../../exercises/matrix-calculus");

describe("grad-wrt-matrix", () => {
  it("wide, tall and 1 × 1 matrices against finite differences [2 pts]", () => {
    const { gradWrtA } = load<MatrixCalculus>("matrix-calculus");
    for (const [d, n, seed] of [[2, 5, 301], [6, 2, 302], [1, 1, 303]]) {
      const { A, x } = randomCase(d, n, seed);
      expectClose(gradWrtA(A, x), numericMatrixGradient((M) => normSqATx(M, x), A), FD_TOL, `gradWrtA(A, x) for A random ${d} × ${n}`);
    }
  });

  it("equals 2xxᵀA, the second form of the answer [1 pt]", () => {
    const { gradWrtA } = load<MatrixCalculus>("matrix-calculus");
    const { A, x } = randomCase(4, 3, 304);
    // (2xxᵀA)ᵢⱼ = 2xᵢ Σₖ xₖAₖⱼ: a different order of the same sums, so equal to ~1e-14.
    const want = A.map((_, i) => A[0].map((__, j) => 2 * x[i] * x.reduce((s, xk, k) => s + xk * A[k][j], 0)));
    expectClose(gradWrtA(A, x), want, 1e-12, "gradWrtA(A, x) against 2xxᵀA");
  });

  it("a ragged A is refused by the matrix gradient [1 pt]", () => {
    const { gradWrtA } = load<MatrixCalculus>("matrix-calculus");
    expectThrows(() => gradWrtA([[1, 2], [3, 4, 5]], [1, 1]), "gradWrtA([[1, 2], [3, 4, 5]], [1, 1])", /row/);
  });
});
