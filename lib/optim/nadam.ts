/**
 * NAdam, step for step as torch.optim.NAdam (its `_single_tensor_nadam`): Adam with Nesterov
 * momentum (Dozat 2016, "Incorporating Nesterov Momentum into Adam"), with its momentum
 * schedule μₜ.
 *
 * One step t = 1, 2, … with learning rate γ, betas (β₁, β₂), momentum decay ψ, weight decay λ:
 *
 *     gₜ = ∇f(θₜ₋₁)   (−∇f when maximize);   gₜ ← gₜ + λθₜ₋₁ if λ ≠ 0
 *     μₜ = β₁(1 − ½·0.96^(tψ)),   μₜ₊₁ = β₁(1 − ½·0.96^((t+1)ψ))
 *     Πₜ = Πₜ₋₁·μₜ                                       (muProduct, Π₀ = 1)
 *     mₜ = β₁mₜ₋₁ + (1 − β₁)gₜ,   vₜ = β₂vₜ₋₁ + (1 − β₂)gₜ²
 *     d = √(vₜ/(1 − β₂ᵗ)) + ε
 *     θₜ = θₜ₋₁ − γ(1 − μₜ)/(1 − Πₜ) · gₜ/d − γμₜ₊₁/(1 − Πₜμₜ₊₁) · mₜ/d
 *
 * The two terms are the bias-corrected "look-ahead" mix of the fresh gradient and the momentum.
 */
import { BaseOptimizer, checkBetas, checkFlag, checkLr, checkNonNegative, checkParams, checkStep } from "./base";

/** Options of {@link NAdam}; names and defaults are torch's. */
export interface NAdamOptions {
  /** Learning rate γ; default 2e-3. */
  lr?: number;
  /** [β₁, β₂], each in [0, 1); default [0.9, 0.999]. */
  betas?: [number, number];
  /** ε ≥ 0 added to the denominator; default 1e-8. */
  eps?: number;
  /** Weight decay λ ≥ 0 (L2); default 0. */
  weightDecay?: number;
  /** Momentum decay ψ ≥ 0 of the schedule μₜ; default 4e-3. */
  momentumDecay?: number;
  /** Maximise f; default false. */
  maximize?: boolean;
}

/** NAdam's state: t, the product Πₜ of the μ's, and Adam's two averages. */
export interface NAdamState {
  step: number;
  muProduct: number;
  expAvg: Float64Array;
  expAvgSq: Float64Array;
}

/** torch.optim.NAdam. */
export class NAdam extends BaseOptimizer<NAdamState> {
  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  readonly momentumDecay: number;
  readonly maximize: boolean;

  constructor(params: Float64Array, options: NAdamOptions = {}) {
    const name = "NAdam";
    const lr = checkLr(name, options.lr ?? 2e-3, 0.002);
    checkParams(name, params);
    super(name, params, lr, { step: 0, muProduct: 1, expAvg: new Float64Array(params.length), expAvgSq: new Float64Array(params.length) });
    this.betas = checkBetas(name, options.betas ?? [0.9, 0.999], [0.9, 0.999]);
    this.eps = checkNonNegative(name, "eps", options.eps ?? 1e-8, 1e-8);
    this.weightDecay = checkNonNegative(name, "weightDecay", options.weightDecay ?? 0, 1e-4);
    this.momentumDecay = checkNonNegative(name, "momentumDecay", options.momentumDecay ?? 4e-3, 4e-3);
    this.maximize = checkFlag(name, "maximize", options.maximize ?? false);
  }

  /** One NAdam step (formulas above). */
  step(grad: Float64Array): void {
    const p = this.params;
    checkStep(this.name, p, grad);
    const st = this.state, m = st.expAvg, v = st.expAvgSq, n = p.length;
    const [b1, b2] = this.betas;
    const lr = this.lr, eps = this.eps, wd = this.weightDecay, sign = this.maximize ? -1 : 1, psi = this.momentumDecay;
    const t = ++st.step;
    const bc2 = 1 - b2 ** t;
    const mu = b1 * (1 - 0.5 * 0.96 ** (t * psi));
    const muNext = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi));
    const muProduct = (st.muProduct *= mu);
    const gCoef = (-lr * (1 - mu)) / (1 - muProduct);
    const mCoef = (-lr * muNext) / (1 - muProduct * muNext);
    const w1 = 1 - b1, w2 = 1 - b2;
    for (let i = 0; i < n; i++) {
      const g = sign * grad[i] + wd * p[i];
      const mOld = m[i];
      // torch's lerp(m, g, 1 − β₁) as its CPU kernel rounds it for 1 − β₁ < ½ (every usual β₁; for β₁ ≤ ½ it
      // uses g − (g − m)·β₁, equal up to rounding). One form, so the loop has no branch per entry.
      const mi = mOld + w1 * (g - mOld);
      m[i] = mi;
      const vi = b2 * v[i] + w2 * g * g;
      v[i] = vi;
      const d = Math.sqrt(vi / bc2) + eps;
      p[i] = p[i] + gCoef * (g / d) + mCoef * (mi / d);
    }
  }
}
