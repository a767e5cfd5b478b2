// Public graded tests for question "damped-newton-step" (lesson 7, Second-order methods):
// solutions/newton.ts dampedNewtonStep, θ⁺ = θ − (H + λI)⁻¹g.
import { expectClose, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";

type Newton = typeof import("../../../exercises/newton");

// A 2 × 2 or 3 × 3 solve of well-conditioned O(1) systems: rounding is ~1e-15; 1e-10 still
// catches any wrong formula (which is off by ≥ 1e-2 on these inputs).
const TOL = 1e-10;

describe("damped-newton-step", () => {
  it("plain Newton (λ = 0) on a diagonal Hessian divides each gradient entry by its curvature [1 pt]", () => {
    const { dampedNewtonStep } = load<Newton>("newton");
    // By hand: d = −(4/2, −3/3) = (−2, 1); θ⁺ = (1 − 2, 1 + 1) = (−1, 2).
    expectClose(dampedNewtonStep([1, 1], [4, -3], [[2, 0], [0, 3]], 0), [-1, 2], TOL, "dampedNewtonStep([1, 1], [4, -3], [[2, 0], [0, 3]], 0)");
  });

  it("lands on the minimiser of a quadratic in one step (λ = 0) [2 pts]", () => {
    const { dampedNewtonStep } = load<Newton>("newton");
    // f(x) = ½xᵀAx − bᵀx with A = [[4, 1], [1, 3]], b = (1, 2): x* = A⁻¹b = (3 − 2, −1 + 8)/11 = (1/11, 7/11).
    const A = [[4, 1], [1, 3]], b = [1, 2];
    const x = [5, -4];
    const g = [A[0][0] * x[0] + A[0][1] * x[1] - b[0], A[1][0] * x[0] + A[1][1] * x[1] - b[1]];
    expectClose(dampedNewtonStep(x, g, A, 0), [1 / 11, 7 / 11], TOL, "dampedNewtonStep(x, ∇f(x), A, 0) on f = ½xᵀAx − bᵀx");
  });

  it("damping adds λ to the diagonal: a full 3 × 3 case [2 pts]", () => {
    const { dampedNewtonStep } = load<Newton>("newton");
    // H + λI = [[3, 1, 0], [1, 3, 1], [0, 1, 3]] with λ = 1; solve (H + λI)d = −g for g = (1, 0, −1):
    // by symmetry d = (−a, 0, a), with 3a = 1 from the first row (−3a + 0 = −1) → a = 1/3.
    const H = [[2, 1, 0], [1, 2, 1], [0, 1, 2]];
    expectClose(dampedNewtonStep([0, 0, 0], [1, 0, -1], H, 1), [-1 / 3, 0, 1 / 3], TOL, "dampedNewtonStep([0, 0, 0], [1, 0, -1], H, 1)");
  });

  it("refuses H + λI that is not positive definite, and λ < 0 [1 pt]", () => {
    const { dampedNewtonStep } = load<Newton>("newton");
    // H = diag(−2, 1): λ = 1 leaves −1 on the diagonal, still indefinite.
    expectThrows(() => dampedNewtonStep([0, 0], [1, 1], [[-2, 0], [0, 1]], 1), "dampedNewtonStep with H + λI = diag(−1, 2)", /positive definite/i);
    expectThrows(() => dampedNewtonStep([0, 0], [1, 1], [[1, 0], [0, 1]], -0.5), "dampedNewtonStep with damping −0.5", /damping/i);
    // λ = 3 fixes it: H + 3I = diag(1, 4), d = −(1, 1/4).
    expectClose(dampedNewtonStep([0, 0], [1, 1], [[-2, 0], [0, 1]], 3), [-1, -0.25], TOL, "dampedNewtonStep([0, 0], [1, 1], diag(−2, 1), 3)");
  });

  it("returns a new array and leaves its inputs untouched [1 pt]", () => {
    const { dampedNewtonStep } = load<Newton>("newton");
    const theta = [1, 2], grad = [0.5, -1], H = [[3, 1], [1, 2]];
    expectNotMutated("dampedNewtonStep", { theta, grad, H }, () => dampedNewtonStep(theta, grad, H, 0.1));
  });
});
