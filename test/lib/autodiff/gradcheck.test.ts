import { expect } from "chai";
import { gradCheck, baydinExample, seed004Example, Value, log } from "../../../lib/autodiff";

describe("lib/autodiff gradient check", () => {
  it("passes on the seed 004 examples with errors far below the 1e-6 tolerance", () => {
    for (const ex of [baydinExample, seed004Example]) {
      const r = gradCheck(ex.f, ex.point);
      expect(r.ok).to.equal(true);
      expect(r.rows.length).to.equal(Object.keys(ex.point).length);
      // Central differences with h = 1e-6 are good to ~1e-10 here (see gradcheck.ts).
      expect(r.maxError).to.be.below(1e-8);
      expect(r.rows.every((row) => Number.isFinite(row.numeric) && Number.isFinite(row.reverse))).to.equal(true);
    }
  });

  it("catches a wrong derivative", () => {
    // A deliberately cut graph: the output copies y = x² into a fresh input, so reverse mode
    // sees no path back to x (gradient 0) while finite differences see the slope 2x = 4.
    const broken = (x: Value) => {
      const y = x.mul(x);
      const fake = y.tape.input(y.data);
      return fake.add(x.mul(0));
    };
    const r = gradCheck(broken, { x: 2 });
    expect(r.ok).to.equal(false);
    expect(r.rows[0].reverse).to.equal(0);
    expect(r.rows[0].numeric).to.be.closeTo(4, 1e-6);
    expect(String(r)).to.contain("FAIL").and.contain("MISMATCH");
  });

  it("prints a table and rejects bad options", () => {
    const r = gradCheck((a, b) => log(a).mul(b), { a: 3, b: -2 });
    const text = String(r);
    expect(text.split("\n")[0]).to.match(/input +x +reverse mode +finite diff\. +error +verdict/);
    expect(text).to.contain("all inputs agree");
    expect(r.toHTML()).to.contain("<table");
    expect(() => gradCheck((x) => x, { x: 1 }, { step: 0 })).to.throw(RangeError);
    expect(() => gradCheck((x) => x, {})).to.throw(RangeError, /no inputs/);
  });
});
