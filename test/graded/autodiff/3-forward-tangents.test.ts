// Public graded tests for question "forward-tangents" (lesson 9, Automatic differentiation):
// solutions/autodiff.ts forwardTangents.
import { expectClose } from "../expect";
import { load } from "../impl";
import { Tape } from "../../../lib/autodiff/tape";
import { seed004Example } from "../../../lib/autodiff/examples";
import { baydinTape, fromEngine, scaled } from "./tapes";

type Autodiff = typeof import("../../../exercises/autodiff");

// A tangent pass over these small tapes is a handful of multiply-adds of numbers of order 1
// to 10: rounding stays near 1e-15 relative; 1e-12 is generous and far below any mistake.
const TOL = 1e-12;

describe("forward-tangents", () => {
  it("reproduces Baydin's tangent trace at (2, 5) for ẋ = (1, 0) and ẋ = (0, 1) [1 pt]", () => {
    const { forwardTangents } = load<Autodiff>("autodiff");
    // By hand (Baydin Table 2, ẋ₁ = 1): ln x₁ → 1/x₁ = 0.5; x₁x₂ → ẋ₁x₂ = 5; sin x₂ → 0;
    // sum → 5.5; y → 5.5 − 0 = 5.5 = ∂y/∂x₁.
    expectClose(forwardTangents(baydinTape(), [1, 0]), [1, 0, 0.5, 5, 0, 5.5, 5.5], TOL, "forwardTangents(Baydin's tape, [1, 0])");
    // ẋ₂ = 1: ln x₁ → 0; x₁x₂ → x₁ = 2; sin x₂ → cos 5; sum → 2; y → 2 − cos 5 = ∂y/∂x₂.
    const c = Math.cos(5);
    expectClose(forwardTangents(baydinTape(), [0, 1]), [0, 1, 0, 2, c, 2, 2 - c], TOL, "forwardTangents(Baydin's tape, [0, 1])");
  });

  it("counts an input read twice, or by two nodes, once per edge [1 pt]", () => {
    const { forwardTangents } = load<Autodiff>("autodiff");
    // y = x·x at x = 3 with ẋ = 1: ẏ = 3·1 + 3·1 = 6 = 2x.
    const square = [
      { inputs: [], partials: [] },
      { inputs: [0, 0], partials: [3, 3] },
    ];
    expectClose(forwardTangents(square, [1]), [1, 6], TOL, "forwardTangents(x·x at x = 3, [1])");
    // y = x·x + x with ẋ = 2: ẏ = (2x + 1)·2 = 14.
    const shared = [...square, { inputs: [1, 0], partials: [1, 1] }];
    expectClose(forwardTangents(shared, [2]), [2, 12, 14], TOL, "forwardTangents(x·x + x at x = 3, [2])");
  });

  it("gives the directional derivative ∇f·ẋ of the NN optimization slides' f, as the engine's reverse mode does [1 pt]", () => {
    const { forwardTangents } = load<Autodiff>("autodiff");
    const engine = new Tape();
    const x = [engine.input(1, "w1"), engine.input(0.75, "w2")];
    const out = seed004Example.f(...x);
    out.backward();
    const { tape } = fromEngine(out);
    for (const dir of [[1, 0], [0, 1], [0.3, -0.7]]) {
      // ẏ = ∇f·ẋ with the gradient from the engine's reverse pass (a different algorithm).
      const want = x[0].grad * dir[0] + x[1].grad * dir[1];
      const got = forwardTangents(tape, dir);
      expectClose(got[got.length - 1], want, scaled(TOL, [want]), `forwardTangents(the NN optimization slides' f at (1, 0.75), [${dir}]) at the output`);
    }
  });
});
