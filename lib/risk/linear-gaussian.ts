/**
 * A data distribution whose risk is known in closed form, so a lesson can put the empirical
 * risk of N samples next to the true risk (Lecture 8 notes (Université Côte d'Azur), §1:
 * "minimise the risk over the distribution"; we cannot, so we minimise the empirical risk).
 *
 * The distribution: x ~ N(0, 1), y = a·x + c + ε with ε ~ N(0, σ²) independent of x. The
 * model: f(x) = w·x + b, squared loss ℓ = (y − f(x))². The error e = y − f(x) = (a − w)x +
 * (c − b) + ε is normal with mean β = c − b and variance s² = (a − w)² + σ², so
 *
 *   R(w, b) = E[ℓ] = (a − w)² + (c − b)² + σ²,          (the risk; minimum σ² at w = a, b = c)
 *   Var[ℓ]  = 2s⁴ + 4β²s²                               (the variance of one example's loss)
 *
 * using E[e⁴] = β⁴ + 6β²s² + 3s⁴ for a normal e. By the central limit theorem the empirical risk
 * R̂_N = (1/N) Σ ℓₖ has standard deviation √(Var[ℓ]/N): the gap to R shrinks like 1/√N.
 */
import { rng } from "../random";

/** Options of {@link LinearGaussian}: y = slope·x + intercept + N(0, noise²), x ~ N(0, 1). */
export interface LinearGaussianOptions {
  /** a in y = a·x + c + ε. Default 2. */
  slope?: number;
  /** c in y = a·x + c + ε. Default 1. */
  intercept?: number;
  /** σ, the standard deviation of the noise ε; must be > 0. Default 0.5. */
  noise?: number;
}

/** A sample of N pairs (xₖ, yₖ) as two parallel arrays. */
export interface Sample {
  x: number[];
  y: number[];
}

function finite(fn: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`${fn}: ${name} must be a finite number, got ${String(v)}.`);
  return v;
}

/** The distribution x ~ N(0, 1), y = a·x + c + ε, ε ~ N(0, σ²), with its closed-form squared-loss risk. */
export class LinearGaussian {
  readonly slope: number;
  readonly intercept: number;
  readonly noise: number;

  constructor(options: LinearGaussianOptions = {}) {
    const fn = "LinearGaussian";
    this.slope = finite(fn, "slope", options.slope ?? 2);
    this.intercept = finite(fn, "intercept", options.intercept ?? 1);
    this.noise = finite(fn, "noise", options.noise ?? 0.5);
    if (!(this.noise > 0)) throw new RangeError(`${fn}: noise (σ) must be > 0, got ${this.noise}. Use a small positive value such as 0.1 for nearly noiseless data.`);
  }

  /** N independent pairs, seeded: the same seed gives the same sample. */
  sample(n: number, seed: number): Sample {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`LinearGaussian.sample: n must be a whole number ≥ 1, got ${n}.`);
    const r = rng(seed);
    const x = new Array<number>(n), y = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      x[k] = r.normal();
      y[k] = this.slope * x[k] + this.intercept + this.noise * r.normal();
    }
    return { x, y };
  }

  /** R(w, b) = E[(y − w·x − b)²] = (a − w)² + (c − b)² + σ². */
  risk(w: number, b: number): number {
    finite("LinearGaussian.risk", "w", w);
    finite("LinearGaussian.risk", "b", b);
    return (this.slope - w) ** 2 + (this.intercept - b) ** 2 + this.noise ** 2;
  }

  /** Var[(y − w·x − b)²] = 2s⁴ + 4β²s² with s² = (a − w)² + σ², β = c − b. */
  lossVariance(w: number, b: number): number {
    finite("LinearGaussian.lossVariance", "w", w);
    finite("LinearGaussian.lossVariance", "b", b);
    const s2 = (this.slope - w) ** 2 + this.noise ** 2, beta = this.intercept - b;
    return 2 * s2 * s2 + 4 * beta * beta * s2;
  }

  /** The smallest risk any function can reach, σ² (the noise cannot be predicted). */
  get bayesRisk(): number {
    return this.noise ** 2;
  }
}

/** The empirical squared-loss risk of f(x) = w·x + b on a sample: (1/N) Σ (yₖ − w·xₖ − b)². */
export function squaredRisk(sample: Sample, w: number, b: number): number {
  const { x, y } = sample;
  if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.length === 0) {
    throw new RangeError(`squaredRisk: the sample needs x and y of the same non-zero length, got ${x?.length} and ${y?.length}.`);
  }
  let s = 0;
  for (let k = 0; k < x.length; k++) s += (y[k] - w * x[k] - b) ** 2;
  return s / x.length;
}

/**
 * Empirical risk minimisation for f(x) = w·x + b under the squared loss, in closed form
 * (least squares in one variable): w = Σ(xₖ − x̄)(yₖ − ȳ) / Σ(xₖ − x̄)², b = ȳ − w·x̄.
 * Needs at least two distinct x values.
 */
export function fitLine(sample: Sample): { w: number; b: number } {
  const { x, y } = sample;
  const n = x.length;
  if (n < 2 || y.length !== n) throw new RangeError(`fitLine: needs at least 2 pairs with x and y of the same length, got ${n} and ${y.length}.`);
  const mx = x.reduce((s, v) => s + v, 0) / n, my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0;
  for (let k = 0; k < n; k++) {
    sxy += (x[k] - mx) * (y[k] - my);
    sxx += (x[k] - mx) ** 2;
  }
  if (!(sxx > 0)) throw new RangeError("fitLine: every x is the same, so the slope is not determined; draw a sample with at least two distinct x.");
  const w = sxy / sxx;
  return { w, b: my - w * mx };
}
