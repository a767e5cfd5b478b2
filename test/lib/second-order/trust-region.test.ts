import { expect } from "chai";
import { Matrix } from "ml-matrix";
import { TrustRegion, cauchyPoint, doglegStep, solveTrustRegionExact } from "../../../lib/second-order/trust-region";
import { rng } from "../../../lib/random";
import { maxAbsDiff, norm2, quadratic, rosenbrock } from "./fixtures";

function model(H: Matrix, g: number[], p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) {
    s += g[i] * p[i];
    for (let j = 0; j < g.length; j++) s += 0.5 * p[i] * H.get(i, j) * p[j];
  }
  return s;
}

describe("second-order/trust-region", () => {
  it("the exact subproblem solution beats 2000 random points of the ball, for an indefinite H", () => {
    const H = new Matrix([[-2, 1, 0], [1, 1, 0.5], [0, 0.5, 3]]);
    const g = [0.3, -1, 0.2];
    const radius = 0.8;
    const sol = solveTrustRegionExact(H, g, radius);
    expect(norm2(sol.p)).to.be.closeTo(radius, 1e-10);
    // Optimality conditions (Nocedal & Wright Thm 4.1): (H + λI)p = −g, λ ≥ −λ_min.
    const r = [0, 1, 2].map((i) => [0, 1, 2].reduce((s, j) => s + H.get(i, j) * sol.p[j], 0) + sol.lambda * sol.p[i] + g[i]);
    expect(maxAbsDiff(r, [0, 0, 0])).to.be.below(1e-9);
    const m = model(H, g, sol.p);
    const R = rng(7);
    for (let k = 0; k < 2000; k++) {
      const v = [R.normal(0, 1), R.normal(0, 1), R.normal(0, 1)];
      const s = (radius * Math.cbrt(R.uniform())) / norm2(v);
      // A random point cannot do better than the global minimiser (tolerance: rounding of m, ~1e-15).
      expect(model(H, g, v.map((x) => x * s))).to.be.at.least(m - 1e-12);
    }
  });

  it("interior: returns the Newton step when H ≻ 0 and it fits; hard case: goes along the negative eigenvector", () => {
    const H = new Matrix([[2, 0], [0, 5]]);
    const sol = solveTrustRegionExact(H, [2, 5], 10);
    expect(sol.lambda).to.equal(0);
    expect(maxAbsDiff(sol.p, [-1, -1])).to.be.below(1e-14);
    // g = 0 at a saddle: m(p) = ½pᵀHp is least at ±Δ·e₁ (λ_min = −1), m = −Δ²/2.
    const saddle = solveTrustRegionExact(new Matrix([[-1, 0], [0, 3]]), [0, 0], 0.5);
    expect(saddle.hardCase).to.equal(true);
    expect(Math.abs(saddle.p[0])).to.be.closeTo(0.5, 1e-12);
    expect(saddle.predictedReduction).to.be.closeTo(0.125, 1e-12);
  });

  it("dogleg and Cauchy stay in the ball and do no better than the exact solution", () => {
    const H = new Matrix([[3, 1], [1, 2]]);
    const g = [1, -2];
    for (const radius of [0.05, 0.4, 5]) {
      const ex = solveTrustRegionExact(H, g, radius);
      for (const s of [doglegStep(H, g, radius), cauchyPoint(H, g, radius)]) {
        expect(norm2(s.p)).to.be.at.most(radius * (1 + 1e-12));
        expect(s.predictedReduction).to.be.at.most(ex.predictedReduction + 1e-12);
        // Cauchy decrease (Nocedal & Wright Lemma 4.3): ≥ ½‖g‖min(Δ, ‖g‖/‖H‖), ‖H‖ = (5 + √5)/2 ≈ 3.618 < 3.62.
        expect(s.predictedReduction).to.be.at.least(0.5 * norm2(g) * Math.min(radius, norm2(g) / 3.62) - 1e-12);
      }
    }
  });

  it("solves Rosenbrock from (0, 1), where the Hessian is indefinite, with f never increasing", () => {
    const p = rosenbrock([0, 1]);
    const opt = new TrustRegion(p.x0.slice(), p, { radius: 0.5 });
    let f = p.f(opt.params);
    let sawNegative = false;
    for (let k = 0; k < 100 && norm2(p.grad(opt.params)) > 1e-10; k++) {
      opt.step(p.grad(opt.params));
      if ((opt.state.lambdaMin ?? 0) < 0) sawNegative = true;
      const fNew = p.f(opt.params);
      expect(fNew).to.be.at.most(f);
      f = fNew;
      expect(norm2(opt.state.trialStep!)).to.be.at.most(opt.state.radius * 4 * (1 + 1e-9)); // trial ≤ Δ before any ×¼
    }
    expect(sawNegative).to.equal(true);
    expect(maxAbsDiff(opt.params, [1, 1])).to.be.below(1e-8);
  });

  it("on a quadratic the radius grows until the full Newton step is taken (ρ = 1 exactly in exact arithmetic)", () => {
    const p = quadratic([1, 10, 100], 2);
    const opt = new TrustRegion(p.x0.slice(), p, { radius: 0.01 });
    for (let k = 0; k < 30; k++) opt.step(p.grad(opt.params));
    // The model IS f, so ρ = 1 every step up to rounding.
    expect(opt.state.rho).to.be.closeTo(1, 1e-6);
    expect(norm2(p.grad(opt.params))).to.be.below(1e-10);
  });

  it("bad input: radius ≤ 0, eta out of range, dimension mismatch, no Hessian", () => {
    const p = quadratic([1, 2], 1);
    expect(() => new TrustRegion(p.x0.slice(), p, { radius: 0 })).to.throw(RangeError, /radius.*got 0/);
    expect(() => new TrustRegion(p.x0.slice(), p, { radius: -1 })).to.throw(RangeError, /radius.*-1/);
    expect(() => new TrustRegion(p.x0.slice(), p, { eta: 0.5 })).to.throw(RangeError, /eta/);
    expect(() => new TrustRegion(new Float64Array(1), p)).to.throw(RangeError, /length 1/);
    expect(() => solveTrustRegionExact(new Matrix([[1]]), [1], -2)).to.throw(RangeError, /radius/);
    expect(() => new TrustRegion(p.x0.slice(), { ...p, hessian: undefined, name: "hvp-only" })).to.throw(TypeError, /"hvp-only" has no hessian/);
    const opt = new TrustRegion(p.x0.slice(), p);
    expect(() => (opt.lr = 0)).to.throw(RangeError);
  });
});
