import { expect } from "chai";
import {
  Tape, Value, add, sub, mul, div, pow, neg, exp, log, sin, cos, tanh, sigmoid, relu, sqrt, abs, sum, dot, withTape,
} from "../../../lib/autodiff";

/**
 * Each op's value and local partials against an independent reference: the formula written
 * here with Math.*, differentiated by central differences
 *   f′(x) ≈ (f(x+h) − f(x−h)) / 2h,  h = 1e-6·max(1, |x|).
 * Truncation error is h²|f‴|/6 ≈ 1e-13 and rounding error about ε|f|/h ≈ 1e-10 for the values
 * used here (|f| < 100), so a tolerance of 1e-6·max(1, |f′|) leaves a wide margin while a
 * wrong partial (off by a sign or a factor) fails by orders of magnitude.
 */
const TOL = 1e-6;

function centralDiff(f: (x: number) => number, x: number): number {
  const h = 1e-6 * Math.max(1, Math.abs(x));
  return (f(x + h) - f(x - h)) / (2 * h);
}

function expectClose(actual: number, expected: number, what: string): void {
  expect(Number.isFinite(actual), `${what} is finite`).to.equal(true);
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).to.be.at.most(TOL * Math.max(1, Math.abs(expected)));
}

type Unary = { name: string; build: (a: Value) => Value; ref: (x: number) => number; points: number[] };
type Binary = { name: string; build: (a: Value, b: Value) => Value; ref: (x: number, y: number) => number; points: [number, number][] };

const unary: Unary[] = [
  { name: "neg", build: (a) => a.neg(), ref: (x) => -x, points: [-2, 0.3, 4] },
  { name: "exp", build: (a) => a.exp(), ref: Math.exp, points: [-3, 0, 0.5, 2.5] },
  { name: "log", build: (a) => a.log(), ref: Math.log, points: [0.1, 1, 2, 40] },
  { name: "sin", build: (a) => a.sin(), ref: Math.sin, points: [-2, 0, 1, 5] },
  { name: "cos", build: (a) => a.cos(), ref: Math.cos, points: [-2, 0, 1, 5] },
  { name: "tanh", build: (a) => a.tanh(), ref: Math.tanh, points: [-3, -0.2, 0, 1.5] },
  { name: "sigmoid", build: (a) => a.sigmoid(), ref: (x) => 1 / (1 + Math.exp(-x)), points: [-30, -1, 0, 2, 30] },
  { name: "relu", build: (a) => a.relu(), ref: (x) => Math.max(x, 0), points: [-2, -0.1, 0.1, 3] },
  { name: "sqrt", build: (a) => a.sqrt(), ref: Math.sqrt, points: [0.01, 1, 2, 50] },
  { name: "abs", build: (a) => a.abs(), ref: Math.abs, points: [-3, -0.5, 0.5, 2] },
  { name: "pow 3", build: (a) => a.pow(3), ref: (x) => x ** 3, points: [-2, -0.5, 0, 1.5] },
  { name: "pow −2", build: (a) => a.pow(-2), ref: (x) => x ** -2, points: [-2, 0.5, 3] },
  { name: "pow 0.5", build: (a) => a.pow(0.5), ref: (x) => x ** 0.5, points: [0.25, 1, 9] },
  { name: "pow 0", build: (a) => a.pow(0), ref: () => 1, points: [-2, 0, 3] },
];

const binary: Binary[] = [
  { name: "add", build: (a, b) => a.add(b), ref: (x, y) => x + y, points: [[1, 2], [-3, 0.5]] },
  { name: "sub", build: (a, b) => a.sub(b), ref: (x, y) => x - y, points: [[1, 2], [-3, 0.5]] },
  { name: "mul", build: (a, b) => a.mul(b), ref: (x, y) => x * y, points: [[1, 2], [-3, 0.5], [0, 4]] },
  { name: "div", build: (a, b) => a.div(b), ref: (x, y) => x / y, points: [[1, 2], [-3, 0.5], [2, -4]] },
  { name: "pow (variable exponent)", build: (a, b) => a.pow(b), ref: (x, y) => x ** y, points: [[2, 3], [0.5, -1.5], [3, 0.5]] },
  { name: "dot of one pair", build: (a, b) => dot([a], [b]), ref: (x, y) => x * y, points: [[1.5, -2]] },
];

describe("lib/autodiff ops: values and partials vs central differences", () => {
  for (const op of unary) {
    it(`${op.name}: value and ∂/∂a at ${op.points.join(", ")}`, () => {
      for (const x of op.points) {
        const tape = new Tape();
        const a = tape.input(x, "a");
        const y = op.build(a);
        y.backward();
        expectClose(y.data, op.ref(x), `${op.name}(${x})`);
        expectClose(a.grad, centralDiff(op.ref, x), `∂${op.name}/∂a at ${x}`);
      }
    });
  }

  for (const op of binary) {
    it(`${op.name}: value, ∂/∂a and ∂/∂b at ${op.points.map((p) => `(${p})`).join(", ")}`, () => {
      for (const [x, y] of op.points) {
        const tape = new Tape();
        const a = tape.input(x, "a"), b = tape.input(y, "b");
        const out = op.build(a, b);
        out.backward();
        expectClose(out.data, op.ref(x, y), `${op.name}(${x}, ${y})`);
        expectClose(a.grad, centralDiff((s) => op.ref(s, y), x), `∂/∂a at (${x}, ${y})`);
        expectClose(b.grad, centralDiff((s) => op.ref(x, s), y), `∂/∂b at (${x}, ${y})`);
      }
    });
  }

  it("sum and dot: one node, one edge per term, gradients of Σxᵢ and Σaᵢbᵢ", () => {
    const tape = new Tape();
    const xs = [1, -2, 3.5].map((x, i) => tape.input(x, `x${i}`));
    const s = sum([...xs, 10]);
    expect(s.data).to.equal(12.5);
    expect(s.inputs.length).to.equal(4);
    s.backward();
    expect(xs.map((x) => x.grad)).to.deep.equal([1, 1, 1]);
    const d = dot(xs, [2, xs[0], xs[1]]); // 2x₀ + x₁x₀ + x₂x₁
    expect(d.data).to.equal(2 - 2 - 7);
    d.backward();
    expect(xs.map((x) => x.grad)).to.deep.equal([2 + -2, 1 + 3.5, -2]);
    expect(() => dot(xs, [1])).to.throw(RangeError, /same length/);
  });

  it("relu′(0) = 0 and abs′(0) = 0 (documented subgradient choices)", () => {
    const tape = new Tape();
    const a = tape.input(0);
    a.relu().backward();
    expect(a.grad).to.equal(0);
    a.abs().backward();
    expect(a.grad).to.equal(0);
  });

  it("sigmoid stays finite and exact far out (no overflow in e^{−x})", () => {
    const tape = new Tape();
    const lo = tape.input(-800).sigmoid(), hi = tape.input(800).sigmoid();
    expect(lo.data).to.equal(0);
    expect(hi.data).to.equal(1);
  });

  it("free functions accept numbers on either side; numbers become constants with grad 0", () => {
    const tape = new Tape();
    withTape(tape, () => {
      const x = tape.input(3, "x");
      const y = add(sub(2, x), mul(div(1, x), pow(x, 2))); // 2 − x + x = 2
      expect(y.data).to.be.closeTo(2, 1e-15);
      y.backward();
      expect(x.grad).to.be.closeTo(0, 1e-15);
      const c = x.inputs; // an input has no inputs
      expect(c).to.deep.equal([]);
      const consts = Array.from({ length: tape.length }, (_, i) => tape.node(i)).filter((v) => v.op === "const");
      expect(consts.length).to.be.greaterThan(0);
      expect(consts.every((v) => v.grad === 0)).to.equal(true);
      const all = [neg(x), exp(0), log(x), sin(x), cos(x), tanh(x), sigmoid(x), relu(x), sqrt(x), abs(x)];
      expect(all.every((v) => v instanceof Value && Number.isFinite(v.data))).to.equal(true);
      expect(exp(0).tape).to.equal(tape); // all-number operands go on the current tape
    });
  });
});
