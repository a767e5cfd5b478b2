import { expect } from "chai";
import { EVD } from "ml-matrix";
import { Rosenbrock } from "../../../lib/problems/rosenbrock";
import { Valley } from "../../../lib/problems/valley";
import { around, expectGradientMatches, expectHessianMatches, expectHvpMatchesHessian } from "./helpers";

describe("lib/problems/rosenbrock", () => {
  it("is (1 − x₁)² + 100(x₂ − x₁²)² by default, 24.2 at (−1.2, 1), 0 at (1, 1)", () => {
    const p = new Rosenbrock();
    // By hand: (2.2)² + 100(1 − 1.44)² = 4.84 + 19.36 = 24.2.
    expect(p.f(p.x0)).to.be.closeTo(24.2, 1e-12);
    expect(Array.from(p.xStar!)).to.deep.equal([1, 1]);
    expect(p.f(p.xStar!)).to.equal(0);
    expect(Array.from(p.grad(p.xStar!))).to.deep.equal([0, 0]);
    expect(p.convex).to.equal(false);
    expect((p as { L?: number }).L).to.equal(undefined);
  });

  for (const opts of [{}, { a: 2, b: 10 }, { dim: 5 }, { dim: 4, a: 0.5 }]) {
    it(`derivatives agree with finite differences (${JSON.stringify(opts)})`, () => {
      const p = new Rosenbrock(opts);
      for (const x of [p.x0, around(p.x0, 0.7)]) {
        expectGradientMatches(p, x);
        expectHessianMatches(p, x);
        expectHvpMatchesHessian(p, x);
      }
    });
  }

  it("x* is known for n = 2 (any a) and for a ∈ {0, 1}, absent otherwise", () => {
    const p = new Rosenbrock({ a: 2 });
    expect(Array.from(p.xStar!)).to.deep.equal([2, 4]);
    expect(Array.from(p.grad(p.xStar!))).to.deep.equal([0, 0]);
    const q = new Rosenbrock({ dim: 6 });
    expect(q.f(q.xStar!)).to.equal(0);
    expect(new Rosenbrock({ dim: 3, a: 2 }).xStar).to.equal(undefined);
  });

  it("is not convex: the Hessian at (0, 1) has a negative eigenvalue", () => {
    const H = new Rosenbrock().hessian(new Float64Array([0, 1]));
    // H = [[2 − 400, 0], [0, 200]] by the formula: −398 < 0.
    expect(Math.min(...new EVD(H).realEigenvalues)).to.be.closeTo(-398, 1e-9);
  });

  it("rejects bad options and points", () => {
    expect(() => new Rosenbrock({ dim: 1 })).to.throw(RangeError, /dim/);
    expect(() => new Rosenbrock({ b: 0 })).to.throw(RangeError, /b must be.*> 0/);
    expect(() => new Rosenbrock().grad(new Float64Array(3))).to.throw(RangeError, /length 3.*dimension 2/);
  });
});

describe("lib/problems/valley", () => {
  it("is 0 at the origin, convex with L = max(a, b) and μ = 0 when straight", () => {
    const p = new Valley();
    expect(p.f(p.xStar)).to.equal(0);
    expect(Array.from(p.grad(p.xStar))).to.deep.equal([0, 0]);
    expect([p.L, p.mu, p.muLocal, p.convex]).to.deep.equal([100, 0, 1, true]);
    // By hand at (−4, 1): 1·(√17 − 1) + 50·1.
    expect(p.f(p.x0)).to.be.closeTo(Math.sqrt(17) - 1 + 50, 1e-12);
  });

  it("the floor's pull stays bounded by a far away (not quadratic)", () => {
    const p = new Valley({ a: 2 });
    expect(Math.abs(p.grad(new Float64Array([-1e3, 0]))[0])).to.be.below(2).and.above(1.99);
  });

  for (const opts of [{}, { c: 0.5 }, { a: 3, b: 30, c: -1 }]) {
    it(`derivatives agree with finite differences (${JSON.stringify(opts)})`, () => {
      const p = new Valley(opts);
      for (const x of [p.x0, around(p.x0, 0.9), new Float64Array([0.3, -0.2])]) {
        expectGradientMatches(p, x);
        expectHessianMatches(p, x);
        expectHvpMatchesHessian(p, x);
      }
    });
  }

  it("the Hessian at x* is diag(a, b), and the bent valley is not convex", () => {
    const p = new Valley({ a: 2, b: 50, c: 1 });
    expect(p.hessian(p.xStar).to2DArray().flat().map((v) => v + 0)).to.deep.equal([2, 0, 0, 50]); // +0 folds −0 into 0
    expect(p.convex).to.equal(false);
    expect(p.L).to.equal(undefined);
    // Above the floor at (0, 1): r = 1, h00 = a − 2bc·r = 2 − 100 < 0.
    const H = p.hessian(new Float64Array([0, 1]));
    expect(H.get(0, 0)).to.be.below(0);
  });

  it("rejects bad options", () => {
    expect(() => new Valley({ b: -1 })).to.throw(RangeError, /b must be/);
    expect(() => new Valley({ c: NaN })).to.throw(RangeError, /c must be/);
    expect(() => new Valley({ x0: [1, 2, 3] })).to.throw(RangeError, /x0 has length 3/);
  });
});
