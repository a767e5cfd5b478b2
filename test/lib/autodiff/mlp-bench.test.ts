import { expect } from "chai";
import { Tape } from "../../../lib/autodiff";
import { makeData, initParams, engineLoss, engineLossDot, handGradient, paramCount } from "../../../bench/mlp";

describe("bench/mlp: the benchmark network, on the engine and by hand", () => {
  const data = makeData(), p0 = initParams();
  const hand = handGradient(p0, data);

  for (const [name, build] of [["micrograd-style", engineLoss], ["dot per neuron", engineLossDot]] as const) {
    it(`the engine's gradient (${name}) equals hand-written backprop within 1e-9`, () => {
      const tape = new Tape();
      const params = Array.from(p0, (x) => tape.input(x));
      const loss = build(tape, params, data);
      loss.backward();
      // Both compute the same sums in slightly different orders: differences are rounding
      // (~1e-16 here); 1e-9 is the bench's stated bound.
      expect(loss.data).to.be.closeTo(hand.loss, 1e-12);
      expect(params.length).to.equal(paramCount());
      params.forEach((p, i) => {
        expect(Number.isFinite(p.grad)).to.equal(true);
        expect(Math.abs(p.grad - hand.grad[i])).to.be.at.most(1e-9);
      });
      expect(hand.grad.some((g) => Math.abs(g) > 1e-3)).to.equal(true); // not trivially zero
    });
  }

  it("the micrograd-style graph has about 65,000 nodes (the size GUIDE §5 compares against)", () => {
    const tape = new Tape();
    const params = Array.from(p0, (x) => tape.input(x));
    engineLoss(tape, params, data);
    expect(tape.length).to.be.within(60_000, 70_000);
  });
});
