import { expect } from "chai";
import { Tape, withTape } from "../../../lib/autodiff/tape";
import { value, sum, dot } from "../../../lib/autodiff/functions";
import type { Value } from "../../../lib/autodiff/value";
import { hessianVectorProduct } from "../../../lib/autodiff/hvp";

/**
 * Reference: central differences of the engine's own reverse-mode gradient along v,
 * (∇f(x + hv) − ∇f(x − hv))/2h, with h = 1e-5: truncation h²·|∇⁴f| ≈ 1e-10 and rounding
 * ε|∇f|/h ≈ 1e-11 for these O(1) functions, so 1e-7 relative is a safe tolerance that still
 * catches any wrong second-derivative term (an O(1) error).
 */
function fdHv(build: (xs: Value[]) => Value, x: number[], v: number[], h = 1e-5): number[] {
  const gradAt = (p: number[]) =>
    withTape(new Tape(), () => {
      const xs = p.map((a) => value(a));
      const f = build(xs);
      f.backward();
      return xs.map((q) => q.grad);
    });
  const gp = gradAt(x.map((a, i) => a + h * v[i]));
  const gm = gradAt(x.map((a, i) => a - h * v[i]));
  return gp.map((a, i) => (a - gm[i]) / (2 * h));
}

function hvAt(build: (xs: Value[]) => Value, x: number[], v: number[]) {
  return withTape(new Tape(), () => {
    const xs = x.map((a) => value(a));
    const f = build(xs);
    const r = hessianVectorProduct(f, xs, v);
    f.backward();
    return { ...r, ref: xs.map((q) => q.grad) };
  });
}

const cases: [string, (xs: Value[]) => Value, number[]][] = [
  ["x²y (mul)", ([x, y]) => x.mul(x).mul(y), [1.3, -0.7]],
  ["x/y + y/x (div)", ([x, y]) => x.div(y).add(y.div(x)), [1.3, 0.6]],
  ["x³ − y^0.5 + x^y (pow, constant and variable exponents)", ([x, y]) => x.pow(3).sub(y.pow(0.5)).add(x.pow(y)), [1.4, 0.8]],
  ["exp, log, sin, cos", ([x, y]) => x.exp().mul(y.log()).add(x.mul(y).sin()).sub(y.cos().mul(x)), [0.4, 1.7]],
  ["tanh, sigmoid, sqrt", ([x, y, z]) => x.mul(y).tanh().add(y.sub(z).sigmoid().mul(x)).add(z.mul(z).add(1).sqrt()), [0.3, -0.8, 1.1]],
  ["sum and dot of a small network", ([a, b, c, d]) => sum([dot([a, b], [c, d]).tanh(), dot([a, c], [b, d]).sigmoid(), a.mul(d)]).mul(a.add(b)), [0.2, -0.5, 0.9, 0.4]],
  ["negative base with a constant integer exponent", ([x, y]) => x.pow(2).mul(y).neg().add(x.relu()).add(y.abs()), [-1.5, 0.8]],
];

describe("lib/autodiff/hvp: forward-over-reverse Hessian–vector products", () => {
  for (const [name, build, x] of cases) {
    it(`matches differences of the gradient: ${name}`, () => {
      for (const v of [x.map(() => 1), x.map((_, i) => Math.cos(3 * i + 1))]) {
        const { grad, hv, ref } = hvAt(build, x, v);
        const fd = fdHv(build, x, v);
        expect(Array.from(hv).every(Number.isFinite)).to.equal(true);
        fd.forEach((f, i) => expect(hv[i]).to.be.closeTo(f, 1e-7 * (1 + Math.abs(f))));
        expect(Array.from(grad)).to.deep.equal(ref); // the same reverse pass as backward()
      }
    });
  }

  it("gives the exact Hessian columns of x²y by hand: H = [[2y, 2x], [2x, 0]]", () => {
    const { hv } = hvAt(([x, y]) => x.mul(x).mul(y), [3, 5], [1, 0]);
    expect(Array.from(hv)).to.deep.equal([10, 6]);
    const { hv: hv2 } = hvAt(([x, y]) => x.mul(x).mul(y), [3, 5], [0, 1]);
    expect(Array.from(hv2)).to.deep.equal([6, 0]);
  });

  it("handles a zero factor (p = 0 but ṗ ≠ 0): f = xy at y = 0", () => {
    const { hv } = hvAt(([x, y]) => x.mul(y), [2, 0], [0, 1]);
    expect(Array.from(hv)).to.deep.equal([1, 0]);
  });

  it("rejects a direction of the wrong length or with NaN", () => {
    withTape(new Tape(), () => {
      const x = value(1), y = value(2);
      const f = x.mul(y);
      expect(() => hessianVectorProduct(f, [x, y], [1])).to.throw(RangeError, /one entry per input \(2\)/);
      expect(() => hessianVectorProduct(f, [x, y], [1, NaN])).to.throw(RangeError, /v\[1\] is NaN/);
    });
  });
});
