// Hidden graded tests for question "minibatch-noise" (lesson 8).
import { expectClose } from "../../graded/expect";
import { load } from "../../graded/impl";
import { rng } from "../../../lib/random";

type Stochastic = typeof import("../../../exercises/stochastic");

describe("minibatch-noise", () => {
  it("matches a Monte Carlo estimate with replacement within its standard error [2 pts]", function () {
    this.timeout(3000);
    const { minibatchNoise } = load<Stochastic>("stochastic");
    const r = rng(21);
    const n = 20, d = 3, B = 4;
    const G = Array.from({ length: n }, () => Array.from({ length: d }, () => r.normal(1, 2)));
    const mean = [0, 1, 2].map((j) => G.reduce((s, g) => s + g[j], 0) / n);
    const draws = 20000;
    let s = 0;
    for (let k = 0; k < draws; k++) {
      const g = [0, 0, 0];
      for (let b = 0; b < B; b++) {
        const i = r.int(0, n - 1);
        for (let j = 0; j < d; j++) g[j] += G[i][j] / B;
      }
      s += g.reduce((t, v, j) => t + (v - mean[j]) ** 2, 0);
    }
    // The squared error of one draw has relative std about √(2/d) ≈ 0.8; over 20,000 draws the
    // mean's relative standard error is ≈ 0.006, so 3% is five standard errors.
    const want = s / draws;
    expectClose(minibatchNoise(G, B, true), want, 0.03 * want, "minibatchNoise(G, 4, true) vs Monte Carlo");
  });

  it("one example: no noise without replacement at B = 1 = n [1 pt]", () => {
    const { minibatchNoise } = load<Stochastic>("stochastic");
    expectClose(minibatchNoise([[3, 4]], 1, false), 0, 0, "minibatchNoise([[3, 4]], 1, false)");
    expectClose(minibatchNoise([[3, 4]], 1, true), 0, 0, "minibatchNoise([[3, 4]], 1, true)");
  });
});
