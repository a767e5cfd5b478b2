/**
 * Lesson 0, Welcome: the smallest graded exercise, one step of gradient descent and a short run.
 *
 * @lesson 0
 */

/**
 * One step of gradient descent: θ⁺ = θ − η·g, with η = `lr` (torch.optim's name).
 *
 * Returns a new array and leaves `theta` and `grad` untouched, so a caller can keep the
 * whole path of iterates.
 *
 * @param theta the current point θ
 * @param grad the gradient g = ∇f(θ) at that point, same length as θ
 * @param lr the step size η, a positive finite number
 * @throws RangeError when `lr` is not positive and finite, or the lengths differ
 */
export function gdStep(theta: number[], grad: number[], lr: number): number[] {
  // BEGIN SOLUTION
  if (!(Number.isFinite(lr) && lr > 0)) {
    throw new RangeError(`gdStep: lr must be a positive finite number, got ${lr}`);
  }
  if (theta.length !== grad.length) {
    throw new RangeError(`gdStep: theta has ${theta.length} entries but grad has ${grad.length}; they must have the same length`);
  }
  return theta.map((t, i) => t - lr * grad[i]);
  // END SOLUTION
}

/**
 * Runs `steps` steps of gradient descent from θ₀: θₖ₊₁ = θₖ − η·∇f(θₖ).
 *
 * @param grad computes ∇f at a point
 * @param theta0 the starting point θ₀ (left untouched)
 * @param lr the step size η
 * @param steps how many steps, a whole number ≥ 0
 * @returns the path [θ₀, θ₁, …, θ_steps]: `steps + 1` points, each a new array
 */
export function gdRun(grad: (theta: number[]) => number[], theta0: number[], lr: number, steps: number): number[][] {
  // BEGIN SOLUTION
  if (!(Number.isInteger(steps) && steps >= 0)) {
    throw new RangeError(`gdRun: steps must be a whole number ≥ 0, got ${steps}`);
  }
  const path = [theta0.slice()];
  for (let k = 0; k < steps; k++) path.push(gdStep(path[k], grad(path[k]), lr));
  return path;
  // END SOLUTION
}
