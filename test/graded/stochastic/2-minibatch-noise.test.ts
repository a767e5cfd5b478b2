// Public graded tests for question "minibatch-noise" (lesson 8, Stochastic methods):
// solutions/stochastic.ts minibatchNoise, E‖ĝ_B − ḡ‖² = tr Σ / B (· (n − B)/(n − 1) without replacement).
import { expectClose, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";

type Stochastic = typeof import("../../../exercises/stochastic");

// A few sums of squares of small numbers: 1e-12 covers rounding.
const TOL = 1e-12;
// Per-example gradients with mean (2, 1): ‖gᵢ − ḡ‖² = 2, 10, 10, 18, so tr Σ = 40/4 = 10.
const G = [
  [1, 2],
  [3, -2],
  [-1, 0],
  [5, 4],
];

describe("minibatch-noise", () => {
  it("with replacement it is tr Σ / B: 10, 5, 2.5 for B = 1, 2, 4 [2 pts]", () => {
    const { minibatchNoise } = load<Stochastic>("stochastic");
    expectClose([1, 2, 4].map((B) => minibatchNoise(G, B, true)), [10, 5, 2.5], TOL, "minibatchNoise(G, B, true) for B = 1, 2, 4");
  });

  it("without replacement it has the finite-population factor (n − B)/(n − 1), and B = n gives 0 [2 pts]", () => {
    const { minibatchNoise } = load<Stochastic>("stochastic");
    // B = 2: 10/2 · 2/3 = 10/3. B = 4: the whole data set, no error.
    expectClose(minibatchNoise(G, 2, false), 10 / 3, TOL, "minibatchNoise(G, 2, false)");
    expectClose(minibatchNoise(G, 4, false), 0, TOL, "minibatchNoise(G, 4, false)");
  });

  it("matches the average over every batch of two without replacement, enumerated [1 pt]", () => {
    const { minibatchNoise } = load<Stochastic>("stochastic");
    let s = 0, count = 0;
    for (let i = 0; i < 4; i++)
      for (let j = i + 1; j < 4; j++) {
        const g = [(G[i][0] + G[j][0]) / 2, (G[i][1] + G[j][1]) / 2];
        s += (g[0] - 2) ** 2 + (g[1] - 1) ** 2;
        count++;
      }
    expectClose(minibatchNoise(G, 2, false), s / count, TOL, "minibatchNoise(G, 2, false) vs the enumeration");
  });

  it("leaves its input alone and rejects a batch size out of range, naming B [1 pt]", () => {
    const { minibatchNoise } = load<Stochastic>("stochastic");
    const g = G.map((r) => r.slice());
    expectNotMutated("minibatchNoise", { perExample: g }, () => minibatchNoise(g, 2));
    expectThrows(() => minibatchNoise(G, 0), "minibatchNoise(G, 0)", /B/);
    expectThrows(() => minibatchNoise(G, 5, false), "minibatchNoise(G, 5, false)", /B/);
  });
});
