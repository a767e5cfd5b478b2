import { expect } from "chai";
import { Tape } from "../../../lib/autodiff/tape";
import { bceWithLogitsLoss, crossEntropyLoss, meanLoss, mseLoss } from "../../../lib/nn/losses";
import { softmax } from "../../../lib/nn/tanh-mlp";
import { sigmoid } from "../../../lib/nn/sigmoid-net";
import { accuracy, argmax } from "../../../lib/nn/metrics";

/** Closed-form values and gradients computed in a different order: a few ulps apart, 1e-14 is ample. */
const TOL = 1e-14;

describe("lib/nn/losses", () => {
  it("cross-entropy on logits is −log softmax(z)_t with gradient softmax(z) − onehot(t)", () => {
    const t = new Tape();
    const zs = [0.3, -1.2, 2.0].map((v) => t.input(v));
    const l = crossEntropyLoss(zs, 0);
    const p = softmax([0.3, -1.2, 2.0]);
    expect(l.data).to.be.closeTo(-Math.log(p[0]), TOL);
    l.backward();
    zs.forEach((z, i) => expect(z.grad).to.be.closeTo(p[i] - (i === 0 ? 1 : 0), TOL));
  });

  it("cross-entropy accepts a probability-vector target and survives huge logits", () => {
    const t = new Tape();
    const zs = [1000, -1000].map((v) => t.input(v));
    const l = crossEntropyLoss(zs, 1);
    expect(l.data).to.equal(2000);
    l.backward();
    expect(zs.map((z) => z.grad)).to.deep.equal([1, -1]);
    const soft = crossEntropyLoss([t.input(0), t.input(0)], [0.25, 0.75]);
    expect(soft.data).to.be.closeTo(Math.log(2), TOL);
    expect(() => crossEntropyLoss(zs, 2)).to.throw(/whole number in 0..1/);
    expect(() => crossEntropyLoss(zs, [0.5, 0.6])).to.throw(/summing to 1/);
    expect(() => crossEntropyLoss([], 0)).to.throw(/non-empty array/);
  });

  it("binary cross-entropy on a logit is softplus(z) − yz with gradient σ(z) − y, finite for huge |z|", () => {
    for (const z0 of [-3, 0, 2.5]) {
      for (const y of [0, 1, 0.3]) {
        const t = new Tape();
        const z = t.input(z0);
        const l = bceWithLogitsLoss(z, y);
        const s = sigmoid(z0);
        expect(l.data).to.be.closeTo(-(y * Math.log(s) + (1 - y) * Math.log(1 - s)), TOL);
        l.backward();
        expect(z.grad).to.be.closeTo(s - y, TOL);
      }
    }
    const t = new Tape();
    expect(bceWithLogitsLoss(t.input(-1000), 1).data).to.equal(1000);
    expect(bceWithLogitsLoss(t.input(1000), 1).data).to.equal(0);
    expect(() => bceWithLogitsLoss(t.input(0), 2)).to.throw(/in \[0, 1\]/);
  });

  it("mean squared error is (1/k)Σ(o − t)² with gradient 2(o − t)/k; meanLoss averages", () => {
    const t = new Tape();
    const o = [t.input(1), t.input(-2)];
    const l = mseLoss(o, [0, 1]);
    expect(l.data).to.equal((1 + 9) / 2);
    l.backward();
    expect(o.map((v) => v.grad)).to.deep.equal([1, -3]);
    expect(mseLoss(t.input(3), 1).data).to.equal(4);
    expect(meanLoss([t.input(1), t.input(2), t.input(6)]).data).to.equal(3);
    expect(() => mseLoss(o, [1])).to.throw(/one finite target per output \(2\)/);
    expect(() => meanLoss([])).to.throw(/empty/);
  });
});

describe("lib/nn/metrics", () => {
  it("argmax and accuracy", () => {
    expect(argmax([1, 5, 5, 2])).to.equal(1);
    expect(accuracy([0, 1, 1, 0], [0, 1, 0, 0])).to.equal(0.75);
    expect(() => accuracy([0], [0, 1])).to.throw(/equal length/);
    expect(() => accuracy([], [])).to.throw(/no examples/);
  });
});
