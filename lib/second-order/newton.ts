/**
 * Newton's method and damped Newton, from the Topic 4 slides (Deep Learning and Neural
 * Networks), "2nd Order Methods": minimise the second-order Taylor model
 *
 *     h(θ + d) ≈ h(θ) + ∇h(θ)ᵀd + ½ dᵀH(θ)d   ⇒   d = −H(θ)⁻¹∇h(θ),
 *
 * and its damped form d = −(H + λI)⁻¹∇h, the minimiser of the same model with H replaced by
 * H + λI (the slides' "trust regions and damping": a trust region of some radius r gives the
 * same step for some λ). The solve goes through a Cholesky factorisation (lib/second-order/spd.ts),
 * never an explicit inverse; when H + λI is not positive definite the step is refused with an
 * error that names the smallest eigenvalue and the damping that would work (λ > −λ_min).
 *
 * On a quadratic with H ≻ 0 one step with lr = 1 lands on the minimiser exactly (up to rounding).
 */
import type { Optimizer } from "../optim/optimizer";
import { checkOption } from "../optim/optimizer";
import { checkStep } from "../optim/base";
import type { Problem } from "../problems/problem";
import type { Matrix } from "ml-matrix";
import { conjugateGradientSolve } from "./conjugate-gradient";
import { checkSquare, dot, fmt, solveDamped, symmetricEigen } from "./spd";

/**
 * The (damped) Newton direction d = −(H + λI)⁻¹g, solved by Cholesky. Throws a RangeError naming
 * λ_min and a damping that fixes it when H + λI is not positive definite.
 *
 * @param H the Hessian (symmetric, n × n)
 * @param g the gradient (length n)
 * @param damping λ ≥ 0 (default 0: plain Newton)
 */
export function newtonDirection(H: Matrix, g: ArrayLike<number>, damping = 0): Float64Array {
  const owner = "newtonDirection";
  checkSquare(owner, "H", H, g.length);
  checkOption(owner, "damping", damping, { min: 0 }, "λ is added to the Hessian's diagonal; use λ ≥ 0 (0 for plain Newton).");
  return solveDamped(owner, H, g, damping);
}

/**
 * The Newton decrement λ(θ) = √(gᵀ(H + λI)⁻¹g) = √(−gᵀd) for the Newton direction d. Half its
 * square is the decrease the quadratic model predicts for a full step, f(θ) − min m = ½λ(θ)²,
 * which makes ½λ² ≤ ε the affine-invariant stopping test of Boyd & Vandenberghe §9.5.
 */
export function newtonDecrement(g: ArrayLike<number>, direction: ArrayLike<number>): number {
  if (g.length !== direction.length) throw new RangeError(`newtonDecrement: g has length ${g.length} but the direction has ${direction.length}.`);
  return Math.sqrt(Math.max(0, -dot(g, direction)));
}

/** Options of {@link Newton}. */
export interface NewtonOptions {
  /** Step size t in θ ← θ + t·d (default 1, the full Newton step); the first trial step of the line search. */
  lr?: number;
  /** λ ≥ 0 in d = −(H + λI)⁻¹∇f (default 0, plain Newton). */
  damping?: number;
  /**
   * Backtracking (Armijo) line search from t = lr: halve t until
   * f(θ + t d) ≤ f(θ) + c·t·∇fᵀd with c = 1e-4 (Boyd & Vandenberghe Algorithm 9.2). Default false.
   */
  lineSearch?: boolean;
  /**
   * How to solve for d: `"cholesky"` (default) factors the dense Hessian from `problem.hessian`;
   * `"cg"` runs conjugate gradients on Hessian–vector products (`problem.hvp`), never forming H
   * ("Hessian-free" / Newton–CG), to relative residual `cgTol`.
   */
  solver?: "cholesky" | "cg";
  /** Relative residual at which the CG solver stops (default 1e-10). */
  cgTol?: number;
  /** Record the Hessian's eigenvalues in `state.eigenvalues` every step (default: when n ≤ 50 and the solver is Cholesky). */
  recordEigenvalues?: boolean;
}

/** What {@link Newton} records about its last step, for a lesson to print. */
export interface NewtonState {
  /** Steps taken. */
  step: number;
  /** The last direction d = −(H + λI)⁻¹∇f. */
  direction: Float64Array | null;
  /** The step size t actually used (lr, or what the line search settled on). */
  stepSize: number;
  /** The Newton decrement √(−∇fᵀd) at the last step. */
  decrement: number;
  /** Eigenvalues of the last Hessian, ascending (when recorded). */
  eigenvalues: number[] | null;
  /** The smallest eigenvalue of the last Hessian (when recorded). */
  lambdaMin: number | null;
  /** Function evaluations spent by the line search so far. */
  functionEvaluations: number;
  /** CG iterations of the last solve (solver "cg"). */
  cgIterations: number;
}

/**
 * Newton's method (and damped Newton) as an {@link Optimizer}: each `step(g)` with g = ∇f(θ)
 * computes H = ∇²f(θ) from the problem, solves (H + λI)d = −g by Cholesky and sets θ ← θ + t·d.
 *
 * @example
 * const opt = new Newton(problem.x0.slice(), problem, { damping: 1e-3 });
 * for (let k = 0; k < 20; k++) opt.step(problem.grad(opt.params));
 */
export class Newton implements Optimizer<NewtonState> {
  readonly name: string;
  readonly params: Float64Array;
  lr: number;
  readonly state: NewtonState;
  /** λ in (H + λI); may be changed between steps. */
  damping: number;
  private readonly lineSearch: boolean;
  private readonly solver: "cholesky" | "cg";
  private readonly cgTol: number;
  private readonly record: boolean;

  constructor(params: Float64Array, readonly problem: Problem, options: NewtonOptions = {}) {
    const owner = "Newton";
    if (!(params instanceof Float64Array)) throw new TypeError(`${owner}: params must be a Float64Array, got ${String(params)}.`);
    if (problem === null || typeof problem !== "object" || typeof problem.f !== "function") {
      throw new TypeError(`${owner}: the second argument must be a Problem (with f, grad and hessian), got ${String(problem)}.`);
    }
    if (problem.dim !== params.length) {
      throw new RangeError(`${owner}: params has length ${params.length} but problem "${problem.name}" has dimension ${problem.dim}.`);
    }
    this.lr = checkOption(owner, "lr", options.lr ?? 1, { min: 0, minExclusive: true }, "Use lr: 1 for the full Newton step.");
    this.damping = checkOption(owner, "damping", options.damping ?? 0, { min: 0 }, "λ is added to the Hessian's diagonal; use λ ≥ 0 (0 for plain Newton).");
    this.solver = options.solver ?? "cholesky";
    if (this.solver !== "cholesky" && this.solver !== "cg") throw new RangeError(`${owner}: solver must be "cholesky" or "cg", got ${JSON.stringify(options.solver)}.`);
    this.cgTol = checkOption(owner, "cgTol", options.cgTol ?? 1e-10, { min: 0, minExclusive: true }, "Use e.g. cgTol: 1e-10.");
    if (this.solver === "cholesky" && typeof problem.hessian !== "function") {
      const alt = typeof problem.hvp === "function" ? `It has Hessian–vector products: pass solver: "cg" (Newton–CG, H never formed).` : `Form one from gradients with hessianByFiniteDifferences (lib/second-order/cost.ts), or use a first-order method.`;
      throw new TypeError(`${owner}: problem "${problem.name}" has no hessian(), which the Cholesky solver needs. ${alt}`);
    }
    if (this.solver === "cg" && typeof problem.hvp !== "function") {
      throw new TypeError(`${owner}: problem "${problem.name}" has no hvp(), which solver "cg" needs; use solver: "cholesky" if it has a hessian().`);
    }
    this.lineSearch = options.lineSearch ?? false;
    this.record = options.recordEigenvalues ?? (this.solver === "cholesky" && params.length <= 50);
    this.name = this.damping > 0 ? "Damped Newton" : "Newton";
    this.params = params;
    this.state = { step: 0, direction: null, stepSize: 0, decrement: 0, eigenvalues: null, lambdaMin: null, functionEvaluations: 0, cgIterations: 0 };
  }

  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    checkOption(this.name, "damping", this.damping, { min: 0 }, "λ is added to the Hessian's diagonal; use λ ≥ 0.");
    const s = this.state;
    const x = this.params;
    const where = `Newton step ${s.step} on "${this.problem.name}"`;
    let d: Float64Array;
    if (this.solver === "cholesky") {
      const H = this.problem.hessian!(x);
      checkSquare(where, "the Hessian", H, x.length);
      if (this.record) {
        s.eigenvalues = symmetricEigen(H).values;
        s.lambdaMin = s.eigenvalues[0];
      }
      d = solveDamped(where, H, grad, this.damping);
    } else {
      const lam = this.damping;
      const res = conjugateGradientSolve(
        (v) => {
          const Hv = this.problem.hvp!(x, v);
          const out = new Float64Array(v.length);
          for (let i = 0; i < v.length; i++) out[i] = Hv[i] + lam * v[i];
          return out;
        },
        Array.from(grad, (v) => -v),
        { tol: this.cgTol },
      );
      s.cgIterations = res.iterations;
      d = res.x;
    }
    const slope = dot(grad, d);
    s.decrement = Math.sqrt(Math.max(0, -slope));
    let t = this.lr;
    if (this.lineSearch) {
      const f0 = this.problem.f(x);
      s.functionEvaluations++;
      const trial = new Float64Array(x.length);
      let ok = false;
      for (let halvings = 0; halvings < 60; halvings++) {
        for (let i = 0; i < x.length; i++) trial[i] = x[i] + t * d[i];
        const ft = this.problem.f(trial);
        s.functionEvaluations++;
        if (Number.isFinite(ft) && ft <= f0 + 1e-4 * t * slope) {
          ok = true;
          break;
        }
        t *= 0.5;
      }
      if (!ok) {
        throw new RangeError(`${where}: the line search found no decrease after 60 halvings (∇fᵀd = ${fmt(slope)}); the gradient and Hessian may not belong to f.`);
      }
    }
    for (let i = 0; i < x.length; i++) x[i] += t * d[i];
    s.direction = d;
    s.stepSize = t;
    s.step++;
  }
}
