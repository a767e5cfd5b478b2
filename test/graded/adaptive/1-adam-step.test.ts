// Public graded tests for question "adam-step" (lesson 6, Adaptive step sizes):
// solutions/adaptive.ts adamStep, one step of torch's Adam with and without bias correction.
import { expectClose, expectFresh, expectNotMutated, expectThrows } from "../expect";
import { load } from "../impl";
import { Adam } from "../../../lib/optim/adam";

type Adaptive = typeof import("../../../exercises/adaptive");

// One step is a handful of multiplies, a square root and a division per entry on O(1) values:
// exact to a few ulps, so 1e-12 is far above rounding and far below any real mistake.
const TOL = 1e-12;

describe("adam-step", () => {
  it("the first step with bias correction moves by lr in the direction of −g [2 pts]", () => {
    const { adamStep } = load<Adaptive>("adaptive");
    // By hand: m = 0.1·2 = 0.2, v = 0.001·4 = 0.004; m̂ = 0.2/0.1 = 2, v̂ = 0.004/0.001 = 4;
    // θ = 1 − 0.1·2/(√4 + 0) = 0.9.
    expectClose(adamStep([1], [0], [0], [2], 1, { lr: 0.1, betas: [0.9, 0.999], eps: 0 }), [[0.9], [0.2], [0.004]], TOL,
      "adamStep([1], [0], [0], [2], 1, { lr: 0.1, betas: [0.9, 0.999], eps: 0 })");
  });

  it("without bias correction the first step is (1 − β₁)/√(1 − β₂) ≈ 3.16 times longer [1 pt]", () => {
    const { adamStep } = load<Adaptive>("adaptive");
    // By hand: θ = 1 − 0.1·0.2/√0.004 = 1 − 0.1·3.16227766… = 0.683772233983162.
    expectClose(adamStep([1], [0], [0], [2], 1, { lr: 0.1, betas: [0.9, 0.999], eps: 0, biasCorrection: false }), [[1 - 0.1 * 0.2 / Math.sqrt(0.004)], [0.2], [0.004]], TOL,
      "adamStep([1], [0], [0], [2], 1, { lr: 0.1, betas: [0.9, 0.999], eps: 0, biasCorrection: false })");
  });

  it("continues from given averages at step t: m⁺ = β₁m + (1−β₁)g, v⁺ = β₂v + (1−β₂)g², corrected by 1 − βᵗ [2 pts]", () => {
    const { adamStep } = load<Adaptive>("adaptive");
    // By hand with β = (0.5, 0.75), t = 2, eps 0: m⁺ = (0.5·1 + 0.5·3, 0.5·(−2) + 0.5·(−2)) = (2, −2);
    // v⁺ = (0.75·4 + 0.25·9, 0.75·4 + 0.25·4) = (5.25, 4); 1 − 0.5² = 0.75, 1 − 0.75² = 0.4375;
    // θ⁺ = θ − 0.2·(m⁺/0.75)/√(v⁺/0.4375).
    const m1 = [2, -2], v1 = [5.25, 4];
    const want = [0.5 - (0.2 * (2 / 0.75)) / Math.sqrt(5.25 / 0.4375), -1 - (0.2 * (-2 / 0.75)) / Math.sqrt(4 / 0.4375)];
    expectClose(adamStep([0.5, -1], [1, -2], [4, 4], [3, -2], 2, { lr: 0.2, betas: [0.5, 0.75], eps: 0 }), [want, m1, v1], TOL,
      "adamStep([0.5, -1], [1, -2], [4, 4], [3, -2], 2, { lr: 0.2, betas: [0.5, 0.75], eps: 0 })");
  });

  it("30 steps on f = 0.1x₁² + 2x₂² follow torch's Adam (lib/optim/adam.ts) with its default eps [2 pts]", () => {
    const { adamStep } = load<Adaptive>("adaptive");
    const grad = (x: number[]) => [0.2 * x[0], 4 * x[1]];
    const settings = { lr: 0.3, betas: [0.9, 0.999] as [number, number], eps: 1e-8 };
    const torch = new Adam(Float64Array.from([-5, -2]), settings);
    let theta = [-5, -2], m = [0, 0], v = [0, 0];
    for (let t = 1; t <= 30; t++) {
      [theta, m, v] = adamStep(theta, m, v, grad(theta), t, settings);
      torch.step(Float64Array.from(grad(Array.from(torch.params))));
    }
    // Same algorithm, possibly another order of operations: rounding only (~1e-15 per step on
    // O(1) values); 1e-9 leaves room and still catches a missing or misplaced correction (≥ 1e-3).
    expectClose(theta, Array.from(torch.params), 1e-9, "θ after 30 adamStep calls vs torch's Adam");
    expectClose(m, Array.from(torch.state.expAvg), 1e-9, "m after 30 steps vs torch's exp_avg");
    expectClose(v, Array.from(torch.state.expAvgSq), 1e-9, "v after 30 steps vs torch's exp_avg_sq");
  });

  it("returns new arrays and leaves its inputs untouched [1 pt]", () => {
    const { adamStep } = load<Adaptive>("adaptive");
    const theta = [1, 2], m = [0.1, 0.2], v = [0.3, 0.4], grad = [1, -1];
    const out = expectNotMutated("adamStep", { theta, m, v, grad }, () => adamStep(theta, m, v, grad, 3, { lr: 0.1, betas: [0.9, 0.999], eps: 1e-8 }));
    expectFresh(out[0], theta, "adamStep(...)[0]");
    expectFresh(out[1], m, "adamStep(...)[1]");
    expectFresh(out[2], v, "adamStep(...)[2]");
  });

  it("rejects lr ≤ 0, betas outside [0, 1), t < 1 and mismatched lengths, naming the problem [1 pt]", () => {
    const { adamStep } = load<Adaptive>("adaptive");
    const ok = { lr: 0.1, betas: [0.9, 0.999] as [number, number], eps: 1e-8 };
    expectThrows(() => adamStep([1], [0], [0], [2], 1, { ...ok, lr: 0 }), "adamStep(..., { lr: 0 })", /\blr\b/);
    expectThrows(() => adamStep([1], [0], [0], [2], 1, { ...ok, betas: [1, 0.999] }), "adamStep(..., { betas: [1, 0.999] })", /beta/);
    expectThrows(() => adamStep([1], [0], [0], [2], 0, ok), "adamStep([1], [0], [0], [2], 0, ...)", /\bt\b/);
    expectThrows(() => adamStep([1, 2], [0], [0, 0], [2, 3], 1, ok), "adamStep([1, 2], [0], [0, 0], [2, 3], 1, ...)", /length/);
  });
});
