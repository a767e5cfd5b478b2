// Hidden tests for "convexity-violation" (lesson 1): the ends t = 0 and 1, sin, steps, a network-like function.
import { expectClose, expectThrows } from "../../graded/expect";
import { load, sendAsSource } from "../../graded/impl";
import { AssertionError } from "chai";

type Risk = typeof import("../../../exercises/risk");

describe("convexity-violation", () => {
  it("the gap is 0 at t = 0 and t = 1 [1 pt]", () => {
    const { convexityGap } = load<Risk>("risk");
    const f = (p: number[]) => Math.sin(p[0]) * p[1];
    expectClose(convexityGap(f, [1, 2], [3, -1], 0), 0, 1e-12, "convexityGap(f, x, y, 0)");
    expectClose(convexityGap(f, [1, 2], [3, -1], 1), 0, 1e-12, "convexityGap(f, x, y, 1)");
  });

  it("finds where −‖p‖² (concave) rises most above its chord, at the midpoint [1 pt]", () => {
    const { findConvexityViolation } = load<Risk>("risk");
    const f = sendAsSource((p: number[]) => -(p[0] * p[0] + p[1] * p[1])); // called per grid point: runs in the sandbox
    // gap = t(1 − t)‖x − y‖² = 0.25·8 = 2 at t = 0.5.
    const found = findConvexityViolation(f, [0, 0], [2, 2], 10);
    if (found === null) throw new AssertionError("findConvexityViolation(−‖p‖², [0, 0], [2, 2], 10) returned null");
    expectClose([found.t, found.gap], [0.5, 2], 1e-12, "findConvexityViolation(−‖p‖², [0, 0], [2, 2], 10)");
  });

  it("treats a linear function as convex (no violation beyond rounding) and rejects steps < 2 [1 pt]", () => {
    const { findConvexityViolation } = load<Risk>("risk");
    const lin = sendAsSource((p: number[]) => 0.1 * p[0] - 0.7 * p[1] + 3); // called per grid point: runs in the sandbox
    const none = findConvexityViolation(lin, [0.1, 0.2], [0.3, 0.7]);
    if (none !== null) throw new AssertionError(`a linear function has no convexity violation, got ${JSON.stringify(none)}`);
    expectThrows(() => findConvexityViolation(lin, [0, 0], [1, 1], 1), "findConvexityViolation(f, x, y, 1)", /steps/);
  });
});
