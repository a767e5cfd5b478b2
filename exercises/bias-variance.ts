// GENERATED from solutions/bias-variance.ts by `npm run exercises` (fingerprint 13d8daffcffe9565). This is your copy to edit.
// Replace each `throw new Error("not implemented yet: …")` with your code, then run the check(...) cell of the lesson or `npm run grade`.
/**
 * Lesson 2, Bias and variance: a ridge fit in closed form, ridge's covariance, and bias² and
 * variance estimated from simulated fits (CS 182 Discussion 2 (Berkeley), Problems 1–3).
 *
 * Layout: a matrix is an array of rows, `X[i][j]` = Xᵢⱼ (row i is example i).
 *
 * @lesson 2
 */
import { Matrix, inverse } from "ml-matrix";

/**
 * The ridge estimate θ̃ = (XᵀX + λI)⁻¹Xᵀy (λ = 0 gives OLS), solved without forming the inverse.
 *
 * @param X the n × d design matrix (n rows of d numbers)
 * @param y the n targets
 * @param lambda the penalty λ ≥ 0
 * @returns a new array of d numbers
 * @throws RangeError when y's length is not n, rows have different lengths, λ < 0 (or not a
 *   finite number), or XᵀX + λI is singular (e.g. λ = 0 with n < d); the message says which
 */
export function ridgeFit(X: number[][], y: number[], lambda: number): number[] {
  throw new Error("not implemented yet: ridgeFit (lesson 2)");
}

/**
 * Bias² and variance of a model's predictions, estimated from R simulated fits by replacing
 * expectations over training sets with averages (the plug-in estimates):
 *
 *   p̄ⱼ = (1/R) Σᵣ p[r][j],   bias² = (1/m) Σⱼ (p̄ⱼ − fⱼ)²,   variance = (1/m) Σⱼ (1/R) Σᵣ (p[r][j] − p̄ⱼ)²,
 *
 * so that bias² + variance equals the mean of (p[r][j] − fⱼ)² over all r and j exactly.
 *
 * @param predictions R rows (one per training set) of m predictions (one per test point)
 * @param truth the m true values fⱼ at the test points
 * @returns `{ bias2, variance }`
 * @throws RangeError when there are no predictions, or a row's length is not m
 */
export function biasVarianceEstimate(predictions: number[][], truth: number[]): { bias2: number; variance: number } {
  throw new Error("not implemented yet: biasVarianceEstimate (lesson 2)");
}

/**
 * The covariance of the ridge estimate when y = Xθ + ε with Cov(ε) = σ²I and X fixed:
 * Cov(θ̃) = σ²(XᵀX + λI)⁻¹XᵀX(XᵀX + λI)⁻¹ (λ = 0: OLS's σ²(XᵀX)⁻¹).
 *
 * @param X the n × d design matrix
 * @param sigma the noise standard deviation σ > 0
 * @param lambda the penalty λ ≥ 0
 * @returns a new d × d array
 * @throws RangeError for σ ≤ 0, λ < 0, or a singular XᵀX + λI
 */
export function ridgeCovariance(X: number[][], sigma: number, lambda: number): number[][] {
  throw new Error("not implemented yet: ridgeCovariance (lesson 2)");
}
