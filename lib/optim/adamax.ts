/**
 * Adamax, step for step as torch.optim.Adamax (its `_single_tensor_adamax`): Adam with the
 * ∞-norm in place of the root mean square (Kingma & Ba 2015, §7.1).
 *
 * One step t = 1, 2, … with learning rate γ, betas (β₁, β₂), weight decay λ:
 *
 *     gₜ = ∇f(θₜ₋₁)   (−∇f when maximize);   gₜ ← gₜ + λθₜ₋₁ if λ ≠ 0
 *     mₜ = β₁mₜ₋₁ + (1 − β₁)gₜ                  (expAvg)
 *     uₜ = max(β₂uₜ₋₁, |gₜ| + ε)                 (expInf)
 *     θₜ = θₜ₋₁ − (γ/(1 − β₁ᵗ)) · mₜ/uₜ
 *
 * u needs no bias correction: a maximum is not pulled towards its zero start.
 */
import { BaseOptimizer, checkBetas, checkFlag, checkLr, checkNonNegative, checkParams, checkStep } from "./base";

/** Options of {@link Adamax}; names and defaults are torch's. */
export interface AdamaxOptions {
  /** Learning rate γ; default 2e-3. */
  lr?: number;
  /** [β₁, β₂], each in [0, 1); default [0.9, 0.999]. */
  betas?: [number, number];
  /** ε ≥ 0 added to |g|; default 1e-8. */
  eps?: number;
  /** Weight decay λ ≥ 0 (L2); default 0. */
  weightDecay?: number;
  /** Maximise f; default false. */
  maximize?: boolean;
}

/** Adamax's state. */
export interface AdamaxState {
  step: number;
  expAvg: Float64Array;
  expInf: Float64Array;
}

/** torch.optim.Adamax. */
export class Adamax extends BaseOptimizer<AdamaxState> {
  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  readonly maximize: boolean;

  constructor(params: Float64Array, options: AdamaxOptions = {}) {
    const name = "Adamax";
    const lr = checkLr(name, options.lr ?? 2e-3, 0.002);
    checkParams(name, params);
    super(name, params, lr, { step: 0, expAvg: new Float64Array(params.length), expInf: new Float64Array(params.length) });
    this.betas = checkBetas(name, options.betas ?? [0.9, 0.999], [0.9, 0.999]);
    this.eps = checkNonNegative(name, "eps", options.eps ?? 1e-8, 1e-8);
    this.weightDecay = checkNonNegative(name, "weightDecay", options.weightDecay ?? 0, 1e-4);
    this.maximize = checkFlag(name, "maximize", options.maximize ?? false);
  }

  /** m ← EMA of g; u ← max(β₂u, |g| + ε); θ −= (γ/(1−β₁ᵗ))·m/u. */
  step(grad: Float64Array): void {
    const p = this.params;
    checkStep(this.name, p, grad);
    const st = this.state, m = st.expAvg, u = st.expInf, n = p.length;
    const [b1, b2] = this.betas;
    const eps = this.eps, wd = this.weightDecay, sign = this.maximize ? -1 : 1, w1 = 1 - b1;
    const t = ++st.step;
    const clr = this.lr / (1 - b1 ** t);
    for (let i = 0; i < n; i++) {
      const g = sign * grad[i] + wd * p[i];
      const mOld = m[i];
      // torch's lerp(m, g, 1 − β₁) as its CPU kernel rounds it for 1 − β₁ < ½ (every usual β₁; for β₁ ≤ ½ it
      // uses g − (g − m)·β₁, equal up to rounding). One form, so the loop has no branch per entry.
      const mi = mOld + w1 * (g - mOld);
      m[i] = mi;
      const decayed = b2 * u[i], fresh = Math.abs(g) + eps;
      const ui = decayed > fresh ? decayed : fresh;
      u[i] = ui;
      p[i] -= clr * (mi / ui);
    }
  }
}
