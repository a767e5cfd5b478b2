import { expect } from "chai";
import { MLP } from "../../../lib/nn/mlp";
import { moons } from "../../../lib/data/toy2d";
import { resolveLoss, evaluate } from "../../../lib/nn/train";
import { meanLoss } from "../../../lib/nn/losses";
import { accuracy, denseStackOf, getParams, lossAndGradient, mlpProblem, setParams } from "../../../lib/second-order/mlp-layers";
import { maxAbsDiff } from "./fixtures";
import { MLPLoss } from "../../../lib/problems/mlp-loss";

describe("second-order/mlp-layers", () => {
  // Hand passes vs the autodiff engine: same formulas, different summation order, ≤ 3 layers of
  // ≤ 9-term sums over 30 examples: agreement to ~1e-15 relative; 1e-12 leaves room and still
  // fails any wrong formula (those give errors of order 1e-2).
  const cases: Array<[string, MLP, "auto" | "mse"]> = [
    ["2-8-2 tanh, cross-entropy", new MLP(2, [8, 2], { seed: 3 }), "auto"],
    ["2-5-4-1 relu/sigmoid, BCE with logits", new MLP(2, [5, 4, 1], { activations: ["relu", "sigmoid", "linear"], seed: 4 }), "auto"],
    ["2-6-2 sigmoid, MSE", new MLP(2, [6, 2], { activation: "sigmoid", seed: 5 }), "mse"],
  ];
  for (const [label, mlp, loss] of cases) {
    it(`loss and gradient equal the engine's: ${label}`, () => {
      const data = moons({ n: 30, seed: 2 });
      const stack = denseStackOf(mlp, loss);
      const theta = getParams(mlp);
      const hand = lossAndGradient(stack, theta, data);
      const lossOf = resolveLoss(mlp, loss);
      mlp.clearGraph();
      const R = meanLoss(data.X.map((x, i) => lossOf(mlp.forward(x), data.y[i])));
      R.backward();
      const engineLoss = R.data;
      const engine = mlp.parameters().map((p) => p.grad);
      mlp.clearGraph();
      expect(Number.isFinite(hand.loss)).to.equal(true);
      expect(Math.abs(hand.loss - engineLoss)).to.be.below(1e-12);
      expect(maxAbsDiff(hand.grad, engine)).to.be.below(1e-12);
      expect(accuracy(stack, theta, data)).to.equal(evaluate(mlp, data, { loss }).accuracy);
    });
  }

  it("getParams / setParams round-trip in mlp.parameters() order; bad input named", () => {
    const mlp = new MLP(2, [3, 2], { seed: 1 });
    const theta = getParams(mlp).map((v) => v + 1);
    setParams(mlp, theta);
    expect(Array.from(getParams(mlp))).to.deep.equal(Array.from(theta));
    expect(() => setParams(mlp, [1, 2])).to.throw(RangeError, /2 entries.*17 parameters/);
    expect(() => denseStackOf(new MLP(2, [3, 1], { bias: false }))).to.throw(RangeError, /bias/);
    expect(() => lossAndGradient(denseStackOf(mlp), new Float64Array(3), moons({ n: 4 }))).to.throw(RangeError, /3 entries/);
  });
});

describe("second-order/mlp-layers mlpProblem", () => {
  it("gives the same f and ∇f as lib/problems/mlp-loss.ts (engine) and minibatch values", () => {
    const data = moons({ n: 25, seed: 6 });
    const mlp = new MLP(2, [5, 2], { seed: 7 });
    const p = mlpProblem(mlp, data);
    const engine = new MLPLoss({ data, model: new MLP(2, [5, 2], { seed: 7 }) });
    const x = p.x0.map((v, i) => v + 0.01 * i);
    // Same formulas, different summation order: ~1e-16 relative; 1e-12 as in the tests above.
    expect(Math.abs(p.f(x) - engine.f(x))).to.be.below(1e-12);
    expect(maxAbsDiff(p.grad(x), engine.grad(x))).to.be.below(1e-12);
    expect(Math.abs(p.fBatch!(x, [3, 4]) - engine.fBatch!(x, [3, 4]))).to.be.below(1e-12);
    expect(maxAbsDiff(p.gradBatch!(x, [0, 9, 9]), engine.gradBatch!(x, [0, 9, 9]))).to.be.below(1e-12);
    expect(() => mlpProblem(mlp, { X: [[1, 2, 3]], y: [0] })).to.throw(RangeError, /3 features/);
  });
});
