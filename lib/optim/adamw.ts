/**
 * AdamW, step for step as torch.optim.AdamW: Adam with decoupled weight decay (Loshchilov &
 * Hutter, "Decoupled Weight Decay Regularization", 2019).
 *
 * One step: first shrink θ, then take Adam's step with the raw gradient:
 *
 *     θₜ₋₁ ← θₜ₋₁(1 − γλ)
 *     mₜ, vₜ as in Adam with gₜ = ∇f (no λθ term);  θₜ = θₜ₋₁ − (γ/(1−β₁ᵗ))·mₜ/(√vₜ/√(1−β₂ᵗ) + ε)
 *
 * With Adam's L2 term, λθ enters m and is divided by √v, so coordinates with large gradients
 * are barely decayed; AdamW decays every coordinate by the same factor. Defaults: torch's
 * (lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 1e-2).
 */
import { Adam, type AdamOptions } from "./adam";

/** Options of {@link AdamW}: Adam's, with `weightDecay` (λ, decoupled) defaulting to 1e-2. */
export type AdamWOptions = AdamOptions;

/** torch.optim.AdamW. */
export class AdamW extends Adam {
  constructor(params: Float64Array, options: AdamWOptions = {}) {
    super(params, options, "AdamW");
  }
}
