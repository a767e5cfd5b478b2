// Public graded tests for question "convexity-violation" (lesson 1): solutions/risk.ts convexityGap, findConvexityViolation.
import { expectClose, expectThrows } from "../expect";
import { load, sendAsSource } from "../impl";
import { AssertionError } from "chai";

type Risk = typeof import("../../../exercises/risk");

// Self-contained, so under the grader they run in the sandbox: findConvexityViolation calls
// them on every grid point, and a round trip to the judge per call would cost more than the test.
const normSq = sendAsSource((p: number[]) => p.reduce((s, v) => s + v * v, 0));
// A double well: minima at ±1, a bump of height 1 at 0. Not convex.
const doubleWell = sendAsSource((p: number[]) => (p[0] * p[0] - 1) ** 2);

describe("convexity-violation", () => {
  it("convexityGap of ‖p‖² is −t(1 − t)‖x − y‖², worked by hand [2 pts]", () => {
    const { convexityGap } = load<Risk>("risk");
    // x = (1, 0), y = (−1, 2), t = 0.25: ‖x − y‖² = 8, so the gap is −0.25·0.75·8 = −1.5. 1e-12: a few roundings.
    expectClose(convexityGap(normSq, [1, 0], [-1, 2], 0.25), -1.5, 1e-12, "convexityGap(‖p‖², [1, 0], [-1, 2], 0.25)");
  });

  it("convexityGap of the double well (p² − 1)² between −1 and 1 at t = 1/2 is +1 [1 pt]", () => {
    const { convexityGap } = load<Risk>("risk");
    // f(0) = 1 while the chord is (f(−1) + f(1))/2 = 0.
    expectClose(convexityGap(doubleWell, [-1], [1], 0.5), 1, 1e-12, "convexityGap((p² − 1)², [-1], [1], 0.5)");
  });

  it("findConvexityViolation finds the double well's worst point and none for ‖p‖² [2 pts]", () => {
    const { findConvexityViolation } = load<Risk>("risk");
    const found = findConvexityViolation(doubleWell, [-1], [1]);
    if (found === null) throw new AssertionError("findConvexityViolation((p² − 1)², [-1], [1]) returned null, but the gap at t = 0.5 is +1");
    // The gap (1 − (2t − 1)²)² is largest at t = 0.5, a grid point of steps = 100.
    expectClose([found.t, found.gap], [0.5, 1], 1e-12, "findConvexityViolation((p² − 1)², [-1], [1]) → [t, gap]");
    const none = findConvexityViolation(normSq, [1, 2], [-3, 0.5]);
    if (none !== null) throw new AssertionError(`findConvexityViolation(‖p‖², …) should return null for a convex function, got ${JSON.stringify(none)}`);
  });

  it("rejects t outside [0, 1] and points of different lengths [1 pt]", () => {
    const { convexityGap } = load<Risk>("risk");
    expectThrows(() => convexityGap(normSq, [1], [2], 1.5), "convexityGap(f, [1], [2], 1.5)", /\bt\b/);
    expectThrows(() => convexityGap(normSq, [1, 2], [2], 0.5), "convexityGap(f, [1, 2], [2], 0.5)", /length/);
  });
});
