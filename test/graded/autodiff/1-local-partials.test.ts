// Public graded tests for question "local-partials" (lesson 9, Automatic differentiation):
// solutions/autodiff.ts localPartials.
import { expectClose, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";
import { rng } from "../../../lib/random";

type Autodiff = typeof import("../../../exercises/autodiff");
type Op = Parameters<Autodiff["localPartials"]>[0];

// Each expected value below is one to three floating-point operations on numbers of order 1,
// so a correct formula agrees to a few ulps (~1e-15); 1e-12 is generous, and a wrong formula
// misses by far more (the closest wrong answers here differ by ≥ 0.05).
const TOL = 1e-12;

describe("local-partials", () => {
  it("gives the partials of add, sub, mul, div and pow (types 1 and 2) [1 pt]", () => {
    const { localPartials } = load<Autodiff>("autodiff");
    // By hand: ∂(a+b) = (1, 1); ∂(a−b) = (1, −1); ∂(ab) = (b, a) = (−2, 3) at (3, −2).
    expectClose(localPartials("add", [3, -2]), [1, 1], TOL, 'localPartials("add", [3, -2])');
    expectClose(localPartials("sub", [3, -2]), [1, -1], TOL, 'localPartials("sub", [3, -2])');
    expectClose(localPartials("mul", [3, -2]), [-2, 3], TOL, 'localPartials("mul", [3, -2])');
    // ∂(a/b) = (1/b, −a/b²) = (1/3, −6/9) at (6, 3).
    expectClose(localPartials("div", [6, 3]), [1 / 3, -2 / 3], TOL, 'localPartials("div", [6, 3])');
    // ∂aᵇ = (b·a^(b−1), aᵇ·ln a) = (3·2², 2³·ln 2) = (12, 8 ln 2) at (2, 3).
    expectClose(localPartials("pow", [2, 3]), [12, 8 * Math.log(2)], TOL, 'localPartials("pow", [2, 3])');
  });

  it("gives the derivative of exp, log, sin, cos, tanh, sigmoid and relu (type 3) [1 pt]", () => {
    const { localPartials } = load<Autodiff>("autodiff");
    const cases: [Op, number, number, string][] = [
      ["exp", 0, 1, "e⁰ = 1"],
      ["exp", 1, Math.E, "e¹ = e"],
      ["log", 4, 0.25, "1/4"],
      ["sin", 0, 1, "cos 0 = 1"],
      ["sin", Math.PI, -1, "cos π = −1"],
      ["cos", 0, 0, "−sin 0 = 0"],
      ["cos", Math.PI / 2, -1, "−sin(π/2) = −1"],
      ["tanh", 0, 1, "1 − tanh²0 = 1"],
      // tanh(ln 2) = (2 − 1/2)/(2 + 1/2) = 0.6, so 1 − 0.36 = 0.64.
      ["tanh", Math.log(2), 0.64, "1 − 0.6² = 0.64"],
      ["sigmoid", 0, 0.25, "σ(0)(1 − σ(0)) = 0.5·0.5"],
      // σ(ln 3) = 1/(1 + 1/3) = 0.75, so 0.75·0.25 = 0.1875.
      ["sigmoid", Math.log(3), 0.1875, "0.75·0.25"],
      ["relu", 2, 1, "slope 1 for a > 0"],
      ["relu", -1, 0, "slope 0 for a < 0"],
      ["relu", 0, 0, "relu′(0) = 0 by convention (as in PyTorch)"],
    ];
    for (const [op, a, want, why] of cases) {
      expectClose(localPartials(op, [a]), [want], TOL, `localPartials("${op}", [${a}]) (want ${why})`);
    }
  });

  it("agrees with central finite differences at seeded random points, without changing its input [1 pt]", () => {
    const { localPartials } = load<Autodiff>("autodiff");
    const f: Record<Op, (a: number, b: number) => number> = {
      add: (a, b) => a + b, sub: (a, b) => a - b, mul: (a, b) => a * b, div: (a, b) => a / b,
      pow: (a, b) => Math.pow(a, b), exp: (a) => Math.exp(a), log: (a) => Math.log(a),
      sin: (a) => Math.sin(a), cos: (a) => Math.cos(a), tanh: (a) => Math.tanh(a),
      sigmoid: (a) => 1 / (1 + Math.exp(-a)), relu: (a) => Math.max(a, 0),
    };
    const binary = new Set<Op>(["add", "sub", "mul", "div", "pow"]);
    const r = rng(9);
    for (const op of Object.keys(f) as Op[]) {
      for (let trial = 0; trial < 4; trial++) {
        // Points away from every kink and domain edge: bases in [0.3, 3], divisors with |b| ≥ 0.5,
        // relu inputs with |a| ≥ 0.1 (so a ± h never crosses 0).
        const a = op === "log" || op === "pow" ? r.uniform(0.3, 3) : (r.uniform() < 0.5 ? -1 : 1) * r.uniform(0.1, 2.5);
        const b = op === "div" ? (r.uniform() < 0.5 ? -1 : 1) * r.uniform(0.5, 2) : r.uniform(-2, 2);
        const x = binary.has(op) ? [a, b] : [a];
        // Central differences with h = 1e-5·max(1, |x|): truncation h²|f‴|/6 and rounding
        // ε|f|/h are both below 1e-9 for these functions and points, so 1e-6 (relative above 1)
        // leaves three orders of margin and still rejects any wrong formula.
        const want = x.map((_, k) => {
          const h = 1e-5 * Math.max(1, Math.abs(x[k]));
          const at = (d: number) => f[op](...(x.map((v, j) => (j === k ? v + d : v)) as [number, number]));
          return (at(h) - at(-h)) / (2 * h);
        });
        const got = expectNotMutated(`localPartials("${op}", x)`, { x }, () => localPartials(op, x));
        const tol = 1e-6 * Math.max(1, ...want.map(Math.abs));
        expectClose(got, want, tol, `localPartials("${op}", [${x.map((v) => v.toFixed(4)).join(", ")}]) vs finite differences`);
      }
    }
  });

  it("throws a clear error for log of a ≤ 0 and for division by zero [1 pt]", () => {
    const { localPartials } = load<Autodiff>("autodiff");
    expectThrows(() => localPartials("log", [0]), 'localPartials("log", [0])', /log/);
    expectThrows(() => localPartials("log", [-1]), 'localPartials("log", [-1])', /log/);
    expectThrows(() => localPartials("div", [1, 0]), 'localPartials("div", [1, 0])', /zero|by 0|divis/i);
  });
});
