// GENERATED from solutions/risk.ts by `npm run exercises` (fingerprint 6b7d9a4723d5c2d5). This is your copy to edit.
// Replace each `throw new Error("not implemented yet: …")` with your code, then run the check(...) cell of the lesson or `npm run grade`.
/**
 * Lesson 1, Risk and empirical risk minimisation: the empirical risk of a model on a dataset,
 * the logistic loss written so it never overflows, and a numerical test of the convexity
 * inequality (Lecture 8 notes (Université Côte d'Azur) §1–2; the NN optimization slides).
 *
 * @lesson 1
 */

/**
 * The empirical risk R̂ = (1/N) Σₖ ℓ(f(xₖ), yₖ): the average loss of the model `predict` over
 * the N examples (X[k], y[k]).
 *
 * @param predict the model f, from one input to a prediction
 * @param X the inputs, one per example
 * @param y the targets, one per example (same length as X)
 * @param loss ℓ(prediction, target)
 * @throws RangeError for an empty dataset, X and y of different lengths, or a loss that is not a
 *   finite number for some example (the message names the example)
 */
export function empiricalRisk(
  predict: (x: number[]) => number,
  X: number[][],
  y: number[],
  loss: (prediction: number, target: number) => number,
): number {
  throw new Error("not implemented yet: empiricalRisk (lesson 1)");
}

/**
 * The logistic loss of a score s for a label y ∈ {−1, +1}: ℓ = log(1 + exp(−y·s)) (the NN
 * optimization slides, with s = xᵀw). Written in terms of the margin m = y·s so that it stays
 * finite and accurate for any finite s: for m ≥ 0, log(1 + e^{−m}) with `Math.log1p`; for m < 0,
 * −m + log(1 + e^{m}) (the same number, without computing e^{|m|}).
 *
 * @throws RangeError when the label is not −1 or +1, or the score is not finite
 */
export function logisticLoss(score: number, label: number): number {
  throw new Error("not implemented yet: logisticLoss (lesson 1)");
}

/**
 * The convexity gap of f between the points x and y at t ∈ [0, 1]:
 *
 *   gap = f(t·x + (1 − t)·y) − (t·f(x) + (1 − t)·f(y)).
 *
 * A convex f has gap ≤ 0 for every x, y and t; a positive gap is an explicit point where the
 * graph of f lies above its chord, proving f is not convex.
 *
 * @throws RangeError when x and y have different lengths or t is outside [0, 1]
 */
export function convexityGap(f: (p: number[]) => number, x: number[], y: number[], t: number): number {
  throw new Error("not implemented yet: convexityGap (lesson 1)");
}

/**
 * Searches the segment between x and y for a violation of the convexity inequality: evaluates
 * {@link convexityGap} at t = 1/steps, 2/steps, …, (steps − 1)/steps and returns the t with the
 * largest gap and that gap, or null when no gap exceeds `tolerance` (rounding can make a convex
 * function's gap a hair above 0, hence the tolerance).
 *
 * @param steps how finely to search, a whole number ≥ 2 (default 100)
 * @param tolerance gaps at or below this count as no violation (default 1e-9)
 */
export function findConvexityViolation(
  f: (p: number[]) => number,
  x: number[],
  y: number[],
  steps = 100,
  tolerance = 1e-9,
): { t: number; gap: number } | null {
  throw new Error("not implemented yet: findConvexityViolation (lesson 1)");
}
