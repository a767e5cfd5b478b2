/**
 * Polynomial features: the design matrix that turns a straight-line fit into a polynomial fit,
 * so the bias–variance lesson can grow a model's capacity one degree at a time.
 */
import { checkVector, describe } from "../linalg/check";

/** Options of {@link polynomialFeatures}. */
export interface PolynomialFeatureOptions {
  /** Start each row with the constant 1 (the intercept column). Default true. */
  bias?: boolean;
}

/**
 * The n×(degree+1) design matrix Φ with Φᵢₖ = xᵢᵏ, k = 0..degree (k = 1..degree without the
 * bias column), for scalar inputs x₁…xₙ. Degree 0 with `bias` is a constant model.
 *
 * Keep inputs in about [−1, 1]: columns xᵏ of inputs far from it differ in scale by many
 * orders of magnitude, and XᵀX becomes ill-conditioned long before the model is interesting.
 *
 * Throws a RangeError for a degree that is not a whole number from 0 to 30 (0 needs the bias
 * column), and for non-finite inputs.
 */
export function polynomialFeatures(x: ArrayLike<number>, degree: number, options: PolynomialFeatureOptions = {}): number[][] {
  const fn = "polynomialFeatures";
  const bias = options.bias ?? true;
  if (typeof degree !== "number" || !Number.isInteger(degree) || degree < 0 || degree > 30) {
    throw new RangeError(
      `${fn}: degree must be a whole number from 0 to 30, got ${describe(degree)}. ` +
        `It is the highest power of x in the model, e.g. 3 for a cubic.`,
    );
  }
  if (degree === 0 && !bias) throw new RangeError(`${fn}: degree 0 without the bias column leaves no features; use degree ≥ 1 or bias: true.`);
  const xs = checkVector(fn, "x", x);
  return xs.map((xi) => {
    const row: number[] = [];
    let p = 1;
    for (let k = 0; k <= degree; k++) {
      if (k > 0 || bias) row.push(p);
      p *= xi;
    }
    return row;
  });
}
