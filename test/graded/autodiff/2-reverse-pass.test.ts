// Public graded tests for question "reverse-pass" (lesson 9, Automatic differentiation):
// solutions/autodiff.ts reverseAdjoints.
import { expectClose } from "../expect";
import { load } from "../impl";
import { Tape } from "../../../lib/autodiff/tape";
import { seed004Example } from "../../../lib/autodiff/examples";
import { baydinTape, fromEngine, scaled } from "./tapes";

type Autodiff = typeof import("../../../exercises/autodiff");

// A reverse pass over these small tapes is a handful of multiply-adds of numbers of order 1
// to 10: rounding stays near 1e-15 relative. 1e-12 (relative above 1) is generous and still
// far below any real mistake (a missing contribution changes an adjoint by ≥ 0.2 here).
const TOL = 1e-12;

describe("reverse-pass", () => {
  it("reproduces Baydin's adjoint trace at (2, 5): x̄₁ = 5.5, x̄₂ = 2 − cos 5 ≈ 1.716 [1 pt]", () => {
    const { reverseAdjoints } = load<Autodiff>("autodiff");
    // By hand (Baydin Table 3): v̄₆ = ȳ = 1; v̄₅ = 1 (node 6 = node5 − node4) and v̄₄ = −1;
    // v̄₂ = v̄₃ = 1 (node 5 = node2 + node3); x̄₂ = v̄₄·cos 5 + v̄₃·x₁ = −cos 5 + 2;
    // x̄₁ = v̄₃·x₂ + v̄₂/x₁ = 5 + 0.5 = 5.5.
    const want = [5.5, 2 - Math.cos(5), 1, 1, -1, 1, 1];
    expectClose(reverseAdjoints(baydinTape(), 6), want, TOL, "reverseAdjoints(Baydin's tape, 6)");
  });

  it("adds every contribution when a node is read twice, or by two nodes [1 pt]", () => {
    const { reverseAdjoints } = load<Autodiff>("autodiff");
    // y = x·x at x = 3: the node lists x twice, partials (x, x) = (3, 3), so x̄ = 3 + 3 = 6 = 2x.
    const square = [
      { inputs: [], partials: [] },
      { inputs: [0, 0], partials: [3, 3] },
    ];
    expectClose(reverseAdjoints(square, 1), [6, 1], TOL, "reverseAdjoints(x·x at x = 3, 1)");
    // y = x·x + x: x is read by node 1 (twice) and by node 2, so x̄ = 2x + 1 = 7 at x = 3.
    const shared = [...square, { inputs: [1, 0], partials: [1, 1] }];
    expectClose(reverseAdjoints(shared, 2), [7, 1, 1], TOL, "reverseAdjoints(x·x + x at x = 3, 2)");
  });

  it("gives the engine's gradient of the NN optimization slides' f(w₁, w₂) at two points [1 pt]", () => {
    const { reverseAdjoints } = load<Autodiff>("autodiff");
    for (const [w1, w2] of [[1, 0.75], [0.4, 1.3]]) {
      const engine = new Tape();
      const x = [engine.input(w1, "w1"), engine.input(w2, "w2")];
      const out = seed004Example.f(...x);
      out.backward();
      // The engine's adjoint of every node, and the same graph as plain data.
      const { tape, ids } = fromEngine(out);
      const want = ids.map((id) => engine.grads[id]);
      const got = reverseAdjoints(tape, tape.length - 1);
      expectClose(got, want, scaled(TOL, want), `reverseAdjoints(the NN optimization slides' f at (${w1}, ${w2}))`);
    }
  });
});
