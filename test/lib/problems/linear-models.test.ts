import { expect } from "chai";
import { EVD, Matrix } from "ml-matrix";
import { LeastSquares } from "../../../lib/problems/least-squares";
import { Logistic } from "../../../lib/problems/logistic";
import { around, expectGradientMatches, expectHessianMatches, expectHvpMatchesHessian, relErr } from "./helpers";

/** Every index once, shuffled deterministically, in two halves: the batch gradients must average to the full one. */
function halves(n: number): [number[], number[]] {
  const idx = Array.from({ length: n }, (_, i) => (i * 37) % n);
  return [idx.slice(0, n / 2), idx.slice(n / 2)];
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

describe("lib/problems/least-squares", () => {
  for (const opts of [{}, { l2: 0.3, d: 4, n: 50 }, { d: 8, n: 5, l2: 0.1 }, { scales: [1, 10, 0.1], d: 3 }]) {
    it(`gradient, Hessian, hvp match differences; x* solves ∇f = 0 (${JSON.stringify(opts)})`, () => {
      const p = new LeastSquares(opts);
      for (const x of [p.x0, around(p.x0, 1)]) {
        expectGradientMatches(p, x);
        expectHessianMatches(p, x);
        expectHvpMatchesHessian(p, x);
      }
      // ∇f(x*) = 0 up to rounding: the entries of Xᵀy/n are O(scale²), so 1e-10 is loose.
      expect(maxAbs(p.grad(p.xStar))).to.be.below(1e-10);
      expect(p.f(p.xStar)).to.equal(p.fStar);
      // f* is the minimum: moving away in any seeded direction increases f.
      const y = around(p.xStar, 1e-3);
      expect(p.f(y)).to.be.above(p.fStar);
    });
  }

  it("L and μ are the extreme eigenvalues of XᵀX/n + λI (ml-matrix EVD of the formula, built independently)", () => {
    const p = new LeastSquares({ n: 40, d: 6, l2: 0.25, scales: [1, 2, 3, 0.5, 1, 1] });
    const X = p.X;
    const H = X.transpose().mmul(X).div(40).add(Matrix.eye(6).mul(0.25));
    const eig = new EVD(H, { assumeSymmetric: true }).realEigenvalues;
    // Two EVDs of the same symmetric 6×6 matrix agree to ~1e-14 relative.
    expect(p.L).to.be.closeTo(Math.max(...eig), 1e-12 * p.L);
    expect(p.mu).to.be.closeTo(Math.min(...eig), 1e-12 * p.L);
    expect(p.mu).to.be.above(0.25); // λ plus a positive λ_min(XᵀX/n) with n > d
  });

  it("the batch gradient over all examples is the full gradient, and two halves average to it", () => {
    const p = new LeastSquares({ n: 30, l2: 0.1 });
    const x = around(p.x0, 1);
    const all = Array.from({ length: 30 }, (_, i) => i);
    expect(relErr(p.gradBatch(x, all), p.grad(x))).to.be.below(1e-14);
    expect(p.fBatch(x, all)).to.be.closeTo(p.f(x), 1e-14 * p.f(x));
    const [a, b] = halves(30);
    const ga = p.gradBatch(x, a), gb = p.gradBatch(x, b);
    expect(relErr(ga.map((v, j) => (v + gb[j]) / 2), p.grad(x))).to.be.below(1e-14);
  });

  it("is reproducible from its seed, and another seed gives other data", () => {
    const a = new LeastSquares({ seed: 5 }), b = new LeastSquares({ seed: 5 }), c = new LeastSquares({ seed: 6 });
    expect(Array.from(a.y)).to.deep.equal(Array.from(b.y));
    expect(Array.from(a.xStar)).to.deep.equal(Array.from(b.xStar));
    expect(Array.from(a.y)).to.not.deep.equal(Array.from(c.y));
  });

  it("with little noise x* is near w_true", () => {
    const p = new LeastSquares({ n: 400, noise: 0.01 });
    // The OLS error has std ≈ noise/√n ≈ 5e-4 per coordinate; 5e-3 is 10 of those.
    expect(maxAbs(p.xStar.map((v, j) => v - p.wTrue[j]))).to.be.below(5e-3);
  });

  it("rejects bad input", () => {
    expect(() => new LeastSquares({ n: 3, d: 5 })).to.throw(RangeError, /n = 3.*d = 5.*l2 > 0/);
    expect(() => new LeastSquares({ l2: -1 })).to.throw(RangeError, /l2/);
    expect(() => new LeastSquares({ scales: [1, 2] })).to.throw(RangeError, /scales/);
    expect(() => new LeastSquares({ noise: NaN })).to.throw(RangeError, /noise/);
    const p = new LeastSquares();
    expect(() => p.gradBatch(p.x0, [0, 100])).to.throw(RangeError, /batch\[1\] = 100/);
    expect(() => p.gradBatch(p.x0, [])).to.throw(RangeError, /empty/);
    expect(() => p.grad(new Float64Array(4))).to.throw(RangeError, /length 4.*dimension 5/);
  });
});

describe("lib/problems/logistic", () => {
  for (const opts of [{ l2: 0.1 }, { l2: 0 }, { d: 3, n: 60, l2: 1e-3, scales: [1, 3, 0.3] }]) {
    it(`gradient, Hessian, hvp match differences; Newton's x* has zero gradient (${JSON.stringify(opts)})`, () => {
      const p = new Logistic(opts);
      for (const x of [p.x0, around(p.x0, 1)]) {
        expectGradientMatches(p, x);
        expectHessianMatches(p, x);
        expectHvpMatchesHessian(p, x);
      }
      expect(p.xStar, p.noMinimiser).to.not.equal(undefined);
      expect(maxAbs(p.grad(p.xStar!))).to.be.below(1e-12);
      expect(p.f(p.xStar!)).to.equal(p.fStar);
      expect(p.mu).to.equal(opts.l2);
    });
  }

  it("L = λ_max(XᵀX)/(4n) + λ bounds the Hessian's eigenvalues everywhere and is attained at w = 0", () => {
    const p = new Logistic({ n: 50, d: 4, l2: 0.2 });
    const X = p.X;
    const lmax = Math.max(...new EVD(X.transpose().mmul(X), { assumeSymmetric: true }).realEigenvalues);
    expect(p.L).to.be.closeTo(lmax / 200 + 0.2, 1e-12);
    const top = (w: Float64Array) => Math.max(...new EVD(p.hessian(w), { assumeSymmetric: true }).realEigenvalues);
    const bottom = (w: Float64Array) => Math.min(...new EVD(p.hessian(w), { assumeSymmetric: true }).realEigenvalues);
    // At w = 0 every weight is σ(0)² = ¼, so the bound is tight (two EVDs agree to ~1e-14).
    expect(top(p.x0)).to.be.closeTo(p.L, 1e-12);
    for (const s of [0.5, 2, 10]) {
      const w = around(p.x0, s);
      expect(top(w)).to.be.at.most(p.L + 1e-12);
      expect(bottom(w)).to.be.at.least(p.mu - 1e-12);
    }
  });

  it("batch gradients over all examples equal the full gradient", () => {
    const p = new Logistic({ n: 40, l2: 0.05 });
    const x = around(p.x0, 1);
    const all = Array.from({ length: 40 }, (_, i) => i);
    expect(relErr(p.gradBatch(x, all), p.grad(x))).to.be.below(1e-14);
    const [a, b] = halves(40);
    const ga = p.gradBatch(x, a), gb = p.gradBatch(x, b);
    expect(relErr(ga.map((v, j) => (v + gb[j]) / 2), p.grad(x))).to.be.below(1e-14);
  });

  it("labels are ±1, reproducible from the seed", () => {
    const a = new Logistic({ seed: 3 }), b = new Logistic({ seed: 3 });
    expect(Array.from(a.y)).to.deep.equal(Array.from(b.y));
    expect(a.y.every((v) => v === 1 || v === -1)).to.equal(true);
    expect(a.y.some((v) => v === 1) && a.y.some((v) => v === -1)).to.equal(true);
  });

  it("separable data without ℓ₂ have no minimiser: xStar absent, f* = 0, and the reason given", () => {
    const p = new Logistic({ noise: 0, l2: 0 });
    expect(p.xStar).to.equal(undefined);
    expect(p.fStar).to.equal(0);
    expect(p.noMinimiser).to.match(/separable/);
    // Along w_true f decreases towards 0.
    expect(p.f(p.wTrue.map((v) => 100 * v))).to.be.below(p.f(p.wTrue)).and.above(0);
    // With λ > 0 the minimiser exists again.
    expect(new Logistic({ noise: 0, l2: 0.01 }).xStar).to.not.equal(undefined);
  });

  it("evaluates far from the origin without overflow", () => {
    const p = new Logistic();
    const w = p.wTrue.map((v) => 1e4 * v);
    expect(Number.isFinite(p.f(w))).to.equal(true);
    expect(Array.from(p.grad(w)).every(Number.isFinite)).to.equal(true);
  });
});
