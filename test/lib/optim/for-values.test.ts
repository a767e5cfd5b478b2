import { expect } from "chai";
import { MLP } from "../../../lib/nn/mlp";
import { train } from "../../../lib/nn/train";
import { accuracyOn } from "../../../lib/nn/metrics";
import { crossEntropyLoss, meanLoss } from "../../../lib/nn/losses";
import { moons } from "../../../lib/data/toy2d";
import { Adam } from "../../../lib/optim/adam";
import { SGD } from "../../../lib/optim/sgd";
import { RMSprop } from "../../../lib/optim/rmsprop";
import { forValues } from "../../../lib/optim/for-values";
import { StepLR } from "../../../lib/optim/schedules";

describe("lib/optim/for-values: any optimizer trains a lib/nn model with no glue", () => {
  it("Adam trains an MLP(2, [8, 8, 2]) on moons to ≥ 97% training accuracy in 80 epochs", function () {
    this.timeout(120_000); // about a second per seed on an idle machine; speed is not what this checks
    // Measured: ≥ 97% is first reached after 31–65 epochs for seeds 0–2 (lr 0.05), so 80 leaves margin.
    for (const seed of [0, 1, 2]) {
      const data = moons({ n: 100, noise: 0.1, seed });
      const model = new MLP(2, [8, 8, 2], { seed });
      const history = train(model, data, { epochs: 80, optimizer: (p) => new Adam(p, { lr: 0.05 }) });
      expect(history.every((r) => Number.isFinite(r.loss))).to.equal(true);
      expect(history[79].loss).to.be.below(history[0].loss / 10);
      expect(accuracyOn(model, data), `seed ${seed}`).to.be.at.least(0.97);
    }
  });

  it("each step is exactly the optimizer's step on the flat vector of parameters and gradients", () => {
    const data = moons({ n: 20, seed: 3 });
    const model = new MLP(2, [4, 2], { seed: 7 });
    const ref = new MLP(2, [4, 2], { seed: 7 });
    const flat = Float64Array.from(ref.parameters(), (p) => p.data);
    const adam = new Adam(flat, { lr: 0.01 });
    const step = forValues(model.parameters(), (p) => new Adam(p, { lr: 0.01 }));
    for (let k = 0; k < 3; k++) {
      // Reference: the gradient from the engine, one Adam step on a plain Float64Array.
      ref.clearGraph();
      meanLoss(data.X.map((x, i) => crossEntropyLoss(ref.forward(x), data.y[i]))).backward();
      adam.step(Float64Array.from(ref.parameters(), (p) => p.grad));
      ref.parameters().forEach((p, i) => (p.data = flat[i]));
      model.clearGraph();
      meanLoss(data.X.map((x, i) => crossEntropyLoss(model.forward(x), data.y[i]))).backward();
      step(model.parameters());
    }
    // The same float operations in the same order: equal to the bit.
    expect(model.parameters().map((p) => p.data)).to.deep.equal(Array.from(flat));
    expect(step.optimizer.state.step).to.equal(3);
  });

  it("an optimizer built beforehand (to attach a schedule) works as `optimizer` or as `step`, keeping its state", () => {
    const data = moons({ n: 30, seed: 1 });
    const model = new MLP(2, [4, 2], { seed: 1 });
    const opt = new SGD(Float64Array.from(model.parameters(), (p) => p.data), { lr: 0.5, momentum: 0.9 });
    const sched = new StepLR(opt, { stepSize: 2, gamma: 0.5 });
    train(model, data, { epochs: 4, optimizer: opt, onEpoch: () => void sched.step() });
    expect(opt.lr).to.equal(0.5 * 0.5 ** 2);
    expect(opt.state.momentumBuffer).to.not.equal(null);
    expect(model.parameters().map((p) => p.data)).to.deep.equal(Array.from(opt.params));
    const rms = new RMSprop(Float64Array.from(model.parameters(), (p) => p.data), { lr: 0.01 });
    const before = model.parameters().map((p) => p.data);
    train(model, data, { epochs: 2, step: rms });
    expect(rms.state.step).to.equal(2);
    expect(model.parameters().map((p) => p.data)).to.not.deep.equal(before);
  });

  it("refuses step and optimizer together, a wrong-sized optimizer, another model's parameters", () => {
    const data = moons({ n: 10, seed: 1 });
    const model = new MLP(2, [3, 2], { seed: 1 });
    expect(() => train(model, data, { epochs: 1, step: () => {}, optimizer: (p) => new Adam(p) })).to.throw(TypeError, /either step or optimizer/);
    expect(() => train(model, data, { epochs: 1, optimizer: new Adam(new Float64Array(3)) })).to.throw(RangeError, /optimizer has 3 parameters but the model has 17/);
    expect(() => forValues(model.parameters(), () => new Adam(new Float64Array(2)))).to.throw(RangeError, /has 2 parameters but the model has 17/);
    const step = forValues(model.parameters(), (p) => new Adam(p));
    expect(() => step(new MLP(2, [3, 2], { seed: 2 }).parameters())).to.throw(RangeError, /different list of parameters/);
    expect(() => forValues([], (p) => new Adam(p))).to.throw(TypeError, /model's parameters/);
  });
});
