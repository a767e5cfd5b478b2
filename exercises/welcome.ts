// GENERATED from solutions/welcome.ts by `npm run exercises` (fingerprint 6f55302a581c78a1). This is your copy to edit.
// Replace each `throw new Error("not implemented yet: …")` with your code, then run the check(...) cell of the lesson or `npm run grade`.
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
  throw new Error("not implemented yet: gdStep (lesson 0)");
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
  throw new Error("not implemented yet: gdRun (lesson 0)");
}
