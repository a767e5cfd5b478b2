// Public graded tests for question "grad-wrt-x" (lesson 3): solutions/matrix-calculus.ts gradWrtX.
import { expectClose, expectFresh, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";
import { numericGradient } from "../../../lib/calculus/finite-differences";
import { normSqATx, randomCase, FD_TOL } from "./cases";

type MatrixCalculus = typeof import("../../../exercises/matrix-calculus");

describe("grad-wrt-x", () => {
  it("∇ₓ‖Aᵀx‖² = 2AAᵀx on a small example worked by hand [2 pts]", () => {
    const { gradWrtX } = load<MatrixCalculus>("matrix-calculus");
    // By hand: y = Aᵀx = (1 − 5, 2 − 6) = (−4, −4); 2Ay = 2·(−12, −28, −44). Integers: 1e-12 is ample.
    expectClose(gradWrtX([[1, 2], [3, 4], [5, 6]], [1, 0, -1]), [-24, -56, -88], 1e-12, "gradWrtX([[1, 2], [3, 4], [5, 6]], [1, 0, -1])");
  });

  it("agrees with finite differences on a random 5 × 3 matrix [2 pts]", () => {
    const { gradWrtX } = load<MatrixCalculus>("matrix-calculus");
    const { A, x } = randomCase(5, 3, 21);
    expectClose(gradWrtX(A, x), numericGradient((v) => normSqATx(A, v), x), FD_TOL, "gradWrtX(A, x) against finite differences (A random 5 × 3)");
  });

  it("returns a new array of length d and leaves A and x unchanged [1 pt]", () => {
    const { gradWrtX } = load<MatrixCalculus>("matrix-calculus");
    const { A, x } = randomCase(3, 4, 8);
    const g = expectNotMutated("gradWrtX", { A, x }, () => gradWrtX(A, x));
    expectFresh(g, x, "gradWrtX(A, x)");
  });

  it("rejects a ragged A [1 pt]", () => {
    const { gradWrtX } = load<MatrixCalculus>("matrix-calculus");
    expectThrows(() => gradWrtX([[1, 2], [3]], [1, 1]), "gradWrtX([[1, 2], [3]], [1, 1])", /row/);
  });
});
