// Public graded tests for question "dense-backward" (lesson 10, Backpropagation):
// solutions/backprop.ts denseBackward.
import { expectClose, expectFresh, expectNotMutated, expectThrows } from "../expect";
import { loadOwn } from "./own-code";
import { rng } from "../../../lib/random";
import { engineDense, randomMatrix } from "./reference";

type Backprop = typeof import("../../../exercises/backprop");

// Products and sums of at most 4 terms of size O(1): a few ulps, ~1e-15. The engine sums the
// same terms in another order, so it agrees to ~1e-15 too; 1e-12 is far above that.
const TOL = 1e-12;

describe("dense-backward", () => {
  it("gives dW = δ inputᵀ, db = δ, dInput = Wᵀδ on a 3 × 2 layer by hand [1 pt]", () => {
    const { denseBackward } = loadOwn<Backprop>();
    const W = [[1, -2], [0, 3], [2, 1]];
    const g = denseBackward(W, [0.5, -1], [2, -1, 0.5]);
    // dWᵢⱼ = δᵢ inputⱼ: row 0 = 2·(0.5, −1), row 1 = −1·(0.5, −1), row 2 = 0.5·(0.5, −1).
    expectClose(g?.dW, [[1, -2], [-0.5, 1], [0.25, -0.5]], TOL, "denseBackward(W, [0.5, -1], [2, -1, 0.5]).dW");
    expectClose(g?.db, [2, -1, 0.5], TOL, "denseBackward(W, [0.5, -1], [2, -1, 0.5]).db");
    // dInputⱼ = Σᵢ δᵢWᵢⱼ: j = 0: 2·1 − 1·0 + 0.5·2 = 3; j = 1: 2·(−2) − 1·3 + 0.5·1 = −6.5.
    expectClose(g?.dInput, [3, -6.5], TOL, "denseBackward(W, [0.5, -1], [2, -1, 0.5]).dInput");
  });

  it("matches the autodiff engine on seeded random 4 × 3 layers [1 pt]", () => {
    const { denseBackward } = loadOwn<Backprop>();
    for (let seed = 0; seed < 3; seed++) {
      const W = randomMatrix(100 + seed, 4, 3);
      const r = rng(200 + seed);
      const b = r.normals(4), input = r.normals(3), delta = r.normals(4);
      const want = engineDense(W, b, input, delta);
      const got = denseBackward(W, input, delta);
      expectClose(got?.dW, want.dW, TOL, `denseBackward(random layer ${seed}).dW`);
      expectClose(got?.db, want.db, TOL, `denseBackward(random layer ${seed}).db`);
      expectClose(got?.dInput, want.dInput, TOL, `denseBackward(random layer ${seed}).dInput`);
    }
  });

  it("rejects wrong shapes, returns new arrays and leaves its inputs alone [1 pt]", () => {
    const { denseBackward } = loadOwn<Backprop>();
    const W = [[1, 2], [3, 4], [5, 6]];
    expectThrows(() => denseBackward(W, [1, 2, 3], [1, 0, -1]), "denseBackward(3 × 2 W, input of 3, delta of 3)", /input/);
    expectThrows(() => denseBackward(W, [1, 2], [1, 0]), "denseBackward(3 × 2 W, input of 2, delta of 2)", /delta/);
    expectThrows(() => denseBackward([[1, 2], [3]], [1, 2], [1, 0]), "denseBackward([[1, 2], [3]], …)", /row/);
    const input = [7, 8], delta = [1, 0, -1];
    const g = expectNotMutated("denseBackward", { W, input, delta }, () => denseBackward(W, input, delta));
    expectFresh(g.db, delta, "denseBackward(W, input, delta).db");
  });
});
