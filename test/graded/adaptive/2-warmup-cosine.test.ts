// Public graded tests for question "warmup-cosine" (lesson 6, Adaptive step sizes):
// solutions/adaptive.ts warmupCosine, linear warm-up then cosine annealing.
import { expectClose, expectThrows } from "../expect";
import { load } from "../impl";
import { cosineAnnealing, linearWarmup, lrValues, sequential } from "../../../lib/optim/schedules";

type Adaptive = typeof import("../../../exercises/adaptive");

// A few multiplications and one cosine per value: 1e-12 is far above rounding.
const TOL = 1e-12;
const S = { baseLr: 0.1, warmupSteps: 4, totalSteps: 12, minLr: 0.01 };

describe("warmup-cosine", () => {
  it("climbs linearly η₀/W, 2η₀/W, …, η₀ during the warm-up [1 pt]", () => {
    const { warmupCosine } = load<Adaptive>("adaptive");
    // By hand: 0.1·1/4, 0.1·2/4, 0.1·3/4, 0.1·4/4.
    expectClose([0, 1, 2, 3].map((t) => warmupCosine(t, S)), [0.025, 0.05, 0.075, 0.1], TOL, "warmupCosine(t = 0…3, { baseLr: 0.1, warmupSteps: 4, totalSteps: 12, minLr: 0.01 })");
  });

  it("then follows a half cosine from η₀ at t = W to η_min at t = T, and stays at η_min [2 pts]", () => {
    const { warmupCosine } = load<Adaptive>("adaptive");
    // By hand: t = 4 → 0.1; t = 8 (half way) → (0.1 + 0.01)/2 = 0.055; t = 12 → 0.01; later 0.01.
    expectClose([4, 8, 12, 13, 100].map((t) => warmupCosine(t, S)), [0.1, 0.055, 0.01, 0.01, 0.01], TOL, "warmupCosine(t = 4, 8, 12, 13, 100, ...)");
    // t = 6: 0.01 + 0.09·(1 + cos(π/4))/2.
    expectClose(warmupCosine(6, S), 0.01 + (0.09 * (1 + Math.cos(Math.PI / 4))) / 2, TOL, "warmupCosine(6, ...)");
    expectClose(warmupCosine(8, { baseLr: 0.1, warmupSteps: 4, totalSteps: 12 }), 0.05, TOL, "warmupCosine(8, ...) with minLr omitted (default 0)");
  });

  it("is torch's SequentialLR(LinearLR(1/W, W − 1), CosineAnnealingLR(T − W, η_min), milestones [W]) up to T [1 pt]", () => {
    const { warmupCosine } = load<Adaptive>("adaptive");
    const torch = sequential([linearWarmup({ startFactor: 1 / 4, totalIters: 3 }), cosineAnnealing({ tMax: 8, etaMin: 0.01 })], [4]);
    expectClose(Array.from({ length: 13 }, (_, t) => warmupCosine(t, S)), lrValues(torch, 0.1, 13), TOL, "warmupCosine(t = 0…12) vs torch's SequentialLR");
  });

  it("rejects a negative or fractional t, baseLr ≤ 0, warmupSteps < 1 and totalSteps ≤ warmupSteps [1 pt]", () => {
    const { warmupCosine } = load<Adaptive>("adaptive");
    expectThrows(() => warmupCosine(-1, S), "warmupCosine(-1, ...)", /\bt\b/);
    expectThrows(() => warmupCosine(0, { ...S, baseLr: 0 }), "warmupCosine(0, { baseLr: 0, ... })", /baseLr/);
    expectThrows(() => warmupCosine(0, { ...S, warmupSteps: 0 }), "warmupCosine(0, { warmupSteps: 0, ... })", /warmupSteps/);
    expectThrows(() => warmupCosine(0, { ...S, totalSteps: 4 }), "warmupCosine(0, { totalSteps: 4, warmupSteps: 4, ... })", /totalSteps/);
  });
});
