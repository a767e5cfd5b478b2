/**
 * Small stand-ins for the tests of the run driver and the convergence checks: a plain
 * gradient-descent optimizer, torch-form momentum, diagonal quadratics with known facts, a
 * non-convex 1-D function and a least-squares finite sum. Written from the formulas, not from
 * the library code under test.
 */
import type { Optimizer } from "../../../lib/optim/optimizer";
import type { Problem } from "../../../lib/problems/problem";

/** θ ← θ − lr·g. */
export class PlainGD implements Optimizer<{ steps: number }> {
  readonly name = "GD";
  readonly state = { steps: 0 };
  constructor(
    readonly params: Float64Array,
    public lr: number,
  ) {}
  step(g: Float64Array): void {
    for (let i = 0; i < this.params.length; i++) this.params[i] -= this.lr * g[i];
    this.state.steps++;
  }
}

/** torch SGD with momentum β (dampening 0): b ← βb + g; θ ← θ − lr·(nesterov ? g + βb : b). */
export class Momentum implements Optimizer<{ b: Float64Array }> {
  readonly name: string;
  readonly state: { b: Float64Array };
  constructor(
    readonly params: Float64Array,
    public lr: number,
    readonly beta: number,
    readonly nesterov: boolean,
  ) {
    this.name = nesterov ? "Nesterov" : "heavy ball";
    this.state = { b: new Float64Array(params.length) };
  }
  step(g: Float64Array): void {
    const b = this.state.b;
    for (let i = 0; i < b.length; i++) {
      b[i] = this.beta * b[i] + g[i];
      this.params[i] -= this.lr * (this.nesterov ? g[i] + this.beta * b[i] : b[i]);
    }
  }
}

/** f(x) = ½ Σ λᵢ xᵢ² + fStar (minimiser 0), with L = max λ, μ = min λ. */
export function diagQuadratic(eigs: number[], x0: number[], fStar = 0, name = "diag quadratic"): Problem {
  const lam = Float64Array.from(eigs);
  return {
    name,
    dim: lam.length,
    x0: Float64Array.from(x0),
    xStar: new Float64Array(lam.length),
    fStar,
    L: Math.max(...eigs),
    mu: Math.min(...eigs),
    convex: true,
    f: (x) => {
      let s = 0;
      for (let i = 0; i < lam.length; i++) s += 0.5 * lam[i] * x[i] * x[i];
      return s + fStar;
    },
    grad: (x, out) => {
      const g = out ?? new Float64Array(lam.length);
      for (let i = 0; i < lam.length; i++) g[i] = lam[i] * x[i];
      return g;
    },
  };
}

/**
 * A non-convex 1-D function: f(x) = x²/2 + 2(1 − cos 2x) = x²/2 + 4 sin²x (the second form keeps
 * full relative accuracy near 0, where 1 − cos 2x cancels), f'(x) = x + 4 sin 2x,
 * f''(x) = 1 + 8 cos 2x ∈ [−7, 9], so L = 9 and f is not convex. Global minimum f* = 0 at 0;
 * other local minima (e.g. near ±2.6) where gradient descent started far out gets stuck.
 */
export function wavyBowl(x0 = 3): Problem {
  return {
    name: "wavy bowl",
    dim: 1,
    x0: Float64Array.of(x0),
    xStar: Float64Array.of(0),
    fStar: 0,
    L: 9,
    convex: false,
    f: (x) => 0.5 * x[0] * x[0] + 4 * Math.sin(x[0]) ** 2,
    grad: (x, out) => {
      const g = out ?? new Float64Array(1);
      g[0] = x[0] + 4 * Math.sin(2 * x[0]);
      return g;
    },
  };
}

/** f(w) = (1/N) Σᵢ ½(aᵢ·w − yᵢ)² on fixed data, as a finite sum with gradBatch. Calls recorded in `batches`. */
export function leastSquares(A: number[][], y: number[]): Problem & { batches: number[][] } {
  const n = A.length, d = A[0].length;
  const batches: number[][] = [];
  const resid = (w: Float64Array, i: number) => A[i].reduce((s, a, j) => s + a * w[j], 0) - y[i];
  return {
    name: "least squares",
    dim: d,
    x0: new Float64Array(d),
    convex: true,
    examples: n,
    batches,
    f: (w) => A.reduce((s, _, i) => s + 0.5 * resid(w, i) ** 2, 0) / n,
    grad: (w, out) => {
      const g = out ?? new Float64Array(d);
      g.fill(0);
      for (let i = 0; i < n; i++) {
        const r = resid(w, i);
        for (let j = 0; j < d; j++) g[j] += (r * A[i][j]) / n;
      }
      return g;
    },
    fBatch: (w, b) => Array.from(b).reduce((s, i) => s + 0.5 * resid(w, i) ** 2, 0) / b.length,
    gradBatch: (w, b, out) => {
      batches.push(Array.from(b));
      const g = out ?? new Float64Array(d);
      g.fill(0);
      for (const i of Array.from(b)) {
        const r = resid(w, i);
        for (let j = 0; j < d; j++) g[j] += (r * A[i][j]) / b.length;
      }
      return g;
    },
  };
}

/**
 * Gradient descent with an exact line search on a problem with Hessian–vector products:
 * t = gᵀg / gᵀHg (the minimiser of f along −g on a quadratic).
 */
export class ExactLineSearchGD implements Optimizer<object> {
  readonly name = "GD + exact line search";
  readonly state = {};
  lr = 0;
  constructor(
    readonly params: Float64Array,
    private readonly problem: Problem,
  ) {}
  step(g: Float64Array): void {
    const Hg = this.problem.hvp!(this.params, g);
    let gg = 0, gHg = 0;
    for (let i = 0; i < g.length; i++) {
      gg += g[i] * g[i];
      gHg += g[i] * Hg[i];
    }
    this.lr = gHg > 0 ? gg / gHg : 0;
    for (let i = 0; i < g.length; i++) this.params[i] -= this.lr * g[i];
  }
}

/** Gradient descent with Armijo backtracking from t₀: shrink t by β until f(x − tg) ≤ f(x) − αt‖g‖². */
export class BacktrackingGD implements Optimizer<object> {
  readonly name = "GD + backtracking";
  readonly state = {};
  lr = 0;
  constructor(
    readonly params: Float64Array,
    private readonly problem: Problem,
    readonly alpha: number,
    readonly beta: number,
    readonly t0: number,
  ) {}
  step(g: Float64Array): void {
    const x = this.params;
    const fx = this.problem.f(x);
    const gg = g.reduce((s, v) => s + v * v, 0);
    let t = this.t0;
    const trial = new Float64Array(x.length);
    for (;;) {
      for (let i = 0; i < x.length; i++) trial[i] = x[i] - t * g[i];
      if (this.problem.f(trial) <= fx - this.alpha * t * gg) break;
      t *= this.beta;
    }
    this.lr = t;
    x.set(trial);
  }
}

/** f(x) = |x₁| + … + |x_n| with the subgradient sign(x) (0 at 0); convex, G = √n, x* = 0, f* = 0. */
export function absValue(x0: number[]): Problem {
  return {
    name: "|x|",
    dim: x0.length,
    x0: Float64Array.from(x0),
    xStar: new Float64Array(x0.length),
    fStar: 0,
    convex: true,
    f: (x) => x.reduce((s, v) => s + Math.abs(v), 0),
    grad: (x, out) => {
      const g = out ?? new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) g[i] = Math.sign(x[i]);
      return g;
    },
  };
}
