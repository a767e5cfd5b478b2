// Hidden graded tests for question "local-partials": never shipped to students (tools/release).
import { expectClose, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";
import { Tape } from "../../../lib/autodiff/tape";
import type { Value } from "../../../lib/autodiff/value";
import { rng } from "../../../lib/random";

type Autodiff = typeof import("../../../exercises/autodiff");
type Op = Parameters<Autodiff["localPartials"]>[0];

describe("local-partials", () => {
  it("matches the partials the lib/autodiff engine records, for every op at seeded random points [1 pt]", () => {
    const { localPartials } = load<Autodiff>("autodiff");
    const r = rng(2025);
    const binary: Op[] = ["add", "sub", "mul", "div", "pow"];
    const unary: Op[] = ["exp", "log", "sin", "cos", "tanh", "sigmoid", "relu"];
    for (let trial = 0; trial < 6; trial++) {
      for (const op of [...binary, ...unary]) {
        const a = op === "log" || op === "pow" ? r.uniform(0.05, 6) : r.uniform(-4, 4);
        const b = op === "div" ? (r.uniform() < 0.5 ? -1 : 1) * r.uniform(0.2, 5) : r.uniform(-3, 3);
        const tape = new Tape();
        const va = tape.input(a), vb = tape.input(b);
        const node: Value = binary.includes(op)
          ? (va as unknown as Record<string, (o: Value) => Value>)[op](vb)
          : (va as unknown as Record<string, () => Value>)[op]();
        const want = tape.partialsOf(node.id);
        // The engine evaluates the same closed forms, maybe in another order (1 − tanh² vs
        // sech², two sigmoid branches): a few ulps apart. 1e-12 relative to max(1, |partial|)
        // (pow's partials reach ~1e3 here) is far above that and far below any mistake.
        const tol = 1e-12 * Math.max(1, ...want.map(Math.abs));
        const x = binary.includes(op) ? [a, b] : [a];
        expectClose(localPartials(op, x), want, tol, `localPartials("${op}", [${x.join(", ")}])`);
      }
    }
  });

  it("stays finite for large inputs: sigmoid and tanh at ±1000, exp at −1000 [1 pt]", () => {
    const { localPartials } = load<Autodiff>("autodiff");
    // The true slopes are below 1e-400, i.e. 0 in doubles. A naive e⁻ᵃ/(1 + e⁻ᵃ)² gives
    // ∞/∞ = NaN at a = −1000, which expectClose reports as not finite.
    for (const op of ["sigmoid", "tanh"] as Op[]) {
      for (const a of [1000, -1000]) expectClose(localPartials(op, [a]), [0], 1e-300, `localPartials("${op}", [${a}])`);
    }
    expectClose(localPartials("exp", [-1000]), [0], 1e-300, 'localPartials("exp", [-1000])');
    // Close to 0 on the right, relu has slope 1, and the sigmoid's slope at ±30 is e⁻³⁰ to 1e-12.
    expectClose(localPartials("relu", [1e-12]), [1], 0, 'localPartials("relu", [1e-12])');
    expectClose(localPartials("sigmoid", [-30]), [Math.exp(-30)], 1e-24, 'localPartials("sigmoid", [-30])');
  });

  it("rejects pow with a base ≤ 0, the wrong number of inputs and an unknown op [1 pt]", () => {
    const { localPartials } = load<Autodiff>("autodiff");
    // ∂aᵇ/∂b = aᵇ·ln a has no real value for a ≤ 0 (0·(−∞) at a = 0).
    expectThrows(() => localPartials("pow", [-2, 3]), 'localPartials("pow", [-2, 3])', /base|pow/);
    expectThrows(() => localPartials("pow", [0, 2]), 'localPartials("pow", [0, 2])', /base|pow/);
    expectThrows(() => localPartials("add", [1]), 'localPartials("add", [1])', /input|argument|operand/);
    expectThrows(() => localPartials("sin", [1, 2]), 'localPartials("sin", [1, 2])', /input|argument|operand/);
    expectThrows(() => localPartials("tan" as Op, [1]), 'localPartials("tan", [1])', /tan|unknown/i);
  });
});
