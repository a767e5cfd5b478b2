/**
 * RMSprop, step for step as torch.optim.RMSprop (its `_single_tensor_rmsprop`).
 *
 * One step with learning rate γ, smoothing α, momentum μ, weight decay λ:
 *
 *     gₜ = ∇f(θₜ₋₁)   (−∇f when maximize);   gₜ ← gₜ + λθₜ₋₁ if λ ≠ 0
 *     vₜ = αvₜ₋₁ + (1 − α)gₜ²                           (squareAvg, v₀ = 0)
 *     centered:  ḡₜ = αḡₜ₋₁ + (1 − α)gₜ,  ṽ = vₜ − ḡₜ²   (gradAvg)   else ṽ = vₜ
 *     μ > 0:     bₜ = μbₜ₋₁ + gₜ/(√ṽ + ε),  θₜ = θₜ₋₁ − γbₜ
 *     else:      θₜ = θₜ₋₁ − γ gₜ/(√ṽ + ε)
 *
 * The RMSProp of Lecture 8 notes (Université Côte d'Azur) starts its average at σ⁰ = |g⁰|
 * instead of v₀ = 0, so torch's first step is 1/√(1 − α) times larger than the lecture's; CS
 * 182 Discussion 2 (Berkeley) §3.5 writes it with β = α and ε inside the root. Both are in
 * lib/optim/lecture-forms.ts with their proofs. With momentum this is not Adam: the momentum
 * here averages already-scaled steps, and there is no bias correction.
 */
import { BaseOptimizer, checkFlag, checkLr, checkNonNegative, checkParams, checkStep, checkUnitInterval } from "./base";

/** Options of {@link RMSprop}; names and defaults are torch's. */
export interface RMSpropOptions {
  /** Learning rate γ; default 1e-2. */
  lr?: number;
  /** Smoothing constant α in [0, 1); default 0.99. */
  alpha?: number;
  /** ε ≥ 0 added to the root; default 1e-8. */
  eps?: number;
  /** Weight decay λ ≥ 0; default 0. */
  weightDecay?: number;
  /** Momentum μ ≥ 0; default 0. */
  momentum?: number;
  /** Divide by an estimate of the gradient's variance (v − ḡ²) instead of its second moment; default false. */
  centered?: boolean;
  /** Maximise f; default false. */
  maximize?: boolean;
}

/** RMSprop's state; `momentumBuffer` exists when momentum > 0, `gradAvg` when centered. */
export interface RMSpropState {
  step: number;
  squareAvg: Float64Array;
  momentumBuffer?: Float64Array;
  gradAvg?: Float64Array;
}

/** torch.optim.RMSprop. */
export class RMSprop extends BaseOptimizer<RMSpropState> {
  readonly alpha: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly momentum: number;
  readonly centered: boolean;
  readonly maximize: boolean;

  constructor(params: Float64Array, options: RMSpropOptions = {}) {
    const name = "RMSprop";
    const lr = checkLr(name, options.lr ?? 1e-2, 0.01);
    checkParams(name, params);
    const momentum = checkNonNegative(name, "momentum", options.momentum ?? 0, 0.9);
    const centered = checkFlag(name, "centered", options.centered ?? false);
    const n = params.length;
    const state: RMSpropState = { step: 0, squareAvg: new Float64Array(n) };
    if (momentum > 0) state.momentumBuffer = new Float64Array(n);
    if (centered) state.gradAvg = new Float64Array(n);
    super(name, params, lr, state);
    this.momentum = momentum;
    this.centered = centered;
    this.alpha = checkUnitInterval(name, "alpha", options.alpha ?? 0.99, 0.99);
    this.eps = checkNonNegative(name, "eps", options.eps ?? 1e-8, 1e-8);
    this.weightDecay = checkNonNegative(name, "weightDecay", options.weightDecay ?? 0, 1e-4);
    this.maximize = checkFlag(name, "maximize", options.maximize ?? false);
  }

  /** v ← αv + (1−α)g²; θ −= γ·g/(√v + ε), through a momentum buffer when μ > 0. */
  step(grad: Float64Array): void {
    const p = this.params;
    checkStep(this.name, p, grad);
    const st = this.state, v = st.squareAvg, n = p.length;
    const lr = this.lr, alpha = this.alpha, keep = 1 - alpha, eps = this.eps, wd = this.weightDecay, sign = this.maximize ? -1 : 1, mu = this.momentum;
    st.step++;
    const gAvg = st.gradAvg, buf = st.momentumBuffer;
    // torch updates ḡ with lerp(ḡ, g, 1 − α), which its CPU kernel computes as ḡ + (1 − α)(g − ḡ)
    // for 1 − α < ½ (every usual α; above ½ another form, equal up to rounding).
    for (let i = 0; i < n; i++) {
      const g = sign * grad[i] + wd * p[i];
      const vi = alpha * v[i] + keep * g * g;
      v[i] = vi;
      let avg: number;
      if (gAvg !== undefined) {
        const aOld = gAvg[i];
        const gi = aOld + keep * (g - aOld);
        gAvg[i] = gi;
        avg = Math.sqrt(vi - gi * gi) + eps;
      } else {
        avg = Math.sqrt(vi) + eps;
      }
      if (buf !== undefined) {
        const bi = mu * buf[i] + g / avg;
        buf[i] = bi;
        p[i] -= lr * bi;
      } else {
        p[i] -= lr * (g / avg);
      }
    }
  }
}
