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
  // BEGIN SOLUTION
  if (!Array.isArray(X) || !Array.isArray(y) || X.length !== y.length) {
    throw new RangeError(`empiricalRisk: X has ${X?.length} examples but y has ${y?.length}; give one target per input (same length).`);
  }
  if (X.length === 0) throw new RangeError("empiricalRisk: the dataset is empty; the average of no losses is undefined.");
  let total = 0;
  for (let k = 0; k < X.length; k++) {
    const l = loss(predict(X[k]), y[k]);
    if (typeof l !== "number" || !Number.isFinite(l)) throw new RangeError(`empiricalRisk: the loss of example ${k} is ${String(l)}, not a finite number.`);
    total += l;
  }
  return total / X.length;
  // END SOLUTION
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
  // BEGIN SOLUTION
  if (label !== 1 && label !== -1) throw new RangeError(`logisticLoss: the label must be −1 or +1, got ${label}. (For labels 0/1 use 2·label − 1.)`);
  if (typeof score !== "number" || !Number.isFinite(score)) throw new RangeError(`logisticLoss: the score must be a finite number, got ${score}.`);
  const m = label * score;
  return m >= 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
  // END SOLUTION
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
  // BEGIN SOLUTION
  if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) {
    throw new RangeError(`convexityGap: x has length ${x?.length} but y has length ${y?.length}; the two points must have the same length.`);
  }
  if (!(t >= 0 && t <= 1)) throw new RangeError(`convexityGap: t must be in [0, 1], got ${t}.`);
  const mid = x.map((xi, i) => t * xi + (1 - t) * y[i]);
  return f(mid) - (t * f(x) + (1 - t) * f(y));
  // END SOLUTION
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
  // BEGIN SOLUTION
  if (!Number.isSafeInteger(steps) || steps < 2) throw new RangeError(`findConvexityViolation: steps must be a whole number ≥ 2, got ${steps}.`);
  let best: { t: number; gap: number } | null = null;
  for (let k = 1; k < steps; k++) {
    const t = k / steps;
    const gap = convexityGap(f, x, y, t);
    if (gap > tolerance && (best === null || gap > best.gap)) best = { t, gap };
  }
  return best;
  // END SOLUTION
}
