// Hidden tests for "ridge-covariance" (lesson 2): against a simulation, and shrinking with λ.
import { expectClose } from "../../graded/expect";
import { load } from "../../graded/impl";
import { simulateLinear } from "../../../lib/stats/simulate";

type BiasVariance = typeof import("../../../exercises/bias-variance");

describe("ridge-covariance", () => {
  it("matches the covariance of 4,000 simulated ridge fits within 4 standard errors [2 pts]", function () {
    this.timeout(8000);
    const { ridgeCovariance } = load<BiasVariance>("bias-variance");
    const X = [[1, 0.5], [1, -0.3], [1, 1.2], [1, -1], [1, 0.1], [1, 0.7]];
    const sim = simulateLinear({ X, theta: [1, -1], sigma: 0.5, lambda: 0.8, trials: 4000, seed: 5 });
    const got = ridgeCovariance(X, 0.5, 0.8);
    // Sample covariance entries of normal θ̃ have sd √((ΣaaΣbb + Σab²)/R) ≈ 2.2% of the diagonal at R = 4000.
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) {
      const se = Math.sqrt((sim.thetaCov[a][a] * sim.thetaCov[b][b] + sim.thetaCov[a][b] ** 2) / 4000);
      expectClose(got[a][b], sim.thetaCov[a][b], 4 * se, `Cov[${a}][${b}] vs simulation`);
    }
  });

  it("the variances fall as λ grows [1 pt]", () => {
    const { ridgeCovariance } = load<BiasVariance>("bias-variance");
    const X = [[2, 1], [0, 1], [1, -1]];
    const v = [0, 0.5, 5, 50].map((l) => ridgeCovariance(X, 1, l));
    for (let k = 1; k < v.length; k++) {
      for (let i = 0; i < 2; i++) {
        if (!(v[k][i][i] < v[k - 1][i][i])) throw new Error(`Var θ̃${i} should fall with λ: ${v[k - 1][i][i]} then ${v[k][i][i]}`);
      }
    }
  });
});
