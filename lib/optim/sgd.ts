/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and weight decay,
 * step for step as torch.optim.SGD (its `_single_tensor_sgd`).
 *
 * One step with gradient ∇f(θₜ₋₁), learning rate γ, momentum μ, dampening τ, weight decay λ:
 *
 *     gₜ = ∇f(θₜ₋₁)          (−∇f(θₜ₋₁) when maximize)
 *     gₜ ← gₜ + λθₜ₋₁         if λ ≠ 0
 *     if μ ≠ 0:
 *        bₜ = gₜ                       at t = 1
 *        bₜ = μbₜ₋₁ + (1 − τ)gₜ        later
 *        gₜ ← gₜ + μbₜ   (nesterov)    or   gₜ ← bₜ
 *     θₜ = θₜ₋₁ − γgₜ
 *
 * This is the heavy-ball method of the lectures: CS 182 Discussion 2 (Berkeley) §3.4 writes
 * v ← m·v + ∇L, θ ← θ − αv, which is SGD(lr = α, momentum = m) with v = b exactly (see
 * lib/optim/lecture-forms.ts for every lecture form and its proof).
 *
 * One difference from torch's documentation box, where torch's code differs from it: with
 * `maximize` the code negates the gradient first and then adds λθ (so weight decay still
 * shrinks θ); the box adds λθ first and flips the sign at the end. We follow the code.
 */
import { BaseOptimizer, checkFlag, checkLr, checkNonNegative, checkParams, checkStep } from "./base";
import { checkOption } from "./optimizer";

/** Options of {@link SGD}; names and defaults are torch's. */
export interface SGDOptions {
  /** Learning rate γ; default 1e-3 (torch's). */
  lr?: number;
  /** Momentum factor μ ≥ 0; default 0 (plain gradient descent). */
  momentum?: number;
  /** Dampening τ for momentum, in [0, 1]; default 0. */
  dampening?: number;
  /** Weight decay λ ≥ 0 (an L2 penalty (λ/2)‖θ‖² added to f); default 0. */
  weightDecay?: number;
  /** Nesterov momentum; needs momentum > 0 and dampening 0. Default false. */
  nesterov?: boolean;
  /** Maximise f instead of minimising it; default false. */
  maximize?: boolean;
}

/** SGD's state: the momentum buffer b (null until the first step, and always with momentum 0). */
export interface SGDState {
  momentumBuffer: Float64Array | null;
}

/**
 * torch.optim.SGD. `new SGD(theta, { lr: 0.1, momentum: 0.9 })`, then `opt.step(grad)` per
 * iteration with grad = ∇f(opt.params).
 */
export class SGD extends BaseOptimizer<SGDState> {
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  readonly maximize: boolean;

  constructor(params: Float64Array, options: SGDOptions = {}) {
    const name = "SGD";
    const lr = checkLr(name, options.lr ?? 1e-3, 0.01);
    super(name, checkParams(name, params), lr, { momentumBuffer: null });
    this.momentum = checkNonNegative(name, "momentum", options.momentum ?? 0, 0.9);
    this.dampening = checkOption(name, "dampening", options.dampening ?? 0, { min: 0, max: 1 }, "Use a value in [0, 1]; 0 (no dampening) is usual.");
    this.weightDecay = checkNonNegative(name, "weightDecay", options.weightDecay ?? 0, 1e-4);
    this.nesterov = checkFlag(name, "nesterov", options.nesterov ?? false);
    this.maximize = checkFlag(name, "maximize", options.maximize ?? false);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      // torch: "Nesterov momentum requires a momentum and zero dampening"
      throw new RangeError(
        `SGD: Nesterov momentum requires a momentum and zero dampening, got momentum ${this.momentum} and dampening ${this.dampening}. ` +
          "Set momentum > 0 (e.g. 0.9) and dampening: 0, or nesterov: false.",
      );
    }
  }

  /** θ ← θ − γ·d with d the (Nesterov) momentum direction of the formulas above. */
  step(grad: Float64Array): void {
    const p = this.params;
    checkStep(this.name, p, grad);
    const n = p.length, lr = this.lr, mu = this.momentum, wd = this.weightDecay;
    // g = ±∇f + λθ without a branch per entry: multiplying by ±1 and adding 0·θ (θ finite) are
    // exact, so this is bit for bit torch's `grad.add(param, alpha=λ)` on the (negated) gradient.
    const sign = this.maximize ? -1 : 1;
    if (mu === 0) {
      for (let i = 0; i < n; i++) p[i] -= lr * (sign * grad[i] + wd * p[i]);
      return;
    }
    // One loop per case, so the hot loop has no per-entry branch.
    let b = this.state.momentumBuffer;
    if (b === null) {
      b = this.state.momentumBuffer = new Float64Array(n);
      if (this.nesterov) {
        for (let i = 0; i < n; i++) { const g = sign * grad[i] + wd * p[i]; b[i] = g; p[i] -= lr * (g + mu * g); }
      } else {
        for (let i = 0; i < n; i++) { const g = sign * grad[i] + wd * p[i]; b[i] = g; p[i] -= lr * g; }
      }
      return;
    }
    const keep = 1 - this.dampening;
    if (this.nesterov) {
      for (let i = 0; i < n; i++) { const g = sign * grad[i] + wd * p[i]; const bi = mu * b[i] + keep * g; b[i] = bi; p[i] -= lr * (g + mu * bi); }
    } else {
      for (let i = 0; i < n; i++) { const g = sign * grad[i] + wd * p[i]; const bi = mu * b[i] + keep * g; b[i] = bi; p[i] -= lr * bi; }
    }
  }
}
