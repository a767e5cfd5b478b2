// Public graded tests for question "jacobian-linear-map" (lesson 3): solutions/matrix-calculus.ts jacobianOfLinearMap.
import { expectClose, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";
import { numericJacobian } from "../../../lib/calculus/finite-differences";
import { aTx, randomCase, FD_TOL } from "./cases";

type MatrixCalculus = typeof import("../../../exercises/matrix-calculus");

describe("jacobian-linear-map", () => {
  it("a 3 × 2 matrix gives a 2 × 3 Jacobian, Aᵀ (rows = outputs) [2 pts]", () => {
    const { jacobianOfLinearMap } = load<MatrixCalculus>("matrix-calculus");
    // By hand: y₁ = x₁ + 3x₂ + 5x₃ and y₂ = 2x₁ + 4x₂ + 6x₃, so row j of J holds ∂yⱼ/∂x. Exact copies: tolerance 0.
    expectClose(jacobianOfLinearMap([[1, 2], [3, 4], [5, 6]], [1, 0, -1]), [[1, 3, 5], [2, 4, 6]], 0, "jacobianOfLinearMap([[1, 2], [3, 4], [5, 6]], [1, 0, -1])");
  });

  it("agrees with finite differences of x ↦ Aᵀx on a random 4 × 3 matrix [1 pt]", () => {
    const { jacobianOfLinearMap } = load<MatrixCalculus>("matrix-calculus");
    const { A, x } = randomCase(4, 3, 11);
    expectClose(jacobianOfLinearMap(A, x), numericJacobian((v) => aTx(A, v), x), FD_TOL, "jacobianOfLinearMap(A, x) against finite differences (A random 4 × 3)");
  });

  it("leaves A and x unchanged [1 pt]", () => {
    const { jacobianOfLinearMap } = load<MatrixCalculus>("matrix-calculus");
    const { A, x } = randomCase(3, 2, 5);
    expectNotMutated("jacobianOfLinearMap", { A, x }, () => jacobianOfLinearMap(A, x));
  });

  it("rejects x whose length is not the number of rows of A [1 pt]", () => {
    const { jacobianOfLinearMap } = load<MatrixCalculus>("matrix-calculus");
    expectThrows(() => jacobianOfLinearMap([[1, 2], [3, 4], [5, 6]], [1, 2]), "jacobianOfLinearMap(3 × 2 A, x of length 2)", /length|rows/);
  });
});
