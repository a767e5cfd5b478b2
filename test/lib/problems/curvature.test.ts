import { expect } from "chai";
import { EVD } from "ml-matrix";
import { estimateCurvature, hvpByDifferences, powerIteration } from "../../../lib/problems/curvature";
import { Quadratic } from "../../../lib/problems/quadratic";
import { LeastSquares } from "../../../lib/problems/least-squares";
import { Logistic } from "../../../lib/problems/logistic";
import { Rosenbrock } from "../../../lib/problems/rosenbrock";
import { MLPLoss } from "../../../lib/problems/mlp-loss";
import { moons } from "../../../lib/data/toy2d";
import type { Problem } from "../../../lib/problems/problem";
import { around, relErr } from "./helpers";

function evdExtremes(p: Problem, x: Float64Array): [number, number] {
  const eig = new EVD(p.hessian!(x), { assumeSymmetric: true }).realEigenvalues;
  return [Math.max(...eig), Math.min(...eig)];
}

/** The same problem without its exact hvp, so the estimate must use differences of gradients. */
function withoutHvp(p: Problem): Problem {
  return { name: p.name, dim: p.dim, x0: p.x0, convex: p.convex, f: (x) => p.f(x), grad: (x, o) => p.grad(x, o) };
}

describe("lib/problems/curvature", () => {
  it("recovers the exact spectrum ends of a rotated quadratic (exact hvp and differences)", () => {
    // Eigenvalues chosen with clear gaps at both ends, so power iteration converges in tens of steps:
    // top ratio 5/10, bottom ratio (10 − 1)/(10 − 0.5) ≈ 0.95.
    const p = new Quadratic({ eigenvalues: [0.5, 1, 2, 3, 5, 10], rotation: 9 });
    for (const mode of ["exact", "differences"] as const) {
      const e = estimateCurvature(p, { hvp: mode });
      expect(e.converged).to.equal(true);
      // Exact products: the Rayleigh quotient is accurate to rounding. Differences of a quadratic's
      // gradient are exact up to rounding ε‖∇f‖/h ≈ 1e-10, so 1e-8 covers both.
      expect(e.L).to.be.closeTo(10, 1e-8);
      expect(e.mu).to.be.closeTo(0.5, 1e-8);
      expect(e.method).to.match(mode === "exact" ? /exact/ : /differences/);
    }
  });

  it("matches ml-matrix's EVD of least-squares and logistic Hessians", () => {
    const ls = new LeastSquares({ n: 60, d: 5, l2: 0.05, scales: [1, 2, 0.5, 1.5, 1] });
    const e1 = estimateCurvature(ls, { iterations: 5000 });
    expect(e1.L).to.be.closeTo(ls.L, 1e-8 * ls.L);
    expect(e1.mu).to.be.closeTo(ls.mu, 1e-8 * ls.L);
    const lg = new Logistic({ n: 80, d: 4, l2: 0.01 });
    const x = around(lg.x0, 1);
    const [top, bottom] = evdExtremes(lg, x);
    for (const p of [lg, withoutHvp(lg)]) {
      const e = estimateCurvature(p, { x, iterations: 5000 });
      expect(e.converged).to.equal(true);
      // Differences add ~ε^{2/3} ≈ 4e-11 relative error per product; 1e-7 relative to L covers it.
      expect(e.L).to.be.closeTo(top, 1e-7 * top);
      expect(e.mu).to.be.closeTo(bottom, 1e-7 * top);
    }
  });

  it("finds a negative μ where f is not convex (Rosenbrock at (0, 1): eigenvalues −398 and 200)", () => {
    const p = new Rosenbrock();
    const e = estimateCurvature(p, { x: new Float64Array([0, 1]) });
    expect(e.L).to.be.closeTo(200, 1e-8);
    expect(e.mu).to.be.closeTo(-398, 1e-8);
  });

  it("estimates an MLP loss's curvature consistent with its Rayleigh quotients", () => {
    const p = new MLPLoss({ data: moons({ n: 20 }), hidden: [3] });
    const e = estimateCurvature(p, { x: p.x0, iterations: 3000, tol: 1e-10 });
    // Every Rayleigh quotient vᵀHv/vᵀv lies in [μ, L]: test seeded directions.
    for (let k = 0; k < 10; k++) {
      const v = new Float64Array(p.dim).map((_, i) => Math.sin(0.7 * i * (k + 1) + k));
      const q = v.reduce((s, vi, i) => s + vi * p.hvp(p.x0, v)[i], 0) / v.reduce((s, vi) => s + vi * vi, 0);
      expect(q).to.be.at.most(e.L + 1e-6).and.at.least(e.mu - 1e-6);
    }
    // The eigenvector estimate satisfies H v ≈ L v.
    const Hv = p.hvp(p.x0, e.vL);
    expect(relErr(Hv, e.vL.map((v) => e.L * v))).to.be.below(1e-4);
  });

  it("hvpByDifferences agrees with an exact hvp", () => {
    const p = new Rosenbrock({ dim: 4 });
    const x = around(p.x0, 0.3), v = new Float64Array([1, -2, 0.5, 3]);
    // Rosenbrock's third derivatives are O(b) = 100; h ≈ 6e-6 gives truncation ~1e-9: 1e-7 is safe.
    expect(relErr(hvpByDifferences(p, x, v), p.hvp(x, v))).to.be.below(1e-7);
    expect(Array.from(hvpByDifferences(p, x, new Float64Array(4)))).to.deep.equal([0, 0, 0, 0]);
  });

  it("powerIteration reports non-convergence within a too small budget", () => {
    const lam = [1, 0.999, 0.5];
    const r = powerIteration((v, out) => v.forEach((vi, i) => (out[i] = lam[i] * vi)), 3, { iterations: 5, tol: 1e-15 });
    expect(r.converged).to.equal(false);
    expect(r.iterations).to.equal(5);
  });

  it("rejects bad input", () => {
    const p = new Quadratic({ dim: 3 });
    expect(() => estimateCurvature(p, { x: new Float64Array(2) })).to.throw(RangeError, /x has length 2/);
    expect(() => estimateCurvature(p, { hvp: "lanczos" as never })).to.throw(RangeError, /hvp must be/);
    expect(() => estimateCurvature(withoutHvp(p), { hvp: "exact" })).to.throw(TypeError, /no exact hvp/);
    expect(() => estimateCurvature(p, { iterations: 0 })).to.throw(RangeError, /iterations/);
  });
});
