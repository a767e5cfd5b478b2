// Public graded tests for question "grad-wrt-matrix" (lesson 3): solutions/matrix-calculus.ts gradWrtA.
import { expectClose, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";
import { numericMatrixGradient } from "../../../lib/calculus/finite-differences";
import { normSqATx, randomCase, FD_TOL } from "./cases";

type MatrixCalculus = typeof import("../../../exercises/matrix-calculus");

describe("grad-wrt-matrix", () => {
  it("∇_A‖Aᵀx‖² = 2x(Aᵀx)ᵀ on a small example worked by hand [2 pts]", () => {
    const { gradWrtA } = load<MatrixCalculus>("matrix-calculus");
    // By hand: y = Aᵀx = (−4, −4), so 2xyᵀ has rows 2·1·(−4, −4), 0, 2·(−1)·(−4, −4). Integers: 1e-12 is ample.
    expectClose(gradWrtA([[1, 2], [3, 4], [5, 6]], [1, 0, -1]), [[-8, -8], [0, 0], [8, 8]], 1e-12, "gradWrtA([[1, 2], [3, 4], [5, 6]], [1, 0, -1])");
  });

  it("agrees with finite differences on a random 3 × 4 matrix, in A's shape [2 pts]", () => {
    const { gradWrtA } = load<MatrixCalculus>("matrix-calculus");
    const { A, x } = randomCase(3, 4, 31);
    expectClose(gradWrtA(A, x), numericMatrixGradient((M) => normSqATx(M, x), A), FD_TOL, "gradWrtA(A, x) against finite differences (A random 3 × 4)");
  });

  it("leaves A and x unchanged [1 pt]", () => {
    const { gradWrtA } = load<MatrixCalculus>("matrix-calculus");
    const { A, x } = randomCase(2, 3, 4);
    expectNotMutated("gradWrtA", { A, x }, () => gradWrtA(A, x));
  });

  it("rejects x whose length is not the number of rows of A [1 pt]", () => {
    const { gradWrtA } = load<MatrixCalculus>("matrix-calculus");
    expectThrows(() => gradWrtA([[1, 2, 3]], [1, 2, 3]), "gradWrtA(1 × 3 A, x of length 3)", /length|rows/);
  });
});
