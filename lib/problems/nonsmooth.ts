/**
 * Convex functions with kinks, for the subgradient method (the NN optimization slides,
 * "Sub-Gradient Descent": find any gₜ with f(y) ≥ f(wₜ) + gₜᵀ(y − wₜ), then wₜ₊₁ = wₜ − ηgₜ).
 *
 * `grad` returns one subgradient, chosen as follows at a kink:
 * - ‖x‖₁ = Σ|xᵢ| (|x| in one dimension): ∂|xᵢ| = [−1, 1] at xᵢ = 0; we return 0 there, the
 *   minimum-norm subgradient (what the engine's `abs` and PyTorch's `sign` give), so the
 *   subgradient vanishes exactly at x* = 0.
 * - hinge max(0, 1 − m) at the margin m = 1: ∂ = [−1, 0]·y x; we return 0 (treat the point as
 *   correctly classified with margin), as scikit-learn's and PyTorch's hinge losses do.
 *
 * Neither has a Hessian (`hessian`/`hvp` absent) or a smoothness constant L; instead each has
 * a Lipschitz constant G of f itself (‖g‖ ≤ G for every subgradient g), which is what the
 * subgradient method's bound min_{k≤K} f(x_k) − f* ≤ (‖x₀ − x*‖² + G²Σηₖ²)/(2Σηₖ) needs.
 */
import type { Problem } from "./problem";
import { checkOptionKeys, checkInt } from "../data/dataset";
import { checkPoint, outVector, toVector } from "./check";
import { LinearModel } from "./linear-model";
import { linearData, type LinearDataOptions } from "./linear-data";

/** Options of {@link L1Norm}. */
export interface L1NormOptions {
  /** Dimension n; default 1 (f(x) = |x|). */
  dim?: number;
  /** Starting point; default (1, 1, …, 1). */
  x0?: ArrayLike<number>;
}

/**
 * f(x) = ‖x‖₁ = Σᵢ |xᵢ| (|x| for n = 1): convex, not differentiable where any xᵢ = 0,
 * x* = 0, f* = 0, Lipschitz with G = √n (every subgradient lies in [−1, 1]ⁿ). `mu` = 0 and `L`
 * is absent (the gradient jumps at 0).
 */
export class L1Norm implements Problem {
  readonly name: string;
  readonly dim: number;
  readonly x0: Float64Array;
  readonly xStar: Float64Array;
  readonly fStar = 0;
  readonly mu = 0;
  readonly convex = true;
  /** G: |f(x) − f(y)| ≤ G‖x − y‖₂, and ‖g‖₂ ≤ G for every subgradient. */
  readonly lipschitz: number;

  constructor(options: L1NormOptions = {}) {
    checkOptionKeys("L1Norm", options, ["dim", "x0"]);
    const n = checkInt("L1Norm", "dim", options.dim ?? 1, 1);
    this.dim = n;
    this.x0 = options.x0 === undefined ? new Float64Array(n).fill(1) : toVector("L1Norm", "x0", options.x0, n);
    this.xStar = new Float64Array(n);
    this.lipschitz = Math.sqrt(n);
    this.name = n === 1 ? "|x|" : `‖x‖₁ n=${n}`;
  }

  /** Σ|xᵢ|. */
  f(x: Float64Array): number {
    checkPoint(() => `${this.name}: f`, "x", x, this.dim);
    let s = 0;
    for (let i = 0; i < this.dim; i++) s += Math.abs(x[i]);
    return s;
  }

  /** sign(xᵢ) per coordinate, with 0 at xᵢ = 0 (the minimum-norm subgradient). */
  grad(x: Float64Array, out?: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: grad`, "x", x, this.dim);
    const g = outVector(() => `${this.name}: grad`, out, this.dim);
    for (let i = 0; i < this.dim; i++) g[i] = x[i] > 0 ? 1 : x[i] < 0 ? -1 : 0;
    return g;
  }
}

/** Options of {@link Hinge}: n (100), d (2), noise (0: separable), seed (0), scales (1…1), l2 (0). */
export type HingeOptions = LinearDataOptions;

/**
 * The linear SVM's average hinge loss on seeded data, with labels ±1:
 *
 *     yᵢ = sign(xᵢᵀw_true + noise·εᵢ),   f(w) = (1/n) Σᵢ max(0, 1 − yᵢxᵢᵀw) + (λ/2)‖w‖²,
 *     subgradient: −(1/n) Σ_{i: yᵢxᵢᵀw < 1} yᵢxᵢ + λw.
 *
 * Facts: convex (μ = λ-strongly convex). With λ = 0 and separable data (noise = 0, the
 * default: every label is the sign of xᵢᵀw_true) f* = 0, attained at x* = w_true/minᵢ|xᵢᵀw_true|
 * (every margin is then ≥ 1); this x* is one of many. Otherwise the minimiser solves a quadratic
 * program with no closed form and `xStar`, `fStar` are absent. G = (1/n)Σ‖xᵢ‖ bounds the data
 * term's subgradients (`lipschitz`, given when λ = 0; the ℓ₂ term's gradient is unbounded).
 */
export class Hinge extends LinearModel {
  readonly name: string;
  readonly convex = true;
  readonly mu: number;
  readonly xStar?: Float64Array;
  readonly fStar?: number;
  /** A bound on ‖g‖ for every subgradient of the data term (present when λ = 0). */
  readonly lipschitz?: number;

  constructor(options: HingeOptions = {}) {
    const who = "Hinge";
    checkOptionKeys(who, options, ["n", "d", "noise", "seed", "scales", "l2"]);
    const data = linearData(who, { d: 2, ...options }, 0);
    const { n, d, X, wTrue, r } = data;
    const y = new Float64Array(n);
    const score = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += X[i * d + j] * wTrue[j];
      score[i] = z;
      y[i] = z + data.noise * r.normal(0, 1) >= 0 ? 1 : -1;
    }
    super(data, y);
    this.mu = data.l2;
    this.name = `hinge n=${n} d=${d}${data.l2 > 0 ? ` λ=${data.l2}` : ""}`;
    if (data.l2 === 0) {
      let G = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += X[i * d + j] ** 2;
        G += Math.sqrt(s);
      }
      this.lipschitz = G / n;
      // Separable by w_true when every label agrees with the sign of its clean score.
      let minMargin = Infinity;
      for (let i = 0; i < n; i++) minMargin = Math.min(minMargin, y[i] * score[i]);
      if (minMargin > 0) {
        this.xStar = wTrue.map((v) => v / minMargin);
        this.fStar = 0;
      }
    }
  }

  protected loss(z: number, y: number): number {
    const h = 1 - y * z;
    return h > 0 ? h : 0;
  }

  /** −y where the margin yz < 1, else 0 (0 chosen at the kink yz = 1). */
  protected dloss(z: number, y: number): number {
    return y * z < 1 ? -y : 0;
  }

  /** The fraction of examples with yᵢxᵢᵀw ≤ 0 (misclassified, or on the boundary). */
  errorRate(w: Float64Array): number {
    checkPoint(() => `${this.name}: errorRate`, "w", w, this.dim);
    let bad = 0;
    for (let i = 0; i < this.examples; i++) if (this.y[i] * this.score(w, i) <= 0) bad++;
    return bad / this.examples;
  }
}
