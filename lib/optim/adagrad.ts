/**
 * Adagrad, step for step as torch.optim.Adagrad (its `_single_tensor_adagrad`).
 *
 * One step t = 1, 2, … with learning rate γ, lr decay η, weight decay λ:
 *
 *     gₜ = ∇f(θₜ₋₁)   (−∇f when maximize);   gₜ ← gₜ + λθₜ₋₁ if λ ≠ 0
 *     γ̃ = γ / (1 + (t − 1)η)
 *     sumₜ = sumₜ₋₁ + gₜ²                      (sum₀ = initialAccumulatorValue)
 *     θₜ = θₜ₋₁ − γ̃ · gₜ / (√sumₜ + ε)
 *
 * Every coordinate gets its own step γ/√(Σ g²): large past gradients, small steps. This is the
 * Adagrad of Lecture 8 notes (Université Côte d'Azur), η_w = η/√(Σᵢ (gⁱ)²), with ε = 0 and
 * sum₀ = 0 (lib/optim/lecture-forms.ts proves it step by step). ε sits outside the root here;
 * CS 182 Discussion 2 (Berkeley) puts it inside.
 */
import { BaseOptimizer, checkFlag, checkLr, checkNonNegative, checkParams, checkStep } from "./base";

/** Options of {@link Adagrad}; names and defaults are torch's. */
export interface AdagradOptions {
  /** Learning rate γ; default 1e-2. */
  lr?: number;
  /** lr decay η ≥ 0: the step at t is γ/(1 + (t − 1)η); default 0. */
  lrDecay?: number;
  /** Weight decay λ ≥ 0 (L2 penalty); default 0. */
  weightDecay?: number;
  /** The accumulator's starting value sum₀ ≥ 0; default 0. */
  initialAccumulatorValue?: number;
  /** ε ≥ 0 added to √sum; default 1e-10. */
  eps?: number;
  /** Maximise f; default false. */
  maximize?: boolean;
}

/** Adagrad's state: the step count t and the running sum of squared gradients. */
export interface AdagradState {
  step: number;
  sum: Float64Array;
}

/** torch.optim.Adagrad. */
export class Adagrad extends BaseOptimizer<AdagradState> {
  readonly lrDecay: number;
  readonly weightDecay: number;
  readonly initialAccumulatorValue: number;
  readonly eps: number;
  readonly maximize: boolean;

  constructor(params: Float64Array, options: AdagradOptions = {}) {
    const name = "Adagrad";
    const lr = checkLr(name, options.lr ?? 1e-2, 0.1);
    const initial = checkNonNegative(name, "initialAccumulatorValue", options.initialAccumulatorValue ?? 0, 0.1);
    checkParams(name, params);
    super(name, params, lr, { step: 0, sum: new Float64Array(params.length).fill(initial) });
    this.initialAccumulatorValue = initial;
    this.lrDecay = checkNonNegative(name, "lrDecay", options.lrDecay ?? 0, 0.01);
    this.weightDecay = checkNonNegative(name, "weightDecay", options.weightDecay ?? 0, 1e-4);
    this.eps = checkNonNegative(name, "eps", options.eps ?? 1e-10, 1e-10);
    this.maximize = checkFlag(name, "maximize", options.maximize ?? false);
  }

  /** sum += g²; θ −= γ̃·g/(√sum + ε). */
  step(grad: Float64Array): void {
    const p = this.params;
    checkStep(this.name, p, grad);
    const s = this.state.sum, n = p.length, wd = this.weightDecay, eps = this.eps, sign = this.maximize ? -1 : 1;
    const t = ++this.state.step;
    const clr = this.lr / (1 + (t - 1) * this.lrDecay);
    for (let i = 0; i < n; i++) {
      const g = sign * grad[i] + wd * p[i];
      const si = s[i] + g * g;
      s[i] = si;
      p[i] -= clr * (g / (Math.sqrt(si) + eps));
    }
  }
}
