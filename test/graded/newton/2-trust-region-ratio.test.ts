// Public graded tests for question "trust-region-ratio" (lesson 7): solutions/newton.ts
// trustRegionRatio, ρ = (f(θ) − f(θ + p)) / −(gᵀp + ½pᵀHp).
import { expectClose, expectThrows } from "../expect";
import { load } from "../impl";

type Newton = typeof import("../../../exercises/newton");

// A handful of multiply-adds on O(1) numbers: 1e-12 is far above rounding.
const TOL = 1e-12;

describe("trust-region-ratio", () => {
  it("is 1 when f is the quadratic model itself [1 pt]", () => {
    const { trustRegionRatio } = load<Newton>("newton");
    // f(x) = x₁² + 2x₂² at θ = (1, 1): g = (2, 4), H = diag(2, 4); p = (−0.5, −0.5):
    // f(θ) = 3, f(θ + p) = 0.25 + 0.5 = 0.75; predicted −(−1 − 2 + ½(0.5 + 1)) = 2.25 = actual.
    expectClose(trustRegionRatio(3, 0.75, [2, 4], [[2, 0], [0, 4]], [-0.5, -0.5]), 1, TOL, "trustRegionRatio(3, 0.75, [2, 4], diag(2, 4), [−0.5, −0.5])");
  });

  it("is actual / predicted reduction, and negative when f goes up [2 pts]", () => {
    const { trustRegionRatio } = load<Newton>("newton");
    // g = (1, 0), H = [[1, 0], [0, 0]], p = (−1, 0): predicted −(−1 + ½) = 0.5.
    // f drops by 0.2 → ρ = 0.4; f rises by 0.1 → ρ = −0.2.
    expectClose(trustRegionRatio(1, 0.8, [1, 0], [[1, 0], [0, 0]], [-1, 0]), 0.4, TOL, "trustRegionRatio(1, 0.8, …)");
    expectClose(trustRegionRatio(1, 1.1, [1, 0], [[1, 0], [0, 0]], [-1, 0]), -0.2, TOL, "trustRegionRatio(1, 1.1, …)");
    // Off-diagonal curvature counts twice in pᵀHp: g = (1, 1), H = [[1, 2], [2, 1]], p = (−0.1, −0.1):
    // gᵀp = −0.2, pᵀHp = 0.01·(1 + 2 + 2 + 1) = 0.06, predicted 0.2 − 0.03 = 0.17; actual 0.17 → 1.
    expectClose(trustRegionRatio(2, 1.83, [1, 1], [[1, 2], [2, 1]], [-0.1, -0.1]), 1, 1e-9, "trustRegionRatio with off-diagonal H");
  });

  it("refuses a step for which the model predicts no decrease [1 pt]", () => {
    const { trustRegionRatio } = load<Newton>("newton");
    // p uphill: g = (1, 0), p = (1, 0), H = I → predicted −(1 + ½) < 0.
    expectThrows(() => trustRegionRatio(1, 2, [1, 0], [[1, 0], [0, 1]], [1, 0]), "trustRegionRatio with an uphill step", /predict/i);
  });
});
