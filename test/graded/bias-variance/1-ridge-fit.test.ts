// Public graded tests for question "ridge-fit" (lesson 2): solutions/bias-variance.ts ridgeFit.
import { expectClose, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";

type BiasVariance = typeof import("../../../exercises/bias-variance");

describe("ridge-fit", () => {
  it("one feature, worked by hand: θ̃ = Σxy / (Σx² + λ) [1 pt]", () => {
    const { ridgeFit } = load<BiasVariance>("bias-variance");
    // X = [[1], [2]], y = [1, 2]: XᵀX = 5, Xᵀy = 5, so θ̃ = 5/(5 + 1) = 5/6 at λ = 1 and 1 at λ = 0.
    // A handful of operations on small integers: 1e-12 is ample.
    expectClose(ridgeFit([[1], [2]], [1, 2], 1), [5 / 6], 1e-12, "ridgeFit([[1], [2]], [1, 2], 1)");
    expectClose(ridgeFit([[1], [2]], [1, 2], 0), [1], 1e-12, "ridgeFit([[1], [2]], [1, 2], 0)");
  });

  it("orthogonal columns: each coordinate is shrunk by sᵢ²/(sᵢ² + λ) [2 pts]", () => {
    const { ridgeFit } = load<BiasVariance>("bias-variance");
    // X = [[1, 0], [0, 2], [0, 0]]: XᵀX = diag(1, 4), Xᵀy = (3, 8) for y = (3, 4, 5).
    // λ = 1: θ̃ = (3/2, 8/5) = (1.5, 1.6). OLS would give (3, 2).
    expectClose(ridgeFit([[1, 0], [0, 2], [0, 0]], [3, 4, 5], 1), [1.5, 1.6], 1e-12, "ridgeFit([[1,0],[0,2],[0,0]], [3,4,5], 1)");
  });

  it("solves the normal equations (XᵀX + λI)θ = Xᵀy on a general design, inputs untouched [2 pts]", () => {
    const { ridgeFit } = load<BiasVariance>("bias-variance");
    const X = [[1, 2, 0.5], [0.3, -1, 2], [2, 0, 1], [-1, 1, 1], [0.5, 0.5, -2]], y = [1, -2, 3, 0.5, 2], lambda = 0.7;
    const th = expectNotMutated("ridgeFit", { X, y }, () => ridgeFit(X, y, lambda));
    expectClose(th.length, 3, 0, "ridgeFit(...).length");
    // The gradient of ‖y − Xθ‖² + λ‖θ‖², up to a factor 2, must vanish at θ̃.
    const grad = [0, 1, 2].map((a) => X.reduce((s, row, i) => s + row[a] * (row.reduce((q, v, b) => q + v * th[b], 0) - y[i]), 0) + lambda * th[a]);
    // Entries are O(1) and the solve is well conditioned: residual rounding is ~1e-15.
    expectClose(grad, [0, 0, 0], 1e-9, "Xᵀ(Xθ̃ − y) + λθ̃ at your θ̃");
  });

  it("rejects λ < 0 and a y whose length is not the number of rows [1 pt]", () => {
    const { ridgeFit } = load<BiasVariance>("bias-variance");
    expectThrows(() => ridgeFit([[1], [2]], [1, 2], -1), "ridgeFit with lambda = -1", /lambda|λ/);
    expectThrows(() => ridgeFit([[1], [2]], [1, 2, 3], 1), "ridgeFit with 2 rows and 3 targets", /length|rows|target/);
  });
});
