// Issue 12 item 5: after x.data = 3, a backward pass through a graph built at the old point
// throws instead of returning the old point's gradient; rebuilding, rewinding and
// unrelated assignments stay silent.
import { expect } from "chai";
import { Tape, jvp, AutodiffTapeError } from "../../../lib/autodiff";

describe("lib/autodiff stale graphs (issue 12 item 5)", () => {
  it("x.data = 3 after y was built: y.backward() throws, naming x and the fix, and changes no gradient", () => {
    const tape = new Tape();
    const x = tape.input(2, "x");
    const y = x.mul(x);
    y.backward();
    expect(x.grad).to.equal(4);
    x.data = 3;
    expect(() => y.backward()).to.throw(AutodiffTapeError, /"x" #0 \(input\) was assigned a new value \(x\.data = 3\).*Rebuild/);
    expect(() => jvp(y, [[x, 1]])).to.throw(AutodiffTapeError, /assigned/);
    expect(x.grad).to.equal(4);
    const y2 = x.mul(x); // rebuilt at the new point
    y2.backward();
    expect(x.grad).to.equal(6);
  });

  it("a graph that mixes nodes from before and after the assignment is caught when the output predates it", () => {
    const tape = new Tape();
    const x = tape.input(1, "x"), w = tape.input(2, "w");
    const z = x.mul(w); // built at x = 1
    x.data = 5;
    // z predates the assignment and reads x: stale.
    expect(() => z.backward()).to.throw(AutodiffTapeError);
    // w was not assigned: a graph of w alone is fine, also one built earlier.
    const u = w.exp();
    u.backward();
    expect(w.grad).to.equal(Math.exp(2));
  });

  it("no error for: assigning the same value, an input the output does not read, a gradient-descent loop, a rewinding loop", () => {
    const tape = new Tape();
    const x = tape.input(2, "x"), other = tape.input(0, "other");
    const y = x.mul(3);
    x.data = 2; // unchanged
    other.data = 7; // y does not read it
    y.backward();
    expect(x.grad).to.equal(3);
    // Gradient descent on (x − 1)², rebuilding the loss after every step (no rewind).
    for (let k = 0; k < 50; k++) {
      const loss = x.sub(1).pow(2);
      loss.backward();
      x.data -= 0.1 * x.grad;
    }
    expect(x.data).to.be.closeTo(1, 1e-4);
    // The training-loop pattern: parameters, mark, rewind, build, backward, update.
    const t = new Tape();
    const w = [t.input(0.5), t.input(-0.5)];
    const mark = t.mark();
    for (let k = 0; k < 200; k++) {
      t.rewind(mark);
      const loss = w[0].sub(2).pow(2).add(w[1].add(1).pow(2));
      loss.backward();
      w.forEach((p) => (p.data -= 0.1 * p.grad));
    }
    expect(w.map((p) => p.data)).to.satisfy((v: number[]) => Math.abs(v[0] - 2) < 1e-6 && Math.abs(v[1] + 1) < 1e-6);
  });

  it("rewinding below the stale readers clears the suspicion", () => {
    const tape = new Tape();
    const x = tape.input(2, "x");
    const m = tape.mark();
    const y = x.sin();
    x.data = 4;
    expect(() => y.backward()).to.throw(AutodiffTapeError);
    tape.rewind(m);
    const y2 = x.sin();
    y2.backward();
    expect(x.grad).to.equal(Math.cos(4));
  });

  it("data must be a finite number (or IEEE values on an ieee tape)", () => {
    const tape = new Tape();
    const x = tape.input(2, "x");
    expect(() => (x.data = "3" as unknown as number)).to.throw(TypeError, /"x".*Number/);
    expect(() => (x.data = NaN)).to.throw(RangeError, /finite/);
    expect(x.data).to.equal(2);
  });
});
