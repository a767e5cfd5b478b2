// GENERATED from solutions/descent.ts by `npm run exercises` (fingerprint ca51869214658b23). This is your copy to edit.
// Replace each `throw new Error("not implemented yet: …")` with your code, then run the check(...) cell of the lesson or `npm run grade`.
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
  throw new Error("not implemented yet: backtracking (lesson 4)");
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
  throw new Error("not implemented yet: firstConvexRateViolation (lesson 4)");
}
