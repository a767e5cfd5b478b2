// Public graded tests for question "minibatch-gradient" (lesson 8, Stochastic methods):
// solutions/stochastic.ts minibatchGradient, the average of per-example gradients over a batch.
import { expectClose, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";

type Stochastic = typeof import("../../../exercises/stochastic");

// Averages of a few small numbers: exact up to one rounding per term, so 1e-12 is ample.
const TOL = 1e-12;
const G = [
  [1, 2],
  [3, -2],
  [-1, 0],
  [5, 4],
];

describe("minibatch-gradient", () => {
  it("averages the rows in the batch: B = {0, 1} gives (2, 0) [2 pts]", () => {
    const { minibatchGradient } = load<Stochastic>("stochastic");
    // By hand: ((1 + 3)/2, (2 − 2)/2) = (2, 0).
    expectClose(minibatchGradient(G, [0, 1]), [2, 0], TOL, "minibatchGradient(G, [0, 1])");
  });

  it("counts a repeated index twice (sampling with replacement) [1 pt]", () => {
    const { minibatchGradient } = load<Stochastic>("stochastic");
    // (g₃ + g₃ + g₂)/3 = ((5 + 5 − 1)/3, (4 + 4 + 0)/3) = (3, 8/3).
    expectClose(minibatchGradient(G, [3, 3, 2]), [3, 8 / 3], TOL, "minibatchGradient(G, [3, 3, 2])");
  });

  it("the batch of every example is the full gradient [1 pt]", () => {
    const { minibatchGradient } = load<Stochastic>("stochastic");
    expectClose(minibatchGradient(G, [0, 1, 2, 3]), [2, 1], TOL, "minibatchGradient(G, [0, 1, 2, 3])");
  });

  it("leaves its inputs alone and rejects an empty batch or a bad index [1 pt]", () => {
    const { minibatchGradient } = load<Stochastic>("stochastic");
    const g = G.map((r) => r.slice()), b = [1, 2];
    expectNotMutated("minibatchGradient", { perExample: g, batch: b }, () => minibatchGradient(g, b));
    expectThrows(() => minibatchGradient(G, []), "minibatchGradient(G, [])", /empty|batch/i);
    expectThrows(() => minibatchGradient(G, [4]), "minibatchGradient(G, [4])", /4/);
  });
});
