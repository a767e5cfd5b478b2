/**
 * Polyak averaging of iterates, the two forms of the Topic 4 slides (Deep Learning and Neural
 * Networks), "Stochastic Methods":
 *
 *     uniform:      θ̄ₖ = (1/(k+1)) Σᵢ₌₀ᵏ θᵢ
 *     exponential:  θ̄ₖ = (1 − β)θₖ + βθ̄ₖ₋₁,   θ̄₀ = θ₀
 *
 * SGD with a constant step keeps bouncing in a noise ball around θ*; the average of its
 * iterates does not, and (the slides' claim) uniform averaging reaches the best asymptotic
 * rate any method seeing the same data can: E[h(θ̄ₖ)] − h(θ*) = tr(H⁻¹Σ)/(2k) + O(1/k²).
 * The exponential form forgets old iterates, so it follows a moving target (as EMA weights do
 * in deep learning).
 *
 * Feed every iterate, θ₀ included: `avg.update(opt.params)` before the loop and after each step.
 */
import { checkOption } from "./optimizer";

/** What both averages expose. */
export interface Averager {
  /** θ̄ₖ (a copy is not made: read it, or copy it before the next update). */
  readonly value: Float64Array;
  /** How many iterates were fed (k + 1 after θ₀, …, θₖ). */
  readonly count: number;
  /** Feed the next iterate θₖ; returns θ̄ₖ. */
  update(theta: ArrayLike<number>): Float64Array;
}

function checkIterate(owner: string, dim: number, theta: ArrayLike<number>, k: number): void {
  if (theta === null || typeof theta !== "object" || theta.length !== dim) {
    throw new RangeError(`${owner}.update: iterate ${k} has length ${theta?.length} but the average has ${dim} coordinates; feed the same parameter vector every time.`);
  }
  for (let i = 0; i < dim; i++) {
    if (!Number.isFinite(theta[i])) throw new RangeError(`${owner}.update: iterate ${k} has θ[${i}] = ${theta[i]}; the run diverged before it, so its average would be meaningless.`);
  }
}

/** θ̄ₖ = (1/(k+1)) Σᵢ θᵢ, kept as the running mean θ̄ₖ = θ̄ₖ₋₁ + (θₖ − θ̄ₖ₋₁)/(k+1). */
export class UniformAverage implements Averager {
  readonly value: Float64Array;
  count = 0;

  /** @param dim the number of coordinates */
  constructor(readonly dim: number) {
    if (!Number.isSafeInteger(dim) || dim < 1) throw new RangeError(`UniformAverage: dim must be a whole number ≥ 1, got ${dim}. Pass params.length.`);
    this.value = new Float64Array(dim);
  }

  update(theta: ArrayLike<number>): Float64Array {
    checkIterate("UniformAverage", this.dim, theta, this.count);
    const k1 = ++this.count, m = this.value;
    for (let i = 0; i < m.length; i++) m[i] += (theta[i] - m[i]) / k1;
    return m;
  }
}

/** θ̄ₖ = (1 − β)θₖ + βθ̄ₖ₋₁ with θ̄₀ = θ₀ (β in [0, 1): the larger, the longer the memory, about 1/(1−β) iterates). */
export class ExponentialAverage implements Averager {
  readonly value: Float64Array;
  count = 0;
  readonly beta: number;

  /**
   * @param dim the number of coordinates
   * @param beta β in [0, 1); default 0.9
   */
  constructor(readonly dim: number, beta = 0.9) {
    if (!Number.isSafeInteger(dim) || dim < 1) throw new RangeError(`ExponentialAverage: dim must be a whole number ≥ 1, got ${dim}. Pass params.length.`);
    this.beta = checkOption("ExponentialAverage", "beta", beta, { min: 0, max: 1, maxExclusive: true }, "Use a value in [0, 1) such as 0.9 (memory ≈ 1/(1−β) iterates).");
    this.value = new Float64Array(dim);
  }

  update(theta: ArrayLike<number>): Float64Array {
    checkIterate("ExponentialAverage", this.dim, theta, this.count);
    const m = this.value, b = this.beta;
    if (this.count++ === 0) {
      for (let i = 0; i < m.length; i++) m[i] = theta[i];
    } else {
      for (let i = 0; i < m.length; i++) m[i] = (1 - b) * theta[i] + b * m[i];
    }
    return m;
  }
}

/**
 * The averages θ̄₀, …, θ̄ₖ of a whole recorded path θ₀, …, θₖ (new arrays): uniform when `beta`
 * is not given, exponential with that β otherwise.
 */
export function polyakAverages(path: readonly ArrayLike<number>[], options: { beta?: number } = {}): Float64Array[] {
  if (!Array.isArray(path) || path.length === 0) throw new RangeError("polyakAverages: pass a non-empty list of iterates θ₀, …, θₖ.");
  const avg: Averager = options.beta === undefined ? new UniformAverage(path[0].length) : new ExponentialAverage(path[0].length, options.beta);
  return path.map((theta) => Float64Array.from(avg.update(theta)));
}
