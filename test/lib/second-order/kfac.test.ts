import { expect } from "chai";
import { Matrix } from "ml-matrix";
import { MLP } from "../../../lib/nn/mlp";
import { moons } from "../../../lib/data/toy2d";
import { rng } from "../../../lib/random";
import { KFAC, kron } from "../../../lib/second-order/kfac";
import { accuracy, getParams, lossAndGradient } from "../../../lib/second-order/mlp-layers";
import { gaussNewtonMatrix, mlpCurvatureModel } from "../../../lib/second-order/gauss-newton";
import { symmetricEigen } from "../../../lib/second-order/spd";
import { norm2 } from "./fixtures";

function maxDiff(A: Matrix, B: Matrix): number {
  let m = 0;
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.columns; j++) {
    const d = Math.abs(A.get(i, j) - B.get(i, j));
    m = Number.isFinite(d) ? Math.max(m, d) : Infinity;
  }
  return m;
}

/** A regression dataset for a single linear layer 3 → 2 with squared error: targets are one-hot labels (lib/nn's MSE). */
function linearData(n: number, seed: number) {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => [r.normal(0, 1), r.normal(0, 1), r.normal(0, 1)]);
  const y = X.map((x) => (x[0] - x[2] + 0.3 * r.normal(0, 1) > 0 ? 1 : 0));
  return { X, y };
}

describe("second-order/kfac", () => {
  it("trains the moons MLP 2-8-2 to ≥ 95 % training accuracy in 100 full-batch steps", () => {
    const data = moons({ n: 100, noise: 0.1, seed: 0 });
    const mlp = new MLP(2, [8, 2], { seed: 0 });
    const opt = new KFAC(getParams(mlp), mlp, data, { lr: 0.5, damping: 1e-2 });
    const first = lossAndGradient(opt.stack, opt.params, data).loss;
    for (let k = 0; k < 100; k++) opt.step(lossAndGradient(opt.stack, opt.params, data).grad);
    const last = lossAndGradient(opt.stack, opt.params, data).loss;
    expect(Number.isFinite(last)).to.equal(true);
    expect(last).to.be.below(first / 5);
    expect(accuracy(opt.stack, opt.params, data)).to.be.at.least(0.95);
    // Factors are PSD (sums of outer products) and sized (in+1) and out per layer.
    expect(opt.state.A.map((A) => A.rows)).to.deep.equal([3, 9]);
    expect(opt.state.G.map((G) => G.rows)).to.deep.equal([8, 2]);
    for (const M of [...opt.state.A, ...opt.state.G]) expect(symmetricEigen(M).values[0]).to.be.at.least(-1e-12);
  });

  it("single linear layer with squared error: A ⊗ G is exactly the Gauss–Newton matrix, and one step is Newton's", () => {
    const data = linearData(40, 1);
    const mlp = new MLP(3, [2], { activations: ["linear"], seed: 2 });
    const opt = new KFAC(getParams(mlp), mlp, data, { lr: 1, damping: 0, loss: "mse" });
    const { grad } = lossAndGradient(opt.stack, opt.params, data);
    const theta0 = opt.params.slice();
    opt.step(grad);
    // G = (2/k)·I exactly for MSE over k = 2 outputs (lib/nn's mean over outputs).
    expect(maxDiff(opt.state.G[0], Matrix.eye(2, 2))).to.be.below(1e-15);
    // The Kronecker block vs the GGN summed example by example: same products, other order (~1e-16).
    const ggn = gaussNewtonMatrix(mlpCurvatureModel(mlp, data, "mse"), theta0);
    expect(maxDiff(opt.kroneckerBlock(0), ggn)).to.be.below(1e-13);
    // The loss is quadratic in θ with Hessian = GGN: the undamped step lands on the minimiser.
    const after = lossAndGradient(opt.stack, opt.params, data).grad;
    expect(norm2(after)).to.be.below(1e-12);
  });

  it("a two-layer network is NOT exact (the factorisation is an approximation there)", () => {
    const data = moons({ n: 30, seed: 4 });
    const mlp = new MLP(2, [3, 2], { seed: 1 });
    const opt = new KFAC(getParams(mlp), mlp, data, { damping: 1e-3 });
    const theta0 = opt.params.slice();
    opt.step(lossAndGradient(opt.stack, theta0, data).grad);
    const ggn = gaussNewtonMatrix(mlpCurvatureModel(mlp, data), theta0);
    // Layer 1's diagonal block of the GGN (its first 3·3 = 9 parameters) vs G ⊗ A.
    const block = ggn.subMatrix(0, 8, 0, 8);
    expect(maxDiff(opt.kroneckerBlock(0), block)).to.be.above(1e-6);
  });

  it("kron is the Kronecker product", () => {
    const K = kron(new Matrix([[1, 2], [3, 4]]), new Matrix([[0, 5], [6, 7]]));
    expect(K.to2DArray()).to.deep.equal([
      [0, 5, 0, 10],
      [6, 7, 12, 14],
      [0, 15, 0, 20],
      [18, 21, 24, 28],
    ]);
  });

  it("bad input: λ < 0, wrong length, data of the wrong width, singular factor without damping", () => {
    const data = moons({ n: 10 });
    const mlp = new MLP(2, [3, 2]);
    expect(() => new KFAC(getParams(mlp), mlp, data, { damping: -1 })).to.throw(RangeError, /damping.*-1/);
    expect(() => new KFAC(new Float64Array(4), mlp, data)).to.throw(RangeError, /length 4.*17/);
    expect(() => new KFAC(getParams(mlp), mlp, { X: [[1, 2, 3]], y: [0] })).to.throw(RangeError, /3 features/);
    // One example: A = āāᵀ has rank 1, singular without damping.
    const one = { X: [[0.5, -1]], y: [1] };
    const opt = new KFAC(getParams(mlp), mlp, one, { damping: 0 });
    expect(() => opt.step(lossAndGradient(opt.stack, opt.params, one).grad)).to.throw(RangeError, /singular.*damping/);
  });
});
