// GENERATED from solutions/adaptive.ts by `npm run exercises` (fingerprint b69d32b2dacf4980). This is your copy to edit.
// Replace each `throw new Error("not implemented yet: …")` with your code, then run the check(...) cell of the lesson or `npm run grade`.
/**
 * Lesson 6, Adaptive step sizes: one Adam step (with and without bias correction) and a
 * learning-rate schedule with linear warm-up followed by cosine annealing.
 *
 * @lesson 6
 */

/** Adam's settings in torch.optim.Adam's names. */
export interface AdamSettings {
  /** The step size γ (torch's `lr`), a positive finite number. */
  lr: number;
  /** [β₁, β₂], each in [0, 1): how much of the old averages each step keeps. */
  betas: [number, number];
  /** ε ≥ 0, added to the denominator after the square root. */
  eps: number;
  /** Divide the averages by 1 − β₁ᵗ and 1 − β₂ᵗ (torch always does); default true. */
  biasCorrection?: boolean;
}

/**
 * One step t (t = 1 for the first step) of Adam as torch.optim.Adam takes it (no weight decay):
 *
 *     m⁺ = β₁·m + (1 − β₁)·g
 *     v⁺ = β₂·v + (1 − β₂)·g²                 (g² entry by entry)
 *     m̂ = m⁺/(1 − β₁ᵗ),  v̂ = v⁺/(1 − β₂ᵗ)      (bias correction; m̂ = m⁺, v̂ = v⁺ without it)
 *     θ⁺ = θ − lr · m̂/(√v̂ + ε)
 *
 * m and v start at zero, so early on both are pulled towards zero, by different factors: after
 * one step m⁺ = (1 − β₁)g and v⁺ = (1 − β₂)g². Uncorrected, the first step is therefore
 * (1 − β₁)/√(1 − β₂) ≈ 3.16 times the corrected one for the default betas; the correction
 * divides each average by its own factor, so the first step is lr·g/(|g| + ε).
 *
 * Returns `[θ⁺, m⁺, v⁺]`, three new arrays; `theta`, `m`, `v` and `grad` are left untouched.
 *
 * @param theta the current point θ
 * @param m the first-moment average (zeros before the first step), same length as θ
 * @param v the second-moment average (zeros before the first step), same length as θ
 * @param grad the gradient g = ∇f(θ), same length as θ
 * @param t the number of this step, a whole number ≥ 1
 * @param settings lr, betas, eps and whether to correct the bias
 * @throws RangeError naming `lr`, `betas`, `eps`, `t` or the lengths when one is wrong
 */
export function adamStep(theta: number[], m: number[], v: number[], grad: number[], t: number, settings: AdamSettings): [number[], number[], number[]] {
  throw new Error("not implemented yet: adamStep (lesson 6)");
}

/** The shape of a warm-up + cosine schedule. */
export interface WarmupCosineSettings {
  /** The peak learning rate η₀, reached at the end of the warm-up; positive and finite. */
  baseLr: number;
  /** W ≥ 1 warm-up steps: lr climbs linearly η₀/W, 2η₀/W, …, η₀ over steps t = 0 … W − 1. */
  warmupSteps: number;
  /** T > W: the step at which the cosine reaches `minLr` (and stays there afterwards). */
  totalSteps: number;
  /** The final learning rate, 0 ≤ minLr ≤ η₀; default 0. */
  minLr?: number;
}

/**
 * The learning rate at step t = 0, 1, 2, … of a linear warm-up followed by cosine annealing:
 *
 *     t < W:        lr = η₀ · (t + 1)/W
 *     W ≤ t ≤ T:    lr = η_min + (η₀ − η_min) · (1 + cos(π (t − W)/(T − W)))/2
 *     t > T:        lr = η_min
 *
 * The warm-up keeps the first steps small while Adam's second-moment estimate (or a network's
 * early, large gradients) settles; the cosine then decays smoothly to η_min. It is torch's
 * SequentialLR of LinearLR(start_factor = 1/W, total_iters = W − 1) and
 * CosineAnnealingLR(T_max = T − W, eta_min) with milestone W, stopped at T.
 *
 * @param t the step, a whole number ≥ 0
 * @param settings baseLr, warmupSteps, totalSteps and minLr
 * @throws RangeError naming `t`, `baseLr`, `warmupSteps`, `totalSteps` or `minLr` when one is out of range
 */
export function warmupCosine(t: number, settings: WarmupCosineSettings): number {
  throw new Error("not implemented yet: warmupCosine (lesson 6)");
}
