// Hidden tests for "ridge-fit" (lesson 2): n < d with λ > 0, agreement with lib/stats, singular OLS.
import { expectClose, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";
import { ridge } from "../../../lib/stats/ridge";
import { rng } from "../../../lib/random";

type BiasVariance = typeof import("../../../exercises/bias-variance");

describe("ridge-fit", () => {
  it("more features than examples is fine with λ > 0, and matches an independent implementation [1 pt]", () => {
    const { ridgeFit } = load<BiasVariance>("bias-variance");
    const r = rng(3);
    const X = Array.from({ length: 4 }, () => r.normals(7)), y = r.normals(4);
    // lib/stats's ridge uses ml-matrix's Cholesky; both are exact up to rounding (~1e-15).
    expectClose(ridgeFit(X, y, 0.2), ridge(X, y, { lambda: 0.2 }), 1e-9, "ridgeFit on a 4×7 design, λ = 0.2");
  });

  it("large λ shrinks θ̃ towards 0 like Xᵀy/λ [1 pt]", () => {
    const { ridgeFit } = load<BiasVariance>("bias-variance");
    // (XᵀX + λI)⁻¹Xᵀy = Xᵀy/λ − XᵀXXᵀy/λ² + …: Xᵀy = (9, 12), ‖XᵀX‖ ≈ 91, so at λ = 1e7 the
    // second term is ~1e-11, below the 1e-10 tolerance.
    const X = [[1, 2], [3, 4], [5, 6]], y = [1, 1, 1];
    expectClose(ridgeFit(X, y, 1e7), [9e-7, 12e-7], 1e-10, "ridgeFit(X, y, 1e7)");
  });

  it("OLS on a design with a repeated column is refused [1 pt]", () => {
    const { ridgeFit } = load<BiasVariance>("bias-variance");
    expectThrows(() => ridgeFit([[1, 1], [2, 2], [3, 3]], [1, 2, 3], 0), "ridgeFit with identical columns and λ = 0", /singular|rank|lambda|λ/);
  });
});
