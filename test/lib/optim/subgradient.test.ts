import { expect } from "chai";
import { Subgradient, constantStepForHorizon, subgradientBound } from "../../../lib/optim/subgradient";
import { rng } from "../../../lib/random";

/** f(x) = |x|, subgradient sign(x) (0 at the kink, a valid choice); f* = 0 at x* = 0, G = 1. */
const absF = (x: Float64Array) => Math.abs(x[0]);
const absG = (x: Float64Array) => Float64Array.of(Math.sign(x[0]));

/**
 * A separable hinge problem: f(w) = (1/n) Σ max(0, 1 − yᵢ xᵢᵀw) on points with margin ≥ 0.5
 * along u = (1, 1)/√2, so w* = 2u has every yᵢxᵢᵀw* ≥ 1 and f* = 0 (f ≥ 0). G = max‖xᵢ‖ bounds
 * every subgradient (1/n)Σ −yᵢxᵢ[active] in norm.
 */
function hinge(n: number, seed: number) {
  const r = rng(seed);
  const u = [Math.SQRT1_2, Math.SQRT1_2];
  const X: number[][] = [];
  const y: number[] = [];
  while (X.length < n) {
    const x = [r.uniform(-2, 2), r.uniform(-2, 2)];
    const m = x[0] * u[0] + x[1] * u[1];
    if (Math.abs(m) < 0.5) continue;
    X.push(x);
    y.push(m > 0 ? 1 : -1);
  }
  const f = (w: Float64Array) => X.reduce((s, x, i) => s + Math.max(0, 1 - y[i] * (x[0] * w[0] + x[1] * w[1])), 0) / n;
  const g = (w: Float64Array) => {
    const out = new Float64Array(2);
    X.forEach((x, i) => {
      if (1 - y[i] * (x[0] * w[0] + x[1] * w[1]) > 0) {
        out[0] -= (y[i] * x[0]) / n;
        out[1] -= (y[i] * x[1]) / n;
      }
    });
    return out;
  };
  const G = Math.max(...X.map((x) => Math.hypot(x[0], x[1])));
  const wStar = Float64Array.from(u, (v) => 2 * v);
  return { f, g, G, wStar };
}

describe("optim/subgradient", () => {
  it("|x| from x₀ = 0.7 (R = 0.7, G = 1, η₀ = 1): f_best − f* ≤ (R² + G²Σηᵢ²)/(2Σηᵢ) at every k ≤ 2000", () => {
    // x₀ = 0.7 rather than 1, so no iterate lands exactly on the kink and stays there.
    const R = 0.7;
    const opt = new Subgradient(Float64Array.of(R), { lr: 1, f: absF });
    const etas: number[] = [];
    for (let k = 0; k < 2000; k++) {
      etas.push(opt.stepSizeAt(k));
      opt.step(absG(opt.params));
      expect(Number.isFinite(opt.state.fBest)).to.equal(true);
      expect(opt.state.fBest - 0).to.be.at.most(subgradientBound(R, 1, etas) * (1 + 1e-12));
      // The closed form that bounds it for ηᵢ = η₀/√(i+1) after k steps (module comment):
      // (R² + G²η₀²(1 + ln k)) / (4η₀(√(k+1) − 1)).
      const k1 = k + 1;
      expect(opt.state.fBest).to.be.at.most((R * R + 1 + Math.log(k1)) / (4 * (Math.sqrt(k1 + 1) - 1)));
    }
    // f itself is not monotone (the method is not a descent method), which is why f_best is kept.
    expect(opt.state.fLast).to.be.above(opt.state.fBest);
  });

  it("|x| with the constant step R/(G√K) for K = 400: f_best − f* ≤ RG/√K = 0.05", () => {
    const K = 400;
    const eta = constantStepForHorizon(1, 1, K);
    expect(subgradientBound(1, 1, Array(K).fill(eta))).to.be.closeTo(1 / Math.sqrt(K), 1e-12);
    const opt = new Subgradient(Float64Array.of(1), { lr: eta, schedule: "constant", f: absF });
    for (let k = 0; k < K; k++) opt.step(absG(opt.params));
    expect(opt.state.fBest).to.be.at.most(1 / Math.sqrt(K));
    expect(opt.state.sumSteps).to.be.closeTo(K * eta, 1e-9);
  });

  it("hinge loss (separable, f* = 0): f_best − f* within the bound at every k, with R = ‖w₀ − w*‖ and G = max‖xᵢ‖", () => {
    const { f, g, G, wStar } = hinge(40, 3);
    const w0 = new Float64Array(2);
    const R = Math.hypot(wStar[0] - w0[0], wStar[1] - w0[1]); // = 2
    const opt = new Subgradient(w0, { lr: R / G, f });
    const etas: number[] = [];
    let boundAt1000 = 0;
    for (let k = 0; k < 1000; k++) {
      etas.push(opt.stepSizeAt(k));
      opt.step(g(opt.params));
      const bound = subgradientBound(R, G, etas);
      expect(opt.state.fBest).to.be.at.most(bound * (1 + 1e-12));
      boundAt1000 = bound;
    }
    // The bound decays like log k/√k: after 1000 steps it is below a quarter of its first value.
    expect(boundAt1000).to.be.below(subgradientBound(R, G, etas.slice(0, 1)) / 4);
    expect(f(opt.state.xBest!)).to.equal(opt.state.fBest);
  });

  it("bad input: lr ≤ 0, a schedule giving a negative step, wrong gradient length, bad bound constants", () => {
    expect(() => new Subgradient(Float64Array.of(1), { lr: 0 })).to.throw(RangeError, /lr.*got 0/);
    const opt = new Subgradient(Float64Array.of(1), { schedule: (k) => 1 - k });
    opt.step(Float64Array.of(1));
    expect(() => opt.step(Float64Array.of(1))).to.throw(RangeError, /step 1 is 0/);
    expect(() => opt.step(Float64Array.of(1, 2))).to.throw(RangeError, /length 2/);
    expect(() => opt.step(Float64Array.of(NaN))).to.throw(RangeError, /NaN/);
    expect(() => subgradientBound(-1, 1, [1])).to.throw(RangeError, /R/);
    expect(() => subgradientBound(1, 1, [])).to.throw(RangeError, /at least one/);
    expect(() => constantStepForHorizon(1, 0, 5)).to.throw(RangeError, /G/);
  });
});
