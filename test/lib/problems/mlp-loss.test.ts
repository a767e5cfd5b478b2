import { expect } from "chai";
import { MLPLoss } from "../../../lib/problems/mlp-loss";
import { MLP } from "../../../lib/nn/mlp";
import { evaluate } from "../../../lib/nn/train";
import { moons, xor } from "../../../lib/data/toy2d";
import { around, expectGradientMatches, fdGrad, relErr } from "./helpers";

describe("lib/problems/mlp-loss", () => {
  it("f(x0) is the model's mean training loss as lib/nn's evaluate computes it", () => {
    const data = moons({ n: 40, seed: 2 });
    const p = new MLPLoss({ data: data, hidden: [5], seed: 3 });
    const reference = new MLP(2, [5, 2], { seed: 3 });
    // The same seeded model, evaluated by lib/nn; summation order is the same, 1e-14 absorbs rounding.
    expect(p.f(p.x0)).to.be.closeTo(evaluate(reference, data).loss, 1e-14);
    expect(p.dim).to.equal(reference.size);
    expect(p.convex).to.equal(false);
  });

  it("gradient matches central differences at x0 and elsewhere", () => {
    const p = new MLPLoss({ data: moons({ n: 30 }), hidden: [4] });
    for (const x of [p.x0, around(p.x0, 0.5)]) expectGradientMatches(p, x);
  });

  it("hvp (forward over reverse) matches central differences of the gradient", () => {
    const p = new MLPLoss({ data: xor({ n: 24 }), hidden: [3] });
    const x = around(p.x0, 0.3);
    for (let k = 0; k < 3; k++) {
      const v = new Float64Array(p.dim).map((_, i) => Math.sin(1.3 * i + k));
      const hv = p.hvp(x, v);
      // d/dh ∇f(x + hv) at 0 by central differences: the same accuracy argument as the gradient check.
      const fd = new Float64Array(p.dim);
      for (let j = 0; j < p.dim; j++) fd[j] = fdGrad((h) => p.grad(x.map((xi, i) => xi + h[0] * v[i]))[j], new Float64Array([0]))[0];
      expect(relErr(hv, fd)).to.be.below(1e-6);
    }
  });

  it("batches: the batch over all examples is the full loss; halves average to it", () => {
    const p = new MLPLoss({ data: moons({ n: 20 }), hidden: [3] });
    const x = around(p.x0, 0.2);
    const all = Array.from({ length: 20 }, (_, i) => i);
    expect(relErr(p.gradBatch(x, all), p.grad(x))).to.be.below(1e-14);
    expect(p.fBatch(x, all)).to.be.closeTo(p.f(x), 1e-14);
    const a = p.gradBatch(x, all.slice(0, 10)), b = p.gradBatch(x, all.slice(10));
    expect(relErr(a.map((v, j) => (v + b[j]) / 2), p.grad(x))).to.be.below(1e-14);
  });

  it("keeps the tape from growing across calls", () => {
    const p = new MLPLoss({ data: moons({ n: 20 }), hidden: [3] });
    const before = p.model.tape.length;
    for (let k = 0; k < 20; k++) {
      p.f(p.x0);
      p.grad(p.x0);
      p.hvp(p.x0, p.x0);
      p.gradBatch(p.x0, [k % 20]);
    }
    expect(p.model.tape.length).to.equal(before);
  });

  it("rejects bad input", () => {
    const p = new MLPLoss({ data: moons({ n: 10 }) });
    expect(() => p.grad(new Float64Array(3))).to.throw(RangeError, /length 3.*dimension/);
    expect(() => p.gradBatch(p.x0, [10])).to.throw(RangeError, /batch\[0\] = 10/);
    expect(() => new MLPLoss({ model: new MLP(3, [2]), data: moons({ n: 10 }) })).to.throw(RangeError, /2 features.*3 inputs/);
    expect(() => new MLPLoss({ model: new MLP(2, [2]), hidden: [3] })).to.throw(TypeError, /either a model/);
  });
});
