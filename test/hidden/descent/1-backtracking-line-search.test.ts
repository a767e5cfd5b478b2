// Hidden graded tests for question "backtracking-line-search" (lesson 4).
import { expectClose } from "../../graded/expect";
import { load } from "../../graded/impl";
import { rng } from "../../../lib/random";

type Descent = typeof import("../../../exercises/descent");

describe("backtracking-line-search", () => {
  it("on seeded random quadratics the accepted t passes Armijo's test and t/β does not [2 pts]", () => {
    const { backtracking } = load<Descent>("descent");
    const r = rng(404);
    for (let trial = 0; trial < 20; trial++) {
      const n = r.int(1, 5);
      const lam = Array.from({ length: n }, () => r.uniform(0.1, 20));
      const f = (x: number[]) => 0.5 * x.reduce((s, v, i) => s + lam[i] * v * v, 0);
      const x = r.normals(n);
      const g = x.map((v, i) => lam[i] * v);
      const alpha = r.uniform(0.05, 0.45), beta = r.uniform(0.2, 0.9), t0 = r.uniform(0.5, 3);
      const t = backtracking(f, x, g, { alpha, beta, t0 });
      const gg = g.reduce((s, v) => s + v * v, 0);
      const passes = (s: number) => f(x.map((v, i) => v - s * g[i])) <= f(x) - alpha * s * gg;
      // t must be t₀β^j for a whole j ≥ 0 (1e-9 on the log allows rounding of j products).
      const j = Math.log(t / t0) / Math.log(beta);
      expectClose(j, Math.round(j), 1e-9, `log_β(t/t₀) for trial ${trial}`);
      expectClose(passes(t) ? 1 : 0, 1, 0, `Armijo's test at the returned t (trial ${trial})`);
      if (t < t0) expectClose(passes(t / beta) ? 1 : 0, 0, 0, `Armijo's test at the previous trial t/β (trial ${trial})`);
    }
  });

  it("the defaults are α = 0.3, β = 0.5, t₀ = 1 [1 pt]", () => {
    const { backtracking } = load<Descent>("descent");
    // f = 2x², x = 1, g = 4: t = 1: 2·9 = 18 > 2 − 4.8 (no); t = ½: 2 > 2 − 2.4 (no); t = ¼: 0 ≤ 2 − 1.2 (yes).
    expectClose(backtracking((x) => 2 * x[0] * x[0], [1], [4]), 0.25, 1e-12, "backtracking(x ↦ 2x², [1], [4])");
  });
});
