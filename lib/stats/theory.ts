/**
 * Bias and variance of OLS and ridge in closed form, for a fixed design X and noise
 * y = μ + ε, E[ε] = 0, Cov(ε) = σ²I (CS 182 Discussion 2 (Berkeley), Problems 1–3):
 *
 *   θ̃ = Hy with H = (XᵀX + λI)⁻¹Xᵀ        (λ = 0: OLS, H = (XᵀX)⁻¹Xᵀ)
 *   E[θ̃] = Hμ;  for a linear truth μ = Xθ:  bias = ((XᵀX + λI)⁻¹XᵀX − I)θ  (0 for OLS)
 *   Cov(θ̃) = σ²HHᵀ = σ²(XᵀX + λI)⁻¹XᵀX(XᵀX + λI)⁻¹   (OLS: σ²(XᵀX)⁻¹)
 *   at a test point x: bias xᵀE[θ̃] − f(x), variance xᵀCov(θ̃)x,
 *   expected test MSE E[(Y − xᵀθ̃)²] = bias² + variance + σ².
 *
 * Everything is computed through the SVD X = U diag(sᵢ) Vᵀ (ml-matrix): H = V diag(sᵢ/(sᵢ² + λ)) Uᵀ,
 * so in the basis of V the covariance is the Discussion's diagonal σ²·sᵢ²/(sᵢ² + λ)², and
 * OLS (λ = 0) never forms (XᵀX)⁻¹ explicitly.
 */
import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { checkMatrix, checkVector, type MatrixLike } from "../linalg/check";
import { checkLambda, checkSigma } from "./check";
import { checkFullRank } from "./ols";

/** Options of {@link ridgeTheory} and {@link ridgeOperator}. */
export interface TheoryOptions {
  /** Ridge penalty λ ≥ 0 (default 0: OLS, which then requires full column rank). */
  lambda?: number;
  /** Noise standard deviation σ > 0 (default 1, as in the Discussion). */
  sigma?: number;
}

/** The linear map y ↦ θ̃ of ridge (or OLS) for a fixed design, with its SVD pieces. */
export interface RidgeOperator {
  /** H = (XᵀX + λI)⁻¹Xᵀ, d×n, so θ̃ = Hy. */
  H: Matrix;
  /** Singular values sᵢ of X, largest first (sᵢ² are the eigenvalues of XᵀX). */
  s: number[];
  /** Right singular vectors as columns (d×r): the directions in which XᵀX is diagonal. */
  V: Matrix;
  lambda: number;
}

/**
 * H = (XᵀX + λI)⁻¹Xᵀ = V diag(sᵢ/(sᵢ² + λ)) Uᵀ for an n×d design X. With λ = 0, X must have
 * full column rank (the same check and message as {@link ols}).
 */
export function ridgeOperator(X: MatrixLike, options: TheoryOptions = {}): RidgeOperator {
  const fn = "ridgeOperator";
  const M = checkMatrix(fn, "X", X);
  const lambda = checkLambda(fn, options.lambda ?? 0);
  if (lambda === 0) checkFullRank(fn, M);
  const svd = new SingularValueDecomposition(M, { autoTranspose: true });
  const U = svd.leftSingularVectors, V = svd.rightSingularVectors, s = svd.diagonal;
  const r = s.length;
  // H = Σₖ vₖ (sₖ/(sₖ² + λ)) uₖᵀ over the r = min(n, d) singular triples (s = 0 ones add nothing).
  const H = new Matrix(M.columns, M.rows);
  for (let k = 0; k < r; k++) {
    if (s[k] === 0) continue;
    const w = s[k] / (s[k] * s[k] + lambda);
    for (let a = 0; a < M.columns; a++) {
      const va = V.get(a, k) * w;
      if (va === 0) continue;
      for (let i = 0; i < M.rows; i++) H.set(a, i, H.get(a, i) + va * U.get(i, k));
    }
  }
  return { H, s: s.slice(), V, lambda };
}

/** Mean, bias and covariance of the estimator θ̃ for a linear truth y = Xθ + ε. */
export interface EstimatorTheory {
  lambda: number;
  sigma: number;
  /** The true θ. */
  theta: number[];
  /** E[θ̃] = (XᵀX + λI)⁻¹XᵀXθ. */
  mean: number[];
  /** E[θ̃] − θ = ((XᵀX + λI)⁻¹XᵀX − I)θ; zero for OLS. */
  bias: number[];
  /** Cov(θ̃) = σ²(XᵀX + λI)⁻¹XᵀX(XᵀX + λI)⁻¹; σ²(XᵀX)⁻¹ for OLS. */
  cov: number[][];
}

/**
 * Bias vector and covariance of ridge (λ > 0) or OLS (λ = 0) for y = Xθ + ε, Cov(ε) = σ²I,
 * X fixed (GUIDE §6; CS 182 Discussion 2 (Berkeley), Problems 2–3).
 */
export function ridgeTheory(X: MatrixLike, theta: ArrayLike<number>, options: TheoryOptions = {}): EstimatorTheory {
  const fn = "ridgeTheory";
  const M = checkMatrix(fn, "X", X);
  const t = checkVector(fn, "theta", theta, M.columns, `X has d = ${M.columns} columns`);
  const sigma = checkSigma(fn, options.sigma ?? 1);
  const op = ridgeOperator(M, options);
  const mean = op.H.mmul(M).mmul(Matrix.columnVector(t)).getColumn(0);
  const cov = op.H.mmul(op.H.transpose()).mul(sigma * sigma);
  return { lambda: op.lambda, sigma, theta: t, mean, bias: mean.map((m, i) => m - t[i]), cov: cov.to2DArray() };
}

/** {@link ridgeTheory} with λ = 0: OLS is unbiased with Cov(θ̂) = σ²(XᵀX)⁻¹. */
export function olsTheory(X: MatrixLike, theta: ArrayLike<number>, options: { sigma?: number } = {}): EstimatorTheory {
  return ridgeTheory(X, theta, { sigma: options.sigma, lambda: 0 });
}

/** Bias, variance, noise and expected test MSE of a prediction at one test point. */
export interface PointTheory {
  /** E[f̂(x)] − f(x). */
  bias: number;
  /** Var f̂(x). */
  variance: number;
  /** σ², the irreducible error. */
  noise: number;
  /** E[(Y − f̂(x))²] = bias² + variance + σ². */
  testMse: number;
}

/**
 * At a test point x, for a linear truth: bias xᵀ(E[θ̃] − θ), variance xᵀCov(θ̃)x, noise σ² and
 * expected test MSE = bias² + variance + σ² (CS 182 Discussion 2 (Berkeley), Problem 1).
 */
export function predictionTheory(theory: EstimatorTheory, x: ArrayLike<number>): PointTheory {
  const d = theory.theta.length;
  const v = checkVector("predictionTheory", "x", x, d, `θ has d = ${d} entries`);
  let bias = 0, variance = 0;
  for (let a = 0; a < d; a++) {
    bias += v[a] * theory.bias[a];
    for (let c = 0; c < d; c++) variance += v[a] * theory.cov[a][c] * v[c];
  }
  const noise = theory.sigma ** 2;
  return { bias, variance, noise, testMse: bias * bias + variance + noise };
}

/** Bias², variance, noise and test MSE averaged over test points, and per point. */
export interface DecompositionTheory {
  /** Mean over test points of bias². */
  bias2: number;
  /** Mean over test points of the variance. */
  variance: number;
  /** σ². */
  noise: number;
  /** bias2 + variance + noise. */
  testMse: number;
  /** Per test point: E[f̂(x)], the bias and the variance. */
  points: { mean: number; bias: number; variance: number }[];
}

/** Arguments of {@link fixedDesignTheory}. */
export interface FixedDesignTheoryOptions {
  /** Training features Φ (n×d), fixed across training sets. */
  X: MatrixLike;
  /** E[y] at the training inputs: f(xᵢ) for each row (Xθ for a linear truth). */
  trainMean: ArrayLike<number>;
  /** Test features (m×d): the rows at which predictions are judged. */
  testX: MatrixLike;
  /** f at the test points (m values). */
  testTruth: ArrayLike<number>;
  /** Noise σ > 0 of the training and test targets. */
  sigma: number;
  /** Ridge penalty λ ≥ 0 (default 0, OLS). */
  lambda?: number;
}

/**
 * Exact bias² and variance of ridge/OLS predictions for ANY truth f (linear or not) when the
 * training inputs are fixed and only the noise changes: f̂(x) = φ(x)ᵀHy is linear in y, so
 * E[f̂(x)] = φ(x)ᵀH·E[y] and Var f̂(x) = σ²‖Hᵀφ(x)‖². Averaged over the test points, with
 * expected test MSE = bias² + variance + σ². This is what a degree sweep with fixed inputs
 * converges to.
 */
export function fixedDesignTheory(o: FixedDesignTheoryOptions): DecompositionTheory {
  const fn = "fixedDesignTheory";
  const X = checkMatrix(fn, "X", o.X);
  const mu = checkVector(fn, "trainMean", o.trainMean, X.rows, `X has n = ${X.rows} rows`);
  const T = checkMatrix(fn, "testX", o.testX);
  if (T.columns !== X.columns) {
    throw new RangeError(`${fn}: testX has ${T.columns} columns but X has ${X.columns}; build both with the same features.`);
  }
  const f = checkVector(fn, "testTruth", o.testTruth, T.rows, `testX has m = ${T.rows} rows`);
  const sigma = checkSigma(fn, o.sigma);
  const { H } = ridgeOperator(X, { lambda: o.lambda ?? 0 });
  const meanTheta = H.mmul(Matrix.columnVector(mu));
  const means = T.mmul(meanTheta).getColumn(0);
  const TH = T.mmul(H); // row j: the weights of y in the prediction at test point j
  const points = means.map((m, j) => {
    let ss = 0;
    for (let i = 0; i < TH.columns; i++) ss += TH.get(j, i) ** 2;
    return { mean: m, bias: m - f[j], variance: sigma * sigma * ss };
  });
  const bias2 = points.reduce((s, p) => s + p.bias * p.bias, 0) / points.length;
  const variance = points.reduce((s, p) => s + p.variance, 0) / points.length;
  const noise = sigma * sigma;
  return { bias2, variance, noise, testMse: bias2 + variance + noise, points };
}

/**
 * The diagonal case of CS 182 Discussion 2 (Berkeley), Problem 3: when XᵀX = diag(sᵢ²), ridge's
 * covariance is diagonal with Var θ̃ᵢ = σ²·sᵢ²/(sᵢ² + λ)² (OLS, λ = 0: σ²/sᵢ², unbounded as
 * sᵢ → 0, and an error at sᵢ = 0; ridge: at most σ²/(4λ), reached at sᵢ² = λ).
 */
export function diagonalRidgeVariance(s2: ArrayLike<number>, lambda: number, sigma = 1): number[] {
  const fn = "diagonalRidgeVariance";
  const l = checkLambda(fn, lambda);
  const sg = checkSigma(fn, sigma);
  return checkVector(fn, "s2", s2).map((v, i) => {
    if (v < 0) throw new RangeError(`${fn}: s2[${i}] = ${v} is negative; the sᵢ² are eigenvalues of XᵀX, so ≥ 0.`);
    if (v === 0 && l === 0) throw zeroDirection(fn, i);
    return (sg * sg * v) / (v + l) ** 2;
  });
}

/**
 * The diagonal case's bias: E[θ̃ᵢ] − θᵢ = (sᵢ²/(sᵢ² + λ) − 1)θᵢ = −λθᵢ/(sᵢ² + λ): ridge pulls each
 * coordinate towards 0, most where the data say least (small sᵢ).
 */
export function diagonalRidgeBias(s2: ArrayLike<number>, lambda: number, theta: ArrayLike<number>): number[] {
  const fn = "diagonalRidgeBias";
  const l = checkLambda(fn, lambda);
  const s = checkVector(fn, "s2", s2);
  const t = checkVector(fn, "theta", theta, s.length, `s2 has ${s.length} entries`);
  return s.map((v, i) => {
    if (v < 0) throw new RangeError(`${fn}: s2[${i}] = ${v} is negative; the sᵢ² are eigenvalues of XᵀX, so ≥ 0.`);
    if (v === 0 && l === 0) throw zeroDirection(fn, i);
    return (-l * t[i]) / (v + l);
  });
}

/** sᵢ² = 0 with λ = 0: OLS's variance σ²/sᵢ² is infinite and its estimate undefined there. */
function zeroDirection(fn: string, i: number): RangeError {
  return new RangeError(
    `${fn}: s2[${i}] = 0 with lambda = 0: the data carry no information in direction ${i}, so OLS is undefined there ` +
      `(its variance σ²/sᵢ² is infinite). Use a ridge penalty lambda > 0.`,
  );
}

/**
 * OLS with a random design: when each row of X is drawn independently from N(0, diag(cⱼ²)), OLS
 * is still unbiased and, averaging over designs too, Cov(θ̂) = σ²E[(XᵀX)⁻¹] =
 * σ²/(n − d − 1)·diag(1/cⱼ²) (the mean of an inverse Wishart matrix), for n > d + 1.
 * `scales` are the cⱼ (d of them).
 */
export function olsRandomDesignCovariance(n: number, scales: ArrayLike<number>, sigma = 1): number[][] {
  const fn = "olsRandomDesignCovariance";
  const c = checkVector(fn, "scales", scales);
  const d = c.length;
  if (!Number.isSafeInteger(n) || n <= d + 1) {
    throw new RangeError(`${fn}: n must be a whole number > d + 1 = ${d + 1} (E[(XᵀX)⁻¹] is infinite otherwise), got ${n}. Use more rows.`);
  }
  c.forEach((v, j) => {
    if (v <= 0) throw new RangeError(`${fn}: scales[${j}] = ${v}; each column's standard deviation must be > 0.`);
  });
  const sg = checkSigma(fn, sigma);
  return c.map((cj, a) => c.map((_, b) => (a === b ? (sg * sg) / ((n - d - 1) * cj * cj) : 0)));
}
