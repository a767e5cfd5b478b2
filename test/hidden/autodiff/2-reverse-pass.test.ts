// Hidden graded tests for question "reverse-pass": never shipped to students (tools/release).
import { expectClose, expectNotMutated, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";
import { rng } from "../../../lib/random";
import { baydinTape, chainRule, randomTape, scaled } from "../../graded/autodiff/tapes";

type Autodiff = typeof import("../../../exercises/autodiff");

describe("reverse-pass", () => {
  it("equals the chain rule summed over all paths, on seeded random tapes with repeated inputs [1 pt]", () => {
    const { reverseAdjoints } = load<Autodiff>("autodiff");
    const r = rng(404);
    for (let trial = 0; trial < 8; trial++) {
      const tape = randomTape(r, r.int(1, 4), r.int(3, 12));
      const output = tape.length - 1 - r.int(0, 2);
      const want = tape.map((_, j) => (j > output ? 0 : chainRule(tape, output, j)));
      // Both sides add the same path products in different orders; with partials below 1.5 in
      // size and ≤ 16 nodes the sums stay below ~1e4, where reordering costs ≲ 1e-12 relative.
      // 1e-9 relative is far above that and far below a missing or doubled path.
      expectClose(reverseAdjoints(tape, output), want, scaled(1e-9, want), `reverseAdjoints(random tape ${trial}, ${output})`);
    }
  });

  it("gives 1 at the output and 0 after it, works on a one-node tape, and leaves the tape alone [1 pt]", () => {
    const { reverseAdjoints } = load<Autodiff>("autodiff");
    const tape = baydinTape();
    // Differentiating node 5 = ln x₁ + x₁x₂: x̄₁ = 1/2 + 5, x̄₂ = 2; node 4 (sin x₂) and node 6
    // do not feed node 5, so their adjoints are 0.
    const got = expectNotMutated("reverseAdjoints", { tape }, () => reverseAdjoints(tape, 5));
    expectClose(got, [5.5, 2, 1, 1, 0, 1, 0], 1e-12, "reverseAdjoints(Baydin's tape, 5)");
    // A leaf is its own output: ∂x/∂x = 1.
    expectClose(reverseAdjoints([{ inputs: [], partials: [] }], 0), [1], 0, "reverseAdjoints([leaf], 0)");
  });

  it("rejects an output outside the tape, a node reading itself or a later node, and partials of the wrong length [1 pt]", () => {
    const { reverseAdjoints } = load<Autodiff>("autodiff");
    const tape = baydinTape();
    expectThrows(() => reverseAdjoints(tape, 7), "reverseAdjoints(7-node tape, 7)", /output|range|index/);
    expectThrows(() => reverseAdjoints(tape, -1), "reverseAdjoints(7-node tape, -1)", /output|range|index/);
    const later = [{ inputs: [], partials: [] }, { inputs: [2], partials: [1] }, { inputs: [0], partials: [1] }];
    expectThrows(() => reverseAdjoints(later, 2), "reverseAdjoints(node 1 reads node 2)", /earlier|order|before|after|later/);
    const self = [{ inputs: [], partials: [] }, { inputs: [1], partials: [1] }];
    expectThrows(() => reverseAdjoints(self, 1), "reverseAdjoints(node 1 reads itself)", /earlier|order|before|after|later|itself/);
    const short = [{ inputs: [], partials: [] }, { inputs: [0, 0], partials: [1] }];
    expectThrows(() => reverseAdjoints(short, 1), "reverseAdjoints(2 inputs, 1 partial)", /partial/);
  });
});
