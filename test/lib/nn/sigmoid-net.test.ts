import { expect } from "chai";
import { rng } from "../../../lib/random";
import {
  initSigmoidNet,
  sigmoid,
  sigmoidCrossEntropy,
  sigmoidCrossEntropyDelta,
  sigmoidHiddenDelta,
  sigmoidNetBackward,
  sigmoidNetForward,
  sigmoidNetLoss,
} from "../../../lib/nn/sigmoid-net";
import { centralDifference, expectClose, randomSigmoidNet, slots } from "./gradcheck";

/** Same step and tolerance as the tanh MLP test; the reasoning there applies (measured worst 4e-11 here). */
const H = 1e-5;
const FD_TOL = 1e-9;

describe("lib/nn/sigmoid-net (seed 004 Backprop, by hand)", () => {
  it("sigmoid is 1/(1+e⁻ᶻ), finite and in [0, 1] for huge |z|", () => {
    expect(sigmoid(0)).to.equal(0.5);
    expect(sigmoid(2)).to.be.closeTo(1 / (1 + Math.exp(-2)), 1e-15);
    expect(sigmoid(-2) + sigmoid(2)).to.be.closeTo(1, 1e-15); // two roundings near 1: a few ulps of 1.1e-16
    expect(sigmoid(-800)).to.equal(0);
    expect(sigmoid(800)).to.equal(1);
  });

  it("the forward pass is indexed like the seed: a[1] = x, z[l+1] = Θ⁽ˡ⁾a⁽ˡ⁾, a[l+1] = g(z[l+1])", () => {
    const Theta = [[], [[0, 0], [1, -1]], [[2, 2]]];
    const { a, z } = sigmoidNetForward(Theta, [3, 1]);
    expect(a[1]).to.deep.equal([3, 1]);
    expect(z[2]).to.deep.equal([0, 2]);
    expect(a[2]).to.deep.equal([0.5, sigmoid(2)]);
    expect(z[3]).to.deep.equal([2 * 0.5 + 2 * sigmoid(2)]);
    expect(a[3]).to.deep.equal([sigmoid(z[3][0])]);
    expect(a.length).to.equal(4);
  });

  it("the loss is the negative log-likelihood, finite even where ŷ rounds to 0 or 1", () => {
    const z = 0.7, p = sigmoid(z);
    expect(sigmoidCrossEntropy([z], 1)).to.be.closeTo(-Math.log(p), 1e-15);
    expect(sigmoidCrossEntropy([z], 0)).to.be.closeTo(-Math.log(1 - p), 1e-15);
    expect(sigmoidCrossEntropy([z], 0.25)).to.be.closeTo(-(0.25 * Math.log(p) + 0.75 * Math.log(1 - p)), 1e-15);
    expect(sigmoidCrossEntropy([-1000], 1)).to.equal(1000);
    expect(sigmoidCrossEntropy([1000], 1)).to.equal(0);
    expect(() => sigmoidCrossEntropy([0], 2)).to.throw(/in \[0, 1\]/);
  });

  it("δ⁽ᴸ⁺¹⁾ = a⁽ᴸ⁺¹⁾ − y (the seed's y − a is for the maximised log-likelihood)", () => {
    expect(sigmoidCrossEntropyDelta([0.8], 1)[0]).to.be.closeTo(-0.2, 1e-16);
    expect(sigmoidCrossEntropyDelta([0.8, 0.1], [0, 1])).to.deep.equal([0.8, 0.1 - 1]);
  });

  it("one δ step: δ⁽ˡ⁾ᵢ = a⁽ˡ⁾ᵢ(1 − a⁽ˡ⁾ᵢ) Σₖ δ⁽ˡ⁺¹⁾ₖ Θ⁽ˡ⁾ₖᵢ", () => {
    const d = sigmoidHiddenDelta([0.5, 0.25], [[1, 2], [3, 4], [5, 6]], [1, -1, 2]);
    expect(d).to.deep.equal([0.25 * (1 - 3 + 10), 0.1875 * (2 - 4 + 12)]);
    expect(() => sigmoidHiddenDelta([0.5, 0.25], [[1, 2]], [1, -1])).to.throw(/deltaNext has length 2 but must have length 1/);
  });

  for (const sizes of [[3, 5, 4, 1], [2, 4, 3, 2]]) {
    it(`hand-written ∂L/∂Θ⁽ˡ⁾ match central finite differences, sizes ${sizes.join("-")}, 10 seeds`, () => {
      for (let seed = 0; seed < 10; seed++) {
        const Theta = randomSigmoidNet(seed, sizes);
        const r = rng(500 + seed);
        const x = r.normals(sizes[0]);
        const k = sizes[sizes.length - 1];
        const y = k === 1 ? seed % 2 : Array.from({ length: k }, (_, i) => (i + seed) % 2);
        const { grad, delta } = sigmoidNetBackward(Theta, sigmoidNetForward(Theta, x), y);
        expect(delta[1]).to.deep.equal([]); // the input layer has no δ
        for (let l = 1; l < Theta.length; l++) {
          const gs = slots(grad[l]);
          slots(Theta[l]).forEach((slot, q) => {
            const fd = centralDifference(() => sigmoidNetLoss(Theta, x, y), slot, H);
            expectClose(gs[q][0][gs[q][1]], fd, FD_TOL, `seed ${seed} ∂L/∂Θ⁽${l}⁾ entry ${q}`);
          });
        }
      }
    });
  }

  it("a small step against the gradient lowers the loss (the sign is the minimised loss's)", () => {
    const Theta = randomSigmoidNet(7, [3, 4, 1]);
    const x = [0.5, -1, 2];
    const before = sigmoidNetLoss(Theta, x, 1);
    const { grad } = sigmoidNetBackward(Theta, sigmoidNetForward(Theta, x), 1);
    for (let l = 1; l < Theta.length; l++) Theta[l] = Theta[l].map((row, i) => row.map((t, j) => t - 0.01 * grad[l][i][j]));
    expect(sigmoidNetLoss(Theta, x, 1)).to.be.below(before);
  });

  it("initialises seeded weights with the 1-based layout and rejects a 0-based one", () => {
    const Theta = initSigmoidNet({ sizes: [3, 5, 1], seed: 1 });
    expect(Theta).to.deep.equal(initSigmoidNet({ sizes: [3, 5, 1], seed: 1 }));
    expect(Theta.length).to.equal(3);
    expect(Theta[0]).to.deep.equal([]);
    expect([Theta[1].length, Theta[1][0].length, Theta[2].length, Theta[2][0].length]).to.deep.equal([5, 3, 1, 5]);
    expect(() => sigmoidNetForward(Theta.slice(1), [1, 2, 3])).to.throw(/indexed from 1/);
    expect(() => sigmoidNetForward([[], [[1, 2]], [[1, 2]]], [1, 2])).to.throw(/Theta\[2\] has 2 columns but layer 2 has 1 units/);
    expect(() => initSigmoidNet({ sizes: [3] })).to.throw(/at least two layer widths/);
  });
});
