// Issue 12 item 3: each error names the real culprit and the fix.
import { expect } from "chai";
import { Tape, add, sum, dot, jvp, AutodiffTapeError, AutodiffNaNError, type Value } from "../../../lib/autodiff";

/** The error `fn` throws (fails the test if it throws nothing). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  expect.fail("expected an error");
}

describe("lib/autodiff errors name the real culprit (issue 12 item 3)", () => {
  it("mixing tapes names the foreign operand on its own tape, and the node it was combined with", () => {
    const t1 = new Tape(), t2 = new Tape();
    t1.input(1, "a");
    const c = t1.input(2, "c");
    const b = t2.input(3, "b");
    const e = thrown(() => c.add(b));
    expect(e).to.be.instanceOf(AutodiffTapeError);
    expect(e.message).to.contain('"b" #0 (input)').and.contain('"c" #1 (input)').and.contain("another tape").and.contain(".data");
    expect(e.message).not.to.contain('"a"');
    const f = thrown(() => add(c, b)); // the free function says the same
    expect(f.message).to.contain('"b" #0 (input)').and.contain('"c" #1 (input)');
    expect(t1.length).to.equal(2); // nothing half-built was recorded
  });

  it('.add("2") and .add(undefined) say what was passed and how to fix it', () => {
    const tape = new Tape();
    const x = tape.input(1, "x");
    const s = thrown(() => x.add("2" as unknown as number));
    expect(s).to.be.instanceOf(TypeError);
    expect(s.message).to.contain("add").and.contain('the string "2"').and.contain('Number("2")');
    expect(s.message).not.to.contain("undefined");
    const u = thrown(() => x.mul(undefined as unknown as number));
    expect(u).to.be.instanceOf(TypeError);
    expect(u.message).to.match(/^mul: expected a Value or a number, got undefined/);
    expect(thrown(() => x.pow({} as unknown as number)).message).to.contain("pow").and.contain("an object (Object)");
    expect(thrown(() => add("2" as unknown as number, x)).message).to.contain('add: expected a Value or a number, got the string "2"');
  });

  it("sum and dot name the bad element by position", () => {
    const tape = new Tape();
    const x = tape.input(1);
    expect(thrown(() => sum([x, x, "3" as unknown as number])).message).to.contain("sum: xs[2]").and.contain('the string "3"');
    expect(thrown(() => dot([x, 2], [x, null as unknown as number])).message).to.contain("dot: b[1]").and.contain("null");
  });

  it("a NaN jvp seed is refused before any tangent changes, naming the input", () => {
    const tape = new Tape();
    const x = tape.input(1, "x"), w = tape.input(2, "w");
    const y = x.mul(w).exp();
    jvp(y, [[x, 1]]);
    const before = y.tangent;
    const cases: [unknown, string][] = [[NaN, "the number NaN"], [Infinity, "the number Infinity"], ["1", 'the string "1"']];
    for (const [bad, shown] of cases) {
      const e = thrown(() => jvp(y, [[x, 1], [w, bad as number]]));
      expect(e).to.be.instanceOf(RangeError);
      expect(e.message).to.contain('"w" #1 (input)').and.contain(shown).and.contain("[[x, 1]]");
      expect(e.message).not.to.contain("overflowed");
    }
    expect(y.tangent).to.equal(before);
    expect(Number.isFinite(before)).to.equal(true);
  });

  it("an adjoint overflow names the node whose contribution overflowed, and its two factors", () => {
    // out = (x·1e300)·1e300 at x = 1e-310: every value is finite, ∂out/∂x = 1e600 is not.
    const tape = new Tape();
    const x = tape.input(1e-310, "x");
    const mid = x.mul(1e300).named("mid");
    const out = mid.mul(1e300);
    const e = thrown(() => out.backward()) as AutodiffNaNError;
    expect(e).to.be.instanceOf(AutodiffNaNError);
    expect(e.node).to.equal(x.id);
    expect(e.message).to.contain('"x" #0').and.contain('"mid" #2 (mul)').and.contain("1e+300").and.contain("rescale");
  });

  it("a tangent overflow names the input whose term overflowed", () => {
    const tape = new Tape();
    const x = tape.input(1e-310, "x");
    const mid: Value = x.mul(1e300).named("mid");
    const out = mid.mul(1e300);
    const e = thrown(() => jvp(out, [[x, 1]])) as AutodiffNaNError;
    expect(e).to.be.instanceOf(AutodiffNaNError);
    expect(e.pass).to.equal("tangent");
    expect(e.node).to.equal(out.id);
    expect(e.message).to.contain('"mid" #2 (mul)').and.contain("1e+300");
  });
});
