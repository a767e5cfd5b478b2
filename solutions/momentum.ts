/**
 * Lesson 5, Momentum and acceleration: one heavy-ball step and one Nesterov step as
 * torch.optim.SGD takes them, and the tuned constants that make both run in O(√κ log 1/ε)
 * steps on a strongly convex quadratic.
 *
 * @lesson 5
 */

/** Step sizes and momentum factors in torch.optim.SGD's names. */
export interface MomentumSetting {
  /** The step size (torch's `lr`; α in the Topic 4 slides and in CS 182 Discussion 2). */
  lr: number;
  /** The momentum factor β (torch's `momentum`; η in the Topic 4 slides, m in CS 182, λ in Lecture 8 notes). */
  momentum: number;
}

/**
 * One step of the heavy-ball method in torch's form, SGD(lr, momentum, dampening = 0):
 *
 *     b⁺ = β·b + g,      θ⁺ = θ − lr·b⁺
 *
 * with β = `momentum` and g = ∇f(θ). The momentum buffer b starts at zero, so the first step
 * is plain gradient descent. This is CS 182 Discussion 2's v ← m·v + ∇L, θ ← θ − αv with v = b and m = β.
 *
 * Returns `[θ⁺, b⁺]`, two new arrays; `theta`, `buffer` and `grad` are left untouched.
 *
 * @param theta the current point θ
 * @param buffer the momentum buffer b (zeros before the first step), same length as θ
 * @param grad the gradient g = ∇f(θ), same length as θ
 * @param lr the step size, a positive finite number
 * @param momentum the momentum factor β, in [0, 1)
 * @throws RangeError naming `lr` or `momentum` when out of range, or when the lengths differ
 */
export function heavyBallStep(theta: number[], buffer: number[], grad: number[], lr: number, momentum: number): [number[], number[]] {
  // BEGIN SOLUTION
  checkStepInput("heavyBallStep", theta, buffer, grad, lr, momentum);
  const b = buffer.map((bi, i) => momentum * bi + grad[i]);
  return [theta.map((t, i) => t - lr * b[i]), b];
  // END SOLUTION
}

/**
 * One step of Nesterov momentum in torch's form, SGD(lr, momentum, nesterov = true):
 *
 *     b⁺ = β·b + g,      θ⁺ = θ − lr·(g + β·b⁺)
 *
 * with β = `momentum` and g = ∇f(θ). Compared with {@link heavyBallStep}, the step mixes the
 * fresh gradient back in: it moves by the gradient now plus where the momentum is about to take
 * us. torch's θ is the Topic 4 slides' look-ahead point θ + αηv of their Nesterov variant, with
 * b = −v, lr = α and momentum = η.
 *
 * Returns `[θ⁺, b⁺]`, two new arrays; `theta`, `buffer` and `grad` are left untouched.
 *
 * @param theta the current point θ (where the gradient was taken)
 * @param buffer the momentum buffer b (zeros before the first step), same length as θ
 * @param grad the gradient g = ∇f(θ), same length as θ
 * @param lr the step size, a positive finite number
 * @param momentum the momentum factor β, in [0, 1)
 * @throws RangeError naming `lr` or `momentum` when out of range, or when the lengths differ
 */
export function nesterovStep(theta: number[], buffer: number[], grad: number[], lr: number, momentum: number): [number[], number[]] {
  // BEGIN SOLUTION
  checkStepInput("nesterovStep", theta, buffer, grad, lr, momentum);
  const b = buffer.map((bi, i) => momentum * bi + grad[i]);
  return [theta.map((t, i) => t - lr * (grad[i] + momentum * b[i])), b];
  // END SOLUTION
}

/**
 * The constant step sizes and momentum factors that give momentum its √κ rate on a
 * μ-strongly convex, L-smooth quadratic (κ = L/μ):
 *
 * - heavy ball (Polyak): lr = 4/(√L + √μ)², momentum = ((√κ − 1)/(√κ + 1))²;
 * - Nesterov (constant momentum): lr = 1/L, momentum = (√κ − 1)/(√κ + 1).
 *
 * (μ here is the smallest curvature, not a momentum factor.)
 *
 * Both then shrink the error by a factor of about 1 − 2/√κ (heavy ball) or 1 − 1/√κ (Nesterov)
 * per step, where gradient descent manages only 1 − 2/κ at best.
 *
 * @param L the largest curvature (smoothness constant), a positive finite number
 * @param mu the smallest curvature μ, with 0 < μ ≤ L
 * @throws RangeError naming `L` or `mu` when they are not finite with 0 < μ ≤ L
 */
export function tunedMomentum(L: number, mu: number): { heavyBall: MomentumSetting; nesterov: MomentumSetting } {
  // BEGIN SOLUTION
  if (!(Number.isFinite(L) && L > 0)) throw new RangeError(`tunedMomentum: L must be a positive finite number, got ${L}`);
  if (!(Number.isFinite(mu) && mu > 0 && mu <= L)) {
    throw new RangeError(`tunedMomentum: mu must satisfy 0 < mu ≤ L = ${L}, got mu = ${mu}`);
  }
  const sL = Math.sqrt(L), sMu = Math.sqrt(mu);
  const q = (sL - sMu) / (sL + sMu); // (√κ − 1)/(√κ + 1)
  return {
    heavyBall: { lr: 4 / ((sL + sMu) * (sL + sMu)), momentum: q * q },
    nesterov: { lr: 1 / L, momentum: q },
  };
  // END SOLUTION
}

// BEGIN SOLUTION
/** The checks both steps share, with messages that name the argument and the fix. */
function checkStepInput(who: string, theta: number[], buffer: number[], grad: number[], lr: number, momentum: number): void {
  if (!(Number.isFinite(lr) && lr > 0)) throw new RangeError(`${who}: lr must be a positive finite number, got ${lr}`);
  if (!(Number.isFinite(momentum) && momentum >= 0 && momentum < 1)) {
    throw new RangeError(`${who}: momentum must be in [0, 1), got ${momentum} (0 is gradient descent, 0.9 is usual)`);
  }
  if (buffer.length !== theta.length || grad.length !== theta.length) {
    throw new RangeError(`${who}: theta, buffer and grad must have the same length, got ${theta.length}, ${buffer.length} and ${grad.length}`);
  }
}
// END SOLUTION
