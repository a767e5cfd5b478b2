// Public graded tests for question "gd-step" (lesson 0, Welcome): solutions/welcome.ts gdStep.
import { expectClose, expectFresh, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";

type Welcome = typeof import("../../../exercises/welcome");

// One step costs one multiply and one subtract per entry, so a correct answer is within a
// few ulps of the exact value; 1e-12 is far above rounding and far below any real mistake.
const TOL = 1e-12;

describe("gd-step", () => {
  it("moves against the gradient: θ − lr·g [2 pts]", () => {
    const { gdStep } = load<Welcome>("welcome");
    // By hand: 1 − 0.1·0.5 = 0.95 and 2 − 0.1·(−1) = 2.1.
    expectClose(gdStep([1, 2], [0.5, -1], 0.1), [0.95, 2.1], TOL, "gdStep([1, 2], [0.5, -1], 0.1)");
    // A zero gradient leaves the point where it is.
    expectClose(gdStep([3, -4, 5], [0, 0, 0], 0.5), [3, -4, 5], TOL, "gdStep([3, -4, 5], [0, 0, 0], 0.5)");
  });

  it("returns a new array and leaves theta and grad untouched [1 pt]", () => {
    const { gdStep } = load<Welcome>("welcome");
    const theta = [1, 2];
    const grad = [0.5, -1];
    const out = expectNotMutated("gdStep", { theta, grad }, () => gdStep(theta, grad, 0.1));
    expectFresh(out, theta, "gdStep(theta, grad, 0.1)");
    expectFresh(out, grad, "gdStep(theta, grad, 0.1)");
  });

  it("rejects a step size lr ≤ 0 with an error that names lr [1 pt]", () => {
    const { gdStep } = load<Welcome>("welcome");
    expectThrows(() => gdStep([1, 2], [0.5, -1], 0), "gdStep([1, 2], [0.5, -1], 0)", /\blr\b/);
    expectThrows(() => gdStep([1, 2], [0.5, -1], -0.1), "gdStep([1, 2], [0.5, -1], -0.1)", /\blr\b/);
  });

  it("rejects theta and grad of different lengths [1 pt]", () => {
    const { gdStep } = load<Welcome>("welcome");
    expectThrows(() => gdStep([1, 2, 3], [0.5, -1], 0.1), "gdStep([1, 2, 3], [0.5, -1], 0.1)", /length/);
  });
});
