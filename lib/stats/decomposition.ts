/**
 * Bias², variance, noise and test MSE estimated from simulated fits, with standard errors
 * (CS 182 Discussion 2 (Berkeley), Problem 1: E[(Y − f̂(x))²] = Var f̂(x) + Bias(f̂(x))² + σ²).
 *
 * Input: predictions p[r][j] of the model fitted on training set r = 1..R at test point j = 1..m,
 * the truth f(xⱼ), and (optionally) fresh test targets y[r][j] = f(xⱼ) + ε drawn independently
 * of training set r. Per test point, with p̄ⱼ the mean prediction and vⱼ the sample variance
 * (divisor R − 1):
 *
 *   variance  = meanⱼ vⱼ                              (unbiased)
 *   bias²     = meanⱼ [(p̄ⱼ − fⱼ)² − vⱼ/R]             (unbiased: (p̄ − f)² alone is too big by Var p̄ = v/R)
 *   noise     = mean (y − f)²                         (or σ² when given instead of test targets)
 *   test MSE  = mean (y − p)²
 *
 * These two estimators add up EXACTLY to the mean squared distance of the fits from the truth,
 * bias² + variance = mean over r, j of (p − f)² (the "reducible error"), so the decomposition
 * holds to rounding; test MSE − (bias² + variance + noise) = 2·mean[ε(f − p)] is a zero-mean
 * cross term, so it holds within the test MSE's standard error.
 *
 * Standard errors: test MSE and noise from the spread of their per-training-set means (these
 * are independent across r); bias² and variance by the jackknife over training sets (leave one
 * out, O(R·m) with running sums), floored for bias² by its second-order term 2·tr(C²)/(m²R²)
 * (C the covariance of the predictions across test points), which the jackknife misses when the
 * bias is near 0.
 */
import { checkSigma } from "./check";

/** An estimate and its standard error. */
export interface Estimate {
  value: number;
  se: number;
}

/** The fewest training sets accepted: a standard error from fewer is mostly noise itself. */
export const MIN_TRIALS = 10;

/** What {@link biasVarianceFromPredictions} returns. */
export interface BiasVarianceEstimate {
  /** Number of training sets R. */
  trials: number;
  /** Number of test points m. */
  testPoints: number;
  bias2: Estimate;
  variance: Estimate;
  noise: Estimate;
  testMse: Estimate;
  /** mean over trials and points of (f̂ − f)²; equals bias2 + variance to rounding. */
  reducible: number;
  /** p̄ⱼ, the mean prediction at each test point. */
  meanPrediction: number[];
  /** vⱼ, the variance of the prediction at each test point (divisor R − 1). */
  pointVariance: number[];
}

/** Options of {@link biasVarianceFromPredictions}. */
export interface DecompositionOptions {
  /** Fresh test targets y[r][j] = f(xⱼ) + ε, one row per training set (R×m); noise and test MSE are measured on them. */
  testTargets?: ReadonlyArray<ArrayLike<number>>;
  /** Noise σ, when there are no test targets: then noise = σ² exactly (se 0) and test MSE = mean (f̂ − f)² + σ². */
  sigma?: number;
}

/**
 * Estimates bias², variance, noise and test MSE, each with a standard error, from R × m
 * predictions (R ≥ {@link MIN_TRIALS} training sets, m test points) and the truth at the test
 * points. Pass `testTargets` (fresh noisy targets) or `sigma`.
 */
export function biasVarianceFromPredictions(
  predictions: ReadonlyArray<ArrayLike<number>>,
  truth: ArrayLike<number>,
  options: DecompositionOptions,
): BiasVarianceEstimate {
  const fn = "biasVarianceFromPredictions";
  if (!Array.isArray(predictions)) throw new TypeError(`${fn}: predictions must be an array of rows (one per training set), got ${typeof predictions}.`);
  const R = predictions.length;
  if (R < MIN_TRIALS) {
    throw new RangeError(
      `${fn}: ${R} training set${R === 1 ? "" : "s"} is too few for a standard error; simulate at least ${MIN_TRIALS} (a few hundred gives errors of a few percent).`,
    );
  }
  if (truth == null || typeof truth.length !== "number") throw new TypeError(`${fn}: truth must be an array with f at each test point.`);
  const m = truth.length;
  if (m < 1) throw new RangeError(`${fn}: truth is empty; give f at one or more test points.`);
  for (let j = 0; j < m; j++) if (!Number.isFinite(truth[j])) throw new RangeError(`${fn}: truth[${j}] is ${truth[j]}; f must be finite at every test point.`);
  checkRows(fn, "predictions", predictions, m);
  const opts = options ?? {};
  const targets = opts.testTargets;
  if (targets !== undefined) {
    if (!Array.isArray(targets) || targets.length !== R) {
      throw new RangeError(`${fn}: testTargets needs one row per training set (${R}), got ${Array.isArray(targets) ? targets.length : typeof targets}.`);
    }
    checkRows(fn, "testTargets", targets, m);
  } else if (opts.sigma === undefined) {
    throw new TypeError(`${fn}: pass options.testTargets (fresh noisy targets) or options.sigma (the known noise level) to measure the noise term.`);
  }
  const sigma = targets === undefined ? checkSigma(fn, opts.sigma) : undefined;

  const mean = new Float64Array(m);
  for (const row of predictions) for (let j = 0; j < m; j++) mean[j] += row[j];
  for (let j = 0; j < m; j++) mean[j] /= R;
  const ss = new Float64Array(m);
  let reducible = 0;
  for (const row of predictions) {
    for (let j = 0; j < m; j++) {
      const c = row[j] - mean[j];
      ss[j] += c * c;
      reducible += (row[j] - truth[j]) ** 2;
    }
  }
  reducible /= R * m;
  const pointVariance = Array.from(ss, (s) => s / (R - 1));
  const stats = (meanAt: (j: number) => number, ssAt: (j: number) => number, n: number): [number, number] => {
    let b = 0, v = 0;
    for (let j = 0; j < m; j++) {
      const vj = ssAt(j) / (n - 1);
      b += (meanAt(j) - truth[j]) ** 2 - vj / n;
      v += vj;
    }
    return [b / m, v / m];
  };
  const [bias2, variance] = stats((j) => mean[j], (j) => ss[j], R);

  // Jackknife: leave training set r out. With cⱼ = p[r][j] − p̄ⱼ, the remaining R' = R − 1 sets
  // have mean p̄ⱼ − cⱼ/R' and sum of squares ssⱼ − cⱼ²·R/R'.
  const Rp = R - 1;
  const jb = new Float64Array(R), jv = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    const row = predictions[r];
    const [b, v] = stats(
      (j) => mean[j] - (row[j] - mean[j]) / Rp,
      (j) => ss[j] - ((row[j] - mean[j]) ** 2 * R) / Rp,
      Rp,
    );
    jb[r] = b;
    jv[r] = v;
  }

  let noise: Estimate, testMse: Estimate;
  if (targets !== undefined) {
    const perNoise = new Float64Array(R), perMse = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      let a = 0, e = 0;
      for (let j = 0; j < m; j++) {
        a += (targets[r][j] - truth[j]) ** 2;
        e += (targets[r][j] - predictions[r][j]) ** 2;
      }
      perNoise[r] = a / m;
      perMse[r] = e / m;
    }
    noise = meanAndSe(perNoise);
    testMse = meanAndSe(perMse);
  } else {
    const s2 = sigma! * sigma!;
    const per = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      let e = 0;
      for (let j = 0; j < m; j++) e += (predictions[r][j] - truth[j]) ** 2;
      per[r] = e / m + s2;
    }
    noise = { value: s2, se: 0 };
    testMse = meanAndSe(per);
  }
  return {
    trials: R,
    testPoints: m,
    bias2: { value: bias2, se: Math.max(jackknifeSe(jb), secondOrderSe(predictions, mean)) },
    variance: { value: variance, se: jackknifeSe(jv) },
    noise,
    testMse,
    reducible,
    meanPrediction: Array.from(mean),
    pointVariance,
  };
}

/** The sample mean of independent values and its standard error sd/√n. */
export function meanAndSe(values: ArrayLike<number>): Estimate {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i];
  const mean = s / n;
  let q = 0;
  for (let i = 0; i < n; i++) q += (values[i] - mean) ** 2;
  return { value: mean, se: n > 1 ? Math.sqrt(q / (n - 1) / n) : Infinity };
}

/**
 * The standard error bias² has even when the bias is 0: with p̄ ~ N(f, C/R) (C the m×m
 * covariance of the predictions), Var meanⱼ(p̄ⱼ − fⱼ)² = 2·tr(C²)/(m²R²). The jackknife sees only
 * the first-order term 4bᵀCb/(m²R), which vanishes with the bias b, and then reports a standard
 * error near 0 whenever p̄ happens to land near f; this floor keeps it honest there.
 */
function secondOrderSe(predictions: ReadonlyArray<ArrayLike<number>>, mean: Float64Array): number {
  const R = predictions.length, m = mean.length;
  const C = new Float64Array(m * m);
  const c = new Float64Array(m);
  for (const row of predictions) {
    for (let j = 0; j < m; j++) c[j] = row[j] - mean[j];
    for (let j = 0; j < m; j++) for (let k = 0; k <= j; k++) C[j * m + k] += c[j] * c[k];
  }
  let tr = 0;
  for (let j = 0; j < m; j++) {
    for (let k = 0; k <= j; k++) {
      const v = C[j * m + k] / (R - 1);
      tr += (j === k ? 1 : 2) * v * v;
    }
  }
  return Math.sqrt((2 * tr) / (m * m * R * R));
}

/** Jackknife standard error √((R−1)/R · Σ(θ₍ᵣ₎ − θ̄₍·₎)²) from the R leave-one-out statistics. */
function jackknifeSe(loo: Float64Array): number {
  const R = loo.length;
  let s = 0;
  for (let r = 0; r < R; r++) s += loo[r];
  const mean = s / R;
  let q = 0;
  for (let r = 0; r < R; r++) q += (loo[r] - mean) ** 2;
  return Math.sqrt(((R - 1) / R) * q);
}

function checkRows(fn: string, name: string, rows: ReadonlyArray<ArrayLike<number>>, m: number): void {
  rows.forEach((row, r) => {
    if (row == null || row.length !== m) {
      throw new RangeError(`${fn}: ${name}[${r}] has ${row == null ? "no" : row.length} entries but there are ${m} test points (the length of truth).`);
    }
    for (let j = 0; j < m; j++) {
      if (!Number.isFinite(row[j])) throw new RangeError(`${fn}: ${name}[${r}][${j}] is ${row[j]}; every value must be finite (a diverged fit?).`);
    }
  });
}
