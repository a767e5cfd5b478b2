/**
 * The finite sum every linear model of the pack shares (least squares, logistic regression, the
 * linear SVM's hinge loss): one loss ℓ of the score zᵢ = xᵢᵀw per example, plus an ℓ₂ term,
 *
 *     f(w) = (1/n) Σᵢ fᵢ(w),   fᵢ(w) = ℓ(xᵢᵀw, yᵢ) + (λ/2)‖w‖²,
 *     ∇fᵢ(w) = ℓ′(zᵢ, yᵢ)·xᵢ + λw,   ∇²f(w) = (1/n) Σᵢ ℓ″(zᵢ, yᵢ)·xᵢxᵢᵀ + λI
 *
 * (the NN optimization slides, "Machine Learning Problems": the average of per-example losses;
 * Topic 4 slides, "Stochastic Methods": h(θ) = (1/m) Σ hᵢ(θ)). The ℓ₂ term sits inside every
 * fᵢ, so a minibatch average (1/|B|) Σ_{i∈B} ∇fᵢ is an unbiased estimate of ∇f and its noise
 * comes from the data term only. A subclass gives ℓ, ℓ′ and (if smooth) ℓ″.
 */
import { Matrix } from "ml-matrix";
import type { Problem } from "./problem";
import { checkBatch, checkPoint, outVector } from "./check";
import type { LinearData } from "./linear-data";

/** A finite sum of a loss of xᵢᵀw; see the module comment. */
export abstract class LinearModel implements Problem {
  abstract readonly name: string;
  abstract readonly convex: boolean;
  readonly dim: number;
  /** The number of examples n. */
  readonly examples: number;
  readonly x0: Float64Array;
  /** The ℓ₂ coefficient λ. */
  readonly l2: number;
  /** The weights the data were generated from. */
  readonly wTrue: Float64Array;
  /** Targets (least squares) or labels ±1 (classifiers), one per example. */
  readonly y: Float64Array;
  /** Row-major design matrix: row i is xᵢ. */
  protected readonly rows: Float64Array;
  private readonly all: Int32Array;

  protected constructor(data: LinearData, y: Float64Array) {
    this.dim = data.d;
    this.examples = data.n;
    this.l2 = data.l2;
    this.rows = data.X;
    this.wTrue = data.wTrue;
    this.y = y;
    this.x0 = new Float64Array(data.d);
    this.all = Int32Array.from({ length: data.n }, (_, i) => i);
  }

  /** ℓ(z, y). */
  protected abstract loss(z: number, y: number): number;
  /** ∂ℓ/∂z (a subgradient where ℓ has a kink). */
  protected abstract dloss(z: number, y: number): number;
  /** ∂²ℓ/∂z²; only smooth losses override it (and expose `hessian`/`hvp` through {@link hessianOf}, {@link hvpOf}). */
  protected d2loss(_z: number, _y: number): number {
    return NaN;
  }

  /** X as an n×d matrix (a copy). */
  get X(): Matrix {
    const { examples: n, dim: d } = this;
    const M = new Matrix(n, d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) M.set(i, j, this.rows[i * d + j]);
    return M;
  }

  /** zᵢ = xᵢᵀw. */
  protected score(w: Float64Array, i: number): number {
    const d = this.dim, off = i * d, X = this.rows;
    let z = 0;
    for (let j = 0; j < d; j++) z += X[off + j] * w[j];
    return z;
  }

  private ridge(w: Float64Array): number {
    if (this.l2 === 0) return 0;
    let s = 0;
    for (let j = 0; j < this.dim; j++) s += w[j] * w[j];
    return 0.5 * this.l2 * s;
  }

  private sumF(w: Float64Array, batch: ArrayLike<number>): number {
    let s = 0;
    for (let k = 0; k < batch.length; k++) {
      const i = batch[k];
      s += this.loss(this.score(w, i), this.y[i]);
    }
    return s / batch.length + this.ridge(w);
  }

  private sumGrad(w: Float64Array, batch: ArrayLike<number>, g: Float64Array): Float64Array {
    const d = this.dim, X = this.rows, m = batch.length;
    g.fill(0);
    for (let k = 0; k < m; k++) {
      const i = batch[k];
      const c = this.dloss(this.score(w, i), this.y[i]);
      if (c === 0) continue;
      const off = i * d;
      for (let j = 0; j < d; j++) g[j] += c * X[off + j];
    }
    for (let j = 0; j < d; j++) g[j] = g[j] / m + this.l2 * w[j];
    return g;
  }

  /** f(w) = (1/n) Σ ℓ(xᵢᵀw, yᵢ) + (λ/2)‖w‖². */
  f(w: Float64Array): number {
    checkPoint(() => `${this.name}: f`, "x", w, this.dim);
    return this.sumF(w, this.all);
  }

  /** ∇f(w) = (1/n) Σ ℓ′(xᵢᵀw, yᵢ) xᵢ + λw. */
  grad(w: Float64Array, out?: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: grad`, "x", w, this.dim);
    return this.sumGrad(w, this.all, outVector(() => `${this.name}: grad`, out, this.dim));
  }

  /** (1/|B|) Σ_{i∈B} fᵢ(w). Indices may repeat (sampling with replacement). */
  fBatch(w: Float64Array, batch: ArrayLike<number>): number {
    checkPoint(() => `${this.name}: fBatch`, "x", w, this.dim);
    checkBatch(`${this.name}: fBatch`, batch, this.examples);
    return this.sumF(w, batch);
  }

  /** (1/|B|) Σ_{i∈B} ∇fᵢ(w): an unbiased estimate of ∇f(w) when B is drawn uniformly. */
  gradBatch(w: Float64Array, batch: ArrayLike<number>, out?: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: gradBatch`, "x", w, this.dim);
    checkBatch(`${this.name}: gradBatch`, batch, this.examples);
    return this.sumGrad(w, batch, outVector(() => `${this.name}: gradBatch`, out, this.dim));
  }

  /** The curvature weights ℓ″(zᵢ, yᵢ) at w, or throws where ℓ has none. */
  protected weights(w: Float64Array, who: string): Float64Array {
    const c = new Float64Array(this.examples);
    for (let i = 0; i < this.examples; i++) {
      const v = this.d2loss(this.score(w, i), this.y[i]);
      if (Number.isNaN(v)) throw new RangeError(`${this.name}: ${who}: the loss has no second derivative (it has kinks); use the subgradient only.`);
      c[i] = v;
    }
    return c;
  }

  /** ∇²f(w) = (1/n) Σ ℓ″ᵢ xᵢxᵢᵀ + λI = XᵀDX/n + λI (a smooth subclass exposes it as `hessian`). */
  protected hessianOf(w: Float64Array): Matrix {
    const { dim: d } = this, H = this.hessianFlat(w);
    return new Matrix(Array.from({ length: d }, (_, j) => Array.from(H.subarray(j * d, (j + 1) * d))));
  }

  /** The same Hessian as a flat, full, row-major d×d Float64Array (for the fast Cholesky kernels of lib/linalg). */
  protected hessianFlat(w: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: hessian`, "x", w, this.dim);
    const c = this.weights(w, "hessian");
    const { examples: n, dim: d } = this, X = this.rows;
    const H = new Float64Array(d * d);
    for (let i = 0; i < n; i++) {
      const ci = c[i] / n, off = i * d;
      if (ci === 0) continue;
      for (let j = 0; j < d; j++) {
        const a = ci * X[off + j];
        for (let k = j; k < d; k++) H[j * d + k] += a * X[off + k];
      }
    }
    for (let j = 0; j < d; j++) {
      H[j * d + j] += this.l2;
      for (let k = j + 1; k < d; k++) H[k * d + j] = H[j * d + k];
    }
    return H;
  }

  /** ∇²f(w)·v = (1/n) Σ ℓ″ᵢ (xᵢᵀv) xᵢ + λv, in O(nd) without forming the Hessian (exposed as `hvp`). */
  protected hvpOf(w: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: hvp`, "x", w, this.dim);
    checkPoint(() => `${this.name}: hvp`, "v", v, this.dim);
    const o = outVector(() => `${this.name}: hvp`, out, this.dim);
    const vv = o === v ? Float64Array.from(v) : v;
    const c = this.weights(w, "hvp");
    const { examples: n, dim: d } = this, X = this.rows;
    o.fill(0);
    for (let i = 0; i < n; i++) {
      if (c[i] === 0) continue;
      const off = i * d;
      let s = 0;
      for (let j = 0; j < d; j++) s += X[off + j] * vv[j];
      s *= c[i] / n;
      for (let j = 0; j < d; j++) o[j] += s * X[off + j];
    }
    for (let j = 0; j < d; j++) o[j] += this.l2 * vv[j];
    return o;
  }
}
