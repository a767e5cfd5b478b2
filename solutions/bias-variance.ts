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
  // BEGIN SOLUTION
  if (!Array.isArray(X) || X.length === 0) throw new RangeError("ridgeFit: X is empty; give at least one row.");
  const n = X.length, d = X[0].length;
  if (X.some((row) => row.length !== d)) throw new RangeError(`ridgeFit: every row of X needs ${d} entries (the length of row 0).`);
  if (!Array.isArray(y) || y.length !== n) throw new RangeError(`ridgeFit: X has ${n} rows but y has length ${y?.length}; give one target per row.`);
  if (typeof lambda !== "number" || !Number.isFinite(lambda) || lambda < 0) {
    throw new RangeError(`ridgeFit: lambda must be a finite number ≥ 0, got ${lambda}.`);
  }
  // A = XᵀX + λI and b = Xᵀy, then Cholesky A = LLᵀ and two triangular solves.
  const A = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, c) => X.reduce((s, row) => s + row[a] * row[c], 0) + (a === c ? lambda : 0)));
  const b = Array.from({ length: d }, (_, a) => X.reduce((s, row, i) => s + row[a] * y[i], 0));
  const L = A.map((row) => row.map(() => 0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > 1e-12 * Math.max(1, A[i][i]))) {
          throw new RangeError(`ridgeFit: XᵀX + λI is singular (λ = ${lambda}); use lambda > 0 or more independent rows.`);
        }
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  }
  const z = new Array<number>(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * z[k];
    z[i] = s / L[i][i];
  }
  const theta = new Array<number>(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < d; k++) s -= L[k][i] * theta[k];
    theta[i] = s / L[i][i];
  }
  return theta;
  // END SOLUTION
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
  // BEGIN SOLUTION
  if (!Array.isArray(predictions) || predictions.length === 0) throw new RangeError("biasVarianceEstimate: predictions is empty; give one row per training set.");
  const R = predictions.length, m = truth.length;
  if (m === 0) throw new RangeError("biasVarianceEstimate: truth is empty; give f at one or more test points.");
  predictions.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== m) throw new RangeError(`biasVarianceEstimate: predictions[${r}] has length ${row?.length} but truth has ${m} test points.`);
  });
  let bias2 = 0, variance = 0;
  for (let j = 0; j < m; j++) {
    let mean = 0;
    for (let r = 0; r < R; r++) mean += predictions[r][j] / R;
    bias2 += (mean - truth[j]) ** 2 / m;
    for (let r = 0; r < R; r++) variance += (predictions[r][j] - mean) ** 2 / (R * m);
  }
  return { bias2, variance };
  // END SOLUTION
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
  // BEGIN SOLUTION
  if (typeof sigma !== "number" || !Number.isFinite(sigma) || sigma <= 0) throw new RangeError(`ridgeCovariance: sigma must be a finite number > 0, got ${sigma}.`);
  if (typeof lambda !== "number" || !Number.isFinite(lambda) || lambda < 0) throw new RangeError(`ridgeCovariance: lambda must be a finite number ≥ 0, got ${lambda}.`);
  const M = new Matrix(X);
  const G = M.transpose().mmul(M);
  const A = G.clone().add(Matrix.eye(G.rows).mul(lambda));
  let Ainv: Matrix;
  try {
    Ainv = inverse(A);
  } catch {
    throw new RangeError(`ridgeCovariance: XᵀX + λI is singular (λ = ${lambda}); use lambda > 0.`);
  }
  const C = Ainv.mmul(G).mmul(Ainv).mul(sigma * sigma).to2DArray();
  if (!C.every((row) => row.every(Number.isFinite))) throw new RangeError(`ridgeCovariance: XᵀX + λI is singular (λ = ${lambda}); use lambda > 0.`);
  return C;
  // END SOLUTION
}
