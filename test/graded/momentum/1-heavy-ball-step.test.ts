// Public graded tests for question "heavy-ball-step" (lesson 5, Momentum and acceleration):
// solutions/momentum.ts heavyBallStep, torch's SGD(lr, momentum) step.
import { expectClose, expectFresh, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";
import { lecture001, lecture003, quadraticGrad } from "./lecture-forms";

type Momentum = typeof import("../../../exercises/momentum");

// One step is a multiply-add and a multiply-subtract per entry: exact to a few ulps of O(1)
// values, so 1e-12 is far above rounding and far below any real mistake.
const TOL = 1e-12;
// Twenty steps along two different but equivalent formulas (001 keeps v = −η·b, so rounding
// differs) compound to ~1e-15 on these O(1) iterates; 1e-10 leaves room and still catches
// any wrong coefficient (which moves the path by ≥ 1e-3 here).
const PATH_TOL = 1e-10;

describe("heavy-ball-step", () => {
  it("the first step from a zero buffer is plain gradient descent [1 pt]", () => {
    const { heavyBallStep } = load<Momentum>("momentum");
    // By hand: b = 0.9·0 + 2 = 2, θ = 1 − 0.1·2 = 0.8.
    expectClose(heavyBallStep([1], [0], [2], 0.1, 0.9), [[0.8], [2]], TOL, "heavyBallStep([1], [0], [2], 0.1, 0.9)");
  });

  it("adds momentum·buffer to the gradient: b⁺ = βb + g, θ⁺ = θ − lr·b⁺ [2 pts]", () => {
    const { heavyBallStep } = load<Momentum>("momentum");
    // By hand: b⁺ = (0.9·0.5 + 2, 0.9·(−1) + 4) = (2.45, 3.1); θ⁺ = (1 − 0.245, 2 − 0.31) = (0.755, 1.69).
    expectClose(heavyBallStep([1, 2], [0.5, -1], [2, 4], 0.1, 0.9), [[0.755, 1.69], [2.45, 3.1]], TOL, "heavyBallStep([1, 2], [0.5, -1], [2, 4], 0.1, 0.9)");
  });

  it("is CS 182's heavy ball (v = b) and Lecture 8's v ← λv − η∇L (v = −lr·b), step for step [2 pts]", () => {
    const { heavyBallStep } = load<Momentum>("momentum");
    const grad = quadraticGrad([1, 10]); // f = ½(θ₁² + 10θ₂²): ill-conditioned, so momentum matters
    const lr = 0.05, beta = 0.8, steps = 20;
    const cs182 = lecture003(grad, [-3, 1], lr, beta, steps);
    const ucA = lecture001(grad, [-3, 1], lr, beta, steps);
    let theta = [-3, 1], b = [0, 0];
    const path = [theta], buffers: number[][] = [];
    for (let k = 0; k < steps; k++) {
      [theta, b] = heavyBallStep(theta, b, grad(theta), lr, beta);
      path.push(theta);
      buffers.push(b);
    }
    expectClose(path, cs182.path, PATH_TOL, "20 heavyBallStep iterates vs CS 182's θ ← θ − αv");
    expectClose(buffers, cs182.v, PATH_TOL, "20 heavyBallStep buffers vs CS 182's v");
    expectClose(path, ucA.path, PATH_TOL, "20 heavyBallStep iterates vs Lecture 8's W ← W + v");
  });

  it("returns new arrays and leaves theta, buffer and grad untouched [1 pt]", () => {
    const { heavyBallStep } = load<Momentum>("momentum");
    const theta = [1, 2], buffer = [0.5, -1], grad = [2, 4];
    const out = expectNotMutated("heavyBallStep", { theta, buffer, grad }, () => heavyBallStep(theta, buffer, grad, 0.1, 0.9));
    expectFresh(out[0], theta, "heavyBallStep(...)[0]");
    expectFresh(out[1], buffer, "heavyBallStep(...)[1]");
  });

  it("rejects lr ≤ 0, a momentum outside [0, 1) and mismatched lengths, naming the problem [1 pt]", () => {
    const { heavyBallStep } = load<Momentum>("momentum");
    expectThrows(() => heavyBallStep([1], [0], [2], 0, 0.9), "heavyBallStep([1], [0], [2], 0, 0.9)", /\blr\b/);
    expectThrows(() => heavyBallStep([1], [0], [2], 0.1, -0.5), "heavyBallStep([1], [0], [2], 0.1, -0.5)", /momentum/);
    expectThrows(() => heavyBallStep([1, 2], [0], [2, 3], 0.1, 0.9), "heavyBallStep([1, 2], [0], [2, 3], 0.1, 0.9)", /length/);
  });
});
