import { expect } from "chai";
import { rng } from "../../../lib/random";
import { denseBackward, denseForward } from "../../../lib/nn/dense";
import {
  initTanhMlp,
  softmax,
  softmaxCrossEntropy,
  softmaxCrossEntropyDelta,
  tanhBackward,
  tanhMlpBackward,
  tanhMlpBatch,
  tanhMlpForward,
  tanhMlpLoss,
} from "../../../lib/nn/tanh-mlp";
import { centralDifference, expectClose, randomTanhMlp, slots } from "./gradcheck";

/**
 * Finite-difference tolerance. Central differences with step h = 1e-5 have truncation error
 * h²|ℓ'''|/6 ≈ 1.7e-11·|ℓ'''| and rounding error about ε|ℓ|/h ≈ 2.2e-16·|ℓ|/1e-5 ≈ 2e-11·|ℓ|.
 * On these networks |ℓ'''| and |ℓ| are a few units (measured: the error at h = 1e-4 is ≤ 1.1e-8,
 * i.e. |ℓ'''|/6 ≤ 1.1), so the error is ~1e-10; measured worst case over the seeds below is
 * 1.2e-10. 1e-9·(1 + |g|) leaves a factor of ~8 and still catches any wrong formula (a
 * wrong term is O(0.01–1)).
 */
const H = 1e-5;
const FD_TOL = 1e-9;

describe("lib/nn/tanh-mlp (seed 001 §5, by hand)", () => {
  it("softmax gives probabilities, ignores a shift of the logits and survives huge logits", () => {
    const p = softmax([1, 2, 3]);
    expect(p.reduce((s, v) => s + v, 0)).to.be.closeTo(1, 1e-15);
    expect(p[2] / p[1]).to.be.closeTo(Math.E, 1e-14);
    softmax([1001, 1002, 1003]).forEach((v, i) => expect(v).to.be.closeTo(p[i], 1e-15));
    const big = softmax([1000, -1000]);
    expect(big.every(Number.isFinite)).to.equal(true);
    expect(big[0]).to.equal(1);
  });

  it("cross-entropy from logits equals −Σ y log ŷ and stays finite where log ŷ would be −∞", () => {
    const z = [0.3, -1.2, 2.0];
    const y = [0, 0, 1];
    expect(softmaxCrossEntropy(z, y)).to.be.closeTo(-Math.log(softmax(z)[2]), 1e-14);
    // ŷ₁ = e^{-2000}/(1 + e^{-2000}) underflows to 0, but ℓ = 2000 exactly up to e^{-2000}.
    expect(softmaxCrossEntropy([1000, -1000], [0, 1])).to.equal(2000);
  });

  it("δʸ = ŷ − y, and only for a probability-vector target", () => {
    expect(softmaxCrossEntropyDelta([0.2, 0.7, 0.1], [0, 1, 0])).to.deep.equal([0.2, 0.7 - 1, 0.1]);
    expect(() => softmaxCrossEntropyDelta([0.5, 0.5], [1, 1])).to.throw(/one-hot/);
    expect(() => softmaxCrossEntropyDelta([0.5, 0.5], [1, 0, 0])).to.throw(/length 3 but must have length 2/);
  });

  it("one dense layer backwards: ∂W = δ inputᵀ, ∂b = δ, ∂input = Wᵀδ", () => {
    const W = [[1, 2], [3, 4], [5, 6]];
    const g = denseBackward(W, [7, 8], [1, 0, -1]);
    expect(g.dW).to.deep.equal([[7, 8], [0, 0], [-7, -8]]);
    expect(g.db).to.deep.equal([1, 0, -1]);
    expect(g.dInput).to.deep.equal([1 * 1 + 0 * 3 - 1 * 5, 1 * 2 + 0 * 4 - 1 * 6]);
    expect(denseForward(W, [1, 1, 1], [1, -1])).to.deep.equal([0, 0, 0]);
    expect(() => denseBackward(W, [7, 8, 9], [1, 0, -1])).to.throw(/input has length 3 but must have length 2/);
    expect(() => denseBackward([[1, 2], [3]], [7, 8], [1, 0])).to.throw(/row 1 has 1 entries/);
  });

  it("tanhBackward multiplies by tanh′ = 1 − h²", () => {
    expect(tanhBackward([0, 0.5, -1], [2, 2, 2])).to.deep.equal([2, 2 * 0.75, 0]);
  });

  it("the forward pass stores h̃, h = tanh h̃, ỹ, ŷ and ℓ", () => {
    const p = { Wh: [[1, 0], [0, 1], [1, 1], [0, 0]], bh: [0, 0, 0, 0.5], Wy: [[1, 0, 0, 0], [0, 1, 0, 0]], by: [0, 0] };
    const c = tanhMlpForward(p, [0.2, -0.3], [1, 0]);
    expect(c.hTilde).to.deep.equal([0.2, -0.3, 0.2 - 0.3, 0.5]);
    expect(c.h).to.deep.equal(c.hTilde.map(Math.tanh));
    expect(c.yTilde).to.deep.equal([Math.tanh(0.2), Math.tanh(-0.3)]);
    expect(c.loss as number).to.be.closeTo(-Math.log(c.yHat[0]), 1e-15);
  });

  it("hand-written gradients match central finite differences on 10 seeded 2-4-2 networks", () => {
    for (let seed = 0; seed < 10; seed++) {
      const p = randomTanhMlp(seed);
      const r = rng(1000 + seed);
      const x = r.normals(2);
      const y = seed % 2 === 0 ? [1, 0] : [0, 1];
      const { grads } = tanhMlpBackward(p, tanhMlpForward(p, x), y);
      for (const key of ["Wh", "bh", "Wy", "by"] as const) {
        const ps = slots(p[key]);
        const gs = slots(grads[key]);
        expect(gs.length).to.equal(ps.length);
        ps.forEach((slot, k) => {
          const fd = centralDifference(() => tanhMlpLoss(p, x, y), slot, H);
          expectClose(gs[k][0][gs[k][1]], fd, FD_TOL, `seed ${seed} ∂ℓ/∂${key} entry ${k}`);
        });
      }
    }
  });

  it("the batch gradient is the mean of one-example gradients and matches finite differences of the risk", () => {
    const p = randomTanhMlp(42, 3, 5, 3);
    const r = rng(43);
    const X = Array.from({ length: 6 }, () => r.normals(3));
    const Y = X.map((_, k) => [0, 1, 2].map((c) => (c === k % 3 ? 1 : 0)));
    const { loss, grads } = tanhMlpBatch(p, X, Y);
    const risk = () => X.reduce((s, x, k) => s + tanhMlpLoss(p, x, Y[k]), 0) / X.length;
    expect(loss).to.be.closeTo(risk(), 1e-14);
    for (const key of ["Wh", "bh", "Wy", "by"] as const) {
      const gs = slots(grads[key]);
      slots(p[key]).forEach((slot, k) => expectClose(gs[k][0][gs[k][1]], centralDifference(risk, slot, H), FD_TOL, `batch ∂R/∂${key}[${k}]`));
    }
    expect(() => tanhMlpBatch(p, X, Y.slice(1))).to.throw(/equal length/);
  });

  it("initialises seeded Xavier-uniform weights and zero biases, and rejects mismatched shapes", () => {
    const p = initTanhMlp({ seed: 3 });
    expect(p).to.deep.equal(initTanhMlp({ seed: 3 }));
    expect(p.Wh.length).to.equal(4);
    expect(p.Wh[0].length).to.equal(2);
    expect(p.Wy.length).to.equal(2);
    const a = Math.sqrt(6 / (4 + 2));
    expect(p.Wh.flat().concat(p.Wy.flat()).every((w) => Math.abs(w) < a)).to.equal(true);
    expect(p.bh.concat(p.by).every((b) => b === 0)).to.equal(true);
    expect(() => tanhMlpForward({ ...p, Wy: [[1, 2, 3], [4, 5, 6]] }, [0, 0])).to.throw(/Wy has 3 columns but there are 4 hidden units/);
    expect(() => tanhMlpForward(p, [0, 0, 0])).to.throw(/x has length 3 but must have length 2/);
    expect(() => tanhMlpForward(p, [0, NaN])).to.throw(/x\[1\] is NaN/);
    expect(() => initTanhMlp({ ny: 1 })).to.throw(/ny ≥ 2/);
  });
});
