/**
 * A long, narrow, non-quadratic valley: the "narrow 2D valley" of the Topic 4 slides (Deep
 * Learning and Neural Networks, "Momentum Methods"), where gradient descent bounces between
 * steep walls while crawling along a gently sloping floor, and momentum (or a second-order
 * step) runs along it.
 *
 *     f(x₁, x₂) = a (√(1 + x₁²) − 1) + (b/2) (x₂ − c·x₁²)²
 *
 * The floor x₂ = c·x₁² (straight when c = 0, bent into a parabola otherwise) rises like a
 * pseudo-Huber function: quadratic (curvature a) near the minimum, but with a constant slope
 * ≈ a far from it, so the pull along the floor never grows, unlike a quadratic's; across the
 * floor the walls have curvature b ≫ a. Defaults a = 1, b = 100, c = 0, start (−4, 1).
 *
 * Facts: both terms are ≥ 0 and vanish only at the origin, so x* = (0, 0) and f* = 0 for every
 * a, b > 0 and c. With c = 0, f is convex with Hessian diag(a/(1 + x₁²)^{3/2}, b), so it is
 * L-smooth with L = max(a, b) but only μ = 0 strongly convex globally (the floor flattens out):
 * `mu` = 0, and the local curvature at x* is min(a, b) (`muLocal`). With c ≠ 0 the valley is
 * curved, f is not convex and its Hessian grows like x₁², so `L` and `mu` are absent.
 */
import { Matrix } from "ml-matrix";
import type { Problem } from "./problem";
import { checkOptionKeys, checkPositive } from "../data/dataset";
import { checkPoint, outVector, toVector } from "./check";

/** Options of {@link Valley}. */
export interface ValleyOptions {
  /** Curvature of the floor at the minimum (and its slope far away); default 1. */
  a?: number;
  /** Curvature across the valley (the walls); default 100. */
  b?: number;
  /** Bend: the floor is x₂ = c·x₁²; default 0 (straight, convex). */
  c?: number;
  /** Starting point; default (−4, 1). */
  x0?: ArrayLike<number>;
}

/** The narrow valley; see the module comment. */
export class Valley implements Problem {
  readonly name: string;
  readonly dim = 2;
  readonly x0: Float64Array;
  readonly xStar = new Float64Array([0, 0]);
  readonly fStar = 0;
  readonly L?: number;
  readonly mu?: number;
  /** The smallest Hessian eigenvalue at x*: min(a, b) (c does not enter at the origin). */
  readonly muLocal: number;
  readonly convex: boolean;
  /** Curvature of the floor at the minimum. */
  readonly a: number;
  /** Curvature across the valley. */
  readonly b: number;
  /** Bend of the floor x₂ = c·x₁². */
  readonly c: number;

  constructor(options: ValleyOptions = {}) {
    const who = "Valley";
    checkOptionKeys(who, options, ["a", "b", "c", "x0"]);
    this.a = checkPositive(who, "a", options.a ?? 1);
    this.b = checkPositive(who, "b", options.b ?? 100);
    const c = options.c ?? 0;
    if (typeof c !== "number" || !Number.isFinite(c)) throw new RangeError(`${who}: c must be a finite number (0 for a straight valley), got ${String(c)}.`);
    this.c = c;
    this.x0 = options.x0 === undefined ? new Float64Array([-4, 1]) : toVector(who, "x0", options.x0, 2);
    this.convex = c === 0;
    if (c === 0) {
      this.L = Math.max(this.a, this.b);
      this.mu = 0;
    }
    this.muLocal = Math.min(this.a, this.b);
    this.name = `valley a=${this.a} b=${this.b}${c !== 0 ? ` c=${c}` : ""}`;
  }

  /** a(√(1 + x₁²) − 1) + (b/2)(x₂ − c x₁²)². */
  f(x: Float64Array): number {
    checkPoint(() => `${this.name}: f`, "x", x, 2);
    const r = x[1] - this.c * x[0] * x[0];
    // √(1+t²) − 1 = t²/(√(1+t²) + 1): no cancellation near the minimum.
    const t2 = x[0] * x[0];
    return (this.a * t2) / (Math.sqrt(1 + t2) + 1) + 0.5 * this.b * r * r;
  }

  /** (a x₁/√(1+x₁²) − 2bc x₁ r, b r) with r = x₂ − c x₁². */
  grad(x: Float64Array, out?: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: grad`, "x", x, 2);
    const g = outVector(() => `${this.name}: grad`, out, 2);
    const { a, b, c } = this;
    const r = x[1] - c * x[0] * x[0];
    const g0 = (a * x[0]) / Math.sqrt(1 + x[0] * x[0]) - 2 * b * c * x[0] * r;
    g[1] = b * r;
    g[0] = g0;
    return g;
  }

  /** [[a/(1+x₁²)^{3/2} − 2bc r + 4bc² x₁², −2bc x₁], [−2bc x₁, b]]. */
  hessian(x: Float64Array): Matrix {
    checkPoint(() => `${this.name}: hessian`, "x", x, 2);
    const { a, b, c } = this;
    const r = x[1] - c * x[0] * x[0];
    const s = 1 + x[0] * x[0];
    const h00 = a / (s * Math.sqrt(s)) - 2 * b * c * r + 4 * b * c * c * x[0] * x[0];
    const h01 = -2 * b * c * x[0];
    return new Matrix([
      [h00, h01],
      [h01, b],
    ]);
  }

  /** ∇²f(x)·v. */
  hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: hvp`, "v", v, 2);
    const H = this.hessian(x);
    const o = outVector(() => `${this.name}: hvp`, out, 2);
    const v0 = v[0], v1 = v[1];
    o[0] = H.get(0, 0) * v0 + H.get(0, 1) * v1;
    o[1] = H.get(1, 0) * v0 + H.get(1, 1) * v1;
    return o;
  }
}
