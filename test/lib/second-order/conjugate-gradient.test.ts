import { expect } from "chai";
import { ConjugateGradient, conjugateGradientSolve } from "../../../lib/second-order/conjugate-gradient";
import { norm2, quadratic } from "./fixtures";

describe("second-order/conjugate-gradient", () => {
  it("n distinct eigenvalues: ‖∇f‖ ≤ 1e-10·‖∇f(x₀)‖ after exactly n steps, not before", () => {
    const eigs = [1, 2, 3, 5, 8, 13, 21, 34];
    const p = quadratic(eigs, 11);
    const opt = new ConjugateGradient(p.x0.slice(), p);
    const g0 = norm2(p.grad(opt.params));
    const norms: number[] = [];
    for (let k = 0; k < eigs.length; k++) {
      opt.step(p.grad(opt.params));
      norms.push(norm2(p.grad(opt.params)) / g0);
    }
    // κ = 34: rounding after 8 steps leaves ~1e-14; 1e-10 is the target.
    expect(norms[eigs.length - 1]).to.be.below(1e-10);
    // Before step n the residual is far from 0 (no early termination with n distinct eigenvalues
    // and a generic b): at step n − 1 it is still above 1e-6 of its start.
    expect(norms[eigs.length - 2]).to.be.above(1e-6);
    expect(opt.state.hessianProducts).to.equal(eigs.length);
  });

  it("k distinct eigenvalues (n = 12, k = 3): converged after 3 steps", () => {
    const eigs = [1, 1, 1, 1, 10, 10, 10, 10, 100, 100, 100, 100];
    const p = quadratic(eigs, 4);
    const opt = new ConjugateGradient(p.x0.slice(), p);
    const g0 = norm2(p.grad(opt.params));
    for (let k = 0; k < 2; k++) opt.step(p.grad(opt.params));
    expect(norm2(p.grad(opt.params)) / g0).to.be.above(1e-6);
    opt.step(p.grad(opt.params));
    expect(norm2(p.grad(opt.params)) / g0).to.be.below(1e-10);
  });

  it("conjugateGradientSolve matches: iterations = distinct eigenvalues, x solves Ax = b", () => {
    const p = quadratic([2, 2, 5, 5, 9], 8);
    const res = conjugateGradientSolve((v) => p.hvp!(p.x0, v), p.b, { tol: 1e-12 });
    expect(res.converged).to.equal(true);
    expect(res.iterations).to.equal(3);
    expect(norm2(p.grad(res.x))).to.be.below(1e-11 * norm2(p.b));
    expect(res.residualNorms.length).to.equal(4);
  });

  it("reaches the √κ rate: error after k steps ≤ 2((√κ−1)/(√κ+1))ᵏ in the A-norm", () => {
    // 60 eigenvalues spread over [1, 1000]: κ = 1000, so after 30 steps the bound is ≈ 0.3·… small.
    const n = 60;
    const eigs = Array.from({ length: n }, (_, i) => 1000 ** (i / (n - 1)));
    const p = quadratic(eigs, 9);
    const xStar = conjugateGradientSolve((v) => p.hvp!(p.x0, v), p.b, { tol: 1e-14, maxIter: 500 }).x;
    const aNorm = (x: ArrayLike<number>) => {
      const e = Float64Array.from(x, (v, i) => v - xStar[i]);
      const Ae = p.hvp!(p.x0, e);
      return Math.sqrt(e.reduce((s, v, i) => s + v * Ae[i], 0));
    };
    const opt = new ConjugateGradient(p.x0.slice(), p);
    const e0 = aNorm(opt.params);
    const q = (Math.sqrt(1000) - 1) / (Math.sqrt(1000) + 1);
    for (let k = 1; k <= 40; k++) {
      opt.step(p.grad(opt.params));
      // The theorem's bound (Nocedal & Wright (5.36)); small slack for rounding in xStar.
      expect(aNorm(opt.params)).to.be.at.most(2 * q ** k * e0 * (1 + 1e-6) + 1e-10);
    }
  });

  it("refuses negative curvature and a problem without Hessian information", () => {
    const p = quadratic([1, 2], 1);
    // A negative definite "quadratic": pᵀAp < 0 for every p, so the very first step refuses.
    const q = quadratic([-1, -2], 1);
    const neg = new ConjugateGradient(q.x0.slice(), q);
    expect(() => neg.step(q.grad(neg.params))).to.throw(RangeError, /negative curvature/);
    expect(Array.from(neg.params)).to.deep.equal([0, 0]);
    expect(() => new ConjugateGradient(p.x0.slice(), { ...p, hvp: undefined, hessian: undefined, name: "plain" })).to.throw(TypeError, /"plain" has neither/);
    expect(() => new ConjugateGradient(new Float64Array(3), p)).to.throw(RangeError, /length 3/);
    expect(() => conjugateGradientSolve((v) => v, [1, 2], { x0: [1] })).to.throw(RangeError, /x0 has length 1/);
  });
});
