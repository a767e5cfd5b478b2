// Public graded tests for question "convex-rate-check" (lesson 4, Gradient descent):
// solutions/descent.ts firstConvexRateViolation, the bound f(x_t) − f* ≤ 2L‖x₀ − x*‖²/(t + 4).
import { expectClose, expectThrows } from "../expect";
import { load } from "../impl";

type Descent = typeof import("../../../exercises/descent");

/** Gradient descent with step 1/L on f, from x0; returns f(x_0 … x_steps). */
function gdValues(f: (x: number[]) => number, grad: (x: number[]) => number[], L: number, x0: number[], steps: number): number[] {
  let x = x0.slice();
  const out = [f(x)];
  for (let k = 0; k < steps; k++) {
    const g = grad(x);
    x = x.map((v, i) => v - g[i] / L);
    out.push(f(x));
  }
  return out;
}

describe("convex-rate-check", () => {
  it("finds the first t with f(x_t) − f* above 2L‖x₀ − x*‖²/(t + 4), in hand-made data [2 pts]", () => {
    const { firstConvexRateViolation } = load<Descent>("descent");
    // L = 1, x₀ = (1, 1), x* = 0: bound 4/(t + 4) = 1, 0.8, 0.667, 0.571, 0.5, …
    // values − f* = 0.9, 0.7, 0.6, 0.6 (> 0.571: t = 3 fails), 0.4.
    expectClose(firstConvexRateViolation([2.9, 2.7, 2.6, 2.6, 2.4], 2, 1, [1, 1], [0, 0]), 3, 0, "firstConvexRateViolation([2.9, 2.7, 2.6, 2.6, 2.4], 2, 1, [1, 1], [0, 0])");
    expectClose(firstConvexRateViolation([2.9, 2.7, 2.6, 2.5, 2.4], 2, 1, [1, 1], [0, 0]), -1, 0, "firstConvexRateViolation([2.9, 2.7, 2.6, 2.5, 2.4], 2, 1, [1, 1], [0, 0])");
  });

  it("returns −1 for gradient descent with step 1/L on a convex quadratic [1 pt]", () => {
    const { firstConvexRateViolation } = load<Descent>("descent");
    const lam = [0.01, 0.3, 2];
    const f = (x: number[]) => 0.5 * x.reduce((s, v, i) => s + lam[i] * v * v, 0) + 1;
    const grad = (x: number[]) => x.map((v, i) => lam[i] * v);
    const values = gdValues(f, grad, 2, [3, -1, 2], 200);
    expectClose(firstConvexRateViolation(values, 1, 2, [3, -1, 2], [0, 0, 0]), -1, 0, "firstConvexRateViolation(GD on a convex quadratic)");
  });

  it("names the step where the bound fails on a non-convex f (stuck in a local minimum) [2 pts]", () => {
    const { firstConvexRateViolation } = load<Descent>("descent");
    // f(x) = x²/2 + 4 sin²x: L = 9, global minimum 0 at 0, a local minimum near 2.76 where GD from 3 stops.
    const f = (x: number[]) => 0.5 * x[0] ** 2 + 4 * Math.sin(x[0]) ** 2;
    const grad = (x: number[]) => [x[0] + 4 * Math.sin(2 * x[0])];
    const values = gdValues(f, grad, 9, [3], 100);
    let want = -1;
    for (let t = 0; t < values.length && want < 0; t++) if (values[t] > (2 * 9 * 9) / (t + 4)) want = t;
    expectClose(firstConvexRateViolation(values, 0, 9, [3], [0]), want, 0, "firstConvexRateViolation(GD on x²/2 + 4sin²x from 3)");
  });

  it("counts NaN or Infinity as a failure at its step [1 pt]", () => {
    const { firstConvexRateViolation } = load<Descent>("descent");
    expectClose(firstConvexRateViolation([0.5, 0.1, NaN, 0.01], 0, 1, [1], [0]), 2, 0, "firstConvexRateViolation([0.5, 0.1, NaN, 0.01], 0, 1, [1], [0])");
    expectClose(firstConvexRateViolation([0.5, Infinity], 0, 1, [1], [0]), 1, 0, "firstConvexRateViolation([0.5, Infinity], 0, 1, [1], [0])");
  });

  it("rejects L ≤ 0, naming L [1 pt]", () => {
    const { firstConvexRateViolation } = load<Descent>("descent");
    expectThrows(() => firstConvexRateViolation([1], 0, 0, [1], [0]), "firstConvexRateViolation([1], 0, 0, [1], [0])", /\bL\b/);
  });
});
