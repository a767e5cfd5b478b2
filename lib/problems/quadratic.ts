/**
 * Quadratics with a prescribed spectrum: the model problem of every convergence theorem in the
 * pack (Topic 4 slides (Deep Learning and Neural Networks), "Gradient Descent" and "Momentum
 * Methods"; CS 182 Discussion 2 (Berkeley) §3.3), with the condition number κ = L/μ as a dial.
 *
 *     f(x) = ½ (x − x*)ᵀ A (x − x*) + f*,   A = Q Λ Qᵀ,   Λ = diag(λ₁, …, λₙ),
 *     ∇f(x) = A (x − x*),   ∇²f(x) = A,   L = maxᵢ λᵢ,   μ = minᵢ λᵢ.
 *
 * Everything is exact: L and μ are the eigenvalues you asked for, x* and f* are given, and
 * the Hessian is constant, so an exact line search has a closed form (lib/optim/line-search.ts).
 *
 * **Spectrum.** Either list the eigenvalues (`{ eigenvalues: [0.2, 4] }`), or turn the dial:
 * `{ dim: 100, kappa: 1e3, L: 1 }` puts μ = L/κ and L at the two ends and spreads the rest
 * - `spacing: "geometric"` (default): λᵢ = μ·κ^{i/(n−1)}, i = 0 … n−1, evenly spaced on a log
 *   scale, so every decade of curvature between μ and L is equally represented;
 * - `spacing: "linear"`: λᵢ = μ + (L − μ)·i/(n−1), most eigenvalues near L (the slow directions
 *   are few, which is kinder to conjugate gradients' and Nesterov's worst case).
 *
 * **Rotation.** By default A is diagonal (Q = I: the eigenvectors are the axes), and f, ∇f and
 * Hv cost O(n): this is the fast matrix-free path a κ sweep on 100-dimensional quadratics
 * needs (tens of thousands of gradient steps per κ). `rotation: seed` draws a random
 * orthogonal Q (the Q factor of the QR decomposition of a seeded n×n Gaussian matrix, with
 * column signs fixed so diag(R) > 0, which makes Q uniformly (Haar) distributed); then A is
 * dense, stored once, and each gradient costs one n×n matrix–vector product. Gradient descent
 * behaves identically in both (it is rotation-invariant); per-coordinate methods (Adagrad,
 * Adam) do not, which is the point of offering both.
 */
import { Matrix, QrDecomposition } from "ml-matrix";
import type { Problem } from "./problem";
import { rng } from "../random";
import { checkOptionKeys, checkInt, checkPositive, checkSeed, checkBoolean } from "../data/dataset";
import { checkPoint, outVector, toVector } from "./check";

/** How the dial form spreads the eigenvalues between μ = L/κ and L. */
export type Spacing = "geometric" | "linear";

/** Options of {@link Quadratic}. Give `eigenvalues`, or the dial `{ dim, kappa, L, spacing }`. */
export interface QuadraticOptions {
  /** The eigenvalues λ₁ … λₙ of A, in the order of the (unrotated) axes. Excludes `dim`, `kappa`, `L`, `spacing`. */
  eigenvalues?: ArrayLike<number>;
  /** The dimension n (dial form); default 2. */
  dim?: number;
  /** The condition number κ = L/μ ≥ 1 (dial form); default 10. */
  kappa?: number;
  /** The largest eigenvalue L > 0 (dial form); default 1. */
  L?: number;
  /** How the dial form spreads the eigenvalues; default "geometric". */
  spacing?: Spacing;
  /** Seed of a random rotation Q, or `false` (default) for Q = I (diagonal, fast). */
  rotation?: number | false;
  /** The minimiser x*; default the origin. */
  xStar?: ArrayLike<number>;
  /** The minimum value f*; default 0. */
  fStar?: number;
  /** The starting point; default x* + (1, 1, …, 1). */
  x0?: ArrayLike<number>;
  /** Allow zero eigenvalues (convex, μ = 0, minimisers not unique); default false. */
  allowSingular?: boolean;
  /** A name for tables and legends; default "quadratic κ=…". */
  name?: string;
}

const KEYS = ["eigenvalues", "dim", "kappa", "L", "spacing", "rotation", "xStar", "fStar", "x0", "allowSingular", "name"] as const;

/** The eigenvalues of the dial form, ascending: μ = L/κ first, L last. */
export function spectrum(dim: number, kappa: number, L: number, spacing: Spacing = "geometric"): Float64Array {
  const mu = L / kappa;
  const lam = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    const t = dim === 1 ? 0 : i / (dim - 1);
    lam[i] = spacing === "linear" ? mu + (L - mu) * t : mu * Math.pow(kappa, t);
  }
  // Pin the ends exactly: pow and the sum may round the last one away from L.
  lam[0] = mu;
  lam[dim - 1] = L;
  return lam;
}

/**
 * A uniformly distributed (Haar) random orthogonal n×n matrix: Q of the QR decomposition of a
 * seeded Gaussian matrix G = QR, each column j multiplied by sign(Rⱼⱼ) so that the factorisation
 * is unique (without the sign fix Q is not uniformly distributed).
 */
export function randomRotation(dim: number, seed: number): Matrix {
  const r = rng(seed);
  const G = new Matrix(dim, dim);
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) G.set(i, j, r.normal(0, 1));
  const qr = new QrDecomposition(G);
  const Q = qr.orthogonalMatrix;
  const R = qr.upperTriangularMatrix;
  for (let j = 0; j < dim; j++) {
    if (R.get(j, j) < 0) for (let i = 0; i < dim; i++) Q.set(i, j, -Q.get(i, j));
  }
  return Q;
}

/** f(x) = ½(x − x*)ᵀA(x − x*) + f* with A = QΛQᵀ; see the module comment. */
export class Quadratic implements Problem {
  readonly name: string;
  readonly dim: number;
  readonly x0: Float64Array;
  readonly xStar: Float64Array;
  readonly fStar: number;
  /** L = max λᵢ: ∇f is L-Lipschitz, and no smaller constant works. */
  readonly L: number;
  /** μ = min λᵢ: f is μ-strongly convex (μ = 0 only with `allowSingular`). */
  readonly mu: number;
  readonly convex = true;
  /** f is quadratic (constant Hessian), so an exact line search has a closed form. */
  readonly quadratic = true;
  /** λ₁ … λₙ, in the order of Q's columns. */
  readonly eigenvalues: Float64Array;
  /** The eigenvectors as columns, or null when A is diagonal (Q = I). */
  readonly Q: Matrix | null;
  /** A, row-major, when rotated; null on the diagonal path. */
  private readonly dense: Float64Array | null;
  private readonly d: Float64Array;
  private readonly scratch: Float64Array;

  constructor(options: QuadraticOptions = {}) {
    const who = "Quadratic";
    checkOptionKeys(who, options, KEYS);
    const o = options;
    let lam: Float64Array;
    if (o.eigenvalues !== undefined) {
      const clash = (["dim", "kappa", "L", "spacing"] as const).filter((k) => o[k] !== undefined);
      if (clash.length > 0) {
        throw new TypeError(`${who}: give either eigenvalues or the dial { dim, kappa, L, spacing }, not both (got eigenvalues and ${clash.join(", ")}).`);
      }
      const e = o.eigenvalues;
      if (e === null || typeof e !== "object" || typeof e.length !== "number" || e.length === 0) {
        throw new TypeError(`${who}: eigenvalues must be a non-empty array of numbers such as [0.2, 4], got ${JSON.stringify(e)}.`);
      }
      lam = Float64Array.from(e);
      const singular = o.allowSingular === undefined ? false : checkBoolean(who, "allowSingular", o.allowSingular);
      lam.forEach((l, i) => {
        if (!Number.isFinite(l)) throw new RangeError(`${who}: eigenvalues[${i}] is ${l}; every eigenvalue must be a finite number.`);
        if (l < 0) {
          throw new RangeError(`${who}: eigenvalues[${i}] = ${l} < 0: the quadratic would have a saddle and no minimiser. Use eigenvalues > 0 (strongly convex) or ≥ 0 with allowSingular: true.`);
        }
        if (l === 0 && !singular) {
          throw new RangeError(`${who}: eigenvalues[${i}] = 0, so f is not strongly convex (μ = 0). Use eigenvalues > 0, or pass allowSingular: true for a convex quadratic with μ = 0.`);
        }
      });
      if (lam.every((l) => l === 0)) throw new RangeError(`${who}: every eigenvalue is 0, so f is constant; give at least one eigenvalue > 0.`);
    } else {
      const dim = checkInt(who, "dim", o.dim ?? 2, 1);
      const L = checkPositive(who, "L", o.L ?? 1);
      const kappa = o.kappa ?? 10;
      if (typeof kappa !== "number" || !Number.isFinite(kappa) || kappa < 1) {
        throw new RangeError(`${who}: kappa (κ = L/μ) must be a finite number ≥ 1, got ${String(kappa)}. κ = 1 is a round bowl; try kappa: 10 or 1000.`);
      }
      if (dim === 1 && kappa !== 1) {
        throw new RangeError(`${who}: with dim = 1 there is one eigenvalue, so kappa must be 1 (got ${kappa}); use dim ≥ 2 for κ > 1.`);
      }
      const spacing = o.spacing ?? "geometric";
      if (spacing !== "geometric" && spacing !== "linear") {
        throw new RangeError(`${who}: spacing must be "geometric" or "linear", got ${JSON.stringify(spacing)}.`);
      }
      lam = spectrum(dim, kappa, L, spacing);
    }
    const n = lam.length;
    this.dim = n;
    this.eigenvalues = lam;
    this.L = lam.reduce((a, b) => Math.max(a, b), -Infinity);
    this.mu = lam.reduce((a, b) => Math.min(a, b), Infinity);

    const rot = o.rotation ?? false;
    if (rot === false) {
      this.Q = null;
      this.dense = null;
    } else {
      const seed = checkSeed(who, rot);
      this.Q = randomRotation(n, seed);
      // mulRowVector works in place, hence the clone: QΛ, then (QΛ)Qᵀ.
      const A = this.Q.clone().mulRowVector(Array.from(lam)).mmul(this.Q.transpose());
      const a = new Float64Array(n * n);
      // Symmetrise exactly: rounding in QΛQᵀ leaves A − Aᵀ ≈ 1e-16, and a Hessian should be symmetric.
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = 0.5 * (A.get(i, j) + A.get(j, i));
      this.dense = a;
    }

    this.xStar = o.xStar === undefined ? new Float64Array(n) : toVector(who, "xStar", o.xStar, n);
    const fStar = o.fStar ?? 0;
    if (typeof fStar !== "number" || !Number.isFinite(fStar)) throw new RangeError(`${who}: fStar must be a finite number, got ${String(fStar)}.`);
    this.fStar = fStar;
    this.x0 = o.x0 === undefined ? this.xStar.map((v) => v + 1) : toVector(who, "x0", o.x0, n);
    this.d = new Float64Array(n);
    this.scratch = new Float64Array(n);
    const kappaStr = this.mu === 0 ? "∞" : formatKappa(this.L / this.mu);
    this.name = o.name ?? `quadratic κ=${kappaStr}${n > 2 ? ` n=${n}` : ""}${this.Q ? " rotated" : ""}`;
  }

  /** κ = L/μ (Infinity when μ = 0). */
  get kappa(): number {
    return this.L / this.mu;
  }

  /** A = QΛQᵀ as a new matrix. */
  get A(): Matrix {
    const n = this.dim;
    if (this.dense === null) return Matrix.diag(Array.from(this.eigenvalues));
    const M = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, this.dense[i * n + j]);
    return M;
  }

  /** f(x) = ½(x − x*)ᵀA(x − x*) + f*. */
  f(x: Float64Array): number {
    checkPoint(() => `${this.name}: f`, "x", x, this.dim);
    const n = this.dim, d = this.diff(x);
    let s = 0;
    if (this.dense === null) {
      const lam = this.eigenvalues;
      for (let i = 0; i < n; i++) s += lam[i] * d[i] * d[i];
    } else {
      const Ad = this.apply(d, this.scratch);
      for (let i = 0; i < n; i++) s += d[i] * Ad[i];
    }
    return 0.5 * s + this.fStar;
  }

  /** ∇f(x) = A(x − x*). */
  grad(x: Float64Array, out?: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: grad`, "x", x, this.dim);
    const g = outVector(() => `${this.name}: grad`, out, this.dim);
    return this.apply(this.diff(x), g);
  }

  /** ∇²f(x) = A (the same at every x). */
  hessian(x: Float64Array): Matrix {
    checkPoint(() => `${this.name}: hessian`, "x", x, this.dim);
    return this.A;
  }

  /** ∇²f(x)·v = Av. */
  hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: hvp`, "x", x, this.dim);
    checkPoint(() => `${this.name}: hvp`, "v", v, this.dim);
    return this.apply(v, outVector(() => `${this.name}: hvp`, out, this.dim));
  }

  /** x − x*, into a scratch buffer. */
  private diff(x: Float64Array): Float64Array {
    const d = this.d, s = this.xStar;
    for (let i = 0; i < this.dim; i++) d[i] = x[i] - s[i];
    return d;
  }

  /** out = A·v (O(n) on the diagonal path, O(n²) rotated). `out` must not alias `v`. */
  private apply(v: Float64Array, out: Float64Array): Float64Array {
    const n = this.dim, lam = this.eigenvalues, a = this.dense;
    if (a === null) {
      for (let i = 0; i < n; i++) out[i] = lam[i] * v[i];
      return out;
    }
    if (out === v) v = Float64Array.from(v);
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) s += a[row + j] * v[j];
      out[i] = s;
    }
    return out;
  }
}

function formatKappa(k: number): string {
  if (k >= 1e4) {
    const e = Math.round(Math.log10(k));
    if (Math.abs(k - 10 ** e) < 1e-9 * k) return `1e${e}`;
  }
  return String(Number(k.toPrecision(4)));
}

/**
 * d2l.ai's running example (optimization chapter, "Gradient Descent"): f(x) = 0.1x₁² + 2x₂²
 * from (−5, −2). As ½xᵀAx: A = diag(0.2, 4), so L = 4, μ = 0.2, κ = 20, x* = 0, f* = 0.
 */
export function d2lQuadratic(): Quadratic {
  return new Quadratic({ eigenvalues: [0.2, 4], x0: [-5, -2], name: "d2l 0.1x₁² + 2x₂²" });
}

/** Options of {@link cs182Quadratic}. */
export interface CS182QuadraticOptions {
  /** Coefficient of x₁²; default 1. */
  a1?: number;
  /** Coefficient of x₂²; default 10 (a₂ ≫ a₁: the ill-conditioned case). */
  a2?: number;
  /** Starting point; default (−3, 1). */
  x0?: ArrayLike<number>;
}

/**
 * CS 182 Discussion 2 (Berkeley) §3.3's f(x₁, x₂) = a₁x₁² + a₂x₂² (a₁, a₂ > 0): well
 * conditioned when a₁ ≈ a₂, ill conditioned when a₂ ≫ a₁. As ½xᵀAx: A = diag(2a₁, 2a₂), so
 * L = 2·max(a₁, a₂), μ = 2·min(a₁, a₂), κ = max/min, x* = 0, f* = 0; gradient descent is stable
 * for η < 2/L = 1/max(a₁, a₂).
 */
export function cs182Quadratic(options: CS182QuadraticOptions = {}): Quadratic {
  checkOptionKeys("cs182Quadratic", options, ["a1", "a2", "x0"]);
  const a1 = checkPositive("cs182Quadratic", "a1", options.a1 ?? 1);
  const a2 = checkPositive("cs182Quadratic", "a2", options.a2 ?? 10);
  return new Quadratic({ eigenvalues: [2 * a1, 2 * a2], x0: options.x0 ?? [-3, 1], name: `${a1}x₁² + ${a2}x₂²` });
}
