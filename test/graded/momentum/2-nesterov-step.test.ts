// Public graded tests for question "nesterov-step" (lesson 5, Momentum and acceleration):
// solutions/momentum.ts nesterovStep, torch's SGD(lr, momentum, nesterov = true) step.
import { expectClose, expectFresh, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";
import { lecture002Nesterov, quadraticGrad } from "./lecture-forms";

type Momentum = typeof import("../../../exercises/momentum");

// A few multiply-adds per entry on O(1) values: 1e-12 is far above rounding, far below a mistake.
const TOL = 1e-12;
// Twenty steps of two equivalent but differently rounded recursions stay within ~1e-15 on these
// O(1) iterates; 1e-10 leaves room and still catches a wrong coefficient (≥ 1e-3 here).
const PATH_TOL = 1e-10;

describe("nesterov-step", () => {
  it("the first step from a zero buffer moves by lr·(1 + momentum)·g [1 pt]", () => {
    const { nesterovStep } = load<Momentum>("momentum");
    // By hand: b = g = 2, θ = 1 − 0.1·(2 + 0.9·2) = 1 − 0.38 = 0.62.
    expectClose(nesterovStep([1], [0], [2], 0.1, 0.9), [[0.62], [2]], TOL, "nesterovStep([1], [0], [2], 0.1, 0.9)");
  });

  it("steps by g + momentum·b⁺: θ⁺ = θ − lr·(g + βb⁺) with b⁺ = βb + g [2 pts]", () => {
    const { nesterovStep } = load<Momentum>("momentum");
    // By hand: b⁺ = (2.45, 3.1); g + 0.9b⁺ = (2 + 2.205, 4 + 2.79) = (4.205, 6.79);
    // θ⁺ = (1 − 0.4205, 2 − 0.679) = (0.5795, 1.321).
    expectClose(nesterovStep([1, 2], [0.5, -1], [2, 4], 0.1, 0.9), [[0.5795, 1.321], [2.45, 3.1]], TOL, "nesterovStep([1, 2], [0.5, -1], [2, 4], 0.1, 0.9)");
  });

  it("its iterates are the look-ahead points θ + αηv of the Topic 4 slides' Nesterov, and b = −v [2 pts]", () => {
    const { nesterovStep } = load<Momentum>("momentum");
    const grad = quadraticGrad([1, 10]);
    const lr = 0.05, beta = 0.8, steps = 20;
    const slides = lecture002Nesterov(grad, [-3, 1], lr, beta, steps);
    let theta = [-3, 1], b = [0, 0];
    const path = [theta], minusBuffers = [b.map((x) => -x)];
    for (let k = 0; k < steps; k++) {
      [theta, b] = nesterovStep(theta, b, grad(theta), lr, beta);
      path.push(theta);
      minusBuffers.push(b.map((x) => -x));
    }
    expectClose(path, slides.lookahead, PATH_TOL, "20 nesterovStep iterates vs the slides' look-ahead points θₖ + αηvₖ");
    expectClose(minusBuffers, slides.v, PATH_TOL, "−(20 nesterovStep buffers) vs the slides' v");
  });

  it("returns new arrays and leaves theta, buffer and grad untouched [1 pt]", () => {
    const { nesterovStep } = load<Momentum>("momentum");
    const theta = [1, 2], buffer = [0.5, -1], grad = [2, 4];
    const out = expectNotMutated("nesterovStep", { theta, buffer, grad }, () => nesterovStep(theta, buffer, grad, 0.1, 0.9));
    expectFresh(out[0], theta, "nesterovStep(...)[0]");
    expectFresh(out[1], buffer, "nesterovStep(...)[1]");
  });

  it("rejects lr ≤ 0, a momentum outside [0, 1) and mismatched lengths, naming the problem [1 pt]", () => {
    const { nesterovStep } = load<Momentum>("momentum");
    expectThrows(() => nesterovStep([1], [0], [2], -0.1, 0.9), "nesterovStep([1], [0], [2], -0.1, 0.9)", /\blr\b/);
    expectThrows(() => nesterovStep([1], [0], [2], 0.1, 1.5), "nesterovStep([1], [0], [2], 0.1, 1.5)", /momentum/);
    expectThrows(() => nesterovStep([1, 2], [0, 0], [2], 0.1, 0.9), "nesterovStep([1, 2], [0, 0], [2], 0.1, 0.9)", /length/);
  });
});
