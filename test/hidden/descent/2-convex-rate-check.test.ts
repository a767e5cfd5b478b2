// Hidden graded tests for question "convex-rate-check" (lesson 4).
import { expectClose } from "../../graded/expect";
import { load } from "../../graded/impl";

type Descent = typeof import("../../../exercises/descent");

describe("convex-rate-check", () => {
  it("uses ‖x₀ − x*‖ with x* away from the origin, and t + 4 (not t) in the denominator [2 pts]", () => {
    const { firstConvexRateViolation } = load<Descent>("descent");
    // L = 0.5, x₀ = (2, 5), x* = (1, 3): ‖x₀ − x*‖² = 5, bound 5/(t + 4) = 1.25, 1, 0.833, 0.714.
    // gaps 1.2, 0.95, 0.83, 0.72: only t = 3 fails (0.72 > 0.714); with t in place of t + 4 none would.
    expectClose(firstConvexRateViolation([11.2, 10.95, 10.83, 10.72], 10, 0.5, [2, 5], [1, 3]), 3, 0, "firstConvexRateViolation(…, x* = (1, 3))");
  });

  it("an empty run has nothing to violate [1 pt]", () => {
    const { firstConvexRateViolation } = load<Descent>("descent");
    expectClose(firstConvexRateViolation([], 0, 1, [1], [0]), -1, 0, "firstConvexRateViolation([], …)");
  });
});
