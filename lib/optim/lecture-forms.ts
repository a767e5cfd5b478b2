/**
 * The optimizers exactly as the lectures write them, as named variants of the pack's
 * `Optimizer` (so they run wherever torch's forms run), beside the torch settings they equal.
 *
 * | class | lecture | update | equals |
 * |---|---|---|---|
 * | {@link Lecture8Momentum} | Lecture 8 notes (Université Côte d'Azur) §4 | v ← λv − η∇L(W); W ← W + v | SGD(lr η, momentum λ), v = −η·b (constant η) |
 * | {@link CS182HeavyBall} | CS 182 Discussion 2 (Berkeley) §3.4 | v ← m·v + ∇L(θ); θ ← θ − αv | SGD(lr α, momentum m), v = b |
 * | {@link Topic4Momentum} | Topic 4 slides (Deep Learning and Neural Networks), "Momentum Methods" | v ← ηv − ∇h(θ); θ ← θ + αv | SGD(lr α, momentum η), v = −b |
 * | {@link Topic4Nesterov} | the same slides, Nesterov's variant | v ← ηv − ∇h(θ + αηv); θ ← θ + αv | SGD(lr α, momentum η, nesterov): its iterates are the look-ahead points θ + αηv |
 * | {@link Lecture8Adagrad} | Lecture 8 notes §4 | w ← w − η/√(Σᵢ(gⁱ)²)·g | Adagrad(lr η, eps 0, initialAccumulatorValue 0) |
 * | {@link Lecture8RMSProp} | Lecture 8 notes §4 | σ⁰ = \|g⁰\|, σᵗ = √(α(σᵗ⁻¹)² + (1−α)(gᵗ)²); w ← w − η/σ·g | RMSprop(lr η, alpha α, eps 0) with squareAvg seeded by (g⁰)² |
 * | {@link CS182Adagrad} | CS 182 Discussion 2 §3.5 | s ← s + βg²; θ ← θ − α/√(s+ε)·g | Adagrad(lr α/√β, eps 0) when ε = 0 |
 * | {@link CS182RMSProp} | CS 182 Discussion 2 §3.5 | s ← βs + (1−β)g²; θ ← θ − α/√(s+ε)·g | RMSprop(lr α, alpha β, eps 0) when ε = 0 |
 * | {@link Lecture8Adam} | Lecture 8 notes §4 (sign typo corrected) | ν ← β₁ν + (1−β₁)g; s ← β₂s + (1−β₂)g²; ω ← ω − ην/√(s+ε) | Adam(eps 0) when η is scaled by √(1−β₂ᵗ)/(1−β₁ᵗ) at step t: Adam is this plus bias correction |
 *
 * test/lib/optim/lecture-forms.test.ts proves each "equals" step by step. Every form takes its
 * step size as `lr` (the `Optimizer` field a schedule changes) and its other constant under the
 * torch name it maps to (`momentum`, `alpha`, `betas`, `eps`), with the lecture's symbol in the
 * option's documentation. Beware the Topic 4 slides' letters: there α is the step size and η
 * the momentum constant, the reverse of Lecture 8's η and λ.
 */
import { BaseOptimizer, checkBetas, checkLr, checkNonNegative, checkParams, checkStep, checkUnitInterval } from "./base";
import { checkOption } from "./optimizer";

/** Options of the momentum forms: the step size and the momentum constant. */
export interface LectureMomentumOptions {
  /** The step size: η in Lecture 8, α in CS 182 and the Topic 4 slides; default 0.01. */
  lr?: number;
  /** The momentum constant: λ in Lecture 8, m in CS 182, η in the Topic 4 slides; in [0, 1), default 0.9. */
  momentum?: number;
}

/** State of the momentum forms: the lecture's v. */
export interface VelocityState {
  velocity: Float64Array;
}

function momentumOf(owner: string, options: LectureMomentumOptions): number {
  return checkUnitInterval(owner, "momentum", options.momentum ?? 0.9, 0.9);
}

/**
 * Momentum as Lecture 8 notes (Université Côte d'Azur) §4 write it ("movement"):
 * v⁰ = 0, vᵗ⁺¹ = λvᵗ − η∇L(Wᵗ), Wᵗ⁺¹ = Wᵗ + vᵗ⁺¹.
 *
 * Equals torch's SGD(lr = η, momentum = λ) with v = −η·b while η is constant; when η changes
 * between steps the two differ (here old movement keeps its old η; torch rescales all of b).
 */
export class Lecture8Momentum extends BaseOptimizer<VelocityState> {
  readonly momentum: number;

  constructor(params: Float64Array, options: LectureMomentumOptions = {}) {
    const name = "Momentum (Lecture 8)";
    const lr = checkLr(name, options.lr ?? 0.01, 0.01);
    checkParams(name, params);
    super(name, params, lr, { velocity: new Float64Array(params.length) });
    this.momentum = momentumOf(name, options);
  }

  /** v ← λv − ηg; W ← W + v. */
  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    const p = this.params, vel = this.state.velocity, lambda = this.momentum, eta = this.lr;
    for (let i = 0; i < p.length; i++) {
      vel[i] = lambda * vel[i] - eta * grad[i];
      p[i] += vel[i];
    }
  }
}

/**
 * The heavy-ball method as CS 182 Discussion 2 (Berkeley) §3.4 writes it:
 * vᵗ = m·vᵗ⁻¹ + ∇L(θᵗ), θᵗ⁺¹ = θᵗ − αvᵗ (v before the first step = 0).
 *
 * Equals torch's SGD(lr = α, momentum = m) exactly, with v = torch's momentum buffer b.
 */
export class CS182HeavyBall extends BaseOptimizer<VelocityState> {
  readonly momentum: number;

  constructor(params: Float64Array, options: LectureMomentumOptions = {}) {
    const name = "Heavy ball (CS 182)";
    const lr = checkLr(name, options.lr ?? 0.01, 0.01);
    checkParams(name, params);
    super(name, params, lr, { velocity: new Float64Array(params.length) });
    this.momentum = momentumOf(name, options);
  }

  /** v ← m·v + g; θ ← θ − αv. */
  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    const p = this.params, vel = this.state.velocity, m = this.momentum, alpha = this.lr;
    for (let i = 0; i < p.length; i++) {
      vel[i] = m * vel[i] + grad[i];
      p[i] -= alpha * vel[i];
    }
  }
}

/**
 * Classical momentum as the Topic 4 slides (Deep Learning and Neural Networks) write it:
 * vₖ₊₁ = ηvₖ − ∇h(θₖ), θₖ₊₁ = θₖ + αvₖ₊₁, v₀ = 0 (α the learning rate, η the momentum constant).
 *
 * Equals torch's SGD(lr = α, momentum = η) exactly, with v = −b.
 */
export class Topic4Momentum extends BaseOptimizer<VelocityState> {
  readonly momentum: number;

  constructor(params: Float64Array, options: LectureMomentumOptions = {}) {
    const name = "Classical momentum (Topic 4)";
    const lr = checkLr(name, options.lr ?? 0.01, 0.01);
    checkParams(name, params);
    super(name, params, lr, { velocity: new Float64Array(params.length) });
    this.momentum = momentumOf(name, options);
  }

  /** v ← ηv − g; θ ← θ + αv. */
  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    const p = this.params, vel = this.state.velocity, eta = this.momentum, alpha = this.lr;
    for (let i = 0; i < p.length; i++) {
      vel[i] = eta * vel[i] - grad[i];
      p[i] += alpha * vel[i];
    }
  }
}

/** State of {@link Topic4Nesterov}: the lecture's v and its iterate θ (params holds θ + αηv). */
export interface NesterovState extends VelocityState {
  theta: Float64Array;
}

/**
 * Nesterov's momentum as the Topic 4 slides write it:
 * vₖ₊₁ = ηvₖ − ∇h(θₖ + αηvₖ), θₖ₊₁ = θₖ + αvₖ₊₁, v₀ = 0.
 *
 * The gradient is taken at the look-ahead point φₖ = θₖ + αηvₖ, so that is what `params`
 * holds (the caller evaluates ∇h at `params`, as for every optimizer); the lecture's θₖ is in
 * `state.theta`. Equals torch's SGD(lr = α, momentum = η, nesterov = true): torch's iterates
 * are exactly these look-ahead points, and its buffer b = −v.
 */
export class Topic4Nesterov extends BaseOptimizer<NesterovState> {
  readonly momentum: number;

  constructor(params: Float64Array, options: LectureMomentumOptions = {}) {
    const name = "Nesterov (Topic 4)";
    const lr = checkLr(name, options.lr ?? 0.01, 0.01);
    checkParams(name, params);
    super(name, params, lr, { velocity: new Float64Array(params.length), theta: Float64Array.from(params) });
    this.momentum = momentumOf(name, options);
  }

  /** With g = ∇h(φₖ): v ← ηv − g; θ ← θ + αv; then params ← θ + αηv, the next look-ahead point. */
  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    const p = this.params, vel = this.state.velocity, theta = this.state.theta, eta = this.momentum, alpha = this.lr;
    for (let i = 0; i < p.length; i++) {
      vel[i] = eta * vel[i] - grad[i];
      theta[i] += alpha * vel[i];
      p[i] = theta[i] + alpha * eta * vel[i];
    }
  }
}

/** State of {@link Lecture8Adagrad}: t and Σ g² per coordinate. */
export interface Lecture8AdagradState {
  step: number;
  sumSq: Float64Array;
}

/**
 * Adagrad as Lecture 8 notes (Université Côte d'Azur) §4 write it: each parameter w gets its
 * own rate η_w = η/√(Σᵢ₌₀ᵗ (gⁱ)²), the sum over every gradient so far including this one, and
 * wᵗ⁺¹ = wᵗ − η_w·gᵗ. No ε: a coordinate whose gradients have all been 0 so far does not move
 * (its 0/0 is read as 0). Equals torch's Adagrad(lr = η, eps = 0, initialAccumulatorValue = 0).
 */
export class Lecture8Adagrad extends BaseOptimizer<Lecture8AdagradState> {
  constructor(params: Float64Array, options: { /** η; default 0.01. */ lr?: number } = {}) {
    const name = "Adagrad (Lecture 8)";
    const lr = checkLr(name, options.lr ?? 0.01, 0.01);
    checkParams(name, params);
    super(name, params, lr, { step: 0, sumSq: new Float64Array(params.length) });
  }

  /** The per-parameter rates η/√(Σ g²) the last step used (η/0.1 and η/20 after the notes' first gradients 0.1 and 20). */
  stepSizes(): Float64Array {
    return this.state.sumSq.map((s) => (s > 0 ? this.lr / Math.sqrt(s) : 0));
  }

  /** Σ ← Σ + g²; w ← w − η/√Σ · g. */
  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    const p = this.params, s = this.state.sumSq, eta = this.lr;
    this.state.step++;
    for (let i = 0; i < p.length; i++) {
      s[i] += grad[i] * grad[i];
      if (s[i] > 0) p[i] -= (eta / Math.sqrt(s[i])) * grad[i];
    }
  }
}

/** State of {@link Lecture8RMSProp}: t and σ per coordinate. */
export interface Lecture8RMSPropState {
  step: number;
  sigma: Float64Array;
}

/**
 * RMSProp as Lecture 8 notes (Université Côte d'Azur) §4 write it: wᵗ⁺¹ = wᵗ − (η/σᵗ)gᵗ with
 * σ⁰ = |g⁰| and σᵗ = √(α(σᵗ⁻¹)² + (1 − α)(gᵗ)²).
 *
 * The notes write σ⁰ = g⁰; a root mean square is never negative, so we take |g⁰| (with a
 * negative g⁰ the notes' version would step uphill). No ε: σ = 0 means every gradient so far
 * was 0 and the step is 0. Equals torch's RMSprop(lr = η, alpha = α, eps = 0) whose squareAvg
 * is seeded with (g⁰)² before its first step; unseeded, torch's first step is 1/√(1 − α) times
 * larger (10× for α = 0.99), because its average starts at 0.
 */
export class Lecture8RMSProp extends BaseOptimizer<Lecture8RMSPropState> {
  readonly alpha: number;

  constructor(params: Float64Array, options: { /** η; default 0.01. */ lr?: number; /** α in [0, 1); default 0.9. */ alpha?: number } = {}) {
    const name = "RMSProp (Lecture 8)";
    const lr = checkLr(name, options.lr ?? 0.01, 0.01);
    checkParams(name, params);
    super(name, params, lr, { step: 0, sigma: new Float64Array(params.length) });
    this.alpha = checkUnitInterval(name, "alpha", options.alpha ?? 0.9, 0.9);
  }

  /** The per-parameter rates η/σ the last step used. */
  stepSizes(): Float64Array {
    return this.state.sigma.map((s) => (s > 0 ? this.lr / s : 0));
  }

  /** σ ← |g| at the first step, else √(ασ² + (1−α)g²); w ← w − η/σ·g. */
  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    const p = this.params, sigma = this.state.sigma, a = this.alpha, eta = this.lr;
    const first = this.state.step++ === 0;
    for (let i = 0; i < p.length; i++) {
      const g = grad[i];
      sigma[i] = first ? Math.abs(g) : Math.sqrt(a * sigma[i] * sigma[i] + (1 - a) * g * g);
      if (sigma[i] > 0) p[i] -= (eta / sigma[i]) * g;
    }
  }
}

/** Options of the CS 182 adaptive forms. */
export interface CS182AdaptiveOptions {
  /** The step size α; default 0.01. */
  lr?: number;
  /** β: the weight of each new g² (Adagrad, default 1) or the decay of the average (RMSProp, in [0, 1), default 0.9). */
  beta?: number;
  /** ε ≥ 0 inside the root; default 1e-8. */
  eps?: number;
}

/** State of the CS 182 adaptive forms: s per coordinate. */
export interface CS182AdaptiveState {
  step: number;
  s: Float64Array;
}

/**
 * Adagrad as CS 182 Discussion 2 (Berkeley) §3.5 writes it:
 * sₖᵗ = sₖᵗ⁻¹ + β(∇_θₖ L)², θₖᵗ⁺¹ = θₖᵗ − α/√(sₖᵗ + ε) · ∇_θₖ L.
 *
 * With ε = 0 it equals torch's Adagrad(lr = α/√β, eps = 0): √(βΣg²) = √β·√(Σg²). With ε > 0
 * it differs slightly, since torch adds ε outside the root.
 */
export class CS182Adagrad extends BaseOptimizer<CS182AdaptiveState> {
  readonly beta: number;
  readonly eps: number;

  constructor(params: Float64Array, options: CS182AdaptiveOptions = {}) {
    const name = "Adagrad (CS 182)";
    const lr = checkLr(name, options.lr ?? 0.01, 0.01);
    checkParams(name, params);
    super(name, params, lr, { step: 0, s: new Float64Array(params.length) });
    this.beta = checkOption(name, "beta", options.beta ?? 1, { min: 0, minExclusive: true }, "β weighs each new squared gradient; use a value > 0 such as 1.");
    this.eps = checkNonNegative(name, "eps", options.eps ?? 1e-8, 1e-8);
  }

  /** s ← s + βg²; θ ← θ − α/√(s + ε)·g. */
  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    const p = this.params, s = this.state.s, beta = this.beta, eps = this.eps, alpha = this.lr;
    this.state.step++;
    for (let i = 0; i < p.length; i++) {
      s[i] += beta * grad[i] * grad[i];
      const r = Math.sqrt(s[i] + eps);
      if (r > 0) p[i] -= (alpha / r) * grad[i];
    }
  }
}

/**
 * RMSProp as CS 182 Discussion 2 (Berkeley) §3.5 writes it:
 * sₖᵗ = βsₖᵗ⁻¹ + (1 − β)(∇_θₖ L)², θₖᵗ⁺¹ = θₖᵗ − α/√(sₖᵗ + ε) · ∇_θₖ L, s starting at 0.
 *
 * With ε = 0 it equals torch's RMSprop(lr = α, alpha = β, eps = 0).
 */
export class CS182RMSProp extends BaseOptimizer<CS182AdaptiveState> {
  readonly beta: number;
  readonly eps: number;

  constructor(params: Float64Array, options: CS182AdaptiveOptions = {}) {
    const name = "RMSProp (CS 182)";
    const lr = checkLr(name, options.lr ?? 0.01, 0.01);
    checkParams(name, params);
    super(name, params, lr, { step: 0, s: new Float64Array(params.length) });
    this.beta = checkUnitInterval(name, "beta", options.beta ?? 0.9, 0.9);
    this.eps = checkNonNegative(name, "eps", options.eps ?? 1e-8, 1e-8);
  }

  /** s ← βs + (1−β)g²; θ ← θ − α/√(s + ε)·g. */
  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    const p = this.params, s = this.state.s, beta = this.beta, eps = this.eps, alpha = this.lr;
    this.state.step++;
    for (let i = 0; i < p.length; i++) {
      s[i] = beta * s[i] + (1 - beta) * grad[i] * grad[i];
      const r = Math.sqrt(s[i] + eps);
      if (r > 0) p[i] -= (alpha / r) * grad[i];
    }
  }
}

/** State of {@link Lecture8Adam}: t, ν and s. */
export interface Lecture8AdamState {
  step: number;
  nu: Float64Array;
  s: Float64Array;
}

/**
 * Adam as Lecture 8 notes (Université Côte d'Azur) §4 write it, with its typos corrected:
 *
 *     νₜ = β₁νₜ₋₁ + (1 − β₁)gₜ,   sₜ = β₂sₜ₋₁ + (1 − β₂)gₜ²,   ωₜ₊₁ = ωₜ − η·νₜ/√(sₜ + ε)
 *
 * Note on the notes: they print `−` where `+` belongs in both averages (νₜ = β₁νₜ₋₁ − (1−β₁)gₜ
 * would average −g, and sₜ = β₂sₜ₋₁ − (1−β₂)gₜ² turns negative, so its root is NaN), and they
 * multiply the step by gₜ once more (Δωₜ = −η νₜ/√(sₜ+ε) ∗ gₜ), which would make the step
 * scale with g² and point along +g wherever ν and g disagree in sign. The form here is the one
 * of Kingma & Ba without bias correction, with ε inside the root as the notes have it.
 *
 * Torch's Adam adds bias correction: with ε = 0 it equals this form run with the step size
 * ηₜ = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) at step t (a schedule), which is how the test proves it.
 */
export class Lecture8Adam extends BaseOptimizer<Lecture8AdamState> {
  readonly betas: readonly [number, number];
  readonly eps: number;

  constructor(params: Float64Array, options: { /** η; default 0.001. */ lr?: number; /** [β₁, β₂]; default [0.9, 0.999]. */ betas?: [number, number]; /** ε inside the root; default 1e-8. */ eps?: number } = {}) {
    const name = "Adam (Lecture 8)";
    const lr = checkLr(name, options.lr ?? 1e-3, 0.001);
    checkParams(name, params);
    super(name, params, lr, { step: 0, nu: new Float64Array(params.length), s: new Float64Array(params.length) });
    this.betas = checkBetas(name, options.betas ?? [0.9, 0.999], [0.9, 0.999]);
    this.eps = checkNonNegative(name, "eps", options.eps ?? 1e-8, 1e-8);
  }

  /** ν, s ← their averages; ω ← ω − η·ν/√(s + ε). */
  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    const p = this.params, nu = this.state.nu, s = this.state.s, [b1, b2] = this.betas, eps = this.eps, eta = this.lr;
    this.state.step++;
    for (let i = 0; i < p.length; i++) {
      const g = grad[i];
      nu[i] = b1 * nu[i] + (1 - b1) * g;
      s[i] = b2 * s[i] + (1 - b2) * g * g;
      const r = Math.sqrt(s[i] + eps);
      if (r > 0) p[i] -= (eta * nu[i]) / r;
    }
  }
}
