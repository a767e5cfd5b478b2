// Public graded tests for question "backtracking-line-search" (lesson 4, Gradient descent):
// solutions/descent.ts backtracking, Armijo's rule along −∇f.
import { expectClose, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";

type Descent = typeof import("../../../exercises/descent");

// Step sizes are powers of β times t₀: exact in binary for β = 0.5, and within a few ulps
// otherwise; 1e-12 is far above rounding and far below the gap between two trial steps.
const TOL = 1e-12;

const sq = (x: number[]) => x.reduce((s, v) => s + v * v, 0);

describe("backtracking-line-search", () => {
  it("on f(x) = x² from x = 1, halves t = 1 once: t = 0.5 [2 pts]", () => {
    const { backtracking } = load<Descent>("descent");
    // By hand, g = 2, α = 0.3: t = 1 gives f(−1) = 1 > 1 − 0.3·1·4 = −0.2 (rejected);
    // t = 0.5 gives f(0) = 0 ≤ 1 − 0.3·0.5·4 = 0.4 (accepted).
    expectClose(backtracking(sq, [1], [2]), 0.5, TOL, "backtracking(x ↦ x², [1], [2])");
  });

  it("keeps t₀ when it already decreases f enough [1 pt]", () => {
    const { backtracking } = load<Descent>("descent");
    // f = x², x = 1, g = 2, t₀ = 0.25: f(0.5) = 0.25 ≤ 1 − 0.3·0.25·4 = 0.7.
    expectClose(backtracking(sq, [1], [2], { t0: 0.25 }), 0.25, TOL, "backtracking(x ↦ x², [1], [2], { t0: 0.25 })");
  });

  it("returns the first of t₀, t₀β, t₀β², … that passes Armijo's test, on an ill-conditioned 2-D quadratic [2 pts]", () => {
    const { backtracking } = load<Descent>("descent");
    // f = ½(x₁² + 50x₂²) at (1, 1): g = (1, 50). The test walks the trial steps itself.
    const f = (x: number[]) => 0.5 * (x[0] ** 2 + 50 * x[1] ** 2);
    const x = [1, 1], g = [1, 50];
    for (const o of [{ alpha: 0.3, beta: 0.5, t0: 1 }, { alpha: 0.1, beta: 0.8, t0: 2 }, { alpha: 0.45, beta: 0.3, t0: 0.5 }]) {
      let t = o.t0;
      while (f([x[0] - t * g[0], x[1] - t * g[1]]) > f(x) - o.alpha * t * (g[0] ** 2 + g[1] ** 2)) t *= o.beta;
      expectClose(backtracking(f, x, g, o), t, TOL, `backtracking(½(x₁² + 50x₂²), [1, 1], [1, 50], ${JSON.stringify(o)})`);
    }
  });

  it("leaves x and g untouched [1 pt]", () => {
    const { backtracking } = load<Descent>("descent");
    const x = [1, -2], g = [2, -4];
    expectNotMutated("backtracking", { x, g }, () => backtracking(sq, x, g));
  });

  it("rejects alpha, beta or t0 out of range, naming it [1 pt]", () => {
    const { backtracking } = load<Descent>("descent");
    expectThrows(() => backtracking(sq, [1], [2], { alpha: 1.5 }), "backtracking(..., { alpha: 1.5 })", /alpha/);
    expectThrows(() => backtracking(sq, [1], [2], { beta: 1 }), "backtracking(..., { beta: 1 })", /beta/);
    expectThrows(() => backtracking(sq, [1], [2], { t0: -1 }), "backtracking(..., { t0: -1 })", /t0/);
  });
});
