// Hidden tests for "jacobian-linear-map" (lesson 3): other shapes, a 1 × 1 case, bad input.
import { expectClose, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";
import { numericJacobian } from "../../../lib/calculus/finite-differences";
import { aTx, randomCase, FD_TOL } from "../../graded/matrix-calculus/cases";

type MatrixCalculus = typeof import("../../../exercises/matrix-calculus");

describe("jacobian-linear-map", () => {
  it("wide, tall and 1 × 1 matrices against finite differences [2 pts]", () => {
    const { jacobianOfLinearMap } = load<MatrixCalculus>("matrix-calculus");
    for (const [d, n, seed] of [[2, 5, 101], [6, 1, 102], [1, 1, 103]]) {
      const { A, x } = randomCase(d, n, seed);
      expectClose(jacobianOfLinearMap(A, x), numericJacobian((v) => aTx(A, v), x), FD_TOL, `jacobianOfLinearMap(A, x) for A random ${d} × ${n}`);
    }
  });

  it("rejects an empty A [1 pt]", () => {
    const { jacobianOfLinearMap } = load<MatrixCalculus>("matrix-calculus");
    expectThrows(() => jacobianOfLinearMap([], []), "jacobianOfLinearMap([], [])", /\bA\b|empty/);
  });
});
