/**
 * Linear conjugate gradients: minimise the quadratic f(x) = ½xᵀAx − bᵀx (A symmetric positive
 * definite) by exact steps along A-conjugate directions (Hestenes & Stiefel 1952; Nocedal &
 * Wright, Numerical Optimization, Algorithm 5.2):
 *
 *     r₀ = ∇f(x₀) = Ax₀ − b,  p₀ = −r₀
 *     αₖ = rₖᵀrₖ / pₖᵀApₖ,  xₖ₊₁ = xₖ + αₖpₖ,  rₖ₊₁ = rₖ + αₖApₖ
 *     βₖ = rₖ₊₁ᵀrₖ₊₁ / rₖᵀrₖ,  pₖ₊₁ = −rₖ₊₁ + βₖpₖ
 *
 * In exact arithmetic it ends in at most n steps, and in at most k steps when A has k distinct
 * eigenvalues (xₖ minimises f over x₀ + the Krylov space span{r₀, Ar₀, …, Aᵏ⁻¹r₀}, and a
 * polynomial of degree k vanishes on k eigenvalues). Its error falls like
 * 2((√κ − 1)/(√κ + 1))ᵏ, the √κ rate of the first-order lower bound in the Topic 4 slides
 * (Deep Learning and Neural Networks): every iterate is x₀ plus a combination of the gradients
 * seen, so it is a first-order method in the slides' sense, and an optimal one.
 *
 * Two forms: {@link conjugateGradientSolve} solves Ax = b given only v ↦ Av (what Newton's
 * method needs when it has Hessian–vector products but no Hessian), and the
 * {@link ConjugateGradient} optimizer takes one CG step per `step(grad)` on a {@link Problem}.
 */
import type { Optimizer } from "../optim/optimizer";
import { checkOption } from "../optim/optimizer";
import { checkStep } from "../optim/base";
import type { Problem } from "../problems/problem";
import { dot, fmt, matVec } from "./spd";

/** Options of {@link conjugateGradientSolve}. */
export interface CGSolveOptions {
  /** Starting guess x₀ (default 0). Not modified. */
  x0?: ArrayLike<number>;
  /** Stop when ‖Ax − b‖ ≤ tol·‖b‖ (default 1e-10). */
  tol?: number;
  /** At most this many iterations (default 10·n, room for rounding beyond the exact n). */
  maxIter?: number;
}

/** What {@link conjugateGradientSolve} returns. */
export interface CGSolveResult {
  /** The approximate solution of Ax = b. */
  x: Float64Array;
  /** Iterations taken (matrix–vector products with A). */
  iterations: number;
  /** ‖rₖ‖ = ‖Axₖ − b‖ for k = 0 … iterations. */
  residualNorms: number[];
  /** Whether ‖r‖ ≤ tol·‖b‖ was reached. */
  converged: boolean;
}

/**
 * Solves Ax = b for symmetric positive definite A given only the product v ↦ Av, by linear
 * conjugate gradients (Nocedal & Wright, Algorithm 5.2). Throws a RangeError when it meets a
 * direction of non-positive curvature pᵀAp ≤ 0 (A is not positive definite), naming pᵀAp.
 *
 * @param applyA v ↦ Av (e.g. a Hessian–vector product)
 * @param b the right-hand side
 */
export function conjugateGradientSolve(applyA: (v: Float64Array) => ArrayLike<number>, b: ArrayLike<number>, options: CGSolveOptions = {}): CGSolveResult {
  const owner = "conjugateGradientSolve";
  const n = b.length;
  const tol = checkOption(owner, "tol", options.tol ?? 1e-10, { min: 0 }, "Use e.g. tol: 1e-10.");
  const maxIter = checkOption(owner, "maxIter", options.maxIter ?? 10 * n, { min: 0 }, "Use a whole number, e.g. the dimension n.");
  const x = new Float64Array(n);
  if (options.x0 !== undefined) {
    if (options.x0.length !== n) throw new RangeError(`${owner}: x0 has length ${options.x0.length} but b has length ${n}; they must match.`);
    x.set(options.x0);
  }
  const Ax = options.x0 === undefined ? new Float64Array(n) : applyA(x);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = Ax[i] - b[i];
  const p = r.map((v) => -v);
  let rr = dot(r, r);
  const bNorm = Math.sqrt(dot(b, b));
  const target = tol * (bNorm > 0 ? bNorm : 1);
  const residualNorms = [Math.sqrt(rr)];
  let k = 0;
  while (Math.sqrt(rr) > target && k < maxIter) {
    const Ap = applyA(p);
    if (Ap.length !== n) throw new RangeError(`${owner}: applyA returned ${Ap.length} numbers for a vector of length ${n}.`);
    const pAp = dot(p, Ap);
    if (!(pAp > 0)) {
      throw new RangeError(
        `${owner}: at iteration ${k} the direction p has pᵀAp = ${fmt(pAp)} ≤ 0, so A is not positive definite (negative curvature). ` +
          `Add damping (A + λI) or use a trust region.`,
      );
    }
    const alpha = rr / pAp;
    for (let i = 0; i < n; i++) {
      x[i] += alpha * p[i];
      r[i] += alpha * Ap[i];
    }
    const rrNext = dot(r, r);
    const beta = rrNext / rr;
    for (let i = 0; i < n; i++) p[i] = -r[i] + beta * p[i];
    rr = rrNext;
    k++;
    residualNorms.push(Math.sqrt(rr));
  }
  return { x, iterations: k, residualNorms, converged: Math.sqrt(rr) <= target };
}

/** Options of {@link ConjugateGradient}. */
export interface ConjugateGradientOptions {
  /** Multiplier of the exact step αₖ (default 1; anything else breaks conjugacy and finite termination). */
  lr?: number;
  /** Restart with p = −g every `restart` steps (default n, the dimension; Infinity never restarts). */
  restart?: number;
}

/** What {@link ConjugateGradient} keeps between steps. */
export interface ConjugateGradientState {
  /** Steps taken. */
  step: number;
  /** The current search direction pₖ (null before the first step). */
  direction: Float64Array | null;
  /** gₖᵀgₖ of the last step, for βₖ. */
  gradNormSq: number;
  /** The last exact step length αₖ = gₖᵀgₖ / pₖᵀApₖ. */
  alpha: number;
  /** The last βₖ = gₖᵀgₖ / gₖ₋₁ᵀgₖ₋₁ (Fletcher–Reeves, equal to linear CG's β on a quadratic). */
  beta: number;
  /** Matrix–vector products with the Hessian so far (one per step). */
  hessianProducts: number;
}

/**
 * Linear conjugate gradients as an {@link Optimizer} on a quadratic {@link Problem}: each
 * `step(g)` (with g = ∇f(x) = Ax − b at the current x) sets pₖ = −gₖ + βₖpₖ₋₁,
 * βₖ = ‖gₖ‖²/‖gₖ₋₁‖², and moves by the exact minimiser along it, αₖ = ‖gₖ‖²/pₖᵀApₖ, using one
 * Hessian–vector product (`problem.hvp`, else `problem.hessian`). On a quadratic with n distinct
 * eigenvalues ‖∇f‖ reaches rounding level after n steps; with k distinct eigenvalues after k.
 *
 * On a non-quadratic problem this is the "linearised" CG step with the local Hessian, restarted
 * every n steps; for that use, Newton–CG ({@link Newton} with `solver: "cg"`) is the sound choice.
 *
 * @example
 * const opt = new ConjugateGradient(problem.x0.slice(), problem);
 * for (let k = 0; k < problem.dim; k++) opt.step(problem.grad(opt.params));
 */
export class ConjugateGradient implements Optimizer<ConjugateGradientState> {
  readonly name = "CG";
  readonly params: Float64Array;
  lr: number;
  readonly state: ConjugateGradientState;
  private readonly restart: number;
  private readonly applyA: (x: Float64Array, v: Float64Array) => ArrayLike<number>;

  constructor(params: Float64Array, readonly problem: Problem, options: ConjugateGradientOptions = {}) {
    const owner = "ConjugateGradient";
    if (!(params instanceof Float64Array)) throw new TypeError(`${owner}: params must be a Float64Array, got ${String(params)}.`);
    if (problem.dim !== params.length) {
      throw new RangeError(`${owner}: params has length ${params.length} but problem "${problem.name}" has dimension ${problem.dim}.`);
    }
    this.params = params;
    this.lr = checkOption(owner, "lr", options.lr ?? 1, { min: 0, minExclusive: true }, "Use lr: 1 for exact CG steps.");
    this.restart = options.restart === Infinity ? Infinity : checkOption(owner, "restart", options.restart ?? params.length, { min: 1 }, "Use a whole number ≥ 1, e.g. the dimension.");
    if (typeof problem.hvp === "function") this.applyA = (x, v) => problem.hvp!(x, v);
    else if (typeof problem.hessian === "function") this.applyA = (x, v) => matVec(problem.hessian!(x), v);
    else {
      throw new TypeError(`${owner}: problem "${problem.name}" has neither hvp nor hessian; CG needs Hessian–vector products for its exact step. Use a line-search method instead.`);
    }
    this.state = { step: 0, direction: null, gradNormSq: 0, alpha: 0, beta: 0, hessianProducts: 0 };
  }

  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    const n = this.params.length;
    const s = this.state;
    const gg = dot(grad, grad);
    if (!Number.isFinite(gg)) throw new RangeError(`CG.step: the gradient at step ${s.step} is not finite (‖g‖² = ${gg}).`);
    if (gg === 0) {
      // At the exact minimiser: nothing to do, and β would be 0/0 on the next call.
      s.step++;
      return;
    }
    const fresh = s.direction === null || s.step % this.restart === 0 || s.gradNormSq === 0;
    s.beta = fresh ? 0 : gg / s.gradNormSq;
    const p = new Float64Array(n);
    for (let i = 0; i < n; i++) p[i] = -grad[i] + (fresh ? 0 : s.beta * s.direction![i]);
    const Ap = this.applyA(this.params, p);
    s.hessianProducts++;
    const pAp = dot(p, Ap);
    if (!(pAp > 0)) {
      throw new RangeError(
        `CG.step: at step ${s.step} of problem "${this.problem.name}" the direction has pᵀHp = ${fmt(pAp)} ≤ 0 (negative curvature); ` +
          `CG's exact step needs a positive definite Hessian. Use Newton with damping or TrustRegion.`,
      );
    }
    // −gᵀp = gᵀg for a conjugate direction (g ⟂ p_prev after an exact step); using −gᵀp keeps
    // the step exact along p even when rounding has spoilt that orthogonality.
    s.alpha = -dot(grad, p) / pAp;
    for (let i = 0; i < n; i++) this.params[i] += this.lr * s.alpha * p[i];
    s.direction = p;
    s.gradNormSq = gg;
    s.step++;
  }
}
