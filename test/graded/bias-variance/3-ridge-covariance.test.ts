// Public graded tests for question "ridge-covariance" (lesson 2): ridgeCovariance.
import { expectClose, expectThrows } from "../expect";
import { load } from "../impl";

type BiasVariance = typeof import("../../../exercises/bias-variance");

describe("ridge-covariance", () => {
  it("OLS (λ = 0) on a 2×2 design: σ²(XᵀX)⁻¹ by hand [1 pt]", () => {
    const { ridgeCovariance } = load<BiasVariance>("bias-variance");
    // X = [[1, 1], [0, 1]]: XᵀX = [[1, 1], [1, 2]], det 1, inverse [[2, −1], [−1, 1]]; σ = 3 → ×9.
    expectClose(ridgeCovariance([[1, 1], [0, 1]], 3, 0), [[18, -9], [-9, 9]], 1e-9, "ridgeCovariance([[1,1],[0,1]], 3, 0)");
  });

  it("the diagonal case of Discussion 2, Problem 3: σ²sᵢ²/(sᵢ² + λ)² [2 pts]", () => {
    const { ridgeCovariance } = load<BiasVariance>("bias-variance");
    // X = [[3, 0], [0, 0.1], [0, 0]]: XᵀX = diag(9, 0.01). σ = 2, λ = 0.5:
    // 4·9/9.5² = 0.398891…, 4·0.01/0.51² = 0.153787…; off-diagonal 0. Rounding ~1e-16.
    const got = ridgeCovariance([[3, 0], [0, 0.1], [0, 0]], 2, 0.5);
    expectClose(got, [[36 / 90.25, 0], [0, 0.04 / 0.2601]], 1e-12, "ridgeCovariance([[3,0],[0,0.1],[0,0]], 2, 0.5)");
  });

  it("rejects σ ≤ 0 and λ < 0 [1 pt]", () => {
    const { ridgeCovariance } = load<BiasVariance>("bias-variance");
    expectThrows(() => ridgeCovariance([[1]], 0, 1), "ridgeCovariance with sigma = 0", /sigma|σ/);
    expectThrows(() => ridgeCovariance([[1]], 1, -2), "ridgeCovariance with lambda = -2", /lambda|λ/);
  });
});
