// Public graded tests for question "softmax-ce-delta" (lesson 10, Backpropagation):
// solutions/backprop.ts softmaxCrossEntropyDelta.
import { expectClose, expectThrows } from "../expect";
import { loadOwn } from "./own-code";
import { rng } from "../../../lib/random";
import { centralDifference, oneHotOf, softmaxCrossEntropy } from "./reference";

type Backprop = typeof import("../../../exercises/backprop");

// A softmax and one subtraction per entry: a correct answer is within a few ulps of the exact
// value (entries are at most 1 in size), so 1e-12 is far above rounding and far below a mistake.
const TOL = 1e-12;
// Central differences with h = 1e-5 of a cross-entropy whose derivatives are O(1): truncation
// h²|ℓ‴|/6 ≈ 1e-11 and rounding ε|ℓ|/h ≈ 1e-10 (measured ≤ 3.4e-11 here). 1e-8 leaves a factor
// of 100; a wrong formula (e.g. forgetting − y, or a missing softmax) is off by ≥ 0.05.
const FD_TOL = 1e-8;

describe("softmax-ce-delta", () => {
  it("gives ŷ − y on logits whose softmax is known by hand [1 pt]", () => {
    const { softmaxCrossEntropyDelta } = loadOwn<Backprop>();
    // Equal logits: ŷ = (1/3, 1/3, 1/3), so δ = (1/3 − 1, 1/3, 1/3).
    expectClose(softmaxCrossEntropyDelta([1, 1, 1], [1, 0, 0]), [-2 / 3, 1 / 3, 1 / 3], TOL, "softmaxCrossEntropyDelta([1, 1, 1], [1, 0, 0])");
    // Logits (0, ln 3): e^0 = 1 and e^{ln 3} = 3, so ŷ = (1/4, 3/4) and δ = (1/4, 3/4 − 1).
    expectClose(softmaxCrossEntropyDelta([0, Math.log(3)], [0, 1]), [0.25, -0.25], TOL, "softmaxCrossEntropyDelta([0, ln 3], [0, 1])");
  });

  it("is the gradient of the cross-entropy, checked by central finite differences [1 pt]", () => {
    const { softmaxCrossEntropyDelta } = loadOwn<Backprop>();
    const r = rng(1010);
    for (let trial = 0; trial < 5; trial++) {
      const k = 2 + trial;
      const z = r.normals(k, 0, 2);
      // One-hot targets, and on the last trial a soft target (ŷ − y holds for any Σy = 1).
      const y = trial < 4 ? oneHotOf(trial % k, k) : [0.1, 0.2, 0.3, 0.15, 0.05, 0.2];
      const numeric = centralDifference((zz) => softmaxCrossEntropy(zz, y), z);
      expectClose(softmaxCrossEntropyDelta(z, y), numeric, FD_TOL, `softmaxCrossEntropyDelta(random logits ${trial}, y = [${y.join(", ")}])`);
    }
  });

  it("stays finite for large logits, where e^1000 overflows (subtract the largest logit first) [1 pt]", () => {
    const { softmaxCrossEntropyDelta } = loadOwn<Backprop>();
    // By hand: softmax(1000, 999, 0) = (1, e⁻¹, e⁻¹⁰⁰⁰)/(1 + e⁻¹ + e⁻¹⁰⁰⁰), and e⁻¹⁰⁰⁰ ≈ 1e−434
    // is 0 in double precision.
    const s = 1 + Math.exp(-1);
    expectClose(
      softmaxCrossEntropyDelta([1000, 999, 0], [0, 1, 0]),
      [1 / s, Math.exp(-1) / s - 1, 0],
      TOL,
      "softmaxCrossEntropyDelta([1000, 999, 0], [0, 1, 0])",
    );
  });

  it("rejects logits and y of different lengths, and a y that does not sum to 1 [1 pt]", () => {
    const { softmaxCrossEntropyDelta } = loadOwn<Backprop>();
    expectThrows(() => softmaxCrossEntropyDelta([1, 2, 3], [0, 1]), "softmaxCrossEntropyDelta([1, 2, 3], [0, 1])", /length/);
    expectThrows(() => softmaxCrossEntropyDelta([1, 2], [1, 1]), "softmaxCrossEntropyDelta([1, 2], [1, 1])", /sum/);
  });
});
