// Hidden graded tests for question "dense-backward": never shipped to students (tools/release).
import { expectClose, expectFresh } from "../../graded/expect";
import { loadOwn } from "../../graded/backprop/own-code";
import { rng } from "../../../lib/random";
import { engineDense, randomMatrix } from "../../graded/backprop/reference";

type Backprop = typeof import("../../../exercises/backprop");

// Sums of at most 5 products of O(1) numbers, in any order: ~1e-15; 1e-12 is generous.
const TOL = 1e-12;

describe("dense-backward", () => {
  it("works for 1 × 1, 1 × 5 and 5 × 1 layers (vs the engine), and a zero δ gives zero gradients [1 pt]", () => {
    const { denseBackward } = loadOwn<Backprop>();
    const r = rng(303);
    for (const [rows, cols] of [[1, 1], [1, 5], [5, 1]]) {
      const W = randomMatrix(rows * 10 + cols, rows, cols);
      const b = r.normals(rows), input = r.normals(cols), delta = r.normals(rows);
      const want = engineDense(W, b, input, delta);
      const got = denseBackward(W, input, delta);
      const what = `denseBackward(random ${rows} × ${cols} layer)`;
      expectClose(got?.dW, want.dW, TOL, `${what}.dW`);
      expectClose(got?.db, want.db, TOL, `${what}.db`);
      expectClose(got?.dInput, want.dInput, TOL, `${what}.dInput`);
      expectFresh(got.db, delta, `${what}.db`);
    }
    // δ = 0: nothing flows back, exactly.
    const zero = denseBackward([[1, 2, 3], [4, 5, 6]], [1, 1, 1], [0, 0]);
    expectClose(zero?.dW, [[0, 0, 0], [0, 0, 0]], 0, "denseBackward(W, x, [0, 0]).dW");
    expectClose(zero?.db, [0, 0], 0, "denseBackward(W, x, [0, 0]).db");
    expectClose(zero?.dInput, [0, 0, 0], 0, "denseBackward(W, x, [0, 0]).dInput");
  });
});
