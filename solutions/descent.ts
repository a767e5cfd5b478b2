/**
 * Lesson 4, Gradient descent, with and without convexity: a backtracking line search for the
 * descent method of Lecture 8 notes (Université Côte d'Azur) §3, and a check of the notes'
 * convex rate f(x_t) − f* ≤ 2L‖x₀ − x*‖²/(t + 4) along a recorded run.
 *
 * @lesson 4
 */

/** Options of {@link backtracking}. */
export interface BacktrackingOptions {
  /** Sufficient-decrease fraction α, in (0, 1); default 0.3. */
  alpha?: number;
  /** Shrink factor β, in (0, 1); default 0.5. */
  beta?: number;
  /** First trial step t₀ > 0; default 1. */
  t0?: number;
}

/**
 * Backtracking (Armijo) line search along the negative gradient: the first t in
 * t₀, t₀β, t₀β², … with
 *
 *     f(x − t·g) ≤ f(x) − α·t·‖g‖²
 *
 * where g = ∇f(x). Because −g is a descent direction, the condition holds for every small
 * enough t, so the search ends (give up with a RangeError after 100 shrinks: then g is not the
 * gradient of f at x).
 *
 * @param f the function, called on plain arrays
 * @param x the current point (not modified)
 * @param g the gradient ∇f(x), same length as x (not modified)
 * @param options α (default 0.3), β (default 0.5), t₀ (default 1)
 * @returns the accepted step size t
 * @throws RangeError naming `alpha`, `beta` or `t0` when out of range, or when x and g differ in length
 */
export function backtracking(f: (x: number[]) => number, x: number[], g: number[], options: BacktrackingOptions = {}): number {
  // BEGIN SOLUTION
  const alpha = options.alpha ?? 0.3, beta = options.beta ?? 0.5, t0 = options.t0 ?? 1;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`backtracking: alpha must be in (0, 1), got ${alpha}; 0.3 is usual.`);
  if (!(beta > 0 && beta < 1)) throw new RangeError(`backtracking: beta must be in (0, 1), got ${beta}; 0.5 is usual.`);
  if (!(t0 > 0 && Number.isFinite(t0))) throw new RangeError(`backtracking: t0 must be a positive finite number, got ${t0}.`);
  if (x.length !== g.length) throw new RangeError(`backtracking: x and g must have the same length, got ${x.length} and ${g.length}.`);
  const fx = f(x);
  const gg = g.reduce((s, v) => s + v * v, 0);
  let t = t0;
  for (let shrinks = 0; shrinks <= 100; shrinks++) {
    if (f(x.map((xi, i) => xi - t * g[i])) <= fx - alpha * t * gg) return t;
    t *= beta;
  }
  throw new RangeError("backtracking: no step passed after 100 shrinks; is g really ∇f(x)?");
  // END SOLUTION
}

/**
 * The convex rate of Lecture 8 notes §3 for gradient descent with step 1/L on a convex,
 * L-smooth f:
 *
 *     f(x_t) − f* ≤ 2L‖x₀ − x*‖² / (t + 4),   t = 0, 1, 2, …
 *
 * Given the recorded values fValues[t] = f(x_t), returns the first t where the inequality
 * fails (f(x_t) − f* > bound), or −1 when it holds at every t. A value that is NaN or ±Infinity
 * counts as a failure at its t (a run that blew up never satisfies a bound).
 *
 * @param fValues f(x₀), f(x₁), … of one run
 * @param fStar the minimum value f*
 * @param L the smoothness constant, a positive finite number
 * @param x0 the starting point x₀
 * @param xStar a minimiser x*, same length as x0
 * @throws RangeError naming `L` when it is not positive and finite, or when x0 and xStar differ in length
 */
export function firstConvexRateViolation(fValues: number[], fStar: number, L: number, x0: number[], xStar: number[]): number {
  // BEGIN SOLUTION
  if (!(L > 0 && Number.isFinite(L))) throw new RangeError(`firstConvexRateViolation: L must be a positive finite number, got ${L}.`);
  if (x0.length !== xStar.length) throw new RangeError(`firstConvexRateViolation: x0 and xStar must have the same length, got ${x0.length} and ${xStar.length}.`);
  const r2 = x0.reduce((s, v, i) => s + (v - xStar[i]) ** 2, 0);
  for (let t = 0; t < fValues.length; t++) {
    const gap = fValues[t] - fStar;
    if (!Number.isFinite(gap) || gap > (2 * L * r2) / (t + 4)) return t;
  }
  return -1;
  // END SOLUTION
}
