import { expect } from "chai";
import { Matrix } from "ml-matrix";
import { MLP } from "../../../lib/nn/mlp";
import { moons } from "../../../lib/data/toy2d";
import { rng } from "../../../lib/random";
import {
  GaussNewton, empiricalFisher, empiricalFisherFromGradients, gaussNewtonFromJacobian, gaussNewtonMatrix, generalizedGaussNewton,
  linearLeastSquaresModel, logisticModel, mlpCurvatureModel, modelLossAndGradient, residualModel,
} from "../../../lib/second-order/gauss-newton";
import { getParams } from "../../../lib/second-order/mlp-layers";
import { hessianByFiniteDifferences } from "../../../lib/second-order/cost";
import { symmetricEigen } from "../../../lib/second-order/spd";

/** max |Aᵢⱼ − Bᵢⱼ| (Infinity on NaN). */
function maxDiff(A: Matrix, B: Matrix): number {
  let m = 0;
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.columns; j++) {
    const d = Math.abs(A.get(i, j) - B.get(i, j));
    m = Number.isFinite(d) ? Math.max(m, d) : Infinity;
  }
  return m;
}

/** A sum of outer products is PSD; rounding can push a zero eigenvalue to about −ε‖C‖. */
const PSD_TOL = -1e-12;

function data(n: number, d: number, seed: number) {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => r.normal(0, 1)));
  return { X, r };
}

describe("second-order/gauss-newton", () => {
  it("linear least squares: the GGN is exactly the Hessian XᵀX/n", () => {
    const { X, r } = data(20, 4, 1);
    const y = X.map(() => r.normal(0, 1));
    const model = linearLeastSquaresModel(X, y);
    const theta = Float64Array.of(0.3, -1, 2, 0.5);
    const G = gaussNewtonMatrix(model, theta);
    const XtX = new Matrix(X).transpose().mmul(new Matrix(X)).div(20);
    // Two orders of summing the same 20 products: agreement to ~1e-15.
    expect(maxDiff(G, XtX)).to.be.below(1e-13);
    expect(maxDiff(gaussNewtonFromJacobian(new Matrix(X)), XtX)).to.be.below(1e-13);
    // And the Hessian from differences of the model's own gradient agrees (error O(h²)·f‴ = 0 for a quadratic, plus rounding ~1e-10).
    const H = hessianByFiniteDifferences((t) => modelLossAndGradient(model, t).grad, theta).H;
    expect(maxDiff(G, H)).to.be.below(1e-8);
    // One Gauss–Newton step with no damping solves linear least squares: the gradient vanishes.
    const opt = new GaussNewton(theta.slice(), model, { damping: 0 });
    opt.step(modelLossAndGradient(model, opt.params).grad);
    const g = modelLossAndGradient(model, opt.params).grad;
    expect(Math.hypot(...g)).to.be.below(1e-12);
  });

  it("logistic regression (±1 labels): GGN = Hessian (canonical link), checked against finite differences", () => {
    const { X, r } = data(30, 3, 2);
    const y = X.map((x) => (x[0] + 0.5 * r.normal(0, 1) > 0 ? 1 : -1));
    const model = logisticModel(X, y);
    const theta = Float64Array.of(0.4, -0.7, 1.1);
    const G = gaussNewtonMatrix(model, theta);
    const H = hessianByFiniteDifferences((t) => modelLossAndGradient(model, t).grad, theta).H;
    // Central differences with h = 1e-5: truncation ~h²·|f⁗| ≈ 1e-10, rounding ~ε/h ≈ 1e-11.
    expect(maxDiff(G, H)).to.be.below(1e-7);
    expect(() => logisticModel(X, y.map((v) => (v + 1) / 2))).to.throw(RangeError, /\+1 or −1/);
  });

  it("a non-linear residual model: Hessian indefinite at θ, Gauss–Newton and empirical Fisher PSD", () => {
    // rᵢ(θ) = θ₀·sin(θ₁xᵢ) − yᵢ, far from a fit, so Σ rᵢ∇²rᵢ dominates the Hessian.
    const r = rng(3);
    const xs = Array.from({ length: 25 }, () => r.uniform(-2, 2));
    const ys = xs.map((x) => 2 * Math.sin(1.5 * x) + 0.1 * r.normal(0, 1));
    const model = residualModel({
      name: "θ₀ sin(θ₁x)",
      dim: 2,
      examples: xs.length,
      residual: (t, i) => t[0] * Math.sin(t[1] * xs[i]) - ys[i],
      residualGradient: (t, i) => Float64Array.of(Math.sin(t[1] * xs[i]), t[0] * xs[i] * Math.cos(t[1] * xs[i])),
    });
    const theta = Float64Array.of(-1, 1.5);
    const H = hessianByFiniteDifferences((t) => modelLossAndGradient(model, t).grad, theta).H;
    const hEig = symmetricEigen(H).values;
    expect(hEig[0]).to.be.below(-0.1); // clearly indefinite (not a rounding artefact)
    for (const C of [gaussNewtonMatrix(model, theta), empiricalFisher(model, theta)]) {
      const ev = symmetricEigen(C).values;
      expect(ev.every(Number.isFinite)).to.equal(true);
      expect(ev[0]).to.be.at.least(PSD_TOL * Math.max(1, ev[ev.length - 1]));
    }
  });

  it("the MLP loss on moons: Hessian indefinite, GGN (= Fisher for cross-entropy) and empirical Fisher PSD", () => {
    const mlp = new MLP(2, [4, 2], { seed: 0 });
    const d = moons({ n: 40, seed: 1 });
    const model = mlpCurvatureModel(mlp, d);
    const theta = getParams(mlp);
    const H = hessianByFiniteDifferences((t) => modelLossAndGradient(model, t).grad, theta).H;
    const hEig = symmetricEigen(H).values;
    expect(hEig[0]).to.be.below(-1e-4); // finite-difference error is ~1e-9 here: a real negative eigenvalue
    for (const C of [gaussNewtonMatrix(model, theta), empiricalFisher(model, theta)]) {
      const ev = symmetricEigen(C).values;
      expect(ev.every(Number.isFinite)).to.equal(true);
      expect(ev[0]).to.be.at.least(PSD_TOL * Math.max(1, ev[ev.length - 1]));
    }
  });

  it("GGN from explicit Jacobians and loss Hessians equals the model's; empirical Fisher from gradients likewise", () => {
    const { X } = data(6, 3, 4);
    const y = [1, -1, 1, 1, -1, -1];
    const model = logisticModel(X, y);
    const theta = Float64Array.of(0.2, 0.1, -0.3);
    const sig = (t: number) => 1 / (1 + Math.exp(-t));
    const J = X.map((x) => new Matrix([x]));
    const Hl = X.map((x) => {
      const z = x.reduce((s, v, j) => s + v * theta[j], 0);
      return new Matrix([[sig(z) * (1 - sig(z))]]);
    });
    expect(maxDiff(generalizedGaussNewton(J, Hl), gaussNewtonMatrix(model, theta))).to.be.below(1e-14);
    const grads = X.map((_, i) => model.example(theta, i).grad);
    expect(maxDiff(empiricalFisherFromGradients(grads), empiricalFisher(model, theta))).to.be.below(1e-15);
  });

  it("bad input: damping < 0, dimension mismatch, singular C without damping names the fix", () => {
    const { X } = data(2, 3, 5); // 2 examples, 3 parameters: JᵀJ has rank 2
    const model = linearLeastSquaresModel(X, [1, 2]);
    expect(() => new GaussNewton(new Float64Array(3), model, { damping: -1 })).to.throw(RangeError, /damping.*-1/);
    expect(() => new GaussNewton(new Float64Array(2), model)).to.throw(RangeError, /length 2.*3 parameters/);
    expect(() => gaussNewtonMatrix(model, new Float64Array(4))).to.throw(RangeError, /3 entries/);
    const opt = new GaussNewton(new Float64Array(3), model, { damping: 0 });
    expect(() => opt.step(modelLossAndGradient(model, opt.params).grad)).to.throw(RangeError, /singular.*damping/s);
  });
});
