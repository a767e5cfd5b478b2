import { expect } from "chai";
import { AutodiffTapeError } from "../../../lib/autodiff/errors";
import { Layer, MLP, Neuron, outputsToClass } from "../../../lib/nn/mlp";
import { crossEntropyLoss } from "../../../lib/nn/losses";

describe("lib/nn/mlp", () => {
  it("lists parameters layer by layer, neuron by neuron, weights then bias, as the same objects every time", () => {
    const m = new MLP(2, [3, 2]);
    const ps = m.parameters();
    expect(ps.length).to.equal(3 * (2 + 1) + 2 * (3 + 1));
    expect(m.size).to.equal(ps.length);
    expect(m.parameters().every((p, i) => p === ps[i])).to.equal(true);
    expect(ps.slice(0, 4).map((p) => p.label)).to.deep.equal(["W1[0][0]", "W1[0][1]", "b1[0]", "W1[1][0]"]);
    expect(ps[ps.length - 1].label).to.equal("b2[1]");
    expect(ps.every((p) => p.op === "input")).to.equal(true);
  });

  it("initialises from the seed: Xavier for tanh, He for relu, micrograd's U(−1, 1) on request", () => {
    const data = (m: MLP) => m.parameters().map((p) => p.data);
    expect(data(new MLP(2, [8, 1], { seed: 4 }))).to.deep.equal(data(new MLP(2, [8, 1], { seed: 4 })));
    expect(data(new MLP(2, [8, 1], { seed: 4 }))).to.not.deep.equal(data(new MLP(2, [8, 1], { seed: 5 })));

    const tanhLayer = new Layer(10, 30, { seed: 1 });
    const xavier = Math.sqrt(6 / (10 + 30));
    const w = tanhLayer.neurons.flatMap((n) => n.w.map((v) => v.data));
    expect(w.every((v) => Math.abs(v) < xavier)).to.equal(true);
    expect(Math.max(...w.map(Math.abs))).to.be.above(0.9 * xavier); // 300 draws reach the bound's last 10%
    expect(tanhLayer.neurons.every((n) => n.b!.data === 0)).to.equal(true);

    const reluLayer = new Layer(10, 30, { activation: "relu", seed: 1 });
    const he = Math.sqrt(6 / 10);
    const wr = reluLayer.neurons.flatMap((n) => n.w.map((v) => v.data));
    expect(wr.every((v) => Math.abs(v) < he)).to.equal(true);
    expect(Math.max(...wr.map(Math.abs))).to.be.above(xavier);

    const mg = new Neuron(3, { init: "micrograd", seed: 2 });
    expect(mg.parameters().every((p) => Math.abs(p.data) < 1)).to.equal(true);
    expect(mg.b!.data).to.not.equal(0);
  });

  it("uses the activation chosen per layer, linear output by default", () => {
    const m = new MLP(2, [3, 3, 1], { activations: ["relu", "sigmoid", "tanh"] });
    expect(m.layers.map((l) => l.activation)).to.deep.equal(["relu", "sigmoid", "tanh"]);
    expect(m.forward([0.1, 0.2])[0].op).to.equal("tanh");
    const d = new MLP(2, [3, 2]);
    expect(d.layers.map((l) => l.activation)).to.deep.equal(["tanh", "linear"]);
    expect(d.forward([0.1, 0.2])[0].op).to.equal("add"); // w·x + b with no activation node
    const nb = new MLP(2, [3, 1], { bias: false });
    expect(nb.size).to.equal(2 * 3 + 3);
    expect(nb.layers[0].neurons[0].b).to.equal(null);
  });

  it("computes act(Wx + b): the graph's outputs equal a hand evaluation and predict()", () => {
    const m = new MLP(2, [2, 1], { activations: ["tanh", "sigmoid"], init: "micrograd", seed: 3 });
    const [l1, l2] = m.layers;
    const x = [0.7, -1.3];
    const h = l1.neurons.map((n) => Math.tanh(n.w[0].data * x[0] + n.w[1].data * x[1] + n.b!.data));
    const z = l2.neurons[0].w[0].data * h[0] + l2.neurons[0].w[1].data * h[1] + l2.neurons[0].b!.data;
    const expected = 1 / (1 + Math.exp(-z));
    // The same few operations in a different order: they agree to a few ulps; 1e-14 is ample.
    expect(m.forward(x)[0].data).to.be.closeTo(expected, 1e-14);
    expect(m.predict(x)[0]).to.be.closeTo(expected, 1e-14);
    expect(m.predictClass(x)).to.equal(expected > 0.5 ? 1 : 0);
  });

  it("gives the same gradients when backward runs twice (no accumulation, so no zeroGrad)", () => {
    const m = new MLP(2, [4, 2], { seed: 1 });
    const loss = () => crossEntropyLoss(m.forward([0.5, -0.5]), 1);
    loss().backward();
    const g1 = m.parameters().map((p) => p.grad);
    m.clearGraph();
    loss().backward();
    const g2 = m.parameters().map((p) => p.grad);
    expect(g1.every(Number.isFinite)).to.equal(true);
    expect(g1.some((g) => g !== 0)).to.equal(true);
    expect(g2).to.deep.equal(g1);
  });

  it("clearGraph drops the forward graph and keeps the parameters", () => {
    const m = new MLP(2, [4, 2], { seed: 1 });
    const before = m.parameters().map((p) => p.data);
    const out = m.forward([1, 2]);
    expect(m.tape.length).to.be.above(m.mark);
    m.clearGraph();
    expect(m.tape.length).to.equal(m.mark);
    expect(m.mark).to.equal(m.size);
    expect(m.parameters().map((p) => p.data)).to.deep.equal(before);
    expect(() => out[0].data).to.throw(AutodiffTapeError);
  });

  it("turns outputs into classes: argmax, or a threshold for one output", () => {
    expect(outputsToClass([0.1, 2, -1])).to.equal(1);
    expect(outputsToClass([0.3])).to.equal(1);
    expect(outputsToClass([-0.3])).to.equal(0);
    expect(outputsToClass([0.3], "sigmoid")).to.equal(0);
    expect(outputsToClass([0.7], "sigmoid")).to.equal(1);
  });

  it("rejects bad shapes and names with a clear message", () => {
    expect(() => new MLP(2, [])).to.throw(/nouts must list the width of every layer/);
    expect(() => new MLP(2, [3, 0])).to.throw(/nouts\[1\] must be a whole number ≥ 1/);
    expect(() => new MLP(2, [3, 1], { activations: ["tanh"] })).to.throw(/one entry per layer \(2\)/);
    expect(() => new MLP(2, [3, 1], { activation: "softplus" as any })).to.throw(/unknown activation "softplus"/);
    expect(() => new MLP(2, [3, 1], { init: "kaiming" as any })).to.throw(/unknown init "kaiming"/);
    expect(() => new MLP(2, [3, 1]).forward([1, 2, 3])).to.throw(/expected 2 inputs, got 3/);
    expect(() => new MLP(2, [3, 1]).predict([1])).to.throw(/MLP\.predict: input has 1 value but the network takes 2/);
  });
});

describe("lib/nn/mlp predict input checks", () => {
  it("rejects NaN/Infinity inputs instead of returning NaN outputs or class 0", () => {
    const m = new MLP(2, [3, 1]);
    expect(() => m.predict([NaN, 1])).to.throw(RangeError, /MLP\.predict: input\[0\] is NaN/);
    expect(() => m.predict([1, Infinity])).to.throw(/input\[1\] is Infinity/);
    expect(() => m.predictClass([NaN, 1])).to.throw(/input\[0\] is NaN/);
    expect(() => m.predict([1, "2" as unknown as number])).to.throw(/input\[1\] is string/);
    const out = m.predict([0.5, -0.5]);
    expect(out).to.have.length(1);
    expect(Number.isFinite(out[0])).to.equal(true);
  });

  it("checks input length and values in Layer.predict and Neuron.predict too", () => {
    const layer = new Layer(2, 3);
    const neuron = new Neuron(2);
    expect(() => layer.predict([1])).to.throw(RangeError, /Layer\.predict: input has 1 value but the layer takes 2/);
    expect(() => neuron.predict([1])).to.throw(RangeError, /Neuron\.predict: input has 1 value but the neuron takes 2/);
    expect(() => neuron.predict([1, 2, 3])).to.throw(/input has 3 values/);
    expect(() => layer.predict([1, NaN])).to.throw(/input\[1\] is NaN/);
    expect(() => neuron.predict([NaN, 1])).to.throw(/input\[0\] is NaN/);
    expect(layer.predict([1, 2]).every(Number.isFinite)).to.equal(true);
    expect(Number.isFinite(neuron.predict([1, 2]))).to.equal(true);
  });
});
