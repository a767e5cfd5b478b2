// Public graded tests for question "bias-variance-estimate" (lesson 2): biasVarianceEstimate.
import { expectClose, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";
import { rng } from "../../../lib/random";

type BiasVariance = typeof import("../../../exercises/bias-variance");

describe("bias-variance-estimate", () => {
  it("two fits at one point, worked by hand [2 pts]", () => {
    const { biasVarianceEstimate } = load<BiasVariance>("bias-variance");
    // Predictions 1 and 3 of a truth 0: mean 2, so bias² = 4 and variance = ((1−2)² + (3−2)²)/2 = 1.
    const got = biasVarianceEstimate([[1], [3]], [0]);
    expectClose([got.bias2, got.variance], [4, 1], 1e-12, "biasVarianceEstimate([[1], [3]], [0]) as [bias2, variance]");
  });

  it("averages over test points [1 pt]", () => {
    const { biasVarianceEstimate } = load<BiasVariance>("bias-variance");
    // Point 0: predictions 1, 3 of truth 0 → bias² 4, variance 1. Point 1: predictions 5, 5 of truth 5 → 0, 0.
    const got = biasVarianceEstimate([[1, 5], [3, 5]], [0, 5]);
    expectClose([got.bias2, got.variance], [2, 0.5], 1e-12, "biasVarianceEstimate([[1, 5], [3, 5]], [0, 5]) as [bias2, variance]");
  });

  it("bias² + variance = the mean squared distance from the truth, exactly; inputs untouched [2 pts]", () => {
    const { biasVarianceEstimate } = load<BiasVariance>("bias-variance");
    const r = rng(7);
    const truth = r.normals(6);
    const preds = Array.from({ length: 40 }, () => truth.map((f) => f + 0.3 + r.normal()));
    const got = expectNotMutated("biasVarianceEstimate", { preds, truth }, () => biasVarianceEstimate(preds, truth));
    let mse = 0;
    for (const row of preds) row.forEach((p, j) => (mse += (p - truth[j]) ** 2 / (40 * 6)));
    // An algebraic identity: only rounding (~1e-15 here) separates the two sides.
    expectClose(got.bias2 + got.variance, mse, 1e-10, "bias2 + variance vs mean (p − f)²");
    if (!(got.bias2 >= 0 && got.variance >= 0)) throw new Error(`bias2 and variance must be ≥ 0, got ${got.bias2}, ${got.variance}`);
  });

  it("rejects no predictions and rows of the wrong length [1 pt]", () => {
    const { biasVarianceEstimate } = load<BiasVariance>("bias-variance");
    expectThrows(() => biasVarianceEstimate([], [0]), "biasVarianceEstimate([], [0])", /empty|no prediction|training set/);
    expectThrows(() => biasVarianceEstimate([[1, 2], [3]], [0, 0]), "biasVarianceEstimate with a short row", /length|test point/);
  });
});
