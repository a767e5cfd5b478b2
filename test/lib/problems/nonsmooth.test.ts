import { expect } from "chai";
import { L1Norm, Hinge } from "../../../lib/problems/nonsmooth";
import { around, relErr } from "./helpers";

/** g is a subgradient of f at x if f(y) ≥ f(x) + gᵀ(y − x) for all y; test it at many seeded y. */
function expectSubgradient(f: (x: Float64Array) => number, x: Float64Array, g: Float64Array): void {
  const fx = f(x);
  for (let k = 0; k < 200; k++) {
    const y = x.map((v, i) => v + 2 * Math.sin(7.1 * k + 3.3 * i) * (k % 3 === 0 ? 0.01 : 1));
    const lin = fx + g.reduce((s, gi, i) => s + gi * (y[i] - x[i]), 0);
    // 1e-12 absorbs rounding in sums of O(1) terms.
    expect(f(y)).to.be.at.least(lin - 1e-12);
  }
}

describe("lib/problems/nonsmooth: ‖x‖₁", () => {
  it("|x| in one dimension, with subgradient sign(x) and 0 at the kink", () => {
    const p = new L1Norm();
    expect(p.name).to.equal("|x|");
    expect(p.f(new Float64Array([-3]))).to.equal(3);
    expect(Array.from(p.grad(new Float64Array([-3])))).to.deep.equal([-1]);
    expect(Array.from(p.grad(new Float64Array([0])))).to.deep.equal([0]);
    expect([p.fStar, p.lipschitz, p.mu, p.convex]).to.deep.equal([0, 1, 0, true]);
  });

  it("returns a true subgradient everywhere, kinks included, and its gradient away from kinks", () => {
    const p = new L1Norm({ dim: 4 });
    for (const x of [p.x0, new Float64Array([0, 1, -2, 0]), p.xStar]) expectSubgradient((y) => p.f(y), x, p.grad(x));
    expect(Math.hypot(...p.grad(new Float64Array([1, -1, 1, -1])))).to.equal(p.lipschitz);
  });

  it("rejects bad input", () => {
    expect(() => new L1Norm({ dim: 0 })).to.throw(RangeError, /dim/);
    expect(() => new L1Norm({ dim: 2 }).f(new Float64Array(3))).to.throw(RangeError, /length 3.*dimension 2/);
  });
});

describe("lib/problems/nonsmooth: hinge", () => {
  it("separable data: f* = 0 at the known x*, every margin ≥ 1", () => {
    const p = new Hinge();
    expect(p.fStar).to.equal(0);
    expect(p.f(p.xStar!)).to.equal(0);
    for (let i = 0; i < p.examples; i++) {
      const m = p.y[i] * (p.X.getRow(i)[0] * p.xStar![0] + p.X.getRow(i)[1] * p.xStar![1]);
      expect(m).to.be.at.least(1 - 1e-12);
    }
    expect(p.errorRate(p.xStar!)).to.equal(0);
    // At w = 0 every margin is 0 < 1, so f(0) = 1 exactly.
    expect(p.f(p.x0)).to.equal(1);
  });

  it("its subgradient satisfies the subgradient inequality, with and without ℓ₂", () => {
    for (const opts of [{}, { l2: 0.1, noise: 0.5, d: 3 }]) {
      const p = new Hinge(opts);
      for (const x of [p.x0, around(p.x0, 1), p.wTrue]) expectSubgradient((y) => p.f(y), x, p.grad(x));
    }
  });

  it("noisy data or ℓ₂ leave x* unknown; μ = λ; batch over all = full", () => {
    const p = new Hinge({ noise: 1, l2: 0.2 });
    expect(p.xStar).to.equal(undefined);
    expect(p.fStar).to.equal(undefined);
    expect(p.mu).to.equal(0.2);
    expect((p as { hessian?: unknown }).hessian).to.equal(undefined);
    const all = Array.from({ length: p.examples }, (_, i) => i);
    const x = around(p.x0, 1);
    expect(relErr(p.gradBatch(x, all), p.grad(x))).to.be.below(1e-14);
  });

  it("G bounds every subgradient of the data term", () => {
    const p = new Hinge({ d: 3 });
    for (let k = 0; k < 20; k++) {
      const g = p.grad(around(p.x0, k));
      expect(Math.hypot(...g)).to.be.at.most(p.lipschitz! + 1e-12);
    }
  });
});
