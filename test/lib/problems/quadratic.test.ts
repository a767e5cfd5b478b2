import { expect } from "chai";
import { EVD, Matrix } from "ml-matrix";
import { Quadratic, cs182Quadratic, d2lQuadratic, randomRotation, spectrum } from "../../../lib/problems/quadratic";
import { around, expectGradientMatches, expectHessianMatches, expectHvpMatchesHessian, relErr } from "./helpers";

describe("lib/problems/quadratic", () => {
  it("d2l's bowl is 0.1x₁² + 2x₂² from (−5, −2), with L = 4, μ = 0.2", () => {
    const p = d2lQuadratic();
    // By hand: 0.1·25 + 2·4 = 10.5; gradient (0.2x₁, 4x₂) = (−1, −8).
    expect(p.f(p.x0)).to.be.closeTo(10.5, 1e-12);
    expect(Array.from(p.grad(p.x0))).to.deep.equal([-1, -8]);
    expect(Array.from(p.x0)).to.deep.equal([-5, -2]);
    expect([p.L, p.mu, p.kappa]).to.deep.equal([4, 0.2, 20]);
    expect(p.convex).to.equal(true);
  });

  it("CS 182's a₁x₁² + a₂x₂² has Hessian diag(2a₁, 2a₂)", () => {
    const p = cs182Quadratic({ a1: 0.5, a2: 3 });
    const x = new Float64Array([2, -1]);
    expect(p.f(x)).to.be.closeTo(0.5 * 4 + 3 * 1, 1e-12);
    expect(p.hessian(x).to2DArray()).to.deep.equal([[1, 0], [0, 6]]);
    expect([p.L, p.mu]).to.deep.equal([6, 1]);
  });

  it("the dial puts μ = L/κ and L at the ends, geometric or linear in between", () => {
    const g = spectrum(5, 16, 2, "geometric");
    // Geometric from 1/8 to 2: ratio 16^(1/4) = 2 per step.
    [0.125, 0.25, 0.5, 1, 2].forEach((v, i) => expect(g[i]).to.be.closeTo(v, 1e-15));
    const l = spectrum(5, 5, 1, "linear");
    [0.2, 0.4, 0.6, 0.8, 1].forEach((v, i) => expect(l[i]).to.be.closeTo(v, 1e-15));
    const p = new Quadratic({ dim: 100, kappa: 1e3, L: 3 });
    expect(p.L).to.equal(3);
    expect(p.mu).to.equal(3e-3);
    expect(p.kappa).to.be.closeTo(1e3, 1e-9);
  });

  for (const rotation of [false, 7] as const) {
    it(`gradient, Hessian and hvp agree with finite differences (rotation ${rotation})`, () => {
      const p = new Quadratic({ dim: 6, kappa: 50, L: 2, rotation, xStar: [1, -1, 0.5, 0, 2, -3], fStar: 1.5 });
      for (const x of [p.x0, around(p.x0, 2)]) {
        expectGradientMatches(p, x);
        expectHessianMatches(p, x);
        expectHvpMatchesHessian(p, x);
      }
      // x* has zero gradient and value f*.
      const g = p.grad(p.xStar);
      expect(Math.max(...Array.from(g, Math.abs))).to.equal(0);
      expect(p.f(p.xStar)).to.equal(1.5);
    });
  }

  it("a rotated quadratic has the prescribed spectrum (ml-matrix EVD) and an orthogonal Q", () => {
    const p = new Quadratic({ dim: 8, kappa: 100, L: 5, rotation: 3 });
    const evd = new EVD(p.A);
    const got = evd.realEigenvalues.slice().sort((a, b) => a - b);
    // The EVD of a symmetric 8×8 matrix is accurate to a few ulps of ‖A‖ = 5.
    got.forEach((v, i) => expect(v).to.be.closeTo(p.eigenvalues[i], 1e-12));
    const Q = p.Q!;
    const I = Q.transpose().mmul(Q);
    expect(relErr(I.to1DArray(), Matrix.eye(8).to1DArray())).to.be.below(1e-14);
    expect(p.L).to.equal(5);
    expect(p.mu).to.be.closeTo(0.05, 1e-15);
  });

  it("the rotation is seeded: the same seed gives the same Q, another seed another", () => {
    const a = randomRotation(4, 11).to1DArray(), b = randomRotation(4, 11).to1DArray(), c = randomRotation(4, 12).to1DArray();
    expect(a).to.deep.equal(b);
    expect(a).to.not.deep.equal(c);
  });

  it("writes into out when given and leaves x alone", () => {
    const p = new Quadratic({ dim: 3, kappa: 4, rotation: 1 });
    const x = new Float64Array([1, 2, 3]);
    const out = new Float64Array(3);
    expect(p.grad(x, out)).to.equal(out);
    expect(Array.from(x)).to.deep.equal([1, 2, 3]);
    expect(p.hvp(x, x, out)).to.equal(out);
  });

  it("allowSingular gives a convex quadratic with μ = 0", () => {
    const p = new Quadratic({ eigenvalues: [0, 1], allowSingular: true });
    expect(p.mu).to.equal(0);
    expect(p.kappa).to.equal(Infinity);
    expect(p.convex).to.equal(true);
  });

  it("rejects bad input with a message naming the argument and a fix", () => {
    expect(() => new Quadratic({ dim: 5, kappa: 0.5 })).to.throw(RangeError, /kappa.*≥ 1/);
    expect(() => new Quadratic({ dim: 5, kappa: NaN })).to.throw(RangeError, /kappa/);
    expect(() => new Quadratic({ dim: 0 })).to.throw(RangeError, /dim/);
    expect(() => new Quadratic({ dim: 1, kappa: 10 })).to.throw(RangeError, /dim = 1.*kappa must be 1/);
    expect(() => new Quadratic({ L: -1 })).to.throw(RangeError, /L/);
    expect(() => new Quadratic({ eigenvalues: [1, 0] })).to.throw(RangeError, /eigenvalues\[1\] = 0.*allowSingular/);
    expect(() => new Quadratic({ eigenvalues: [1, -2] })).to.throw(RangeError, /eigenvalues\[1\] = -2 < 0/);
    expect(() => new Quadratic({ eigenvalues: [1, 2], kappa: 3 })).to.throw(TypeError, /either eigenvalues or the dial/);
    expect(() => new Quadratic({ dim: 3, xStar: [1, 2] })).to.throw(RangeError, /xStar has length 2.*dimension 3/);
    expect(() => new Quadratic({ spacing: "log" as never })).to.throw(RangeError, /spacing/);
    expect(() => new Quadratic({ kapa: 3 } as never)).to.throw(TypeError, /unknown option "kapa"/);
    const p = new Quadratic({ dim: 3 });
    expect(() => p.grad(new Float64Array(2))).to.throw(RangeError, /x has length 2 but the problem has dimension 3/);
    expect(() => p.f(new Float64Array([1, NaN, 0]))).to.throw(RangeError, /x\[1\] is NaN/);
    expect(() => cs182Quadratic({ a1: 0 })).to.throw(RangeError, /a1/);
  });
});
