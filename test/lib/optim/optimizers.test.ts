import { expect } from "chai";
import { SGD } from "../../../lib/optim/sgd";
import { Adagrad } from "../../../lib/optim/adagrad";
import { RMSprop } from "../../../lib/optim/rmsprop";
import { Adam } from "../../../lib/optim/adam";
import { AdamW } from "../../../lib/optim/adamw";
import { Adamax } from "../../../lib/optim/adamax";
import { NAdam } from "../../../lib/optim/nadam";
import { Adadelta } from "../../../lib/optim/adadelta";
import type { Optimizer } from "../../../lib/optim/optimizer";

const v = (...xs: number[]) => Float64Array.from(xs);
// Each first step below is a few float operations on simple numbers: 1e-15 is a few ulps.
const ULPS = 1e-15;

describe("lib/optim: first steps by hand", () => {
  it("SGD: θ − lr·g; momentum starts its buffer at g; Nesterov steps along g + μb", () => {
    const plain = new SGD(v(1), { lr: 0.1 });
    plain.step(v(2));
    expect(plain.params[0]).to.be.closeTo(0.8, ULPS);
    expect(plain.state.momentumBuffer).to.equal(null);

    const heavy = new SGD(v(1), { lr: 0.1, momentum: 0.9 });
    heavy.step(v(2)); // b = 2, θ = 1 − 0.2
    expect(heavy.params[0]).to.be.closeTo(0.8, ULPS);
    heavy.step(v(3)); // b = 0.9·2 + 3 = 4.8, θ = 0.8 − 0.48
    expect(heavy.state.momentumBuffer![0]).to.be.closeTo(4.8, ULPS);
    expect(heavy.params[0]).to.be.closeTo(0.32, ULPS);

    const damp = new SGD(v(1), { lr: 0.1, momentum: 0.9, dampening: 0.5 });
    damp.step(v(2)); // first step ignores dampening: b = g
    damp.step(v(3)); // b = 0.9·2 + 0.5·3 = 3.3
    expect(damp.state.momentumBuffer![0]).to.be.closeTo(3.3, ULPS);

    const nesterov = new SGD(v(1), { lr: 0.1, momentum: 0.9, nesterov: true });
    nesterov.step(v(2)); // d = 2 + 0.9·2 = 3.8
    expect(nesterov.params[0]).to.be.closeTo(0.62, ULPS);

    const decay = new SGD(v(1), { lr: 0.1, weightDecay: 0.5 });
    decay.step(v(2)); // g = 2 + 0.5·1
    expect(decay.params[0]).to.be.closeTo(0.75, ULPS);

    const up = new SGD(v(1), { lr: 0.1, maximize: true, weightDecay: 0.5 });
    up.step(v(2)); // g = −2 + 0.5·1 = −1.5: climbs f and still decays θ (torch's code)
    expect(up.params[0]).to.be.closeTo(1.15, ULPS);
  });

  it("Adagrad: the first step is lr·sign(g) when eps = 0; lrDecay divides lr by 1 + (t−1)η", () => {
    const opt = new Adagrad(v(1, 1), { lr: 0.1, eps: 0 });
    opt.step(v(2, -0.01));
    expect(Array.from(opt.params)).to.deep.equal([0.9, 1.1]);
    opt.step(v(1, 0)); // sum = 5: θ = 0.9 − 0.1/√5
    expect(opt.params[0]).to.be.closeTo(0.9 - 0.1 / Math.sqrt(5), ULPS);
    expect(opt.params[1]).to.equal(1.1);
    const decayed = new Adagrad(v(0), { lr: 1, eps: 0, lrDecay: 1 });
    decayed.step(v(1));
    decayed.step(v(0)); // t = 2: lr/(1 + 1) but g = 0: no move
    decayed.step(v(1)); // t = 3: lr/3 · 1/√2
    expect(decayed.params[0]).to.be.closeTo(-1 - 1 / 3 / Math.SQRT2, ULPS);
  });

  it("RMSprop: with v₀ = 0 the first step is lr/√(1−α) per unit sign (10× lr for α = 0.99)", () => {
    const opt = new RMSprop(v(1, 1), { lr: 0.01, eps: 0 });
    opt.step(v(2, -3));
    expect(opt.params[0]).to.be.closeTo(0.9, ULPS);
    expect(opt.params[1]).to.be.closeTo(1.1, ULPS);
    const centered = new RMSprop(v(0), { lr: 0.01, alpha: 0.5, eps: 0, centered: true });
    centered.step(v(2)); // v = 2, ḡ = 1, √(v − ḡ²) = 1: θ = −0.01·2
    expect(centered.params[0]).to.be.closeTo(-0.02, ULPS);
    const mom = new RMSprop(v(0), { lr: 0.01, alpha: 0.75, eps: 0, momentum: 0.5 });
    mom.step(v(2)); // v = 1, b = 2, θ = −0.02
    mom.step(v(2)); // v = 0.75 + 1 = 1.75, b = 1 + 2/√1.75
    expect(mom.state.momentumBuffer![0]).to.be.closeTo(1 + 2 / Math.sqrt(1.75), ULPS);
    expect(mom.params[0]).to.be.closeTo(-0.02 - 0.01 * (1 + 2 / Math.sqrt(1.75)), ULPS);
  });

  it("Adam: bias correction makes the first step lr·g/(|g| + eps), whatever the betas", () => {
    for (const betas of [[0.9, 0.999], [0.5, 0.9]] as [number, number][]) {
      const opt = new Adam(v(1, 1), { lr: 0.1, betas });
      opt.step(v(2, -1e-3));
      expect(opt.params[0]).to.be.closeTo(1 - (0.1 * 2) / (2 + 1e-8), ULPS);
      expect(opt.params[1]).to.be.closeTo(1 + (0.1 * 1e-3) / (1e-3 + 1e-8), ULPS);
      expect(opt.state.expAvg[0]).to.be.closeTo((1 - betas[0]) * 2, ULPS);
      expect(opt.state.expAvgSq[0]).to.be.closeTo((1 - betas[1]) * 4, ULPS);
      expect(opt.state.step).to.equal(1);
    }
  });

  it("Adam with amsgrad divides by the largest v so far; AdamW shrinks θ by 1 − lr·λ first", () => {
    const ams = new Adam(v(0), { lr: 0.1, betas: [0, 0.5], eps: 0, amsgrad: true });
    ams.step(v(4)); // v = 8, v̂max = 8 → √(8/0.5) = 4: step 0.1
    ams.step(v(1)); // v = 4 + 0.5 = 4.5 < 8: max stays 8; bc2 = 0.75: denom √8/√0.75
    expect(ams.state.maxExpAvgSq![0]).to.equal(8);
    expect(ams.params[0]).to.be.closeTo(-0.1 - 0.1 * (1 / (Math.sqrt(8) / Math.sqrt(0.75))), ULPS);
    const w = new AdamW(v(1), { lr: 0.1, weightDecay: 0.1, eps: 0 });
    w.step(v(2)); // θ = 0.99, then − 0.1·sign
    expect(w.params[0]).to.be.closeTo(0.89, ULPS);
    expect(new AdamW(v(1)).weightDecay).to.equal(0.01);
    expect(new AdamW(v(1)).name).to.equal("AdamW");
  });

  it("Adamax: u = max(β₂u, |g| + ε); NAdam and Adadelta first steps from their formulas", () => {
    const ax = new Adamax(v(1), { lr: 0.1, eps: 0 });
    ax.step(v(-3)); // m = −0.3, u = 3, clr = 1: θ = 1 + 0.1
    expect(ax.params[0]).to.be.closeTo(1.1, ULPS);
    ax.step(v(1)); // u = max(0.999·3, 1) = 2.997
    expect(ax.state.expInf[0]).to.be.closeTo(2.997, ULPS);

    const na = new NAdam(v(1), { lr: 0.1, eps: 0 });
    na.step(v(2));
    const mu1 = 0.9 * (1 - 0.5 * 0.96 ** 0.004), mu2 = 0.9 * (1 - 0.5 * 0.96 ** 0.008);
    // m = 0.2, d = √(0.004/0.001) = 2: θ = 1 − 0.1·(1−μ₁)/(1−μ₁)·1 − 0.1·μ₂/(1−μ₁μ₂)·0.1
    expect(na.params[0]).to.be.closeTo(1 - 0.1 - (0.1 * mu2 * 0.1) / (1 - mu1 * mu2), ULPS);
    expect(na.state.muProduct).to.be.closeTo(mu1, ULPS);

    const ad = new Adadelta(v(1));
    ad.step(v(2)); // v = 0.4, Δ = √1e-6/√(0.4 + 1e-6)·2, u = 0.1Δ²
    const delta = (1e-3 / Math.sqrt(0.4 + 1e-6)) * 2;
    expect(ad.params[0]).to.be.closeTo(1 - delta, ULPS);
    expect(ad.state.accDelta[0]).to.be.closeTo(0.1 * delta * delta, 1e-20);
  });

  it("defaults are torch's", () => {
    const p = v(0);
    expect([new SGD(p).lr, new Adagrad(p).lr, new RMSprop(p).lr, new Adam(p).lr, new AdamW(p).lr, new Adamax(p).lr, new NAdam(p).lr, new Adadelta(p).lr])
      .to.deep.equal([1e-3, 1e-2, 1e-2, 1e-3, 1e-3, 2e-3, 2e-3, 1]);
    const adam = new Adam(p);
    expect([adam.betas, adam.eps, adam.weightDecay, adam.amsgrad, adam.maximize]).to.deep.equal([[0.9, 0.999], 1e-8, 0, false, false]);
    const rms = new RMSprop(p);
    expect([rms.alpha, rms.eps, rms.momentum, rms.centered]).to.deep.equal([0.99, 1e-8, 0, false]);
    const ag = new Adagrad(p);
    expect([ag.eps, ag.lrDecay, ag.initialAccumulatorValue]).to.deep.equal([1e-10, 0, 0]);
    const ad = new Adadelta(p);
    expect([ad.rho, ad.eps]).to.deep.equal([0.9, 1e-6]);
    expect(new NAdam(p).momentumDecay).to.equal(4e-3);
    const sgd = new SGD(p);
    expect([sgd.momentum, sgd.dampening, sgd.nesterov, sgd.weightDecay]).to.deep.equal([0, 0, false, 0]);
  });
});

describe("lib/optim: bad input is refused with the argument, its value and a fix", () => {
  const all: [string, (p: Float64Array, o?: object) => Optimizer][] = [
    ["SGD", (p, o) => new SGD(p, o)], ["Adagrad", (p, o) => new Adagrad(p, o)], ["RMSprop", (p, o) => new RMSprop(p, o)],
    ["Adam", (p, o) => new Adam(p, o)], ["AdamW", (p, o) => new AdamW(p, o)], ["Adamax", (p, o) => new Adamax(p, o)],
    ["NAdam", (p, o) => new NAdam(p, o)], ["Adadelta", (p, o) => new Adadelta(p, o)],
  ];

  for (const [name, make] of all) {
    it(`${name}: lr ≤ 0 or NaN, a wrong-length or non-finite gradient, a negative lr later`, () => {
      for (const lr of [0, -0.1, NaN, Infinity]) {
        expect(() => make(v(1), { lr }), `lr ${lr}`).to.throw(RangeError, new RegExp(`${name}: lr must be a finite number > 0, got ${lr}`));
      }
      if (name !== "SGD") expect(() => make(v(1), { eps: -1 })).to.throw(RangeError, /eps must be .*≥ 0, got -1/); // SGD has no eps
      const opt = make(v(1, 2));
      expect(() => opt.step(v(1))).to.throw(RangeError, /gradient has length 1 but there are 2 parameters/);
      expect(() => opt.step(v(1, NaN))).to.throw(RangeError, new RegExp(`${name}.step: grad\\[1\\] is NaN`));
      expect(() => opt.step(v(-Infinity, 0))).to.throw(RangeError, /grad\[0\] is -Infinity/);
      // A refused step leaves everything as it was.
      expect(Array.from(opt.params)).to.deep.equal([1, 2]);
      expect((opt.state as { step?: number }).step ?? 0).to.equal(0);
      expect(() => (opt.lr = -1)).to.throw(RangeError, /lr must be a finite number ≥ 0, got -1/);
      expect(() => (opt.lr = NaN)).to.throw(RangeError, /got NaN/);
      opt.lr = 0; // a schedule may reach 0 (cosine annealing)
      expect(() => make([1, 2] as unknown as Float64Array)).to.throw(TypeError, /params must be a Float64Array/);
      expect(() => make(v(NaN))).to.throw(RangeError, /params\[0\] is NaN/);
      expect(() => make(v(1), { maximize: "yes" })).to.throw(TypeError, /maximize must be true or false/);
    });
  }

  it("betas outside [0, 1) for Adam, AdamW, Adamax and NAdam", () => {
    for (const make of [(o: object) => new Adam(v(1), o), (o: object) => new AdamW(v(1), o), (o: object) => new Adamax(v(1), o), (o: object) => new NAdam(v(1), o)]) {
      expect(() => make({ betas: [1, 0.999] })).to.throw(RangeError, /betas\[0\] must be a finite number ≥ 0 and < 1, got 1/);
      expect(() => make({ betas: [0.9, -0.1] })).to.throw(RangeError, /betas\[1\] .* got -0.1/);
      expect(() => make({ betas: [0.9] })).to.throw(RangeError, /betas must be a pair/);
    }
  });

  it("SGD: negative momentum, Nesterov without momentum or with dampening (torch's rule)", () => {
    expect(() => new SGD(v(1), { momentum: -0.1 })).to.throw(RangeError, /momentum must be .*≥ 0, got -0.1/);
    expect(() => new SGD(v(1), { nesterov: true })).to.throw(RangeError, /Nesterov momentum requires a momentum and zero dampening/);
    expect(() => new SGD(v(1), { nesterov: true, momentum: 0.9, dampening: 0.1 })).to.throw(RangeError, /got momentum 0.9 and dampening 0.1/);
    expect(() => new SGD(v(1), { dampening: 2 })).to.throw(RangeError, /dampening/);
  });

  it("RMSprop: alpha outside [0, 1), negative momentum; Adadelta: rho outside [0, 1]", () => {
    expect(() => new RMSprop(v(1), { alpha: 1 })).to.throw(RangeError, /alpha .* got 1/);
    expect(() => new RMSprop(v(1), { momentum: -1 })).to.throw(RangeError, /momentum .* got -1/);
    expect(() => new Adadelta(v(1), { rho: 1.5 })).to.throw(RangeError, /rho .* got 1.5/);
    expect(() => new Adagrad(v(1), { initialAccumulatorValue: -1 })).to.throw(RangeError, /initialAccumulatorValue .* got -1/);
  });
});
