/**
 * Adam (and AMSGrad), step for step as torch.optim.Adam (its `_single_tensor_adam`).
 *
 * One step t = 1, 2, … with learning rate γ, betas (β₁, β₂), weight decay λ:
 *
 *     gₜ = ∇f(θₜ₋₁)   (−∇f when maximize);   gₜ ← gₜ + λθₜ₋₁ if λ ≠ 0   (L2, coupled)
 *     mₜ = β₁mₜ₋₁ + (1 − β₁)gₜ                    (expAvg)
 *     vₜ = β₂vₜ₋₁ + (1 − β₂)gₜ²                   (expAvgSq)
 *     amsgrad: v̂ₜ = max(v̂ₜ₋₁, vₜ), use v̂ₜ for vₜ below   (maxExpAvgSq)
 *     θₜ = θₜ₋₁ − (γ/(1 − β₁ᵗ)) · mₜ / (√vₜ/√(1 − β₂ᵗ) + ε)
 *
 * The last line is torch's arithmetic order: step size γ/bias_correction1, denominator
 * √v/√bias_correction2 + ε. It equals γ·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
 * Adam is momentum on g (m) plus RMSProp's per-coordinate scaling (v) plus bias correction,
 * which undoes the pull of m₀ = v₀ = 0 towards zero in the first steps (Lecture 8 notes
 * (Université Côte d'Azur) §4; its formula is in lib/optim/lecture-forms.ts).
 */
import { BaseOptimizer, checkBetas, checkFlag, checkLr, checkNonNegative, checkParams, checkStep } from "./base";

/** Options of {@link Adam}; names and defaults are torch's. */
export interface AdamOptions {
  /** Learning rate γ; default 1e-3. */
  lr?: number;
  /** [β₁, β₂], each in [0, 1); default [0.9, 0.999]. */
  betas?: [number, number];
  /** ε ≥ 0 added to the denominator; default 1e-8. */
  eps?: number;
  /** Weight decay λ ≥ 0, added to the gradient (L2); default 0. For decoupled decay use AdamW. */
  weightDecay?: number;
  /** AMSGrad: divide by the running maximum of v; default false. */
  amsgrad?: boolean;
  /** Maximise f; default false. */
  maximize?: boolean;
}

/** Adam's state; `maxExpAvgSq` exists when amsgrad. */
export interface AdamState {
  step: number;
  expAvg: Float64Array;
  expAvgSq: Float64Array;
  maxExpAvgSq?: Float64Array;
}

/** torch.optim.Adam. `new Adam(theta, { lr: 0.1 })`; `opt.step(grad)`. */
export class Adam extends BaseOptimizer<AdamState> {
  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
  readonly maximize: boolean;
  /** AdamW's decoupled decay θ ← θ(1 − γλ) instead of the L2 gradient term. */
  protected readonly decoupled: boolean;

  /**
   * @param params θ, updated in place
   * @param options torch's options
   * @param variant "AdamW" switches to decoupled weight decay (what the AdamW class passes)
   */
  constructor(params: Float64Array, options: AdamOptions = {}, variant: "Adam" | "AdamW" = "Adam") {
    const name = variant;
    const decoupled = variant === "AdamW";
    const lr = checkLr(name, options.lr ?? 1e-3, 0.001);
    checkParams(name, params);
    const amsgrad = checkFlag(name, "amsgrad", options.amsgrad ?? false);
    const n = params.length;
    const state: AdamState = { step: 0, expAvg: new Float64Array(n), expAvgSq: new Float64Array(n) };
    if (amsgrad) state.maxExpAvgSq = new Float64Array(n);
    super(name, params, lr, state);
    this.decoupled = decoupled;
    this.amsgrad = amsgrad;
    this.betas = checkBetas(name, options.betas ?? [0.9, 0.999], [0.9, 0.999]);
    this.eps = checkNonNegative(name, "eps", options.eps ?? 1e-8, 1e-8);
    this.weightDecay = checkNonNegative(name, "weightDecay", options.weightDecay ?? (decoupled ? 1e-2 : 0), decoupled ? 0.01 : 1e-4);
    this.maximize = checkFlag(name, "maximize", options.maximize ?? false);
  }

  /** m, v ← their EMAs; θ −= (γ/(1−β₁ᵗ))·m/(√v/√(1−β₂ᵗ) + ε). */
  step(grad: Float64Array): void {
    const p = this.params;
    checkStep(this.name, p, grad);
    const st = this.state, m = st.expAvg, v = st.expAvgSq, vmax = st.maxExpAvgSq, n = p.length;
    const [b1, b2] = this.betas;
    const lr = this.lr, eps = this.eps, wd = this.weightDecay, sign = this.maximize ? -1 : 1;
    const t = ++st.step;
    const w1 = 1 - b1, w2 = 1 - b2;
    const stepSize = lr / (1 - b1 ** t);
    const bc2Sqrt = Math.sqrt(1 - b2 ** t);
    const l2 = this.decoupled ? 0 : wd;
    const shrink = this.decoupled && wd !== 0 ? 1 - lr * wd : 1;
    for (let i = 0; i < n; i++) {
      // Branch-free: ×1, ×(±1) and + 0·θ are exact, so each case is bit for bit torch's.
      const pi = p[i] * shrink;
      const g = sign * grad[i] + l2 * pi;
      const mOld = m[i];
      // torch's lerp(m, g, 1 − β₁) as its CPU kernel rounds it for 1 − β₁ < ½ (every usual β₁; for β₁ ≤ ½ it
      // uses g − (g − m)·β₁, equal up to rounding). One form, so the loop has no branch per entry.
      const mi = mOld + w1 * (g - mOld);
      m[i] = mi;
      let vi = b2 * v[i] + w2 * g * g;
      v[i] = vi;
      if (vmax !== undefined) {
        if (vmax[i] > vi) vi = vmax[i];
        else vmax[i] = vi;
      }
      p[i] = pi - stepSize * (mi / (Math.sqrt(vi) / bc2Sqrt + eps));
    }
  }
}
