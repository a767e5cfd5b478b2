import { expect } from "chai";
import { Matrix } from "ml-matrix";
import { Newton, newtonDecrement, newtonDirection } from "../../../lib/second-order/newton";
import type { Problem } from "../../../lib/problems/problem";
import { maxAbsDiff, norm2, quadratic, rosenbrock } from "./fixtures";

describe("second-order/newton", () => {
  it("lands on the minimiser of a quadratic in one full step (κ = 1e4)", () => {
    const p = quadratic([1e-2, 0.3, 1, 7, 100], 3);
    const opt = new Newton(p.x0.slice(), p);
    opt.step(p.grad(opt.params));
    // x* solves Ax* = b; check the residual ‖Ax − b‖ rather than a copied x*. Cholesky is
    // backward stable: the residual is ~ε‖A‖‖x‖ ≈ 1e-16·100·100; 1e-9 leaves ample room.
    const r = p.grad(opt.params);
    expect(Number.isFinite(norm2(r))).to.equal(true);
    expect(norm2(r)).to.be.below(1e-9);
    expect(opt.state.step).to.equal(1);
    // The eigenvalues it records are the spectrum we built the matrix from (EVD accuracy ~1e-13 here).
    expect(maxAbsDiff(opt.state.eigenvalues!, [1e-2, 0.3, 1, 7, 100])).to.be.below(1e-10);
  });

  it("newtonDirection solves (H + λI)d = −g and the decrement is √(gᵀ(H+λI)⁻¹g)", () => {
    const H = new Matrix([[4, 1], [1, 3]]);
    const g = [1, 2];
    const d = newtonDirection(H, g, 0.5);
    // Check the defining equation directly: (H + λI)d + g = 0.
    const res = [4.5 * d[0] + 1 * d[1] + 1, 1 * d[0] + 3.5 * d[1] + 2];
    expect(maxAbsDiff(res, [0, 0])).to.be.below(1e-14);
    // By hand: (H + ½I)⁻¹ = [[3.5, −1], [−1, 4.5]] / 14.75; gᵀ(·)g = (3.5 − 4 + 18)/14.75.
    expect(newtonDecrement(g, d)).to.be.closeTo(Math.sqrt(17.5 / 14.75), 1e-14);
  });

  it("refuses an indefinite Hessian, naming λ_min and the damping that fixes it", () => {
    // Rosenbrock at (0, 1): H = [[2 − 400, 0], [0, 200]] = diag(−398, 200), so λ_min = −398.
    const p = rosenbrock([0, 1]);
    const opt = new Newton(p.x0.slice(), p);
    expect(() => opt.step(p.grad(opt.params))).to.throw(RangeError, /λ_min = -398.*damping λ > −λ_min = 398/s);
    // Params untouched by the refused step.
    expect(Array.from(opt.params)).to.deep.equal([0, 1]);
    // Damping 300 is not enough and the message says by how much it falls short (−98).
    const weak = new Newton(p.x0.slice(), p, { damping: 300 });
    expect(() => weak.step(p.grad(weak.params))).to.throw(RangeError, /not enough.*-98/s);
    // λ = 500 > 398 works and the step decreases f.
    const damped = new Newton(p.x0.slice(), p, { damping: 500 });
    damped.step(p.grad(damped.params));
    expect(p.f(damped.params)).to.be.below(p.f(p.x0));
  });

  it("damped Newton with line search solves Rosenbrock from (−1.2, 1); plain Newton's full step makes f rise on the way", () => {
    const p = rosenbrock();
    const opt = new Newton(p.x0.slice(), p, { lineSearch: true });
    const fs: number[] = [p.f(opt.params)];
    let shortened = false;
    for (let k = 0; k < 40 && norm2(p.grad(opt.params)) > 1e-12; k++) {
      opt.step(p.grad(opt.params));
      if (opt.state.stepSize < 1) shortened = true;
      fs.push(p.f(opt.params));
    }
    // Armijo guarantees a monotone decrease.
    for (let k = 1; k < fs.length; k++) expect(fs[k]).to.be.at.most(fs[k - 1]);
    expect(maxAbsDiff(opt.params, [1, 1])).to.be.below(1e-8);
    // Newton with line search needs about 20 steps here (Nocedal & Wright report 21 for their
    // variant); far fewer than the thousands gradient descent needs. A generous cap:
    expect(opt.state.step).to.be.below(40);
    // The full step is not always safe: the line search had to shorten at least one step…
    expect(shortened).to.equal(true);
    // …and plain Newton (always t = 1) makes f go up on some step before it converges.
    const plain = new Newton(p.x0.slice(), p);
    let rose = false;
    let fPrev = p.f(plain.params);
    for (let k = 0; k < 10; k++) {
      plain.step(p.grad(plain.params));
      const fk = p.f(plain.params);
      if (fk > fPrev) rose = true;
      fPrev = fk;
    }
    expect(rose).to.equal(true);
  });

  it("Newton–CG on Hessian–vector products gives the Cholesky step", () => {
    const p = quadratic([0.5, 1, 2, 4, 8, 16], 5);
    const a = new Newton(p.x0.slice(), p, { damping: 0.1 });
    const b = new Newton(p.x0.slice(), p, { damping: 0.1, solver: "cg" });
    a.step(p.grad(a.params));
    b.step(p.grad(b.params));
    // CG stops at relative residual 1e-10 of a κ ≈ 32 system: the steps agree to ~1e-9.
    expect(maxAbsDiff(a.params, b.params)).to.be.below(1e-8);
    expect(b.state.cgIterations).to.be.at.most(6 + 2);
  });

  it("bad input: λ < 0, dimension mismatch, a problem without a Hessian", () => {
    const p = quadratic([1, 2], 1);
    expect(() => new Newton(p.x0.slice(), p, { damping: -1 })).to.throw(RangeError, /damping.*-1/);
    expect(() => new Newton(new Float64Array(3), p)).to.throw(RangeError, /length 3.*dimension 2/);
    const opt = new Newton(p.x0.slice(), p);
    expect(() => opt.step(new Float64Array(5))).to.throw(RangeError, /length 5/);
    const noHess: Problem = { name: "blackbox", dim: 2, x0: new Float64Array(2), convex: true, f: p.f, grad: p.grad, hvp: p.hvp };
    expect(() => new Newton(noHess.x0.slice(), noHess)).to.throw(TypeError, /"blackbox" has no hessian.*solver: "cg"/);
    const bare: Problem = { name: "bare", dim: 2, x0: new Float64Array(2), convex: true, f: p.f, grad: p.grad };
    expect(() => new Newton(bare.x0.slice(), bare)).to.throw(TypeError, /"bare" has no hessian.*hessianByFiniteDifferences/);
    expect(() => newtonDirection(new Matrix([[1, 0], [0, 1]]), [1, 2, 3])).to.throw(RangeError, /3 parameters/);
  });
});
