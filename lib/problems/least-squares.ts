/**
 * Linear least squares (ridge regression when λ > 0) on seeded synthetic data: the convex
 * finite sum of the NN optimization slides ("Squared error loss") and CS 182 Discussion 2
 * (Berkeley) §1, with every constant known exactly.
 *
 *     yᵢ = xᵢᵀw_true + noise·εᵢ,   εᵢ ~ N(0, 1)
 *     f(w) = (1/n) Σᵢ [ ½(xᵢᵀw − yᵢ)² + (λ/2)‖w‖² ] = (1/2n)‖Xw − y‖² + (λ/2)‖w‖²
 *     ∇f(w) = Xᵀ(Xw − y)/n + λw,   ∇²f = XᵀX/n + λI (constant: f is a quadratic)
 *
 * Facts, all exact (up to rounding): x* = (XᵀX/n + λI)⁻¹Xᵀy/n (Cholesky), f* = f(x*),
 * L = λ_max(XᵀX/n) + λ and μ = λ_min(XᵀX/n) + λ (symmetric eigendecomposition). With n ≥ d
 * Gaussian rows, XᵀX is positive definite (almost surely), so f is strongly convex even with
 * λ = 0; with n < d it is not and λ > 0 is required. The ½ in the per-example loss makes
 * ∇²f = XᵀX/n, so L and μ read directly off the data's second moments.
 */
import { CholeskyDecomposition, EVD, Matrix } from "ml-matrix";
import { checkOptionKeys } from "../data/dataset";
import { LinearModel } from "./linear-model";
import { linearData, type LinearDataOptions } from "./linear-data";

/** Options of {@link LeastSquares}: n (100), d (5), noise (0.1: std of y's noise), seed (0), scales (1…1), l2 (0). */
export type LeastSquaresOptions = LinearDataOptions;

/** Least squares on seeded data; see the module comment. */
export class LeastSquares extends LinearModel {
  readonly name: string;
  readonly convex = true;
  /** f is quadratic (constant Hessian), so an exact line search has a closed form. */
  readonly quadratic = true;
  readonly xStar: Float64Array;
  readonly fStar: number;
  readonly L: number;
  readonly mu: number;
  private readonly H: Matrix;

  constructor(options: LeastSquaresOptions = {}) {
    const who = "LeastSquares";
    checkOptionKeys(who, options, ["n", "d", "noise", "seed", "scales", "l2"]);
    const data = linearData(who, options, 0.1);
    if (data.n < data.d && data.l2 === 0) {
      throw new RangeError(
        `${who}: with n = ${data.n} examples and d = ${data.d} features and l2 = 0, XᵀX is singular and the minimiser is not unique; use n ≥ d or l2 > 0 (e.g. l2: 0.01).`,
      );
    }
    const { n, d, X, wTrue, r } = data;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += X[i * d + j] * wTrue[j];
      y[i] = z + data.noise * r.normal(0, 1);
    }
    super(data, y);
    this.name = `least squares n=${n} d=${d}${data.l2 > 0 ? ` λ=${data.l2}` : ""}`;
    this.H = this.hessianOf(this.x0);
    const evd = new EVD(this.H, { assumeSymmetric: true });
    const eig = evd.realEigenvalues;
    this.L = Math.max(...eig);
    this.mu = Math.max(0, Math.min(...eig));
    const b = new Matrix(d, 1);
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += X[i * d + j] * y[i];
      b.set(j, 0, s / n);
    }
    const chol = new CholeskyDecomposition(this.H);
    if (!chol.isPositiveDefinite()) {
      throw new RangeError(`${who}: XᵀX/n + λI is not positive definite (smallest eigenvalue ${Math.min(...eig)}); add l2 > 0.`);
    }
    this.xStar = Float64Array.from(chol.solve(b).getColumn(0));
    this.fStar = this.f(this.xStar);
  }

  protected loss(z: number, y: number): number {
    const r = z - y;
    return 0.5 * r * r;
  }

  protected dloss(z: number, y: number): number {
    return z - y;
  }

  protected override d2loss(): number {
    return 1;
  }

  /** ∇²f = XᵀX/n + λI (a copy; the same at every w). */
  hessian(w: Float64Array): Matrix {
    return this.hessianOf(w);
  }

  /** ∇²f·v = Xᵀ(Xv)/n + λv. */
  hvp(w: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
    return this.hvpOf(w, v, out);
  }
}
