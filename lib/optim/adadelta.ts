/**
 * Adadelta, step for step as torch.optim.Adadelta (its `_single_tensor_adadelta`; Zeiler 2012).
 *
 * One step with learning rate γ (a plain multiplier, 1 by default), decay ρ, weight decay λ:
 *
 *     gₜ = ∇f(θₜ₋₁)   (−∇f when maximize);   gₜ ← gₜ + λθₜ₋₁ if λ ≠ 0
 *     vₜ = ρvₜ₋₁ + (1 − ρ)gₜ²                        (squareAvg)
 *     Δₜ = √(uₜ₋₁ + ε)/√(vₜ + ε) · gₜ
 *     uₜ = ρuₜ₋₁ + (1 − ρ)Δₜ²                        (accDelta)
 *     θₜ = θₜ₋₁ − γΔₜ
 *
 * The ratio of two root mean squares has the units of θ, so no step size has to be tuned: the
 * first steps are about √ε in size and grow as u fills up.
 */
import { BaseOptimizer, checkFlag, checkLr, checkNonNegative, checkParams, checkStep } from "./base";
import { checkOption } from "./optimizer";

/** Options of {@link Adadelta}; names and defaults are torch's. */
export interface AdadeltaOptions {
  /** Multiplier γ of the step; default 1. */
  lr?: number;
  /** Decay ρ in [0, 1]; default 0.9. */
  rho?: number;
  /** ε ≥ 0 inside both roots; default 1e-6. */
  eps?: number;
  /** Weight decay λ ≥ 0 (L2); default 0. */
  weightDecay?: number;
  /** Maximise f; default false. */
  maximize?: boolean;
}

/** Adadelta's state. */
export interface AdadeltaState {
  step: number;
  squareAvg: Float64Array;
  accDelta: Float64Array;
}

/** torch.optim.Adadelta. */
export class Adadelta extends BaseOptimizer<AdadeltaState> {
  readonly rho: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly maximize: boolean;

  constructor(params: Float64Array, options: AdadeltaOptions = {}) {
    const name = "Adadelta";
    const lr = checkLr(name, options.lr ?? 1, 1);
    checkParams(name, params);
    super(name, params, lr, { step: 0, squareAvg: new Float64Array(params.length), accDelta: new Float64Array(params.length) });
    this.rho = checkOption(name, "rho", options.rho ?? 0.9, { min: 0, max: 1 }, "It weighs the past in an average; use a value in [0, 1] such as 0.9.");
    this.eps = checkNonNegative(name, "eps", options.eps ?? 1e-6, 1e-6);
    this.weightDecay = checkNonNegative(name, "weightDecay", options.weightDecay ?? 0, 1e-4);
    this.maximize = checkFlag(name, "maximize", options.maximize ?? false);
  }

  /** v ← EMA of g²; Δ = √(u+ε)/√(v+ε)·g; u ← EMA of Δ²; θ −= γΔ. */
  step(grad: Float64Array): void {
    const p = this.params;
    checkStep(this.name, p, grad);
    const st = this.state, v = st.squareAvg, u = st.accDelta, n = p.length;
    const lr = this.lr, rho = this.rho, keep = 1 - rho, eps = this.eps, wd = this.weightDecay, sign = this.maximize ? -1 : 1;
    st.step++;
    for (let i = 0; i < n; i++) {
      const g = sign * grad[i] + wd * p[i];
      const vi = rho * v[i] + keep * g * g;
      v[i] = vi;
      const delta = (Math.sqrt(u[i] + eps) / Math.sqrt(vi + eps)) * g;
      u[i] = rho * u[i] + keep * delta * delta;
      p[i] -= lr * delta;
    }
  }
}
