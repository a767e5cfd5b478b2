/**
 * The seeded synthetic data behind the pack's linear models (least squares, logistic
 * regression, the linear SVM): a design matrix with Gaussian rows and a "true" weight vector.
 *
 * Rows xᵢ ~ N(0, diag(s₁², …, s_d²)) with per-feature scales s (default all 1: then XᵀX/n → I
 * and the problem is well conditioned; spread the scales to make it ill conditioned, since
 * the Hessian of least squares is XᵀX/n ≈ diag(sⱼ²)). The true weights w_true ~ N(0, I).
 * Everything is drawn from one `rng(seed)` in a fixed order (w_true, then X row by row, then the
 * noise), so the same options always give the same data.
 */
import { rng, type Rng } from "../random";
import { checkInt, checkNonNegative, checkSeed } from "../data/dataset";

/** Options every linear-model problem shares. */
export interface LinearDataOptions {
  /** Number of examples n; default 100. */
  n?: number;
  /** Number of features d; default 5. */
  d?: number;
  /** Noise level (its meaning is the problem's: the std of y's noise, or of the label's logit); problem-specific default. */
  noise?: number;
  /** Seed of the data; default 0. */
  seed?: number;
  /** Per-feature standard deviations s₁ … s_d (all > 0); default all 1. */
  scales?: ArrayLike<number>;
  /** The ℓ₂ (ridge, weight-decay) coefficient λ ≥ 0 in + (λ/2)‖w‖²; default 0. */
  l2?: number;
}

/** The generated data: X row-major (n·d numbers), w_true, and the random stream positioned after X for the noise. */
export interface LinearData {
  /** Number of examples. */
  n: number;
  /** Number of features. */
  d: number;
  /** The noise level asked for. */
  noise: number;
  /** The seed the data were drawn from. */
  seed: number;
  /** The ℓ₂ coefficient λ. */
  l2: number;
  /** X row-major: X[i·d + j] is feature j of example i. */
  X: Float64Array;
  /** The true weights w_true ~ N(0, I). */
  wTrue: Float64Array;
  /** The stream to draw the labels' noise from (after w_true and X). */
  r: Rng;
}

/** Check the shared options and draw w_true and X. @internal */
export function linearData(owner: string, o: LinearDataOptions, defaultNoise: number): LinearData {
  const n = checkInt(owner, "n", o.n ?? 100, 1);
  const d = checkInt(owner, "d", o.d ?? 5, 1);
  const noise = checkNonNegative(owner, "noise", o.noise ?? defaultNoise);
  const seed = checkSeed(owner, o.seed ?? 0);
  const l2 = checkNonNegative(owner, "l2", o.l2 ?? 0);
  let scales: Float64Array;
  if (o.scales === undefined) scales = new Float64Array(d).fill(1);
  else {
    if (o.scales === null || typeof o.scales !== "object" || o.scales.length !== d) {
      throw new RangeError(`${owner}: scales must list one standard deviation per feature (d = ${d}), got ${JSON.stringify(o.scales)}.`);
    }
    scales = Float64Array.from(o.scales);
    scales.forEach((s, j) => {
      if (!Number.isFinite(s) || s <= 0) throw new RangeError(`${owner}: scales[${j}] = ${s}; every feature scale must be a finite number > 0.`);
    });
  }
  const r = rng(seed);
  const wTrue = Float64Array.from({ length: d }, () => r.normal(0, 1));
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) X[i * d + j] = r.normal(0, scales[j]);
  return { n, d, noise, seed, l2, X, wTrue, r };
}
