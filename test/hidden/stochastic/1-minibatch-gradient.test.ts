// Hidden graded tests for question "minibatch-gradient" (lesson 8).
import { expectClose, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";
import { rng } from "../../../lib/random";

type Stochastic = typeof import("../../../exercises/stochastic");

describe("minibatch-gradient", () => {
  it("agrees with a direct average on seeded random data and batches [2 pts]", () => {
    const { minibatchGradient } = load<Stochastic>("stochastic");
    const r = rng(8);
    const G = Array.from({ length: 30 }, () => Array.from({ length: 4 }, () => r.normal(0, 3)));
    for (let k = 0; k < 5; k++) {
      const batch = Array.from({ length: 1 + k * 3 }, () => r.int(0, 29));
      const want = [0, 1, 2, 3].map((j) => batch.reduce((s, i) => s + G[i][j], 0) / batch.length);
      // Sums of at most 13 numbers of size ~3: rounding below 1e-13.
      expectClose(minibatchGradient(G, batch), want, 1e-12, `minibatchGradient(G, ${JSON.stringify(batch)})`);
    }
  });

  it("returns a new array and rejects a negative or fractional index [1 pt]", () => {
    const { minibatchGradient } = load<Stochastic>("stochastic");
    const G = [[1], [2]];
    const out = minibatchGradient(G, [0]);
    out[0] = 99;
    expectClose(G, [[1], [2]], 0, "perExample after writing into the result");
    expectThrows(() => minibatchGradient(G, [-1]), "minibatchGradient(G, [-1])");
    expectThrows(() => minibatchGradient(G, [0.5]), "minibatchGradient(G, [0.5])");
  });
});
