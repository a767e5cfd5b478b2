import { expect } from "chai";
import { MLP } from "../../../lib/nn/mlp";
import { linearPiecesAlongLine } from "../../../lib/nn/linear-pieces";
import { getParameters, setParameters, swapHiddenUnits } from "../../../lib/nn/flat-params";

describe("lib/nn linearPiecesAlongLine", () => {
  it("finds the bends of a network built by hand: relu(x−1) + relu(x−2) − 3·relu(x−3) on [0, 4]", () => {
    const net = new MLP(1, [4, 1], { activation: "relu" });
    // Unit 3 reads x with weight 0 (never bends); units 0..2 bend at x = 1, 2, 3.
    // θ order: each hidden unit (w, b), then the output's 4 weights and its bias.
    setParameters(net, [1, -1, 1, -2, 1, -3, 0, 1, 1, 1, -3, 0, 0]);
    const r = linearPiecesAlongLine(net, [0], [4]);
    // t = x/4: bends at t = 0.25, 0.5, 0.75; slopes in x: 0, 1, 2, −1 (×4 in t).
    expect(r.pieces.length).to.equal(4);
    r.breakpoints.forEach((t, k) => expect(t).to.be.closeTo([0.25, 0.5, 0.75][k], 1e-12));
    r.pieces.forEach((p, k) => expect(p.slope).to.be.closeTo([0, 4, 8, -4][k], 1e-12));
  });

  it("merges a bend that a zero output weight hides", () => {
    const net = new MLP(1, [2, 1], { activation: "relu" });
    setParameters(net, [1, -1, 1, -2, 1, 0, 0]); // unit 1 bends at x = 2 but the output ignores it
    const r = linearPiecesAlongLine(net, [0], [4]);
    expect(r.activationRegions).to.equal(3);
    expect(r.pieces.length).to.equal(2);
  });

  it("agrees with the network's own output at 500 points along a line (random 2-16-16-1 net)", () => {
    const net = new MLP(2, [16, 16, 1], { activation: "relu", seed: 3 });
    const r = linearPiecesAlongLine(net, [-2, -1], [2, 1.5]);
    expect(r.pieces.length).to.be.above(2);
    let worst = 0;
    for (let k = 0; k <= 500; k++) {
      const t = k / 500;
      worst = Math.max(worst, Math.abs(r.valueAt(t) - net.predict(r.pointAt(t))[0]));
    }
    // The same sums in another order: rounding only, far below 1e-9.
    expect(worst).to.be.below(1e-9);
    // Pieces tile [0, 1] without gaps.
    expect(r.pieces[0].t0).to.equal(0);
    expect(r.pieces[r.pieces.length - 1].t1).to.equal(1);
    r.pieces.slice(1).forEach((p, k) => expect(p.t0).to.equal(r.pieces[k].t1));
  });

  it("counts a bend shared by many units once (zero biases, a line through the origin)", () => {
    // He initialisation sets every bias to 0, so every unit's hyperplane passes through 0: the
    // network is positively homogeneous, linear on each half of a line through the origin.
    const net = new MLP(2, [16, 16, 1], { activation: "relu", seed: 2 });
    const r = linearPiecesAlongLine(net, [-1, -2], [1, 2]);
    expect(r.pieces.length).to.be.at.most(2);
    r.pieces.forEach((p) => expect(p.t1 - p.t0).to.be.above(0.4));
  });

  it("refuses curved activations and wrong points", () => {
    expect(() => linearPiecesAlongLine(new MLP(1, [3, 1]), [0], [1])).to.throw(RangeError, /tanh/);
    const net = new MLP(2, [3, 1], { activation: "relu" });
    expect(() => linearPiecesAlongLine(net, [0], [1, 1])).to.throw(RangeError, /from must be an array of 2/);
    expect(() => linearPiecesAlongLine(net, [0, 0], [1, 1], { output: 1 })).to.throw(RangeError, /output/);
  });
});

describe("lib/nn flat parameters", () => {
  it("swapping two hidden units gives another θ with exactly the same function", () => {
    const net = new MLP(2, [3, 2], { activation: "tanh", seed: 4 });
    const theta = getParameters(net);
    const before = net.predict([0.3, -1.2]);
    const swapped = swapHiddenUnits(net, 1, 0, 2);
    expect(swapped).to.not.deep.equal(theta);
    expect(getParameters(net)).to.deep.equal(theta); // the model is left alone
    setParameters(net, swapped);
    const after = net.predict([0.3, -1.2]);
    after.forEach((v, k) => expect(v).to.be.closeTo(before[k], 1e-14));
  });

  it("rejects the output layer, unknown units and a θ of the wrong length", () => {
    const net = new MLP(1, [2, 1]);
    expect(() => swapHiddenUnits(net, 2, 0, 1)).to.throw(RangeError, /hidden layer/);
    expect(() => swapHiddenUnits(net, 1, 0, 5)).to.throw(RangeError, /j must be/);
    expect(() => setParameters(net, [1, 2])).to.throw(RangeError, /7 parameters/);
  });
});
