import { expect } from "chai";
import { SGD } from "../../../lib/optim/sgd";
import { Adagrad } from "../../../lib/optim/adagrad";
import { RMSprop } from "../../../lib/optim/rmsprop";
import { Adam } from "../../../lib/optim/adam";
import {
  CS182Adagrad, CS182HeavyBall, CS182RMSProp, Lecture8Adagrad, Lecture8Adam, Lecture8Momentum, Lecture8RMSProp, Topic4Momentum, Topic4Nesterov,
} from "../../../lib/optim/lecture-forms";
import type { Optimizer } from "../../../lib/optim/optimizer";
import { expectRelClose, quadraticGradient } from "./close";

// A non-diagonal quadratic (eigenvalues ≈ 3.53, 0.47) and d2l's 0.1x₁² + 2x₂², both from a
// point where the coordinates' gradients differ in size and sign.
const PROBLEMS = [
  { name: "skew", grad: quadraticGradient([[3, 1.2], [1.2, 1]], [1, -1]), x0: [2, 3] },
  { name: "d2l", grad: quadraticGradient([[0.2, 0], [0, 4]], [0, 0]), x0: [-5, -2] },
];
const STEPS = 40;
// Two forms of one algorithm do the same arithmetic in a different order: they agree to
// rounding (~1e-16 per operation); 1e-12 relative leaves room for 40 steps and fails on any
// real difference. Where the forms do identical float operations we demand bit equality.
const REL = 1e-12;

/** Runs two optimizers side by side on the same gradients of their own iterates, calling `check` after every step. */
function lockstep(a: Optimizer, b: Optimizer, grad: (x: Float64Array) => Float64Array, check: (k: number) => void, before?: (k: number) => void): void {
  for (let k = 1; k <= STEPS; k++) {
    before?.(k);
    a.step(grad(a.params));
    b.step(grad(b.params));
    check(k);
  }
}

describe("lib/optim/lecture-forms: each lecture form equals its torch setting, step by step", () => {
  for (const pr of PROBLEMS) {
    const x0 = () => Float64Array.from(pr.x0);

    it(`Lecture 8's momentum v ← λv − η∇L, W ← W + v is SGD(lr η, momentum λ) with v = −η·b (${pr.name})`, () => {
      const lecture = new Lecture8Momentum(x0(), { lr: 0.05, momentum: 0.8 });
      const torch = new SGD(x0(), { lr: 0.05, momentum: 0.8 });
      lockstep(lecture, torch, pr.grad, (k) => {
        expectRelClose(lecture.params, torch.params, REL, `W at step ${k}`);
        expectRelClose(lecture.state.velocity, torch.state.momentumBuffer!.map((b) => -0.05 * b), REL, `v at step ${k}`);
      });
    });

    it(`CS 182's heavy ball v ← m·v + ∇L, θ ← θ − αv is SGD(lr α, momentum m) with v = b, bit for bit (${pr.name})`, () => {
      const lecture = new CS182HeavyBall(x0(), { lr: 0.05, momentum: 0.8 });
      const torch = new SGD(x0(), { lr: 0.05, momentum: 0.8 });
      lockstep(lecture, torch, pr.grad, () => {
        expect(Array.from(lecture.params)).to.deep.equal(Array.from(torch.params));
        expect(Array.from(lecture.state.velocity)).to.deep.equal(Array.from(torch.state.momentumBuffer!));
      });
    });

    it(`Topic 4's classical momentum v ← ηv − ∇h, θ ← θ + αv is SGD(lr α, momentum η) with v = −b, bit for bit (${pr.name})`, () => {
      const lecture = new Topic4Momentum(x0(), { lr: 0.05, momentum: 0.8 });
      const torch = new SGD(x0(), { lr: 0.05, momentum: 0.8 });
      lockstep(lecture, torch, pr.grad, () => {
        expect(Array.from(lecture.params)).to.deep.equal(Array.from(torch.params));
        expect(Array.from(lecture.state.velocity)).to.deep.equal(Array.from(torch.state.momentumBuffer!).map((b) => -b));
      });
    });

    it(`Topic 4's Nesterov (gradient at θ + αηv): torch's nesterov iterates are the look-ahead points (${pr.name})`, () => {
      const lecture = new Topic4Nesterov(x0(), { lr: 0.05, momentum: 0.8 });
      const torch = new SGD(x0(), { lr: 0.05, momentum: 0.8, nesterov: true });
      lockstep(lecture, torch, pr.grad, (k) => {
        expectRelClose(lecture.params, torch.params, REL, `look-ahead point at step ${k}`);
        const lookAhead = lecture.state.theta.map((t, i) => t + 0.05 * 0.8 * lecture.state.velocity[i]);
        expectRelClose(lookAhead, torch.params, REL, `θ + αηv at step ${k}`);
        expectRelClose(lecture.state.velocity, torch.state.momentumBuffer!.map((b) => -b), REL, `v at step ${k}`);
      });
      // …and the lecture's θ is a different sequence from the look-ahead points.
      expect(Math.abs(lecture.state.theta[0] - lecture.params[0])).to.be.above(0);
    });

    it(`Lecture 8's Adagrad η/√(Σg²) is Adagrad(lr η, eps 0, initialAccumulatorValue 0) (${pr.name})`, () => {
      const lecture = new Lecture8Adagrad(x0(), { lr: 0.5 });
      const torch = new Adagrad(x0(), { lr: 0.5, eps: 0 });
      lockstep(lecture, torch, pr.grad, (k) => {
        expectRelClose(lecture.params, torch.params, REL, `w at step ${k}`);
        expectRelClose(lecture.state.sumSq, torch.state.sum, REL, `Σg² at step ${k}`);
      });
    });

    it(`Lecture 8's RMSProp with σ⁰ = |g⁰| is RMSprop(eps 0) with squareAvg seeded by g₀²; unseeded, torch's first step is 1/√(1−α) larger (${pr.name})`, () => {
      const alpha = 0.9;
      const lecture = new Lecture8RMSProp(x0(), { lr: 0.01, alpha });
      const torch = new RMSprop(x0(), { lr: 0.01, alpha, eps: 0 });
      const g0 = pr.grad(torch.params);
      torch.state.squareAvg.set(g0.map((g) => g * g));
      lockstep(lecture, torch, pr.grad, (k) => {
        expectRelClose(lecture.params, torch.params, REL, `w at step ${k}`);
        expectRelClose(lecture.state.sigma.map((s) => s * s), torch.state.squareAvg, REL, `σ² at step ${k}`);
      });
      const unseeded = new RMSprop(x0(), { lr: 0.01, alpha, eps: 0 });
      const once = new Lecture8RMSProp(x0(), { lr: 0.01, alpha });
      unseeded.step(pr.grad(unseeded.params));
      once.step(pr.grad(once.params));
      for (let i = 0; i < 2; i++) {
        const ratio = (unseeded.params[i] - pr.x0[i]) / (once.params[i] - pr.x0[i]);
        expect(ratio).to.be.closeTo(1 / Math.sqrt(1 - alpha), 1e-12);
      }
    });

    it(`CS 182's RMSProp (β, ε in the root) is RMSprop(lr α, alpha β, eps 0) when ε = 0; with ε > 0 it is not (${pr.name})`, () => {
      const lecture = new CS182RMSProp(x0(), { lr: 0.02, beta: 0.9, eps: 0 });
      const torch = new RMSprop(x0(), { lr: 0.02, alpha: 0.9, eps: 0 });
      lockstep(lecture, torch, pr.grad, (k) => {
        expectRelClose(lecture.params, torch.params, REL, `θ at step ${k}`);
        expectRelClose(lecture.state.s, torch.state.squareAvg, REL, `s at step ${k}`);
      });
      const inside = new CS182RMSProp(x0(), { lr: 0.02, beta: 0.9, eps: 1e-2 });
      const outside = new RMSprop(x0(), { lr: 0.02, alpha: 0.9, eps: 1e-2 });
      inside.step(pr.grad(inside.params));
      outside.step(pr.grad(outside.params));
      expect(Math.abs(inside.params[0] - outside.params[0])).to.be.above(1e-6);
    });

    it(`CS 182's Adagrad (s ← s + βg²) is Adagrad(lr α/√β, eps 0) when ε = 0 (${pr.name})`, () => {
      const beta = 0.25;
      const lecture = new CS182Adagrad(x0(), { lr: 0.5, beta, eps: 0 });
      const torch = new Adagrad(x0(), { lr: 0.5 / Math.sqrt(beta), eps: 0 });
      lockstep(lecture, torch, pr.grad, (k) => {
        expectRelClose(lecture.params, torch.params, REL, `θ at step ${k}`);
        expectRelClose(lecture.state.s, torch.state.sum.map((s) => beta * s), REL, `s at step ${k}`);
      });
    });

    it(`Lecture 8's Adam (corrected) is torch's Adam without bias correction: equal when its η is scaled by √(1−β₂ᵗ)/(1−β₁ᵗ) (${pr.name})`, () => {
      const lr = 0.1, betas: [number, number] = [0.9, 0.999];
      const lecture = new Lecture8Adam(x0(), { lr, betas, eps: 0 });
      const torch = new Adam(x0(), { lr, betas, eps: 0 });
      lockstep(
        lecture, torch, pr.grad,
        (k) => {
          expectRelClose(lecture.params, torch.params, REL, `ω at step ${k}`);
          expectRelClose(lecture.state.nu, torch.state.expAvg, REL, `ν at step ${k}`);
          expectRelClose(lecture.state.s, torch.state.expAvgSq, REL, `s at step ${k}`);
        },
        (k) => (lecture.lr = (lr * Math.sqrt(1 - betas[1] ** k)) / (1 - betas[0] ** k)),
      );
      // Without the correction the first step is (1−β₁)/√(1−β₂) ≈ 3.16 times torch's.
      const raw = new Lecture8Adam(x0(), { lr, betas, eps: 0 });
      const corrected = new Adam(x0(), { lr, betas, eps: 0 });
      raw.step(pr.grad(raw.params));
      corrected.step(pr.grad(corrected.params));
      const ratio = (raw.params[0] - pr.x0[0]) / (corrected.params[0] - pr.x0[0]);
      expect(ratio).to.be.closeTo((1 - betas[0]) / Math.sqrt(1 - betas[1]), 1e-12);
    });
  }

  it("Adam is not RMSprop with momentum: from the second step on, their paths differ", () => {
    const grad = PROBLEMS[0].grad;
    const adam = new Adam(Float64Array.from([2, 3]), { lr: 0.01, betas: [0.9, 0.99], eps: 0 });
    const rms = new RMSprop(Float64Array.from([2, 3]), { lr: 0.001, alpha: 0.99, momentum: 0.9, eps: 0 });
    for (let k = 0; k < 10; k++) {
      adam.step(grad(adam.params));
      rms.step(grad(rms.params));
    }
    expect(Math.abs(adam.params[0] - rms.params[0])).to.be.above(1e-3);
  });

  it("Lecture 8's Adagrad worked example: rates η/0.1, η/0.22 for w₁ and η/20, η/22 for w₂", () => {
    const eta = 1;
    const opt = new Lecture8Adagrad(Float64Array.from([0, 0]), { lr: eta });
    opt.step(Float64Array.from([0.1, 20]));
    expectRelClose(opt.stepSizes(), [eta / 0.1, eta / 20], 1e-15, "after g⁰");
    opt.step(Float64Array.from([0.2, 10]));
    // √(0.1² + 0.2²) = 0.2236… and √(20² + 10²) = 22.36…: the notes round them to 0.22 and 22.
    expectRelClose(opt.stepSizes(), [eta / Math.sqrt(0.05), eta / Math.sqrt(500)], 1e-15, "after g¹");
    expect(eta / opt.stepSizes()[0]).to.be.closeTo(0.22, 0.005);
    expect(eta / opt.stepSizes()[1]).to.be.closeTo(22, 0.5);
    // Smaller gradients, larger steps; and every rate only shrinks.
    expect(opt.stepSizes()[0]).to.be.above(opt.stepSizes()[1]);
  });

  it("the forms check their options and gradients like the torch forms", () => {
    expect(() => new Lecture8Momentum(Float64Array.from([1]), { momentum: 1 })).to.throw(RangeError, /momentum .* got 1/);
    expect(() => new Topic4Nesterov(Float64Array.from([1]), { lr: 0 })).to.throw(RangeError, /lr must be a finite number > 0, got 0/);
    expect(() => new CS182Adagrad(Float64Array.from([1]), { beta: 0 })).to.throw(RangeError, /beta .* got 0/);
    expect(() => new Lecture8Adam(Float64Array.from([1]), { betas: [0.9, 1] })).to.throw(RangeError, /betas\[1\]/);
    const opt = new Lecture8RMSProp(Float64Array.from([1, 2]));
    expect(() => opt.step(Float64Array.from([0, NaN]))).to.throw(RangeError, /grad\[1\] is NaN/);
    // A coordinate whose gradients have all been 0 does not move (no 0/0 = NaN).
    const still = new Lecture8Adagrad(Float64Array.from([1, 2]));
    still.step(Float64Array.from([0, 1]));
    expect(still.params[0]).to.equal(1);
    expect(Number.isFinite(still.params[1])).to.equal(true);
  });
});
