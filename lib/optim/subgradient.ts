/**
 * The subgradient method of the NN optimization slides: for a convex f that may have kinks
 * (|x|, the hinge loss), pick any subgradient gₖ ∈ ∂f(θₖ), i.e. any gₖ with
 * f(y) ≥ f(θₖ) + gₖᵀ(y − θₖ) for all y, and step
 *
 *     θₖ₊₁ = θₖ − ηₖ gₖ,   ηₖ = η₀ / √(k + 1) by default.
 *
 * A subgradient step need not decrease f (at the kink of |x| every step overshoots), so the
 * method keeps the best point seen, f_best,k = min_{i<k} f(θᵢ), and the theorem is about it.
 * With R ≥ ‖θ₀ − θ*‖ and G ≥ ‖gᵢ‖ for every i (f is G-Lipschitz), summing
 * ‖θᵢ₊₁ − θ*‖² ≤ ‖θᵢ − θ*‖² − 2ηᵢ(f(θᵢ) − f*) + ηᵢ²G² over i < k gives
 *
 *     f_best,k − f* ≤ (R² + G² Σ_{i<k} ηᵢ²) / (2 Σ_{i<k} ηᵢ)            ({@link subgradientBound})
 *
 * - constant η = R/(G√k) for a horizon of k steps: the bound is exactly R·G/√k, the best any
 *   step rule gets from this inequality ({@link constantStepForHorizon});
 * - ηᵢ = η₀/√(i+1) (no horizon needed): Σηᵢ ≥ 2η₀(√(k+1) − 1) and Σηᵢ² ≤ η₀²(1 + ln k), so
 *   f_best,k − f* ≤ (R² + G²η₀²(1 + ln k)) / (4η₀(√(k+1) − 1)), O(log k/√k); with η₀ = R/G this is
 *   R·G·(2 + ln k) / (4(√(k+1) − 1)).
 *
 * The gradient passed to `step` is the problem's `grad`, which for a kinked problem returns a
 * subgradient (lib/problems/problem.ts).
 */
import type { Optimizer } from "./optimizer";
import { checkOption } from "./optimizer";
import { checkStep } from "./base";

/** How ηₖ follows from lr = η₀: `"sqrt"` η₀/√(k+1) (default), `"constant"` η₀, or any function k ↦ ηₖ. */
export type SubgradientSchedule = "sqrt" | "constant" | ((k: number) => number);

/** Options of {@link Subgradient}. */
export interface SubgradientOptions {
  /** η₀ > 0 (default 0.1). */
  lr?: number;
  /** The step rule (default `"sqrt"`: ηₖ = η₀/√(k+1)). */
  schedule?: SubgradientSchedule;
  /** f, to track the best iterate (f_best and θ_best); without it `state.fBest` stays NaN. */
  f?: (x: Float64Array) => number;
}

/** What {@link Subgradient} keeps. */
export interface SubgradientState {
  /** Steps taken, k. */
  step: number;
  /** ηₖ₋₁, the last step size used. */
  stepSize: number;
  /** Σ ηᵢ over the steps taken. */
  sumSteps: number;
  /** Σ ηᵢ² over the steps taken. */
  sumSquaredSteps: number;
  /** f_best = min f(θᵢ) over the iterates at which a step was taken (NaN without `f`). */
  fBest: number;
  /** The iterate that achieved fBest (a copy), or null. */
  xBest: Float64Array | null;
  /** f(θₖ₋₁) at the last step (NaN without `f`). */
  fLast: number;
}

/** The subgradient method as an {@link Optimizer}; see the module comment for the rule and its bound. */
export class Subgradient implements Optimizer<SubgradientState> {
  readonly name = "Subgradient";
  readonly params: Float64Array;
  lr: number;
  readonly state: SubgradientState;
  private readonly schedule: SubgradientSchedule;
  private readonly f?: (x: Float64Array) => number;

  constructor(params: Float64Array, options: SubgradientOptions = {}) {
    if (!(params instanceof Float64Array)) throw new TypeError(`Subgradient: params must be a Float64Array, got ${String(params)}.`);
    this.params = params;
    this.lr = checkOption("Subgradient", "lr", options.lr ?? 0.1, { min: 0, minExclusive: true }, "η₀ is the first step size; use e.g. lr: 0.1, or R/G.");
    const sch = options.schedule ?? "sqrt";
    if (sch !== "sqrt" && sch !== "constant" && typeof sch !== "function") {
      throw new RangeError(`Subgradient: schedule must be "sqrt", "constant" or a function k ↦ ηₖ, got ${JSON.stringify(sch)}.`);
    }
    this.schedule = sch;
    if (options.f !== undefined && typeof options.f !== "function") throw new TypeError("Subgradient: f must be a function x ↦ f(x) (e.g. problem.f).");
    this.f = options.f;
    this.state = { step: 0, stepSize: NaN, sumSteps: 0, sumSquaredSteps: 0, fBest: NaN, xBest: null, fLast: NaN };
  }

  /** ηₖ for step k (0-based) under the current lr = η₀. */
  stepSizeAt(k: number): number {
    const s = this.schedule;
    const eta = s === "sqrt" ? this.lr / Math.sqrt(k + 1) : s === "constant" ? this.lr : s(k);
    if (typeof eta !== "number" || !Number.isFinite(eta) || eta <= 0) {
      throw new RangeError(`Subgradient: the step size at step ${k} is ${String(eta)}; a schedule must give finite steps > 0.`);
    }
    return eta;
  }

  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    const s = this.state;
    const eta = this.stepSizeAt(s.step);
    if (this.f) {
      const fx = this.f(this.params);
      s.fLast = fx;
      if (!(fx >= s.fBest)) {
        // NaN fBest (first step) compares false, so the first finite value is taken.
        if (Number.isFinite(fx)) {
          s.fBest = fx;
          s.xBest = this.params.slice();
        }
      }
    }
    for (let i = 0; i < this.params.length; i++) this.params[i] -= eta * grad[i];
    s.stepSize = eta;
    s.sumSteps += eta;
    s.sumSquaredSteps += eta * eta;
    s.step++;
  }
}

/**
 * The subgradient method's guarantee after the steps η₀ … η_{k−1}:
 * f_best,k − f* ≤ (R² + G²Σηᵢ²) / (2Σηᵢ), with R ≥ ‖θ₀ − θ*‖ and G ≥ every ‖gᵢ‖.
 */
export function subgradientBound(R: number, G: number, stepSizes: readonly number[]): number {
  checkOption("subgradientBound", "R", R, { min: 0 }, "R bounds ‖θ₀ − θ*‖; use a value ≥ 0.");
  checkOption("subgradientBound", "G", G, { min: 0 }, "G bounds every subgradient's norm; use a value ≥ 0.");
  if (!Array.isArray(stepSizes) || stepSizes.length === 0) throw new RangeError("subgradientBound: stepSizes must list at least one step size ηᵢ > 0.");
  let s1 = 0, s2 = 0;
  stepSizes.forEach((eta, i) => {
    checkOption("subgradientBound", `stepSizes[${i}]`, eta, { min: 0, minExclusive: true }, "Step sizes must be > 0.");
    s1 += eta;
    s2 += eta * eta;
  });
  return (R * R + G * G * s2) / (2 * s1);
}

/** The constant step η = R/(G√k) that minimises {@link subgradientBound} for a horizon of k steps; the bound is then R·G/√k. */
export function constantStepForHorizon(R: number, G: number, k: number): number {
  checkOption("constantStepForHorizon", "R", R, { min: 0, minExclusive: true }, "R bounds ‖θ₀ − θ*‖; use a value > 0.");
  checkOption("constantStepForHorizon", "G", G, { min: 0, minExclusive: true }, "G bounds every subgradient's norm; use a value > 0.");
  checkOption("constantStepForHorizon", "k", k, { min: 1 }, "k is the number of steps; use a whole number ≥ 1.");
  return R / (G * Math.sqrt(k));
}
