// Hidden tests for "logistic-loss" (lesson 1): symmetry, monotonicity, extremes, bad input.
import { expectClose, expectThrows } from "../../graded/expect";
import { callEach, load } from "../../graded/impl";
import { AssertionError } from "chai";

type Risk = typeof import("../../../exercises/risk");

describe("logistic-loss", () => {
  it("depends only on the margin y·s, and ℓ(m) − ℓ(−m) = −m [1 pt]", () => {
    const { logisticLoss } = load<Risk>("risk");
    for (const s of [-30, -3.5, -0.1, 0.7, 12]) {
      expectClose(logisticLoss(s, -1), logisticLoss(-s, 1), 1e-12, `logisticLoss(${s}, -1) vs logisticLoss(${-s}, 1)`);
      // log(1 + e^{−m}) − log(1 + e^{m}) = −m exactly; rounding of terms up to 30: 1e-12.
      expectClose(logisticLoss(s, 1) - logisticLoss(-s, 1), -s, 1e-12, `logisticLoss(${s}, 1) − logisticLoss(${-s}, 1)`);
    }
  });

  it("is finite at ±1e300 and decreasing in the margin [1 pt]", () => {
    const { logisticLoss } = load<Risk>("risk");
    expectClose(logisticLoss(-1e300, 1), 1e300, 1e285, "logisticLoss(-1e300, 1)");
    const big = logisticLoss(1e300, 1);
    if (!(big >= 0 && big < 1e-300)) throw new AssertionError(`logisticLoss(1e300, 1) should be a tiny number ≥ 0, got ${big}`);
    let prev = Infinity;
    const scores = Array.from({ length: 161 }, (_, k) => -40 + 0.5 * k);
    // 161 calls in one round trip to the sandbox (callEach), not 161.
    const values = callEach(logisticLoss, scores.map((s) => [s, 1] as [number, number]));
    for (const [k, s] of scores.entries()) {
      const v = values[k];
      if (!(v < prev)) throw new AssertionError(`logisticLoss(s, 1) should decrease in s, but at s = ${s} it is ${v} after ${prev}`);
      prev = v;
    }
  });

  it("rejects a label 2 and a NaN score [1 pt]", () => {
    const { logisticLoss } = load<Risk>("risk");
    expectThrows(() => logisticLoss(0.5, 2), "logisticLoss(0.5, 2)", /label/);
    expectThrows(() => logisticLoss(NaN, 1), "logisticLoss(NaN, 1)", /score|finite/);
  });
});
