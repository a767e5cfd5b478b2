// Public graded tests for question "gd-run" (lesson 0, Welcome): solutions/welcome.ts gdRun.
import { expectClose } from "../expect";
import { load } from "../impl";

type Welcome = typeof import("../../../exercises/welcome");

// Ten steps compound rounding error by about ten ulps of each coordinate; 1e-9 leaves a wide
// margin above that and still catches an off-by-one step (which changes values by ≥ 1e-2 here).
const TOL = 1e-9;

describe("gd-run", () => {
  it("returns steps + 1 points, starting at θ₀ [1 pt]", () => {
    const { gdRun } = load<Welcome>("welcome");
    const path = gdRun((theta) => theta.map(() => 0), [1, -1], 0.1, 3);
    // A zero gradient never moves: four copies of θ₀.
    expectClose(path, [[1, -1], [1, -1], [1, -1], [1, -1]], TOL, "gdRun(zero gradient, [1, -1], 0.1, 3)");
  });

  it("follows θₖ = (1 − lr)ᵏ θ₀ on f(θ) = ½‖θ‖² [2 pts]", () => {
    const { gdRun } = load<Welcome>("welcome");
    // ∇f(θ) = θ, so each step multiplies θ by (1 − lr): the closed form below.
    const lr = 0.25;
    const theta0 = [4, -2];
    const path = gdRun((theta) => theta.slice(), theta0, lr, 10);
    const want = Array.from({ length: 11 }, (_, k) => theta0.map((x) => x * (1 - lr) ** k));
    expectClose(path, want, TOL, "gdRun(θ ↦ θ, [4, -2], 0.25, 10)");
  });

  it("zig-zags on f = 0.1x₁² + 2x₂² from (−5, −2) with lr = 0.4 [2 pts]", () => {
    const { gdRun } = load<Welcome>("welcome");
    // ∇f = (0.2x₁, 4x₂): x₁ shrinks by (1 − 0.08) per step, x₂ flips sign with factor (1 − 1.6).
    const path = gdRun(([x1, x2]) => [0.2 * x1, 4 * x2], [-5, -2], 0.4, 8);
    const want = Array.from({ length: 9 }, (_, k) => [-5 * 0.92 ** k, -2 * (-0.6) ** k]);
    expectClose(path, want, TOL, "gdRun(∇(0.1x₁² + 2x₂²), [-5, -2], 0.4, 8)");
  });
});
