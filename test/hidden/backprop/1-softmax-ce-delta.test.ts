// Hidden graded tests for question "softmax-ce-delta": never shipped to students (tools/release).
import { expectClose, expectNotMutated, expectThrows } from "../../graded/expect";
import { loadOwn } from "../../graded/backprop/own-code";
import { rng } from "../../../lib/random";

type Backprop = typeof import("../../../exercises/backprop");

// Entries of ŷ − y are at most 1 in size and need a handful of operations: 1e-12 is far above
// rounding (~1e-16) and far below any real mistake.
const TOL = 1e-12;

describe("softmax-ce-delta", () => {
  it("handles one class, extreme logits and a shift of all logits [1 pt]", () => {
    const { softmaxCrossEntropyDelta } = loadOwn<Backprop>();
    // One class: softmax of a single logit is 1 whatever its size, and y = [1]: δ = [0].
    expectClose(softmaxCrossEntropyDelta([5], [1]), [0], TOL, "softmaxCrossEntropyDelta([5], [1])");
    expectClose(softmaxCrossEntropyDelta([-800], [1]), [0], TOL, "softmaxCrossEntropyDelta([-800], [1])");
    // ±1e4: ŷ = (0, 1, 0) up to e⁻¹⁰⁰⁰⁰; with a soft target (0.2, 0.3, 0.5), δ = (−0.2, 0.7, −0.5).
    expectClose(softmaxCrossEntropyDelta([-1e4, 1e4, 0], [0.2, 0.3, 0.5]), [-0.2, 0.7, -0.5], TOL, "softmaxCrossEntropyDelta([-1e4, 1e4, 0], [0.2, 0.3, 0.5])");
    // Adding 710 to every logit changes nothing in exact arithmetic, but e⁷¹⁰ overflows to
    // Infinity, so only a softmax that subtracts the largest logit survives it.
    const r = rng(77);
    const z = r.normals(5, 0, 3);
    const y = [0, 0, 1, 0, 0];
    const base = softmaxCrossEntropyDelta(z, y);
    // z + 710 is rounded to the spacing of doubles near 710 (~1e-13), so ŷ moves by ~1e-13:
    // hence 1e-10 here instead of TOL.
    expectClose(softmaxCrossEntropyDelta(z.map((v) => v + 710), y), base, 1e-10, "softmaxCrossEntropyDelta(z + 710, y)");
  });

  it("rejects NaN logits, an empty input and negative target entries; leaves its inputs alone [1 pt]", () => {
    const { softmaxCrossEntropyDelta } = loadOwn<Backprop>();
    expectThrows(() => softmaxCrossEntropyDelta([Number.NaN, 0], [1, 0]), "softmaxCrossEntropyDelta([NaN, 0], [1, 0])");
    expectThrows(() => softmaxCrossEntropyDelta([Number.POSITIVE_INFINITY, 0], [1, 0]), "softmaxCrossEntropyDelta([Infinity, 0], [1, 0])");
    expectThrows(() => softmaxCrossEntropyDelta([], []), "softmaxCrossEntropyDelta([], [])");
    // Sums to 1 but is not a probability vector.
    expectThrows(() => softmaxCrossEntropyDelta([0, 0], [1.5, -0.5]), "softmaxCrossEntropyDelta([0, 0], [1.5, -0.5])");
    const logits = [0.3, -1, 2], y = [0, 1, 0];
    expectNotMutated("softmaxCrossEntropyDelta", { logits, y }, () => softmaxCrossEntropyDelta(logits, y));
  });
});
