/**
 * Monte Carlo over training sets: draw many training sets from a known model, fit each, and
 * measure bias², variance, noise and test MSE with standard errors (see decomposition.ts),
 * so a lesson can watch the simulation land on the closed forms of theory.ts.
 *
 * - {@link simulateLinear}: y = Xθ + ε with a fixed design (only the noise changes) or a random
 *   design (new Gaussian rows each time), fitted by OLS or ridge; keeps every θ̂ for a cloud.
 * - {@link simulateCurve}: a non-linear truth f (e.g. sin πx) on [a, b], fitted with polynomial
 *   features of a given degree, fixed or random training inputs.
 *
 * Every draw comes from `rng(seed, { generator })`, by default the fast stream (xoshiro128** with
 * ziggurat normals, drawn in batches with `fillNormal`); the same options give the same numbers.
 * `generator: "mt19937"` draws from the default stream of `rng(seed)` instead (slower). Training
 * noise, designs and test noise are drawn in a fixed order per trial, so sweeps over λ or degree
 * that reuse a seed see the same training sets (common random numbers: smoother curves).
 */
import { Matrix } from "ml-matrix";
import { checkMatrix, checkVector, type MatrixLike } from "../linalg/check";
import { liveProgress, type LiveProgress } from "../plot/live";
import { rng, RNG_GENERATORS, type RngGenerator } from "../random";
import { checkInteger, checkLambda, checkSigma } from "./check";
import { biasVarianceFromPredictions, MIN_TRIALS, type BiasVarianceEstimate } from "./decomposition";
import { ols } from "./ols";
import { polynomialFeatures } from "./polynomial";
import { RidgeSolver } from "./ridge";
import { fixedDesignTheory, ridgeOperator, type DecompositionTheory } from "./theory";

/** Most trials one simulation accepts (memory: trials × test points numbers are kept). */
export const MAX_TRIALS = 1_000_000;

/** Options shared by both simulations. */
export interface SimulationCommon {
  /** Noise standard deviation σ > 0 of training and test targets. */
  sigma: number;
  /** Ridge penalty λ ≥ 0 (default 0: OLS). */
  lambda?: number;
  /** Number of training sets R (at least 10, for standard errors). */
  trials: number;
  /** Seed of `rng` (0 to 2³² − 1). */
  seed: number;
  /**
   * The random stream: `"xoshiro128**"` (default: ziggurat normals, about 5× faster per normal)
   * or `"mt19937"` (the stream of `rng(seed)`). Different generators give different, equally
   * valid numbers for the same seed.
   */
  generator?: RngGenerator;
  /** Show a live progress bar and running test MSE (true, or a title). Default off. */
  progress?: boolean | string;
}

/** Options of {@link simulateLinear}. */
export interface LinearSimulationOptions extends SimulationCommon {
  /** The true θ (d entries). */
  theta: ArrayLike<number>;
  /** Fixed design: the same n×d X in every training set. Give this or `randomDesign`. */
  X?: MatrixLike;
  /** Random design: each training set has n rows drawn from N(0, diag(scales²)) (scales default 1). */
  randomDesign?: { n: number; scales?: ArrayLike<number> };
  /** Test points (m×d) where predictions are judged; default the d unit vectors eᵢ, so bias² and variance are per coordinate of θ̂. */
  testX?: MatrixLike;
}

/** Result of {@link simulateLinear}. */
export interface LinearSimulation extends BiasVarianceEstimate {
  /** θ̂ of every training set (trials × d): the cloud to draw against the covariance ellipse. */
  estimates: number[][];
  /** The sample mean of θ̂. */
  thetaMean: number[];
  /** The sample covariance of θ̂ (divisor R − 1). */
  thetaCov: number[][];
  /** Exact theory at the test points for a fixed design (undefined for a random design). */
  theory?: DecompositionTheory;
  lambda: number;
  sigma: number;
}

/**
 * Simulates `trials` training sets from y = Xθ + ε, ε ~ N(0, σ²I), fits OLS (λ = 0) or ridge,
 * and estimates bias², variance, noise and test MSE at the test points with standard errors.
 *
 * ```ts
 * const sim = simulateLinear({ X, theta: [1, -1], sigma: 1, lambda: 0, trials: 2000, seed: 1 });
 * sim.variance;   // { value, se }, against theory: sim.theory.variance
 * ```
 */
export function simulateLinear(o: LinearSimulationOptions): LinearSimulation {
  const fn = "simulateLinear";
  const { sigma, lambda, trials } = checkCommon(fn, o);
  const theta = checkVector(fn, "theta", o.theta);
  const d = theta.length;
  if (d === 0) throw new RangeError(`${fn}: theta is empty; give the true parameter vector.`);
  if ((o.X === undefined) === (o.randomDesign === undefined)) {
    throw new TypeError(`${fn}: give exactly one of X (a fixed design, same inputs every time) or randomDesign: { n } (new Gaussian inputs each training set).`);
  }
  const testX = o.testX === undefined ? Matrix.eye(d, d) : checkMatrix(fn, "testX", o.testX);
  if (testX.columns !== d) throw new RangeError(`${fn}: testX has ${testX.columns} columns but theta has d = ${d} entries.`);
  const m = testX.rows;
  const truth = testX.mmul(Matrix.columnVector(theta)).getColumn(0);
  const r = rng(o.seed, { generator: o.generator ?? "xoshiro128**" });

  let n: number;
  let fit: (out: Float64Array) => void; // draws one training set and writes θ̂ into out
  let theory: DecompositionTheory | undefined;
  if (o.X !== undefined) {
    const X = checkMatrix(fn, "X", o.X);
    if (X.columns !== d) throw new RangeError(`${fn}: X has ${X.columns} columns but theta has d = ${d} entries; one column per parameter.`);
    n = X.rows;
    const { H } = ridgeOperator(X, { lambda }); // also checks OLS's rank conditions
    const Hf = H.to1DArray();
    const mu = X.mmul(Matrix.columnVector(theta)).getColumn(0);
    const y = new Float64Array(n);
    fit = (out) => {
      r.fillNormal(y, 0, sigma);
      for (let i = 0; i < n; i++) y[i] += mu[i];
      for (let a = 0; a < d; a++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += Hf[a * n + i] * y[i];
        out[a] = s;
      }
    };
    theory = fixedDesignTheory({ X, trainMean: mu, testX, testTruth: truth, sigma, lambda });
  } else {
    const rd = o.randomDesign!;
    n = checkInteger(fn, "randomDesign.n", rd.n, 1, 1e7, "It is the number of examples in each training set.");
    if (lambda === 0 && n < d) {
      throw new RangeError(`${fn}: randomDesign.n = ${n} < d = ${d}: OLS needs at least as many examples as parameters. Use n ≥ ${d} or lambda > 0.`);
    }
    const scales = rd.scales === undefined ? new Array<number>(d).fill(1) : checkVector(fn, "randomDesign.scales", rd.scales, d, `theta has d = ${d} entries`);
    scales.forEach((c, j) => {
      if (c <= 0) throw new RangeError(`${fn}: randomDesign.scales[${j}] = ${c}; each column's standard deviation must be > 0.`);
    });
    const solver = new RidgeSolver(n, d);
    // X drawn column by column (column a holds N(0, scales[a]²) entries), the layout fitColumns
    // takes without a transpose; then y = ε + Σₐ θₐ·X[:, a].
    const Xc = new Float64Array(n * d), y = new Float64Array(n);
    fit = (out) => {
      for (let a = 0; a < d; a++) r.fillNormal(Xc.subarray(a * n, a * n + n), 0, scales[a]);
      r.fillNormal(y, 0, sigma);
      for (let a = 0; a < d; a++) {
        const t = theta[a], o = a * n;
        for (let i = 0; i < n; i++) y[i] += t * Xc[o + i];
      }
      solver.fitColumns(Xc, y, lambda, out);
    };
  }

  const estimates: number[][] = [];
  const predictions: number[][] = [];
  const targets: number[][] = [];
  const T = testX.to2DArray();
  const th = new Float64Array(d);
  const noise = new Float64Array(m);
  const live = startProgress(o, trials, "simulating training sets");
  let runningMse = 0;
  for (let t = 0; t < trials; t++) {
    fit(th);
    estimates.push(Array.from(th));
    const p = new Array<number>(m), yt = new Array<number>(m);
    r.fillNormal(noise, 0, sigma);
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let a = 0; a < d; a++) s += T[j][a] * th[a];
      p[j] = s;
      yt[j] = truth[j] + noise[j];
      runningMse += (yt[j] - s) ** 2;
    }
    predictions.push(p);
    targets.push(yt);
    reportProgress(live, t + 1, trials, runningMse / ((t + 1) * m));
  }
  live?.done();
  const est = biasVarianceFromPredictions(predictions, truth, { testTargets: targets });
  const { mean: thetaMean, cov: thetaCov } = sampleMeanCov(estimates);
  return { ...est, estimates, thetaMean, thetaCov, theory, lambda, sigma };
}

/** Options of {@link simulateCurve}. */
export interface CurveSimulationOptions extends SimulationCommon {
  /** The true regression function f (default x ↦ sin(πx)). */
  f?: (x: number) => number;
  /** Polynomial degree of the fitted model (features 1, x, …, x^degree). */
  degree: number;
  /** Training inputs: a fixed list (the same every time), or { n } random uniform points on `range` each training set. */
  xTrain: ArrayLike<number> | { n: number };
  /** Input interval [a, b] (default [−1, 1]): random training inputs and default test points lie in it. */
  range?: [number, number];
  /** Test inputs (default 50 evenly spaced points of `range`). */
  xTest?: ArrayLike<number>;
  /** Keep the predictions of the first `keepFits` training sets at xTest, for a chart of fitted curves (default 0). */
  keepFits?: number;
}

/** Result of {@link simulateCurve}. */
export interface CurveSimulation extends BiasVarianceEstimate {
  degree: number;
  lambda: number;
  sigma: number;
  xTest: number[];
  /** f at xTest. */
  truth: number[];
  /** Predictions at xTest of the first `keepFits` training sets. */
  fits: number[][];
  /** Exact theory for fixed training inputs (undefined for random inputs). */
  theory?: DecompositionTheory;
}

/**
 * Simulates `trials` training sets yᵢ = f(xᵢ) + ε, fits a polynomial of the given degree (OLS,
 * or ridge with λ) and estimates bias², variance, noise and test MSE over xTest.
 *
 * ```ts
 * simulateCurve({ degree: 3, xTrain: { n: 20 }, sigma: 0.3, trials: 500, seed: 2 });
 * ```
 */
export function simulateCurve(o: CurveSimulationOptions): CurveSimulation {
  const fn = "simulateCurve";
  const { sigma, lambda, trials } = checkCommon(fn, o);
  const degree = o.degree;
  if (typeof degree !== "number" || !Number.isInteger(degree) || degree < 0 || degree > 30) {
    throw new RangeError(`${fn}: degree must be a whole number from 0 to 30, got ${degree}. It is the highest power of x in the fitted polynomial.`);
  }
  const f = o.f ?? ((x: number) => Math.sin(Math.PI * x));
  if (typeof f !== "function") throw new TypeError(`${fn}: f must be a function x => f(x), got ${typeof f}.`);
  const range = o.range ?? [-1, 1];
  if (!Array.isArray(range) || range.length !== 2 || !(range[0] < range[1]) || !range.every(Number.isFinite)) {
    throw new RangeError(`${fn}: range must be [a, b] with finite a < b, got ${JSON.stringify(range)}.`);
  }
  const xTest = o.xTest === undefined
    ? Array.from({ length: 50 }, (_, k) => range[0] + ((range[1] - range[0]) * k) / 49)
    : checkVector(fn, "xTest", o.xTest);
  if (xTest.length === 0) throw new RangeError(`${fn}: xTest is empty; give at least one test input.`);
  const truth = xTest.map((x, j) => {
    const v = f(x);
    if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`${fn}: f(xTest[${j}] = ${x}) returned ${v}; f must be finite on the inputs.`);
    return v;
  });
  const keep = o.keepFits === undefined ? 0 : checkInteger(fn, "keepFits", o.keepFits, 0, trials, "It is how many fitted curves to keep for a chart.");
  const p = degree + 1;
  const Phi = polynomialFeatures(xTest, degree);
  const r = rng(o.seed, { generator: o.generator ?? "xoshiro128**" });

  let fit: (out: Float64Array) => void;
  let theory: DecompositionTheory | undefined;
  const xt = o.xTrain;
  if (xt != null && typeof xt === "object" && !("length" in xt)) {
    const n = checkInteger(fn, "xTrain.n", (xt as { n: number }).n, 1, 1e7, "It is the number of training inputs drawn each time.");
    if (lambda === 0 && n < p) {
      throw new RangeError(`${fn}: ${n} training points cannot determine a degree-${degree} polynomial (${p} coefficients) by OLS; use xTrain: { n: ${p} } or more, a lower degree, or lambda > 0.`);
    }
    const xs = new Array<number>(n), ys = new Array<number>(n);
    const solver = new RidgeSolver(n, p);
    const F = new Float64Array(n * p), Y = new Float64Array(n), eps = new Float64Array(n);
    fit = (out) => {
      for (let i = 0; i < n; i++) xs[i] = r.uniform(range[0], range[1]);
      r.fillNormal(eps, 0, sigma);
      for (let i = 0; i < n; i++) ys[i] = f(xs[i]) + eps[i];
      if (lambda === 0) {
        // QR with rank checks: random inputs can bunch up and make high-degree fits ill-conditioned.
        ols(polynomialFeatures(xs, degree), ys).forEach((v, a) => (out[a] = v));
      } else {
        for (let i = 0; i < n; i++) {
          let q = 1;
          for (let a = 0; a < p; a++, q *= xs[i]) F[i * p + a] = q;
          Y[i] = ys[i];
        }
        solver.fit(F, Y, lambda, out);
      }
    };
  } else {
    const xs = checkVector(fn, "xTrain", xt);
    const n = xs.length;
    if (lambda === 0 && n < p) {
      throw new RangeError(`${fn}: ${n} training points cannot determine a degree-${degree} polynomial (${p} coefficients) by OLS; give ≥ ${p} points, a lower degree, or lambda > 0.`);
    }
    const X = polynomialFeatures(xs, degree);
    const { H } = ridgeOperator(X, { lambda });
    const Hf = H.to1DArray();
    const mu = xs.map((x, i) => {
      const v = f(x);
      if (!Number.isFinite(v)) throw new RangeError(`${fn}: f(xTrain[${i}] = ${x}) returned ${v}; f must be finite on the inputs.`);
      return v;
    });
    const y = new Float64Array(n);
    fit = (out) => {
      r.fillNormal(y, 0, sigma);
      for (let i = 0; i < n; i++) y[i] += mu[i];
      for (let a = 0; a < p; a++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += Hf[a * n + i] * y[i];
        out[a] = s;
      }
    };
    theory = fixedDesignTheory({ X, trainMean: mu, testX: Phi, testTruth: truth, sigma, lambda });
  }

  const m = xTest.length;
  const predictions: number[][] = [], targets: number[][] = [], fits: number[][] = [];
  const th = new Float64Array(p);
  const noise = new Float64Array(m);
  const live = startProgress(o, trials, `degree ${degree}, λ = ${lambda}`);
  let runningMse = 0;
  for (let t = 0; t < trials; t++) {
    fit(th);
    const pred = new Array<number>(m), yt = new Array<number>(m);
    r.fillNormal(noise, 0, sigma);
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let a = 0; a < p; a++) s += Phi[j][a] * th[a];
      pred[j] = s;
      yt[j] = truth[j] + noise[j];
      runningMse += (yt[j] - s) ** 2;
    }
    predictions.push(pred);
    targets.push(yt);
    if (t < keep) fits.push(pred.slice());
    reportProgress(live, t + 1, trials, runningMse / ((t + 1) * m));
  }
  live?.done();
  const est = biasVarianceFromPredictions(predictions, truth, { testTargets: targets });
  return { ...est, degree, lambda, sigma, xTest, truth, fits, theory };
}

/** The sample mean and covariance (divisor R − 1) of a list of vectors. */
export function sampleMeanCov(rows: ReadonlyArray<ArrayLike<number>>): { mean: number[]; cov: number[][] } {
  const R = rows.length;
  if (R < 2) throw new RangeError(`sampleMeanCov: need at least 2 vectors for a covariance, got ${R}.`);
  const d = rows[0].length;
  const mean = new Array<number>(d).fill(0);
  for (const row of rows) for (let a = 0; a < d; a++) mean[a] += row[a] / R;
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const row of rows) {
    for (let a = 0; a < d; a++) {
      const ca = row[a] - mean[a];
      for (let b = 0; b <= a; b++) cov[a][b] += ca * (row[b] - mean[b]);
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) cov[b][a] = cov[a][b] = cov[a][b] / (R - 1);
  return { mean, cov };
}

function checkCommon(fn: string, o: SimulationCommon): { sigma: number; lambda: number; trials: number } {
  if (o == null || typeof o !== "object") throw new TypeError(`${fn}: pass an options object, e.g. { sigma: 1, trials: 500, seed: 1, … }.`);
  const sigma = checkSigma(fn, o.sigma);
  const lambda = checkLambda(fn, o.lambda ?? 0);
  const trials = checkInteger(fn, "trials", o.trials, MIN_TRIALS, MAX_TRIALS,
    `It is the number of simulated training sets; at least ${MIN_TRIALS} are needed for a standard error, a few hundred for errors of a few percent.`);
  checkInteger(fn, "seed", o.seed, 0, 0xffffffff, "Pass a whole number such as 1.");
  if (o.generator !== undefined && !RNG_GENERATORS.includes(o.generator)) {
    throw new RangeError(`${fn}: generator must be "xoshiro128**" (the default) or "mt19937", got ${JSON.stringify(o.generator)}.`);
  }
  return { sigma, lambda, trials };
}

function startProgress(o: SimulationCommon, trials: number, title: string): LiveProgress | undefined {
  if (!o.progress) return undefined;
  return liveProgress({ total: trials, title: typeof o.progress === "string" ? o.progress : title, xLabel: "training sets", yLabel: "test MSE so far" });
}

function reportProgress(live: LiveProgress | undefined, t: number, trials: number, mse: number): void {
  // Every 1% is plenty for a chart; liveProgress throttles the drawing itself.
  if (live && (t === trials || t % Math.max(1, Math.floor(trials / 100)) === 0)) live.update(t, { "test MSE": mse });
}
