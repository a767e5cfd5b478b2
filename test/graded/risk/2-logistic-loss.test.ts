// Public graded tests for question "logistic-loss" (lesson 1): solutions/risk.ts logisticLoss.
import { expectClose, expectThrows } from "../expect";
import { load } from "../impl";

type Risk = typeof import("../../../exercises/risk");

describe("logistic-loss", () => {
  it("is log 2 at score 0 and log(1 + e^{−y·s}) at moderate scores [2 pts]", () => {
    const { logisticLoss } = load<Risk>("risk");
    // Direct formula at moderate scores; a few roundings of O(1) numbers: 1e-12.
    expectClose(logisticLoss(0, 1), Math.LN2, 1e-12, "logisticLoss(0, 1)");
    expectClose(logisticLoss(2, 1), Math.log(1 + Math.exp(-2)), 1e-12, "logisticLoss(2, 1)");
    expectClose(logisticLoss(2, -1), Math.log(1 + Math.exp(2)), 1e-12, "logisticLoss(2, -1)");
  });

  it("stays finite and accurate for huge scores [2 pts]", () => {
    const { logisticLoss } = load<Risk>("risk");
    // A wrong side by 1000: ℓ = 1000 + log(1 + e^{−1000}) = 1000 exactly in doubles.
    expectClose(logisticLoss(-1000, 1), 1000, 1e-9, "logisticLoss(-1000, 1)");
    // The right side by 50: ℓ = log(1 + e^{−50}) ≈ e^{−50} ≈ 1.93e-22; relative accuracy matters, so compare scaled.
    const tiny = logisticLoss(50, 1);
    expectClose(tiny / Math.exp(-50), 1, 1e-9, "logisticLoss(50, 1) / e^(−50)");
  });

  it("rejects labels other than −1 and +1 [1 pt]", () => {
    const { logisticLoss } = load<Risk>("risk");
    expectThrows(() => logisticLoss(1, 0), "logisticLoss(1, 0)", /label/);
  });
});
