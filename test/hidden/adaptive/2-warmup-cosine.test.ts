// Hidden graded tests for question "warmup-cosine" (lesson 6): other shapes than the public ones.
import { expectClose, expectThrows } from "../../graded/expect";
import { callEach, load } from "../../graded/impl";
import { cosineAnnealing, linearWarmup, lrValues, sequential } from "../../../lib/optim/schedules";

type Adaptive = typeof import("../../../exercises/adaptive");

describe("warmup-cosine", () => {
  it("one warm-up step starts at η₀ at once; the cosine then spans T − 1 steps [1 pt]", () => {
    const { warmupCosine } = load<Adaptive>("adaptive");
    const s = { baseLr: 2, warmupSteps: 1, totalSteps: 5 };
    // t = 0: 2·1/1; t = 1…5: 2·(1 + cos(π(t−1)/4))/2.
    expectClose([0, 1, 3, 5, 6].map((t) => warmupCosine(t, s)), [2, 2, 1, 0, 0], 1e-12, "warmupCosine(t, { baseLr: 2, warmupSteps: 1, totalSteps: 5 })");
  });

  it("agrees with torch's SequentialLR for 50 warm-up and 450 cosine steps [1 pt]", () => {
    const { warmupCosine } = load<Adaptive>("adaptive");
    const s = { baseLr: 3e-4, warmupSteps: 50, totalSteps: 500, minLr: 1e-5 };
    const torch = sequential([linearWarmup({ startFactor: 1 / 50, totalIters: 49 }), cosineAnnealing({ tMax: 450, etaMin: 1e-5 })], [50]);
    // Values ~1e-4: 1e-16 absolute is about a thousand ulps of headroom for a different formula order.
    // 501 calls in one round trip to the sandbox (callEach), not 501.
    expectClose(callEach(warmupCosine, Array.from({ length: 501 }, (_, t) => [t, s] as [number, typeof s])), lrValues(torch, 3e-4, 501), 1e-16, "warmupCosine(t = 0…500) vs torch's SequentialLR");
  });

  it("never goes below minLr and peaks at baseLr exactly at t = W [1 pt]", () => {
    const { warmupCosine } = load<Adaptive>("adaptive");
    const s = { baseLr: 0.5, warmupSteps: 7, totalSteps: 40, minLr: 0.05 };
    const lrs = callEach(warmupCosine, Array.from({ length: 60 }, (_, t) => [t, s] as [number, typeof s]));
    expectClose(Math.max(...lrs), 0.5, 1e-15, "the largest lr over t = 0…59");
    expectClose(lrs[6], 0.5, 1e-15, "warmupCosine(6, ...) (the last warm-up step)");
    expectClose(Math.min(...lrs.slice(7)), 0.05, 1e-15, "the smallest lr after the warm-up");
  });

  it("rejects minLr above baseLr or negative [1 pt]", () => {
    const { warmupCosine } = load<Adaptive>("adaptive");
    expectThrows(() => warmupCosine(0, { baseLr: 0.1, warmupSteps: 2, totalSteps: 5, minLr: 0.2 }), "warmupCosine(0, { minLr: 0.2 > baseLr })", /minLr/);
    expectThrows(() => warmupCosine(0, { baseLr: 0.1, warmupSteps: 2, totalSteps: 5, minLr: -1 }), "warmupCosine(0, { minLr: -1 })", /minLr/);
  });
});
