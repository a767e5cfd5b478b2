import { expect } from "chai";
import { SGD } from "../../../lib/optim/sgd";
import { Adam } from "../../../lib/optim/adam";
import {
  CosineAnnealingLR, ExponentialLR, LambdaLR, LinearLR, MultiStepLR, SequentialLR, StepLR, cosineAnnealing, inverseSqrtDecay, inverseTimeDecay,
  lambdaSchedule, linearWarmup, lrAt, lrValues, sequential, stepDecay,
} from "../../../lib/optim/schedules";

// Values below come from torch's documentation examples and the closed forms it states;
// products of a few decimals: 1e-15 absolute is a few ulps at these sizes.
const ULPS = 1e-15;

/** lr seen by each opt.step over `n` steps under a scheduler built by `make`. */
function lrsSeen(n: number, make: (opt: SGD) => { step(): void }, lr = 0.05): number[] {
  const opt = new SGD(Float64Array.from([1]), { lr });
  const sched = make(opt);
  const seen: number[] = [];
  for (let k = 0; k < n; k++) {
    seen.push(opt.lr);
    opt.step(Float64Array.from([0]));
    sched.step();
  }
  return seen;
}

describe("lib/optim/schedules: torch's lr_scheduler semantics", () => {
  it("StepLR(step_size 30, γ 0.1) from 0.05: 0.05 for steps 0–29, 0.005 for 30–59, 0.0005 for 60–89 (torch's docs)", () => {
    const seen = lrsSeen(90, (opt) => new StepLR(opt, { stepSize: 30 }));
    seen.forEach((lr, t) => expect(lr, `t = ${t}`).to.be.closeTo(t < 30 ? 0.05 : t < 60 ? 0.005 : 0.0005, ULPS));
  });

  it("MultiStepLR(milestones [30, 80]) from 0.05: 0.05, then 0.005 from 30, 0.0005 from 80 (torch's docs)", () => {
    const seen = lrsSeen(100, (opt) => new MultiStepLR(opt, { milestones: [30, 80] }));
    seen.forEach((lr, t) => expect(lr, `t = ${t}`).to.be.closeTo(t < 30 ? 0.05 : t < 80 ? 0.005 : 0.0005, ULPS));
  });

  it("LinearLR(start_factor 0.5, total_iters 4) from 0.05: 0.025, 0.03125, 0.0375, 0.04375, then 0.05 (torch's docs)", () => {
    const want = [0.025, 0.03125, 0.0375, 0.04375, 0.05, 0.05, 0.05];
    lrsSeen(7, (opt) => new LinearLR(opt, { startFactor: 0.5, totalIters: 4 })).forEach((lr, t) => expect(lr, `t = ${t}`).to.be.closeTo(want[t], ULPS));
    // torch's defaults: start 1/3, end 1, 5 steps.
    expect(linearWarmup()(0, 3)).to.be.closeTo(1, ULPS);
    expect(linearWarmup()(5, 3)).to.equal(3);
  });

  it("ExponentialLR and LambdaLR: η₀γᵗ and η₀λ(t)", () => {
    lrsSeen(10, (opt) => new ExponentialLR(opt, { gamma: 0.9 }), 1).forEach((lr, t) => expect(lr).to.be.closeTo(0.9 ** t, ULPS));
    lrsSeen(10, (opt) => new LambdaLR(opt, (t) => 1 / (t + 2)), 1).forEach((lr, t) => expect(lr).to.be.closeTo(1 / (t + 2), ULPS));
  });

  it("CosineAnnealingLR: η₀ at 0, the midpoint at T/2, η_min at T, and the recursion torch runs agrees with the closed form", () => {
    const f = cosineAnnealing({ tMax: 10, etaMin: 0.01 });
    expect(f(0, 0.1)).to.equal(0.1);
    expect(f(5, 0.1)).to.be.closeTo(0.055, ULPS);
    expect(f(10, 0.1)).to.be.closeTo(0.01, ULPS);
    // torch's chainable form: η_{t} = η_min + (η_{t−1} − η_min)(1 + cos(πt/T))/(1 + cos(π(t−1)/T)).
    let lr = 0.1;
    for (let t = 1; t < 10; t++) {
      lr = 0.01 + ((lr - 0.01) * (1 + Math.cos((Math.PI * t) / 10))) / (1 + Math.cos((Math.PI * (t - 1)) / 10));
      expect(f(t, 0.1)).to.be.closeTo(lr, 1e-15);
    }
  });

  it("SequentialLR: warm-up, then cosine restarted at its own t = 0 at the milestone, from the original base lr", () => {
    const opt = new Adam(Float64Array.from([1, 2]), { lr: 0.1 });
    const warm = new LinearLR(opt, { startFactor: 0.1, totalIters: 5 });
    const cos = new CosineAnnealingLR(opt, { tMax: 10 });
    expect(cos.baseLr).to.equal(0.1); // not the warm-up's 0.01 (torch's shared initial_lr)
    const seq = new SequentialLR(opt, { schedulers: [warm, cos], milestones: [5] });
    const seen: number[] = [];
    for (let k = 0; k < 16; k++) {
      seen.push(opt.lr);
      opt.step(Float64Array.from([1, -1]));
      seq.step();
    }
    const want = [0.01, 0.028, 0.046, 0.064, 0.082, ...Array.from({ length: 11 }, (_, t) => (0.1 * (1 + Math.cos((Math.PI * t) / 10))) / 2)];
    seen.forEach((lr, t) => expect(lr, `t = ${t}`).to.be.closeTo(want[t], 1e-15));
    // The pure form gives the same numbers for a chart.
    const pure = sequential([linearWarmup({ startFactor: 0.1, totalIters: 5 }), cosineAnnealing({ tMax: 10 })], [5]);
    expect(lrValues(pure, 0.1, 16)).to.deep.equal(seen);
  });

  it("the lectures' decays: η₀/(t+1) (the Topic 4 slides' 1/k) and η₀/√(t+1) (Lecture 8's)", () => {
    expect(lrValues(inverseTimeDecay(), 1, 4)).to.deep.equal([1, 1 / 2, 1 / 3, 1 / 4]);
    expect(lrValues(inverseSqrtDecay(), 1, 4)).to.deep.equal([1, 1 / Math.SQRT2, 1 / Math.sqrt(3), 1 / 2]);
    const opt = new SGD(Float64Array.from([0]), { lr: 1 });
    const sched = new LambdaLR(opt, (t) => 1 / (t + 1));
    const path: number[] = [];
    for (let k = 0; k < 3; k++) {
      opt.step(Float64Array.from([1])); // θ −= 1/(k+1)
      sched.step();
      path.push(opt.params[0]);
    }
    expect(path[2]).to.be.closeTo(-(1 + 1 / 2 + 1 / 3), ULPS);
  });

  it("a schedule that yields a negative or non-finite lr throws, naming t and the value", () => {
    const opt = new SGD(Float64Array.from([0]), { lr: 1 });
    const sched = new LambdaLR(opt, (t) => 1 - 0.25 * t);
    for (let k = 0; k < 4; k++) sched.step();
    expect(opt.lr).to.equal(0);
    expect(() => sched.step()).to.throw(RangeError, /LambdaLR: the schedule gave lr = -0.25 at t = 5/);
    expect(opt.lr).to.equal(0); // unchanged by the refused step
    const f = lrAt(lambdaSchedule((t) => (t === 3 ? NaN : 1)), 0.1);
    expect(f(2)).to.equal(0.1);
    expect(() => f(3)).to.throw(RangeError, /lr = NaN at t = 3/);
  });

  it("bad options are refused with their name and value", () => {
    expect(() => stepDecay({ stepSize: 0 })).to.throw(RangeError, /stepSize must be .*≥ 1, got 0/);
    expect(() => stepDecay({ stepSize: 2.5 })).to.throw(RangeError, /whole number/);
    expect(() => new MultiStepLR(new SGD(Float64Array.from([0])), { milestones: [30, 10] })).to.throw(RangeError, /milestones must increase/);
    expect(() => new ExponentialLR(new SGD(Float64Array.from([0])), { gamma: -1 })).to.throw(RangeError, /gamma .* got -1/);
    expect(() => cosineAnnealing({ tMax: 10, etaMin: -1 })).to.throw(RangeError, /etaMin/);
    expect(() => sequential([inverseTimeDecay()], [])).to.throw(RangeError, /at least two schedules/);
    expect(() => sequential([inverseTimeDecay(), inverseSqrtDecay()], [])).to.throw(RangeError, /expected 1 milestone/);
    const a = new SGD(Float64Array.from([0])), b = new SGD(Float64Array.from([0]));
    expect(() => new SequentialLR(a, { schedulers: [new LinearLR(a), new StepLR(b, { stepSize: 1 })], milestones: [5] })).to.throw(RangeError, /different optimizer/);
    expect(() => lrAt(inverseTimeDecay(), 0)).to.throw(RangeError, /baseLr/);
  });
});
