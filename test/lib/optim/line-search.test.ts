import { expect } from "chai";
import { armijo, exactStep, isQuadratic, LineSearchGD } from "../../../lib/optim/line-search";
import { Quadratic, d2lQuadratic } from "../../../lib/problems/quadratic";
import { Rosenbrock } from "../../../lib/problems/rosenbrock";
import { LeastSquares } from "../../../lib/problems/least-squares";
import type { Problem } from "../../../lib/problems/problem";

const neg = (g: Float64Array) => g.map((v) => -v);
const axpy = (x: Float64Array, t: number, d: Float64Array) => x.map((v, i) => v + t * d[i]);

describe("lib/optim/line-search: armijo", () => {
  it("accepts the first trial t₀β^k satisfying sufficient decrease, and t₀β^{k−1} fails it", () => {
    const p = new Rosenbrock();
    const x = Float64Array.from(p.x0);
    const g = p.grad(x);
    const d = neg(g);
    const c = 1e-4;
    const r = armijo(p, x, d, { c, beta: 0.5, t0: 1 });
    const slope = g.reduce((s, v, i) => s + v * d[i], 0);
    expect(r.slope).to.equal(slope);
    // The accepted step satisfies Armijo (checked independently of the search's own arithmetic).
    expect(p.f(axpy(x, r.t, d))).to.be.at.most(p.f(x) + c * r.t * slope);
    // It is the first one: the previous trial (twice as long) violated it. Rosenbrock's gradient at
    // (−1.2, 1) has norm ≈ 233, so t₀ = 1 cannot be accepted: at least one shrink happened.
    expect(r.shrinks).to.be.greaterThan(0);
    expect(r.t).to.equal(Math.pow(0.5, r.shrinks));
    expect(p.f(axpy(x, 2 * r.t, d))).to.be.above(p.f(x) + c * 2 * r.t * slope);
    expect(r.f).to.equal(p.f(axpy(x, r.t, d)));
  });

  it("takes t₀ unchanged when it already decreases f enough", () => {
    const p = d2lQuadratic();
    // On ½xᵀAx with A = diag(0.2, 4), t = 0.1 along −∇f: φ(t) decreases (t < 2/L = 0.5).
    const r = armijo(p, Float64Array.from(p.x0), neg(p.grad(p.x0)), { t0: 0.1 });
    expect(r.t).to.equal(0.1);
    expect(r.shrinks).to.equal(0);
  });

  it("refuses a non-descent direction with an error naming the problem and the slope", () => {
    const p = d2lQuadratic();
    const x = Float64Array.from(p.x0);
    expect(() => armijo(p, x, p.grad(x))).to.throw(RangeError, /d2l.*not a descent direction: ∇f\(x\)ᵀd = 65 ≥ 0/);
    // By hand: g = (−1, −8), gᵀg = 1 + 64 = 65.
  });

  it("gives up with a clear error when no trial step works (a wrong gradient)", () => {
    const p = d2lQuadratic();
    const liar: Problem = { ...p, name: "liar", f: (x) => p.f(x), grad: (x) => p.grad(x).map((v) => -v), dim: 2, x0: p.x0, convex: true };
    const x = Float64Array.from(p.x0);
    // With the negated gradient, d = −g_liar = ∇f is uphill, yet g_liarᵀd < 0: every trial fails.
    expect(() => armijo(liar, x, p.grad(x), { maxShrinks: 20 })).to.throw(RangeError, /liar.*no step.*20 shrinks.*gradient may be wrong/);
  });

  it("rejects bad options by name", () => {
    const p = d2lQuadratic();
    const x = Float64Array.from(p.x0), d = neg(p.grad(x));
    expect(() => armijo(p, x, d, { c: 1 })).to.throw(RangeError, /c must be/);
    expect(() => armijo(p, x, d, { beta: 0 })).to.throw(RangeError, /beta must be/);
    expect(() => armijo(p, x, d, { t0: -1 })).to.throw(RangeError, /t0 must be/);
    expect(() => armijo(p, x, d, { maxShrinks: 1.5 })).to.throw(RangeError, /maxShrinks/);
    expect(() => armijo(p, x, new Float64Array(3))).to.throw(RangeError, /d has length 3/);
  });
});

describe("lib/optim/line-search: exact step", () => {
  it("minimises f along the line: φ′(t*) = 0 and nearby steps are worse", () => {
    const p = new Quadratic({ dim: 6, kappa: 30, rotation: 2 });
    const x = Float64Array.from(p.x0).map((v, i) => v + Math.sin(i));
    for (const d of [neg(p.grad(x)), new Float64Array([-1, 0.5, -2, 0, 1, -0.3])]) {
      const gd = p.grad(x).reduce((s, v, i) => s + v * d[i], 0);
      if (gd >= 0) d.forEach((v, i) => (d[i] = -v));
      const t = exactStep(p, x, d);
      // φ′(t) = ∇f(x + t d)ᵀd vanishes at the minimiser (relative to |φ′(0)|; rounding ~1e-15).
      const g1 = p.grad(axpy(x, t, d));
      const phiPrime = g1.reduce((s, v, i) => s + v * d[i], 0);
      const phi0 = Math.abs(p.grad(x).reduce((s, v, i) => s + v * d[i], 0));
      expect(Math.abs(phiPrime)).to.be.below(1e-12 * phi0);
      for (const s of [0.9, 1.1]) expect(p.f(axpy(x, s * t, d))).to.be.above(p.f(axpy(x, t, d)));
    }
  });

  it("along −g it is gᵀg / gᵀAg (by hand on d2l's bowl)", () => {
    const p = d2lQuadratic();
    // g = (−1, −8); gᵀg = 65; gᵀAg = 0.2·1 + 4·64 = 256.2.
    expect(exactStep(p, Float64Array.from(p.x0), neg(p.grad(p.x0)))).to.be.closeTo(65 / 256.2, 1e-15);
  });

  it("works on least squares (a quadratic) and refuses a non-quadratic", () => {
    const ls = new LeastSquares({ l2: 0.1 });
    expect(isQuadratic(ls)).to.equal(true);
    const t = exactStep(ls, ls.x0, neg(ls.grad(ls.x0)));
    expect(t).to.be.within(1 / ls.L, 1 / ls.mu); // gᵀg/gᵀAg is a Rayleigh quotient inverse
    const r = new Rosenbrock();
    expect(isQuadratic(r)).to.equal(false);
    expect(() => exactStep(r, r.x0, neg(r.grad(r.x0)))).to.throw(TypeError, /Rosenbrock.*not a quadratic.*armijo/);
  });
});

describe("lib/optim/line-search: LineSearchGD", () => {
  it("exact line search on a quadratic converges at least at the rate 1 − μ/L (Lecture 8 §3)", () => {
    const p = new Quadratic({ dim: 20, kappa: 10, rotation: 4 });
    const opt = new LineSearchGD(Float64Array.from(p.x0), p, { method: "exact" });
    let gap = p.f(opt.params) - p.fStar;
    const gap0 = gap;
    for (let k = 0; k < 200; k++) {
      opt.step(p.grad(opt.params));
      const next = p.f(opt.params) - p.fStar;
      // Boyd & Vandenberghe §9.3.1: f(x⁺) − p* ≤ (1 − μ/L)(f(x) − p*); 1e-15 absorbs rounding.
      expect(next).to.be.at.most((1 - p.mu / p.L) * gap + 1e-15);
      gap = next;
    }
    expect(opt.state.k).to.equal(200);
    expect(opt.lr).to.equal(opt.state.t);
    expect(opt.state.steps).to.have.length(200);
    expect(gap).to.be.below(Math.pow(0.9, 200) * gap0 + 1e-15);
  });

  it("Armijo backtracking solves Rosenbrock with every step satisfying sufficient decrease", () => {
    const p = new Rosenbrock();
    const opt = new LineSearchGD(Float64Array.from(p.x0), p, { method: "armijo", c: 1e-4 });
    for (let k = 0; k < 2000; k++) {
      const x = Float64Array.from(opt.params), g = p.grad(x);
      const fx = p.f(x);
      opt.step(g);
      const gg = g.reduce((s, v) => s + v * v, 0);
      expect(p.f(opt.params)).to.be.at.most(fx - 1e-4 * opt.lr * gg);
      expect(opt.state.f).to.equal(p.f(opt.params));
    }
    // Steepest descent on Rosenbrock is slow, but after 2000 Armijo steps f has dropped from 24.2 to
    // well below 0.1 (it is monotone, and the valley floor is reached within a few hundred steps).
    expect(p.f(opt.params)).to.be.below(0.1);
  });

  it("refuses the exact method on a non-quadratic and a mismatched params vector", () => {
    const r = new Rosenbrock();
    expect(() => new LineSearchGD(Float64Array.from(r.x0), r, { method: "exact" })).to.throw(TypeError, /exact.*Rosenbrock.*armijo/);
    expect(() => new LineSearchGD(new Float64Array(3), r)).to.throw(RangeError, /length 3.*dimension 2/);
    expect(() => new LineSearchGD(Float64Array.from(r.x0), r, { method: "wolfe" as never })).to.throw(RangeError, /method/);
    const opt = new LineSearchGD(Float64Array.from(r.x0), r);
    expect(() => opt.step(new Float64Array(3))).to.throw(RangeError, /gradient has length 3/);
  });
});
