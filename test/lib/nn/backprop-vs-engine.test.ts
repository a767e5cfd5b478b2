/**
 * Seed 001's and seed 004's hand-written backprop against the autodiff engine (and, once more
 * directly, against central finite differences of the engine's loss).
 */
import { expect } from "chai";
import { rng } from "../../../lib/random";
import type { Value } from "../../../lib/autodiff/value";
import { MLP } from "../../../lib/nn/mlp";
import { bceWithLogitsLoss, crossEntropyLoss } from "../../../lib/nn/losses";
import { tanhMlpBackward, tanhMlpForward, type TanhMlpParams } from "../../../lib/nn/tanh-mlp";
import { sigmoidCrossEntropy, sigmoidNetBackward, sigmoidNetForward, type SigmoidNet } from "../../../lib/nn/sigmoid-net";
import { centralDifference, expectClose, randomSigmoidNet, randomTanhMlp, slots } from "./gradcheck";

/**
 * Hand vs engine: both evaluate the same formulas in double precision, in a different order
 * (e.g. the engine sums δ·W through a dot node's edges, the hand code row by row), through at
 * most 3 layers of ≤ 5-term sums. Each result is then a few ulps (ε = 2.2e-16) times the size of
 * the terms, ~1e-15; 1e-12·(1 + |g|) leaves a factor ~1000 and still fails any formula error.
 */
const HAND_VS_ENGINE = 1e-12;
/** Engine vs finite differences: same step and tolerance as the hand tests (see tanh-mlp.test.ts). */
const H = 1e-5;
const FD_TOL = 1e-9;

/** An engine MLP with seed 001's layout whose parameters are copied from `p`. */
function engineTanhMlp(p: TanhMlpParams): MLP {
  const m = new MLP(p.Wh[0].length, [p.Wh.length, p.Wy.length], { activations: ["tanh", "linear"] });
  const [hidden, out] = m.layers;
  hidden.neurons.forEach((n, i) => (n.w.forEach((w, j) => (w.data = p.Wh[i][j])), (n.b!.data = p.bh[i])));
  out.neurons.forEach((n, i) => (n.w.forEach((w, j) => (w.data = p.Wy[i][j])), (n.b!.data = p.by[i])));
  return m;
}

/** An engine MLP with seed 004's layout (sigmoid hidden layers, no biases, loss on the output logit). */
function engineSigmoidNet(Theta: SigmoidNet): MLP {
  const L = Theta.length - 1;
  const m = new MLP(Theta[1][0].length, Theta.slice(1).map((T) => T.length), {
    activations: Theta.slice(1).map((_, l) => (l === L - 1 ? "linear" : "sigmoid")),
    bias: false,
  });
  m.layers.forEach((layer, l) => layer.neurons.forEach((n, i) => n.w.forEach((w, j) => (w.data = Theta[l + 1][i][j]))));
  return m;
}

describe("hand-written backprop = autodiff engine = finite differences", () => {
  it("seed 001's 2-4-2 tanh MLP with softmax cross-entropy, 10 seeded networks", () => {
    for (let seed = 0; seed < 10; seed++) {
      const p = randomTanhMlp(seed);
      const x = rng(2000 + seed).normals(2);
      const label = seed % 2;
      const y = [0, 1].map((c) => (c === label ? 1 : 0));
      const cache = tanhMlpForward(p, x, y);
      const hand = tanhMlpBackward(p, cache, y);

      const m = engineTanhMlp(p);
      const loss = crossEntropyLoss(m.forward(x), label);
      expectClose(loss.data, cache.loss as number, HAND_VS_ENGINE, `seed ${seed} loss`);
      loss.backward();
      const [hidden, out] = m.layers;
      hidden.neurons.forEach((n, i) => {
        n.w.forEach((w, j) => expectClose(w.grad, hand.grads.Wh[i][j], HAND_VS_ENGINE, `seed ${seed} ∂ℓ/∂Wʰ[${i}][${j}]`));
        expectClose(n.b!.grad, hand.grads.bh[i], HAND_VS_ENGINE, `seed ${seed} ∂ℓ/∂bʰ[${i}]`);
      });
      out.neurons.forEach((n, i) => {
        n.w.forEach((w, j) => expectClose(w.grad, hand.grads.Wy[i][j], HAND_VS_ENGINE, `seed ${seed} ∂ℓ/∂Wʸ[${i}][${j}]`));
        expectClose(n.b!.grad, hand.grads.by[i], HAND_VS_ENGINE, `seed ${seed} ∂ℓ/∂bʸ[${i}]`);
      });
    }
  });

  it("seed 004's 3-layer sigmoid net (3-5-4-1, no biases) with binary cross-entropy, 10 seeded networks", () => {
    for (let seed = 0; seed < 10; seed++) {
      const Theta = randomSigmoidNet(seed, [3, 5, 4, 1]);
      const x = rng(3000 + seed).normals(3);
      const y = seed % 2;
      const cache = sigmoidNetForward(Theta, x);
      const hand = sigmoidNetBackward(Theta, cache, y);

      const m = engineSigmoidNet(Theta);
      const loss = bceWithLogitsLoss(m.forward(x)[0], y);
      expectClose(loss.data, sigmoidCrossEntropy(cache.z[4], y), HAND_VS_ENGINE, `seed ${seed} loss`);
      loss.backward();
      m.layers.forEach((layer, l) =>
        layer.neurons.forEach((n, i) =>
          n.w.forEach((w, j) => expectClose(w.grad, hand.grad[l + 1][i][j], HAND_VS_ENGINE, `seed ${seed} ∂L/∂Θ⁽${l + 1}⁾[${i}][${j}]`)),
        ),
      );
    }
  });

  it("the engine's gradients match central finite differences of the engine's own loss", () => {
    const cases: [MLP, number[], (m: MLP, x: number[]) => Value][] = [
      [engineTanhMlp(randomTanhMlp(11)), rng(11).normals(2), (m, x) => crossEntropyLoss(m.forward(x), 1)],
      [engineSigmoidNet(randomSigmoidNet(12, [3, 5, 4, 1])), rng(12).normals(3), (m, x) => bceWithLogitsLoss(m.forward(x)[0], 0)],
    ];
    for (const [m, x, lossNode] of cases) {
      const params = m.parameters();
      const values = params.map((p) => p.data);
      // The loss as a function of `values`, rebuilt on a cleared graph for every evaluation.
      const f = () => {
        m.clearGraph();
        params.forEach((p, i) => (p.data = values[i]));
        return lossNode(m, x).data;
      };
      f();
      m.clearGraph();
      lossNode(m, x).backward();
      const grads = params.map((p) => p.grad);
      slots(values).forEach((slot, i) => expectClose(grads[i], centralDifference(f, slot, H), FD_TOL, `${params[i].label}`));
      expect(grads.some((g) => g !== 0)).to.equal(true);
    }
  });
});
