// Hidden tests for "empirical-risk" (lesson 1): a classifier's 0–1 risk, a bad loss, one example.
import { expectClose, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";

type Risk = typeof import("../../../exercises/risk");

describe("empirical-risk", () => {
  it("the 0–1 loss gives the error rate of a classifier [1 pt]", () => {
    const { empiricalRisk } = load<Risk>("risk");
    const X = [[-2], [-1], [0.5], [1], [3]], y = [-1, 1, 1, -1, 1];
    const sign = (x: number[]) => (x[0] >= 0 ? 1 : -1);
    // Mistakes at x = −1 and x = 1: 2 of 5.
    expectClose(empiricalRisk(sign, X, y, (p, t) => (p === t ? 0 : 1)), 0.4, 1e-12, "0–1 risk of sign(x)");
  });

  it("a single example's risk is its loss [1 pt]", () => {
    const { empiricalRisk } = load<Risk>("risk");
    expectClose(empiricalRisk(() => 3, [[0, 0]], [1], (p, t) => (p - t) ** 2), 4, 1e-12, "empiricalRisk(() => 3, [[0, 0]], [1], squared)");
  });

  it("names the example whose loss is not finite [1 pt]", () => {
    const { empiricalRisk } = load<Risk>("risk");
    expectThrows(() => empiricalRisk((x) => x[0], [[1], [0]], [1, 1], (p) => Math.log(p)), "empiricalRisk with log(0) at example 1", /example 1|finite/);
  });
});
