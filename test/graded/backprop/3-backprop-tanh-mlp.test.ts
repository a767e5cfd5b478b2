// Public graded tests for question "backprop-tanh-mlp" (lesson 10, Backpropagation):
// solutions/backprop.ts backpropTanhMlp, Lecture 8 notes §5's 2-4-2 tanh network.
import { expectClose } from "../expect";
import { loadOwn } from "./own-code";
import { rng } from "../../../lib/random";
import { engineTanhMlp, numericTanhMlpGrads, oneHotOf, randomTanhMlp } from "./reference";

type Backprop = typeof import("../../../exercises/backprop");

// Hand vs engine: the same formulas through two layers of ≤ 4-term sums, in a different
// order: agreement to a few ulps of O(1) numbers, ~1e-15. 1e-12 is far above that.
const ENGINE_TOL = 1e-12;
// Finite differences with h = 1e-5 on this loss: truncation + rounding ≈ 1e-10 (measured
// ≤ 3.2e-10 on these seeds); 1e-8 leaves a factor 30, while a wrong formula misses by ≥ 1e-3.
const FD_TOL = 1e-8;

describe("backprop-tanh-mlp", () => {
  it("δʸ and δʰ of the Lecture 8 notes' 2-4-2 network match the engine's adjoints of ỹ and h̃ [1 pt]", () => {
    const { backpropTanhMlp } = loadOwn<Backprop>();
    for (let seed = 0; seed < 3; seed++) {
      const p = randomTanhMlp(seed, 2, 4, 2);
      const x = rng(50 + seed).normals(2);
      const y = oneHotOf(seed % 2, 2);
      const want = engineTanhMlp(p, x, y);
      const got = backpropTanhMlp(p, x, y);
      expectClose(got?.deltaY, want.deltaY, ENGINE_TOL, `backpropTanhMlp(network ${seed}).deltaY`);
      expectClose(got?.deltaH, want.deltaH, ENGINE_TOL, `backpropTanhMlp(network ${seed}).deltaH`);
    }
  });

  it("every parameter gradient matches the engine and central finite differences [1 pt]", () => {
    const { backpropTanhMlp } = loadOwn<Backprop>();
    for (let seed = 0; seed < 3; seed++) {
      const p = randomTanhMlp(10 + seed, 2, 4, 2);
      const x = rng(60 + seed).normals(2);
      const y = oneHotOf((seed + 1) % 2, 2);
      const engine = engineTanhMlp(p, x, y).grads;
      const numeric = numericTanhMlpGrads(p, x, y);
      const got = backpropTanhMlp(p, x, y)?.grads;
      for (const name of ["Wh", "bh", "Wy", "by"] as const) {
        expectClose(got?.[name], engine[name], ENGINE_TOL, `backpropTanhMlp(network ${seed}).grads.${name} vs the engine`);
        expectClose(got?.[name], numeric[name], FD_TOL, `backpropTanhMlp(network ${seed}).grads.${name} vs finite differences`);
      }
    }
  });
});
