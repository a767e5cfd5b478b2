import { expect } from "chai";
import { Tape, jvp, gradientByForwardMode, gradients, AutodiffTapeError, type Value } from "../../../lib/autodiff";
import { rng } from "../../../lib/random";

/** A seeded random expression over the inputs using every op family (values kept in range). */
function randomExpression(xs: Value[], seed: number): Value {
  const r = rng(seed);
  let y = xs[0];
  for (let i = 0; i < 40; i++) {
    const x = xs[r.int(0, xs.length - 1)];
    switch (r.int(0, 6)) {
      case 0: y = y.add(x); break;
      case 1: y = y.mul(x).tanh(); break;
      case 2: y = y.sub(x.sin()); break;
      case 3: y = y.div(x.mul(x).add(1)); break;
      case 4: y = y.sigmoid().add(x.exp().mul(0.1)); break;
      case 5: y = y.mul(y).add(1).log(); break;
      case 6: y = y.add(x.pow(3).mul(0.01)); break;
    }
  }
  return y;
}

describe("lib/autodiff forward mode (tangents)", () => {
  it("n forward passes give the reverse-mode gradient on 10 seeded random expressions", () => {
    for (let seed = 0; seed < 10; seed++) {
      const tape = new Tape();
      const xs = rng(100 + seed).normals(4).map((x, i) => tape.input(x, `x${i}`));
      const y = randomExpression(xs, seed);
      const reverse = gradients(y, xs);
      const forward = gradientByForwardMode(y, xs);
      // Both sum the same products of the same partials, in different orders: they agree to
      // rounding, a few ε times the size of the terms. 1e-12·max(1,|g|) is far above that.
      forward.forEach((g, i) => {
        expect(Number.isFinite(g)).to.equal(true);
        expect(Math.abs(g - reverse[i])).to.be.at.most(1e-12 * Math.max(1, Math.abs(reverse[i])));
      });
    }
  });

  it("a directional derivative is ∇f·ẋ, and every node gets its tangent", () => {
    const tape = new Tape();
    const x = tape.input(0.7), y = tape.input(-1.3);
    const h = x.mul(y);
    const f = h.sin().add(x);
    const [gx, gy] = gradients(f, [x, y]);
    const d = jvp(f, [[x, 2], [y, -0.5]]);
    expect(d).to.be.closeTo(2 * gx - 0.5 * gy, 1e-14);
    expect(h.tangent).to.be.closeTo(2 * -1.3 + -0.5 * 0.7, 1e-15);
    expect(x.tangent).to.equal(2);
  });

  it("seeds go on inputs only", () => {
    const tape = new Tape();
    const x = tape.input(1);
    const y = x.exp();
    expect(() => jvp(y, [[y, 1]])).to.throw(AutodiffTapeError, /seed tangents go on inputs/);
  });
});
