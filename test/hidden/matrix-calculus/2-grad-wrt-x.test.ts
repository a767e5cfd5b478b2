// Hidden tests for "grad-wrt-x" (lesson 3): several shapes, x = 0, bad input.
import { expectClose, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";
import { numericGradient } from "../../../lib/calculus/finite-differences";
import { normSqATx, randomCase, FD_TOL } from "../../graded/matrix-calculus/cases";

type MatrixCalculus = typeof import("../../../exercises/matrix-calculus");

describe("grad-wrt-x", () => {
  it("wide, tall and 1 × 1 matrices against finite differences [2 pts]", () => {
    const { gradWrtX } = load<MatrixCalculus>("matrix-calculus");
    for (const [d, n, seed] of [[2, 6, 201], [7, 2, 202], [1, 1, 203]]) {
      const { A, x } = randomCase(d, n, seed);
      expectClose(gradWrtX(A, x), numericGradient((v) => normSqATx(A, v), x), FD_TOL, `gradWrtX(A, x) for A random ${d} × ${n}`);
    }
  });

  it("is zero at x = 0 (the minimum of ‖Aᵀx‖²) [1 pt]", () => {
    const { gradWrtX } = load<MatrixCalculus>("matrix-calculus");
    const { A } = randomCase(3, 2, 204);
    expectClose(gradWrtX(A, [0, 0, 0]), [0, 0, 0], 0, "gradWrtX(A, [0, 0, 0])");
  });

  it("rejects x of the wrong length [1 pt]", () => {
    const { gradWrtX } = load<MatrixCalculus>("matrix-calculus");
    expectThrows(() => gradWrtX([[1], [2]], [1, 2, 3]), "gradWrtX(2 × 1 A, x of length 3)", /length|rows/);
  });
});
