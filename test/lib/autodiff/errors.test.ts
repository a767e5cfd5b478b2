import { expect } from "chai";
import { Tape, AutodiffDomainError, AutodiffNaNError } from "../../../lib/autodiff";

function domainError(fn: () => unknown): AutodiffDomainError {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(AutodiffDomainError);
    return e as AutodiffDomainError;
  }
  throw new Error("expected an AutodiffDomainError");
}

describe("lib/autodiff errors: domain errors, NaN detection, IEEE mode", () => {
  const cases: { what: string; build: (t: Tape) => unknown; op: string; value: number; label: string }[] = [
    { what: "log of 0", build: (t) => t.input(0, "p").log(), op: "log", value: 0, label: "p" },
    { what: "log of a negative", build: (t) => t.input(-2, "p").log(), op: "log", value: -2, label: "p" },
    { what: "division by zero", build: (t) => t.input(1, "num").div(t.input(0, "den")), op: "div", value: 0, label: "den" },
    { what: "sqrt of a negative", build: (t) => t.input(-4, "var").sqrt(), op: "sqrt", value: -4, label: "var" },
    { what: "sqrt at 0 (infinite slope)", build: (t) => t.input(0, "var").sqrt(), op: "sqrt", value: 0, label: "var" },
    { what: "negative base, non-integer power", build: (t) => t.input(-8, "b").pow(1 / 3), op: "pow", value: -8, label: "b" },
    { what: "0 to a negative power", build: (t) => t.input(0, "b").pow(-1), op: "pow", value: 0, label: "b" },
    { what: "variable exponent on a negative base", build: (t) => t.input(-2, "b").pow(t.input(2, "e")), op: "pow", value: -2, label: "b" },
  ];
  for (const c of cases) {
    it(`${c.what}: AutodiffDomainError naming the op, the value, the label and a fix`, () => {
      const tape = new Tape();
      const e = domainError(() => c.build(tape));
      expect(e.op).to.equal(c.op);
      expect(e.value).to.equal(c.value);
      expect(e.label).to.contain(`"${c.label}"`);
      expect(e.message).to.contain(c.op).and.contain(`"${c.label}"`).and.contain(String(c.value));
      expect(e.fix.length).to.be.greaterThan(10);
      expect(Array.from(tape.values.subarray(0, tape.length)).every(Number.isFinite)).to.equal(true); // nothing bad recorded
    });
  }

  it("an unlabelled operand is named by index and op", () => {
    const tape = new Tape();
    const e = domainError(() => tape.input(1).sub(1).log());
    expect(e.label).to.equal("#2 (sub)");
  });

  it("an overflow in the forward pass names the first bad node", () => {
    const tape = new Tape();
    const x = tape.input(800, "logit");
    const y = x.mul(1);
    try {
      y.exp();
      expect.fail("exp(800) should overflow");
    } catch (e) {
      expect(e).to.be.instanceOf(AutodiffNaNError);
      const err = e as AutodiffNaNError;
      expect(err.pass).to.equal("forward");
      expect(err.node).to.equal(3);
      expect(err.message).to.contain("#3 (exp)").and.contain("Infinity");
    }
    expect(tape.length).to.equal(3); // the bad node was not recorded
  });

  it("NaN or Infinity inputs are refused", () => {
    const tape = new Tape();
    expect(() => tape.input(NaN, "w")).to.throw(AutodiffNaNError, /"w" #0 \(input\)/);
    expect(() => tape.constant(Infinity)).to.throw(AutodiffNaNError);
  });

  it("an adjoint overflow in the backward pass names the first node where it appeared", () => {
    // x = 1e-310 (subnormal), y = x·1e300 = 1e-10, out = y·1e300 = 1e290: every value and
    // local partial is finite, but ∂out/∂x = 1e600 overflows when the pass reaches x.
    const tape = new Tape();
    const x = tape.input(1e-310, "x");
    const out = x.mul(1e300).mul(1e300);
    expect(Number.isFinite(out.data)).to.equal(true);
    try {
      out.backward();
      expect.fail("the adjoint of x should overflow");
    } catch (e) {
      expect(e).to.be.instanceOf(AutodiffNaNError);
      const err = e as AutodiffNaNError;
      expect(err.pass).to.equal("backward");
      expect(err.node).to.equal(x.id);
      expect(err.message).to.contain('"x"');
    }
  });

  it("IEEE mode lets IEEE 754 results through: log 0 = −∞, 1/0 = ∞, NaN propagates", () => {
    const tape = new Tape({ ieee: true });
    const zero = tape.input(0);
    expect(zero.log().data).to.equal(-Infinity);
    expect(tape.input(1).div(zero).data).to.equal(Infinity);
    const n = tape.input(-1).sqrt();
    expect(Number.isNaN(n.data)).to.equal(true);
    n.backward();
    expect(Number.isNaN(tape.grads[n.id - 1])).to.equal(true);
  });

  it("forward-mode tangents are checked too", () => {
    const tape = new Tape();
    const x = tape.input(1e-310, "x");
    const out = x.mul(1e300).mul(1e300);
    expect(() => tape.jvp([[x, 1]])).to.throw(AutodiffNaNError, /tangent pass/);
    void out;
  });
});
