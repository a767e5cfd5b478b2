/**
 * ℓ₂-regularised logistic regression on seeded synthetic data, with labels ±1 as in the NN
 * optimization slides ("Logistic Loss": ℓᵢ(w) = log(1 + exp(−yᵢxᵢᵀw))):
 *
 *     yᵢ = sign(xᵢᵀw_true + noise·εᵢ),   εᵢ ~ N(0, 1)
 *     f(w) = (1/n) Σᵢ log(1 + e^{−yᵢxᵢᵀw}) + (λ/2)‖w‖²
 *     ∇f(w) = −(1/n) Σᵢ σ(−mᵢ) yᵢxᵢ + λw,   mᵢ = yᵢxᵢᵀw
 *     ∇²f(w) = (1/n) Σᵢ σ(mᵢ)σ(−mᵢ) xᵢxᵢᵀ + λI
 *
 * Facts: since σ(m)σ(−m) ≤ ¼, ∇²f ⪯ XᵀX/(4n) + λI, so L = λ_max(XᵀX)/(4n) + λ (a global bound,
 * attained at w = 0). The curvature σσ′ → 0 as |m| → ∞, so the only global strong-convexity
 * constant is μ = λ: convex for λ = 0, λ-strongly convex for λ > 0.
 *
 * x* has no closed form: it is computed at construction by Newton's method with a halving line
 * search from w = 0, until ‖∇f‖∞ ≤ 1e-13 (quadratic convergence, so about ten steps). With
 * λ > 0 the minimiser always exists. With λ = 0 it exists only if the data are not linearly
 * separable; on separable data (e.g. noise = 0) f → 0 as ‖w‖ → ∞ along a separator, there is no
 * minimiser, `xStar` is absent, `fStar` = 0 (the infimum) and `noMinimiser` says why. The test
 * is one-sided but sufficient: if Newton's last iterate classifies every example correctly,
 * the data are separable (Newton only stopped because e^{−m} underflowed the gradient); if not,
 * that iterate has ‖∇f‖∞ ≤ 1e-13 and, f being convex, it is the minimiser.
 *
 * The loss is evaluated as softplus(−m) = max(−m, 0) + log(1 + e^{−|m|}) so e^{…} never
 * overflows; σ(−m) likewise.
 */
import { EVD, type Matrix } from "ml-matrix";
import { choleskyInPlace, choleskySolveInPlace } from "../linalg/cholesky";
import { checkOptionKeys } from "../data/dataset";
import { LinearModel } from "./linear-model";
import { linearData, type LinearDataOptions } from "./linear-data";

/** Options of {@link Logistic}: n (100), d (5), noise (0.5: std of the logit's noise before the sign), seed (0), scales (1…1), l2 (0). */
export type LogisticOptions = LinearDataOptions;

/** log(1 + eᵗ) without overflow. */
function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/** σ(t) = 1/(1 + e⁻ᵗ) without overflow. */
function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

/** Logistic regression on seeded data; see the module comment. */
export class Logistic extends LinearModel {
  readonly name: string;
  readonly convex = true;
  readonly xStar?: Float64Array;
  readonly fStar: number;
  readonly L: number;
  readonly mu: number;
  /** Why there is no `xStar`, when there is none. */
  readonly noMinimiser?: string;
  /** Newton steps taken to find x* (0 when it does not exist). */
  readonly newtonSteps: number = 0;

  constructor(options: LogisticOptions = {}) {
    const who = "Logistic";
    checkOptionKeys(who, options, ["n", "d", "noise", "seed", "scales", "l2"]);
    const data = linearData(who, options, 0.5);
    const { n, d, X, wTrue, r } = data;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += X[i * d + j] * wTrue[j];
      z += data.noise * r.normal(0, 1);
      y[i] = z >= 0 ? 1 : -1;
    }
    super(data, y);
    this.name = `logistic n=${n} d=${d}${data.l2 > 0 ? ` λ=${data.l2}` : ""}`;
    const XtX = this.X.transpose().mmul(this.X);
    const eig = new EVD(XtX, { assumeSymmetric: true }).realEigenvalues;
    this.L = Math.max(...eig) / (4 * n) + data.l2;
    this.mu = data.l2;
    let sol = this.newton();
    // With λ = 0, a w that classifies every example correctly proves the data separable, and then
    // no minimiser exists (Newton only stops because e^{−m} underflows the gradient at large ‖w‖).
    if (sol.x !== null && data.l2 === 0 && this.separates(sol.x)) {
      sol = { x: null, steps: 0, why: "the data are linearly separable (the last Newton iterate classifies every example correctly), so with l2 = 0 f → 0 as ‖w‖ → ∞ and no minimiser exists; add l2 > 0 or noise > 0." };
    }
    if (sol.x !== null) {
      this.xStar = sol.x;
      this.fStar = this.f(sol.x);
      this.newtonSteps = sol.steps;
    } else {
      this.fStar = 0;
      this.noMinimiser = sol.why;
    }
  }

  protected loss(z: number, y: number): number {
    return softplus(-y * z);
  }

  protected dloss(z: number, y: number): number {
    return -y * sigmoid(-y * z);
  }

  protected override d2loss(z: number, y: number): number {
    const m = y * z;
    return sigmoid(m) * sigmoid(-m);
  }

  /** ∇²f(w) = (1/n) Σ σ(mᵢ)σ(−mᵢ) xᵢxᵢᵀ + λI. */
  hessian(w: Float64Array): Matrix {
    return this.hessianOf(w);
  }

  /** ∇²f(w)·v in O(nd). */
  hvp(w: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
    return this.hvpOf(w, v, out);
  }

  /** True if every margin yᵢxᵢᵀw is > 0. */
  private separates(w: Float64Array): boolean {
    for (let i = 0; i < this.examples; i++) if (this.y[i] * this.score(w, i) <= 0) return false;
    return true;
  }

  /** Newton with halving from w = 0; null when the iterates run off to infinity (separable data, λ = 0). */
  private newton(): { x: Float64Array | null; steps: number; why?: string } {
    const d = this.dim;
    let w: Float64Array = new Float64Array(d);
    let fw = this.f(w);
    const g = new Float64Array(d);
    let lastGmax = Infinity;
    for (let k = 1; k <= 200; k++) {
      this.grad(w, g);
      const gmax = g.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
      if (gmax <= 1e-13) return { x: w, steps: k - 1 };
      // Rounding floor: Newton converges quadratically, so a gradient below 1e-11 that stopped
      // shrinking will not reach 1e-13 (d = 128 otherwise spent all 200 steps there).
      if (gmax <= 1e-11 && gmax >= lastGmax) return { x: w, steps: k - 1 };
      lastGmax = gmax;
      const wnorm = Math.sqrt(w.reduce((a, b) => a + b * b, 0));
      if (this.l2 === 0 && wnorm > 1e4) break;
      // The flat Cholesky kernel of lib/linalg: ml-matrix's per-entry access made d = 128 slow.
      const H = this.hessianFlat(w);
      if (choleskyInPlace(H, d) !== -1) break; // curvature vanished numerically: |w| huge, separable
      const step = Float64Array.from(g);
      choleskySolveInPlace(H, d, step);
      let t = 1;
      let next = w;
      let fn = fw;
      for (let h = 0; h < 60; h++) {
        next = w.map((wi, j) => wi - t * step[j]);
        fn = this.f(next);
        if (fn <= fw) break;
        t /= 2;
      }
      if (fn > fw) break; // no decrease at all: rounding floor reached
      w = next;
      fw = fn;
    }
    this.grad(w, g);
    const gmax = g.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
    if (gmax <= 1e-11) return { x: w, steps: 200 };
    return {
      x: null,
      steps: 0,
      why:
        this.l2 === 0
          ? `the data are (numerically) linearly separable, so with l2 = 0 f → 0 as ‖w‖ → ∞ and no minimiser exists; add l2 > 0 or noise > 0.`
          : `Newton's method did not reach ‖∇f‖∞ ≤ 1e-11 (got ${gmax}).`,
    };
  }
}
