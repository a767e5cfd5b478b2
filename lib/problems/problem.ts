/**
 * The interface every test problem of the pack implements: an objective f: ℝⁿ → ℝ with its
 * derivatives and, where they are known, the facts the convergence theorems need.
 *
 * Vectors are `Float64Array`s of length `dim`. Matrices (Hessians) are ml-matrix `Matrix`es.
 * A problem that is a finite sum f(x) = (1/N) Σᵢ fᵢ(x) (least squares, logistic regression,
 * a network's loss) also says `examples` and gives minibatch values and gradients, so the run
 * driver can do stochastic gradient descent on it.
 */
import type { Matrix } from "ml-matrix";

/** Known facts about a problem; each is absent when not known in closed form. */
export interface ProblemFacts {
  /** A minimiser x*. */
  xStar?: Float64Array;
  /** The minimum value f* = f(x*). */
  fStar?: number;
  /** A smoothness constant: ‖∇f(x) − ∇f(y)‖ ≤ L‖x − y‖ (for a quadratic, the largest Hessian eigenvalue). */
  L?: number;
  /** A strong-convexity constant μ ≥ 0 (0 for convex but not strongly convex). Absent when f is not convex. */
  mu?: number;
  /** Whether f is convex. */
  convex: boolean;
  /**
   * True when f is a quadratic (constant Hessian): then f(x + t d) is a parabola in t, so an
   * exact line search has the closed form t = −∇f(x)ᵀd / dᵀAd (lib/optim/line-search.ts).
   * Absent means not known to be quadratic.
   */
  quadratic?: boolean;
}

/** An objective with its derivatives. */
export interface Problem extends ProblemFacts {
  /** A short name for tables and legends, e.g. "quadratic κ=100". */
  readonly name: string;
  /** The dimension n. */
  readonly dim: number;
  /** The conventional starting point (a fresh copy each time it is read is not promised: copy it before mutating). */
  readonly x0: Float64Array;
  /** f(x). */
  f(x: Float64Array): number;
  /** ∇f(x), written into `out` when given (and returned), else into a new array. A subgradient where f is not differentiable. */
  grad(x: Float64Array, out?: Float64Array): Float64Array;
  /** The Hessian ∇²f(x), when the problem has one. */
  hessian?(x: Float64Array): Matrix;
  /** The Hessian–vector product ∇²f(x)·v, when the problem has one. */
  hvp?(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array;
  /** For a finite sum (1/N) Σᵢ fᵢ: N. */
  readonly examples?: number;
  /** (1/|B|) Σ_{i∈B} fᵢ(x) for a batch of example indices B. */
  fBatch?(x: Float64Array, batch: ArrayLike<number>): number;
  /** (1/|B|) Σ_{i∈B} ∇fᵢ(x) for a batch of example indices B. */
  gradBatch?(x: Float64Array, batch: ArrayLike<number>, out?: Float64Array): Float64Array;
}
