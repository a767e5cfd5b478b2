// Hidden tests for "bias-variance-estimate" (lesson 2): agreement with lib/stats's estimator.
import { expectClose } from "../../graded/expect";
import { load } from "../../graded/impl";
import { biasVarianceFromPredictions } from "../../../lib/stats/decomposition";
import { rng } from "../../../lib/random";

type BiasVariance = typeof import("../../../exercises/bias-variance");

describe("bias-variance-estimate", () => {
  it("matches lib/stats's unbiased estimates after undoing their corrections [2 pts]", () => {
    const { biasVarianceEstimate } = load<BiasVariance>("bias-variance");
    const r = rng(11);
    const R = 50, truth = [0.5, -1, 2];
    const preds = Array.from({ length: R }, () => truth.map((f, j) => f + 0.2 * j + r.normal(0, 1 + j)));
    const lib = biasVarianceFromPredictions(preds, truth, { sigma: 1 });
    // lib: variance with divisor R − 1, bias² minus variance/R. Plug-in: variance·(R−1)/R, bias² + variance/R.
    const variance = (lib.variance.value * (R - 1)) / R;
    const bias2 = lib.bias2.value + lib.variance.value / R;
    const got = biasVarianceEstimate(preds, truth);
    expectClose([got.bias2, got.variance], [bias2, variance], 1e-10, "[bias2, variance] on 50 noisy fits at 3 points");
  });

  it("a single training set has variance 0 [1 pt]", () => {
    const { biasVarianceEstimate } = load<BiasVariance>("bias-variance");
    expectClose(biasVarianceEstimate([[2, 4]], [1, 1]).variance, 0, 1e-15, "variance of one fit");
    expectClose(biasVarianceEstimate([[2, 4]], [1, 1]).bias2, 5, 1e-12, "bias² of one fit: ((2−1)² + (4−1)²)/2");
  });
});
