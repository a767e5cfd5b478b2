// Hidden graded tests for question "forward-tangents": never shipped to students (tools/release).
import { expectClose, expectNotMutated, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";
import { layeredNetwork } from "../../../lib/autodiff/cost";
import { rng } from "../../../lib/random";
import { baydinTape, chainRule, fromEngine, randomTape, scaled, toEngine } from "../../graded/autodiff/tapes";

type Autodiff = typeof import("../../../exercises/autodiff");

describe("forward-tangents", () => {
  it("equals Σ ∂vᵢ/∂xₖ·ẋₖ (chain rule over all paths) and the engine's jvp, on seeded random tapes [1 pt]", () => {
    const { forwardTangents } = load<Autodiff>("autodiff");
    const r = rng(77);
    for (let trial = 0; trial < 8; trial++) {
      const tape = randomTape(r, r.int(1, 4), r.int(3, 12));
      const leaves = tape.flatMap((n, i) => (n.inputs.length === 0 ? [i] : []));
      const dir = leaves.map(() => r.uniform(-1, 1));
      const want = tape.map((_, i) => leaves.reduce((s, leaf, k) => s + chainRule(tape, i, leaf) * dir[k], 0));
      // Path products summed in another order: ≲ 1e-12 relative for these sizes (see the
      // reverse-pass test); 1e-9 relative is far above that and far below any missing edge.
      const got = forwardTangents(tape, dir);
      expectClose(got, want, scaled(1e-9, want), `forwardTangents(random tape ${trial}, [${dir.map((d) => d.toFixed(3))}])`);
      // The same linear graph in the engine, tangents by its forward mode.
      const { engine, inputs, nodes } = toEngine(tape);
      engine.jvp(inputs.map((x, k) => [x, dir[k]] as const));
      const viaEngine = nodes.map((v) => v.tangent);
      expectClose(got, viaEngine, scaled(1e-9, viaEngine), `forwardTangents(random tape ${trial}) vs the engine's jvp`);
    }
  });

  it("n unit-vector passes rebuild the engine's gradient of a small tanh network [1 pt]", () => {
    const { forwardTangents } = load<Autodiff>("autodiff");
    const net = layeredNetwork(3, 2, 5);
    net.output.backward();
    const want = net.inputs.map((x) => x.grad);
    const { tape } = fromEngine(net.output);
    const got = want.map((_, k) => {
      const t = forwardTangents(tape, want.map((__, j) => (j === k ? 1 : 0)));
      return t[t.length - 1];
    });
    // About 40 multiply-adds of numbers below 2 per pass: rounding ~1e-15; 1e-12 is generous.
    expectClose(got, want, scaled(1e-12, want), "forwardTangents(layeredNetwork(3, 2), unit vectors) at the output");
  });

  it("rejects the wrong number of tangents and a node reading a later node, and leaves its inputs alone [1 pt]", () => {
    const { forwardTangents } = load<Autodiff>("autodiff");
    const tape = baydinTape();
    const dir = [1, 0];
    expectNotMutated("forwardTangents", { tape, dir }, () => forwardTangents(tape, dir));
    // Baydin's tape has 2 leaves.
    expectThrows(() => forwardTangents(baydinTape(), [1]), "forwardTangents(Baydin's tape, [1])", /lea(f|ves)|tangent/);
    expectThrows(() => forwardTangents(baydinTape(), [1, 0, 0]), "forwardTangents(Baydin's tape, [1, 0, 0])", /lea(f|ves)|tangent/);
    const later = [{ inputs: [], partials: [] }, { inputs: [2], partials: [1] }, { inputs: [0], partials: [1] }];
    expectThrows(() => forwardTangents(later, [1]), "forwardTangents(node 1 reads node 2, [1])", /earlier|order|before|after|later/);
    const short = [{ inputs: [], partials: [] }, { inputs: [0], partials: [] }];
    expectThrows(() => forwardTangents(short, [1]), "forwardTangents(1 input, 0 partials, [1])", /partial/);
  });
});
