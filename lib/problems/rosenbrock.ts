/**
 * Rosenbrock's banana function, the classic non-convex test of an optimizer: a curved,
 * flat-bottomed valley in which gradient descent zig-zags and crawls.
 *
 *     f(x) = Σ_{i=1}^{n−1} [ b (x_{i+1} − x_i²)² + (a − x_i)² ]
 *
 * (n = 2 gives the textbook (a − x₁)² + b(x₂ − x₁²)²). Defaults a = 1, b = 100, n = 2, start
 * (−1.2, 1) (Rosenbrock 1960), repeated as (−1.2, 1, −1.2, 1, …) in n dimensions.
 *
 * Facts: f ≥ 0. For n = 2 the minimiser is x* = (a, a²) with f* = 0. For n ≥ 3 every term
 * vanishes only if x_i = a for i < n and x_{i+1} = x_i², which is consistent only for a = 1
 * (x* = (1, …, 1)) or a = 0 (x* = 0); for other a the minimiser has no closed form and
 * `xStar`/`fStar` are absent. Not convex (the Hessian at (0, 1) has eigenvalue 2 − 400 < 0 for
 * b = 100) and not globally L-smooth (the Hessian grows like 12b·x²), so `L` and `mu` are absent;
 * `estimateCurvature` (lib/problems/curvature.ts) gives the local values at a point.
 */
import { Matrix } from "ml-matrix";
import type { Problem } from "./problem";
import { checkOptionKeys, checkInt } from "../data/dataset";
import { checkPoint, outVector, toVector } from "./check";

/** Options of {@link Rosenbrock}. */
export interface RosenbrockOptions {
  /** a in (a − x_i)²; default 1. */
  a?: number;
  /** b in b(x_{i+1} − x_i²)², the valley's steepness; default 100. */
  b?: number;
  /** Dimension n ≥ 2; default 2. */
  dim?: number;
  /** Starting point; default (−1.2, 1, −1.2, 1, …). */
  x0?: ArrayLike<number>;
}

function finite(owner: string, name: string, v: unknown, positive: boolean): number {
  if (typeof v !== "number" || !Number.isFinite(v) || (positive && v <= 0)) {
    throw new RangeError(`${owner}: ${name} must be a finite number${positive ? " > 0" : ""}, got ${String(v)}.${name === "b" ? " The classic value is 100." : ""}`);
  }
  return v;
}

/** Rosenbrock's function in n ≥ 2 dimensions; see the module comment. */
export class Rosenbrock implements Problem {
  readonly name: string;
  readonly dim: number;
  readonly x0: Float64Array;
  readonly xStar?: Float64Array;
  readonly fStar?: number;
  readonly convex = false;
  /** a in (a − x_i)². */
  readonly a: number;
  /** b in b(x_{i+1} − x_i²)². */
  readonly b: number;

  constructor(options: RosenbrockOptions = {}) {
    const who = "Rosenbrock";
    checkOptionKeys(who, options, ["a", "b", "dim", "x0"]);
    this.a = finite(who, "a", options.a ?? 1, false);
    this.b = finite(who, "b", options.b ?? 100, true);
    const n = checkInt(who, "dim", options.dim ?? 2, 2);
    this.dim = n;
    this.x0 = options.x0 === undefined ? Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1)) : toVector(who, "x0", options.x0, n);
    const a = this.a;
    if (n === 2) this.xStar = new Float64Array([a, a * a]);
    else if (a === 1 || a === 0) this.xStar = new Float64Array(n).fill(a);
    if (this.xStar) this.fStar = 0;
    this.name = n === 2 && a === 1 && this.b === 100 ? "Rosenbrock" : `Rosenbrock a=${a} b=${this.b}${n > 2 ? ` n=${n}` : ""}`;
  }

  /** Σ b(x_{i+1} − x_i²)² + (a − x_i)². */
  f(x: Float64Array): number {
    checkPoint(() => `${this.name}: f`, "x", x, this.dim);
    const { a, b } = this;
    let s = 0;
    for (let i = 0; i + 1 < this.dim; i++) {
      const r = x[i + 1] - x[i] * x[i], q = a - x[i];
      s += b * r * r + q * q;
    }
    return s;
  }

  /** ∂f/∂x_i = −4b x_i (x_{i+1} − x_i²) − 2(a − x_i) + 2b (x_i − x_{i−1}²), each part where its term exists. */
  grad(x: Float64Array, out?: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: grad`, "x", x, this.dim);
    const g = outVector(() => `${this.name}: grad`, out, this.dim);
    const { a, b } = this, n = this.dim;
    g.fill(0);
    for (let i = 0; i + 1 < n; i++) {
      const r = x[i + 1] - x[i] * x[i];
      g[i] += -4 * b * x[i] * r - 2 * (a - x[i]);
      g[i + 1] += 2 * b * r;
    }
    return g;
  }

  /** Tridiagonal: H_ii = 12b x_i² − 4b x_{i+1} + 2 (i < n) plus 2b (i > 1); H_{i,i+1} = −4b x_i. */
  hessian(x: Float64Array): Matrix {
    checkPoint(() => `${this.name}: hessian`, "x", x, this.dim);
    const { b } = this, n = this.dim;
    const H = new Matrix(n, n);
    for (let i = 0; i + 1 < n; i++) {
      H.set(i, i, H.get(i, i) + 12 * b * x[i] * x[i] - 4 * b * x[i + 1] + 2);
      H.set(i + 1, i + 1, H.get(i + 1, i + 1) + 2 * b);
      H.set(i, i + 1, -4 * b * x[i]);
      H.set(i + 1, i, -4 * b * x[i]);
    }
    return H;
  }

  /** ∇²f(x)·v from the tridiagonal Hessian, in O(n). */
  hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: hvp`, "x", x, this.dim);
    checkPoint(() => `${this.name}: hvp`, "v", v, this.dim);
    const o = outVector(() => `${this.name}: hvp`, out, this.dim);
    const vv = o === v ? Float64Array.from(v) : v;
    const { b } = this, n = this.dim;
    o.fill(0);
    for (let i = 0; i + 1 < n; i++) {
      const off = -4 * b * x[i];
      o[i] += (12 * b * x[i] * x[i] - 4 * b * x[i + 1] + 2) * vv[i] + off * vv[i + 1];
      o[i + 1] += 2 * b * vv[i + 1] + off * vv[i];
    }
    return o;
  }
}
