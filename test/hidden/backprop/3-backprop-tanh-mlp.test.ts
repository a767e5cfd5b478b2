// Hidden graded tests for question "backprop-tanh-mlp": never shipped to students (tools/release).
import { expectClose, expectNotMutated } from "../../graded/expect";
import { loadOwn } from "../../graded/backprop/own-code";
import { rng } from "../../../lib/random";
import { engineTanhMlp, numericTanhMlpGrads, oneHotOf, randomTanhMlp } from "../../graded/backprop/reference";

type Backprop = typeof import("../../../exercises/backprop");

// Hand vs engine: the same formulas in another summation order, ~1e-15 on O(1) numbers.
// 1e-11 is generous and still catches any wrong term.
const ENGINE_TOL = 1e-11;
// Central differences (h = 1e-5) on the 3-5-4 net with std-1 weights: measured 1e-10;
// 1e-8 leaves a factor 100.
const FD_TOL = 1e-8;

describe("backprop-tanh-mlp", () => {
  it("works for other sizes (3-5-4) and for a confident wrong prediction with logits in the hundreds [1 pt]", () => {
    const { backpropTanhMlp } = loadOwn<Backprop>();
    // A 3-5-4 network with N(0, 1) weights: engine and finite differences.
    const p = randomTanhMlp(31, 3, 5, 4);
    const x = rng(32).normals(3);
    const y = oneHotOf(2, 4);
    const got = expectNotMutated("backpropTanhMlp", { params: p, x, y }, () => backpropTanhMlp(p, x, y));
    const engine = engineTanhMlp(p, x, y);
    const numeric = numericTanhMlpGrads(p, x, y);
    expectClose(got?.deltaY, engine.deltaY, ENGINE_TOL, "backpropTanhMlp(3-5-4 net).deltaY");
    expectClose(got?.deltaH, engine.deltaH, ENGINE_TOL, "backpropTanhMlp(3-5-4 net).deltaH");
    for (const name of ["Wh", "bh", "Wy", "by"] as const) {
      expectClose(got?.grads?.[name], engine.grads[name], ENGINE_TOL, `backpropTanhMlp(3-5-4 net).grads.${name} vs the engine`);
      expectClose(got?.grads?.[name], numeric[name], FD_TOL, `backpropTanhMlp(3-5-4 net).grads.${name} vs finite differences`);
    }
    // Output weights × 600: the largest logit is ~730 (e^730 overflows, so this needs the
    // stable softmax) and the target is the class with the smallest logit, a loss of ~900.
    // Compared with the engine only: finite differences of a loss that size lose their digits.
    // Gradients reach ~600 here, whose rounding is ~1e-13: 1e-10 still leaves a factor 1000.
    const big = randomTanhMlp(41, 2, 4, 3);
    big.Wy = big.Wy.map((row) => row.map((w) => 600 * w));
    const xb = [0.8, -0.6];
    const hb = big.Wh.map((row, i) => Math.tanh(row[0] * xb[0] + row[1] * xb[1] + big.bh[i]));
    const logits = big.Wy.map((row, i) => row.reduce((s, w, j) => s + w * hb[j], big.by[i]));
    const worst = logits.indexOf(Math.min(...logits));
    const yb = oneHotOf(worst, 3);
    const want = engineTanhMlp(big, xb, yb);
    const gotBig = backpropTanhMlp(big, xb, yb);
    expectClose(gotBig?.deltaY, want.deltaY, ENGINE_TOL, "backpropTanhMlp(large logits).deltaY");
    for (const name of ["Wh", "bh", "Wy", "by"] as const) {
      expectClose(gotBig?.grads?.[name], want.grads[name], 1e-10, `backpropTanhMlp(large logits).grads.${name} vs the engine`);
    }
  });
});
