// Public graded tests for question "tuned-momentum" (lesson 5, Momentum and acceleration):
// solutions/momentum.ts tunedMomentum, the constants behind the √κ rate.
import { expectClose, expectThrows } from "../expect";
import { load } from "../impl";
import { lecture003, quadraticGrad } from "./lecture-forms";

type Momentum = typeof import("../../../exercises/momentum");

// A square root, a division and a square: a few ulps; 1e-12 is far above rounding.
const TOL = 1e-12;

describe("tuned-momentum", () => {
  it("κ = 100 (L = 100, μ = 1): heavy ball 4/121 and (9/11)², Nesterov 1/100 and 9/11 [2 pts]", () => {
    const { tunedMomentum } = load<Momentum>("momentum");
    // By hand: √L = 10, √μ = 1; 4/(10 + 1)² = 4/121; (10 − 1)/(10 + 1) = 9/11.
    const got = tunedMomentum(100, 1);
    expectClose([got.heavyBall.lr, got.heavyBall.momentum], [4 / 121, 81 / 121], TOL, "tunedMomentum(100, 1).heavyBall [lr, momentum]");
    expectClose([got.nesterov.lr, got.nesterov.momentum], [1 / 100, 9 / 11], TOL, "tunedMomentum(100, 1).nesterov [lr, momentum]");
  });

  it("κ = 1 (a round bowl) needs no momentum: both are gradient descent with lr = 1/L [1 pt]", () => {
    const { tunedMomentum } = load<Momentum>("momentum");
    // By hand: L = μ = 4: 4/(2 + 2)² = 1/4 = 1/L and (2 − 2)/(2 + 2) = 0.
    const got = tunedMomentum(4, 4);
    expectClose([got.heavyBall.lr, got.heavyBall.momentum, got.nesterov.lr, got.nesterov.momentum], [0.25, 0, 0.25, 0], TOL, "tunedMomentum(4, 4) [hb lr, hb momentum, nesterov lr, nesterov momentum]");
  });

  it("the tuned heavy ball reaches 1e-5 in 100 steps on ½(θ₁² + 100θ₂²), where the best gradient descent is still at 0.13 [1 pt]", () => {
    const { tunedMomentum } = load<Momentum>("momentum");
    const { lr, momentum } = tunedMomentum(100, 1).heavyBall;
    const run = lecture003(quadraticGrad([1, 100]), [1, 1], lr, momentum, 100);
    const last = run.path[100];
    // Theory: each coordinate's error is about (k + 1)·(9/11)ᵏ (a double root), ≈ 2e-7 at
    // k = 100; gradient descent with its best step 2/(L + μ) keeps (99/101)¹⁰⁰ ≈ 0.13.
    // 1e-5 leaves a 50× margin above the theory and is 10⁴ below gradient descent.
    expectClose(Math.hypot(last[0], last[1]), 0, 1e-5, `distance to the minimum after 100 heavy-ball steps with tunedMomentum(100, 1).heavyBall = { lr: ${lr}, momentum: ${momentum} }`);
  });

  it("rejects μ ≤ 0, μ > L and L ≤ 0, naming the argument [1 pt]", () => {
    const { tunedMomentum } = load<Momentum>("momentum");
    expectThrows(() => tunedMomentum(10, 0), "tunedMomentum(10, 0)", /\bmu\b|μ/);
    expectThrows(() => tunedMomentum(1, 10), "tunedMomentum(1, 10)", /\bmu\b|μ/);
    expectThrows(() => tunedMomentum(-1, -2), "tunedMomentum(-1, -2)", /\bL\b|\bmu\b|μ/);
  });
});
