import { expect } from "chai";
import { Tape, Value, value, currentTape, withTape, AutodiffTapeError, gradients } from "../../../lib/autodiff";

describe("lib/autodiff backward: reused nodes, accumulation, lifetime", () => {
  it("a + a keeps two edges and gives ∂/∂a = 2; x·x gives 2x", () => {
    const tape = new Tape();
    const a = tape.input(3, "a");
    const s = a.add(a);
    expect(s.inputs).to.deep.equal([a, a]);
    expect(tape.inputsOf(s.id)).to.deep.equal([a.id, a.id]);
    s.backward();
    expect(a.grad).to.equal(2);
    a.mul(a).backward();
    expect(a.grad).to.equal(6);
  });

  it("a diamond: y = (x+1)(x·2) sums both paths: dy/dx = 2x + (x+1)·2", () => {
    const tape = new Tape();
    const x = tape.input(1.5);
    const left = x.add(1), right = x.mul(2);
    const y = left.mul(right);
    y.backward();
    expect(x.grad).to.equal(2 * 1.5 + (1.5 + 1) * 2);
    expect(left.grad).to.equal(3); // ∂y/∂left = right
    expect(right.grad).to.equal(2.5);
  });

  it("backward twice gives the same gradients (micrograd accumulates them)", () => {
    const tape = new Tape();
    const x = tape.input(2), w = tape.input(-0.5);
    const y = x.mul(w).tanh().add(x.mul(x));
    y.backward();
    const first = [x.grad, w.grad];
    y.backward();
    expect([x.grad, w.grad]).to.deep.equal(first);
    expect(first.every(Number.isFinite)).to.equal(true);
  });

  it("accumulate: true adds to the inputs' grads, intermediates get this pass's adjoint", () => {
    const tape = new Tape();
    const x = tape.input(2);
    const h = x.mul(3);
    const y1 = h.mul(h); // dy1/dx = 2h·3 = 36
    const y2 = h.sin(); // dy2/dx = 3 cos 6
    y1.backward();
    y2.backward({ accumulate: true });
    expect(x.grad).to.be.closeTo(36 + 3 * Math.cos(6), 1e-12);
    expect(h.grad).to.be.closeTo(Math.cos(6), 1e-15); // this pass only
    y1.backward({ accumulate: true }); // the same loss again: the input's grad grows by 36
    expect(x.grad).to.be.closeTo(72 + 3 * Math.cos(6), 1e-12);
    y1.backward(); // default resets
    expect(x.grad).to.equal(36);
  });

  it("nodes the output does not depend on keep their grad; backward from an input gives itself 1", () => {
    const tape = new Tape();
    const x = tape.input(2);
    const y = x.mul(x);
    const later = y.exp();
    later.backward(); // d exp(x²)/dy = e⁴
    expect(y.grad).to.equal(Math.exp(4));
    y.backward();
    expect(later.grad).to.equal(1); // created after y: y does not depend on it, so it keeps ∂later/∂later = 1
    expect(x.grad).to.equal(4);
    x.backward();
    expect([x.grad, y.grad]).to.deep.equal([1, 1]); // y keeps ∂y/∂y = 1 from the previous pass
    expect(tape.lastBackward).to.deep.equal({ nodes: 1, edges: 0, scanned: 1 });
  });

  it("differentiates a chain of 1,000,000 ops without recursion: d/dx (x + 1·10⁶ ... ) via x·c", () => {
    // y = x·c·c·…·c (10⁶ multiplications by c = 1 + 1e-7): dy/dx = c^(10⁶) ≈ e^0.1.
    const tape = new Tape();
    const c = tape.constant(1 + 1e-7);
    const x = tape.input(1);
    let y: Value = x;
    for (let i = 0; i < 1_000_000; i++) y = y.mul(c);
    y.backward();
    expect(tape.length).to.equal(1_000_002);
    // Relative rounding error of 10⁶ products is at most 10⁶·ε ≈ 2e-10.
    expect(x.grad).to.be.closeTo(Math.pow(1 + 1e-7, 1e6), 1e-9);
    expect(tape.lastBackward.edges).to.equal(2_000_000);
  });

  it("visits the tape in the same order every run (same gradients bit for bit)", () => {
    const run = () => {
      const tape = new Tape();
      const xs = [0.3, -1.2, 2.2].map((v) => tape.input(v));
      let y = xs[0];
      for (let i = 0; i < 50; i++) y = y.mul(xs[i % 3]).sin().add(xs[(i + 1) % 3]);
      y.backward();
      return xs.map((x) => x.grad);
    };
    const a = run(), b = run();
    expect(a).to.deep.equal(b);
    expect(a.every(Number.isFinite)).to.equal(true);
  });

  it("rewind(mark) keeps earlier nodes (parameters) and drops the rest; old nodes then throw", () => {
    const tape = new Tape();
    const w = tape.input(0.5, "w");
    const mark = tape.mark();
    const loss1 = w.mul(w);
    loss1.backward();
    expect(w.grad).to.equal(1);
    tape.rewind(mark);
    expect(tape.length).to.equal(1);
    expect(() => loss1.backward()).to.throw(AutodiffTapeError, /dropped by tape.reset\(\) or tape.rewind\(\)/);
    expect(() => loss1.data).to.throw(AutodiffTapeError);
    w.data -= 0.1 * w.grad; // an SGD step on the surviving parameter
    const loss2 = w.mul(w);
    loss2.backward();
    expect(w.grad).to.be.closeTo(0.8, 1e-15);
    expect(() => tape.rewind(5)).to.throw(RangeError, /mark/);
  });

  it("a node made after rewind starts with grad 0 and tangent 0 (no stale slot values)", () => {
    const tape = new Tape();
    const x = tape.input(3, "x");
    const y = x.mul(x);
    y.backward();
    tape.jvp([[x, 1]]);
    expect(y.tangent).to.equal(6);
    tape.rewind(1);
    const z = tape.input(5, "z"); // reuses y's slot
    expect(z.grad).to.equal(0);
    expect(z.tangent).to.equal(0);
    const w = z.mul(2); // reuses nothing stale either
    expect(w.grad).to.equal(0);
    x.grad = 0;
    w.backward({ accumulate: true });
    expect(z.grad).to.equal(2);
  });

  it("a training loop with rewind does not grow the tape", () => {
    const tape = new Tape();
    const w = tape.input(1);
    const mark = tape.mark();
    let lengthAfterFirst = 0;
    for (let step = 0; step < 100; step++) {
      tape.rewind(mark);
      const loss = w.sub(3).pow(2);
      loss.backward();
      w.data -= 0.1 * w.grad;
      if (step === 0) lengthAfterFirst = tape.length;
    }
    expect(tape.length).to.equal(lengthAfterFirst);
    expect(w.data).to.be.closeTo(3, 1e-6);
  });

  it("reset and free: clear errors on old nodes and on a freed tape", () => {
    const tape = new Tape();
    const x = tape.input(1);
    const y = x.exp();
    tape.reset();
    expect(() => y.backward()).to.throw(AutodiffTapeError, /dropped/);
    const z = tape.input(2);
    tape.free();
    expect(() => z.backward()).to.throw(AutodiffTapeError, /freed/);
    expect(() => tape.input(1)).to.throw(AutodiffTapeError, /freed/);
  });

  it("refuses to mix tapes, and only inputs/constants can be assigned", () => {
    const a = new Tape().input(1), b = new Tape().input(2);
    expect(() => a.add(b)).to.throw(AutodiffTapeError, /another tape/);
    const y = a.exp();
    expect(() => (y.data = 3)).to.throw(AutodiffTapeError, /only inputs and constants/);
  });

  it("value() records on the current tape; withTape switches it and restores it", () => {
    const t = new Tape();
    const before = currentTape();
    const v = withTape(t, () => value(4, "q"));
    expect(v.tape).to.equal(t);
    expect(v.label).to.equal("q");
    expect(currentTape()).to.equal(before);
    expect(() => withTape(t, () => { throw new Error("boom"); })).to.throw("boom");
    expect(currentTape()).to.equal(before);
    expect(gradients(v.mul(v), [v])).to.deep.equal([8]);
  });

  it("prints like micrograd, not as a dump of the tape", () => {
    const tape = new Tape();
    const x = tape.input(2, "x");
    expect(String(x)).to.equal('Value(data=2, grad=0, op=input, label="x")');
    expect(String(tape)).to.equal("Tape(1 nodes, 0 edges)");
  });
});
