import { expect } from "chai";
import { numericGradient, numericJacobian, numericMatrixGradient } from "../../../lib/calculus/finite-differences";
import { engineGradient, engineJacobian, engineMatrixGradient } from "../../../lib/calculus/engine-derivatives";
import { checkDerivative, maxAbsDifference, shapeOf } from "../../../lib/calculus/derivative-check";
import { dot, sin } from "../../../lib/autodiff/functions";
import type { Value } from "../../../lib/autodiff/value";

// f(x) = x₁²x₂ + sin x₂, with ∇f = (2x₁x₂, x₁² + cos x₂) worked out by hand.
const f = (x: number[]) => x[0] * x[0] * x[1] + Math.sin(x[1]);
const fv = (xs: Value[]) => xs[0].mul(xs[0]).mul(xs[1]).add(sin(xs[1]));
const gradByHand = (x: number[]) => [2 * x[0] * x[1], x[0] * x[0] + Math.cos(x[1])];

describe("lib/calculus finite differences", () => {
  it("numericGradient matches a gradient worked out by hand", () => {
    const x = [1.5, -0.7];
    // Central differences with h = 1e-5: truncation h²|f‴|/6 ≈ 1e-10, rounding ≈ 1e-11.
    expect(maxAbsDifference(numericGradient(f, x), gradByHand(x))).to.be.below(1e-8);
  });

  it("numericJacobian is outputs × inputs (numerator layout)", () => {
    // F(x) = (x₁x₂, 3x₃) has J = [[x₂, x₁, 0], [0, 0, 3]]: 2 outputs × 3 inputs, so a transposed layout would show as 3 × 2.
    const J = numericJacobian((x) => [x[0] * x[1], 3 * x[2]], [2, 5, 1]);
    expect(shapeOf(J)).to.deep.equal([2, 3]);
    // Products and linear maps: f‴ = 0, only rounding (≈ 1e-10) remains.
    expect(maxAbsDifference(J, [[5, 2, 0], [0, 0, 3]])).to.be.below(1e-8);
  });

  it("numericMatrixGradient has the shape of the matrix and leaves it alone", () => {
    const A = [[1, 2, 3], [4, 5, 6]];
    // f(A) = Σ Aᵢⱼ² has gradient 2A.
    const G = numericMatrixGradient((M) => M.flat().reduce((s, v) => s + v * v, 0), A);
    expect(shapeOf(G)).to.deep.equal([2, 3]);
    expect(maxAbsDifference(G, A.map((r) => r.map((v) => 2 * v)))).to.be.below(1e-8);
    expect(A).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
  });

  it("rejects bad points, steps and function results with messages naming them", () => {
    expect(() => numericGradient(f, [])).to.throw(RangeError, /x must be a non-empty/);
    expect(() => numericGradient(f, [1, NaN])).to.throw(RangeError, /x\[1\] is NaN/);
    expect(() => numericGradient(f, [1, 2], { step: 0 })).to.throw(RangeError, /step/);
    expect(() => numericGradient(() => NaN, [1])).to.throw(RangeError, /finite/);
    expect(() => numericMatrixGradient(() => 0, [[1, 2], [3]])).to.throw(RangeError, /row 1 has 1 entries/);
    expect(() => numericJacobian(() => [], [1])).to.throw(RangeError, /non-empty array/);
  });
});

describe("lib/calculus engine derivatives", () => {
  it("engineGradient agrees with the hand gradient to rounding", () => {
    const x = [1.5, -0.7];
    // Reverse mode is exact up to a few roundings of O(1) numbers.
    expect(maxAbsDifference(engineGradient(fv, x), gradByHand(x))).to.be.below(1e-14);
  });

  it("engineJacobian returns one row per output", () => {
    const J = engineJacobian((xs) => [xs[0].mul(xs[1]), xs[2].mul(3)], [2, 5, 1]);
    expect(J).to.deep.equal([[5, 2, 0], [0, 0, 3]]);
    // The second output does not read x₁ and x₂: their entries must be 0, not left over from row 1.
    expect(engineJacobian((xs) => [xs[0].mul(xs[1]), xs[1].add(xs[2].mul(3))], [2, 5, -1])).to.deep.equal([[5, 2, 0], [0, 1, 3]]);
  });

  it("engineMatrixGradient gives ∂f/∂Aᵢⱼ in A's shape", () => {
    // f(A) = (row 0 of A)·(1, 10): gradient [[1, 10], [0, 0]].
    const G = engineMatrixGradient((A) => dot(A[0], [1, 10]), [[3, 4], [5, 6]]);
    expect(G).to.deep.equal([[1, 10], [0, 0]]);
  });

  it("says what went wrong when f returns a number instead of a Value", () => {
    expect(() => engineGradient(() => 3 as unknown as Value, [1])).to.throw(TypeError, /must be a Value/);
    expect(() => engineJacobian(() => [], [1])).to.throw(TypeError, /non-empty array/);
  });
});

describe("lib/calculus derivative check", () => {
  it("passes a right formula and flags a wrong one", () => {
    const x = [0.3, 2];
    const right = checkDerivative({ name: "t", formula: "∇f", hand: gradByHand(x), engine: engineGradient(fv, x), numeric: numericGradient(f, x) });
    expect(right.ok).to.equal(true);
    expect(right.engineError).to.be.below(1e-14);
    const wrong = checkDerivative({ name: "t", formula: "∇f", hand: [2 * x[0] * x[1], x[0] * x[0]], engine: engineGradient(fv, x), numeric: numericGradient(f, x) });
    expect(wrong.ok).to.equal(false);
    expect(String(wrong)).to.match(/MISMATCH/);
  });

  it("rejects derivatives of different shapes, such as a transposed Jacobian", () => {
    expect(() => checkDerivative({ name: "P5", formula: "J", hand: [[1, 2, 3]], engine: [[1], [2], [3]], numeric: [[1, 2, 3]] })).to.throw(RangeError, /layout/);
  });

  it("maxAbsDifference does not let NaN through", () => {
    expect(() => maxAbsDifference([1, NaN], [1, 2])).to.throw(RangeError, /not finite/);
    expect(maxAbsDifference([[1, 2]], [[1, 2.5]])).to.equal(0.5);
  });
});
