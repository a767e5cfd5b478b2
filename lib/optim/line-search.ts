/**
 * Line searches and the general descent method of Lecture 8 notes (Université Côte d'Azur) §3:
 *
 *     repeat:  1. a descent direction Δx (here Δx = −∇f(x));  2. line search: a step t > 0;
 *              3. x := x + tΔx;   until ‖∇f(x)‖ ≤ ε.
 *
 * Two ways to choose t along a direction d with ∇f(x)ᵀd < 0:
 *
 * - **Backtracking (Armijo)** — {@link armijo}: try t = t₀, t₀β, t₀β², … and take the first
 *   that decreases f enough,
 *
 *       f(x + t d) ≤ f(x) + c · t · ∇f(x)ᵀd        (sufficient decrease; c ∈ (0, 1), default 1e-4),
 *
 *   the "backtracking line search" of the notes (Boyd & Vandenberghe §9.2 use α for c). Since
 *   ∇f(x)ᵀd < 0, the condition holds for every small enough t, so the search ends; the
 *   default c = 1e-4 and β = ½ are Nocedal & Wright's (Numerical Optimization, §3.1).
 * - **Exact, on a quadratic** — {@link exactStep}: minimise φ(t) = f(x + t d). For
 *   f(x) = ½xᵀAx − bᵀx + const, φ is a parabola with φ′(t) = gᵀd + t·dᵀAd, so
 *
 *       t* = −gᵀd / dᵀAd,   and along d = −g:  t* = gᵀg / gᵀAg.
 *
 * {@link LineSearchGD} packs steps 1–3 into an {@link Optimizer}, so the run driver
 * (lib/optim/minimize.ts) runs it like any other: it takes the problem in its constructor (it
 * must evaluate f, or A·d, inside `step`) and leaves the step it took in `lr` and `state`.
 */
import type { Problem } from "../problems/problem";
import { checkGradient, checkOption, type Optimizer } from "./optimizer";

/** Options of {@link armijo}. */
export interface ArmijoOptions {
  /** The sufficient-decrease constant c ∈ (0, 1) (Armijo's c₁; Boyd & Vandenberghe's α); default 1e-4. */
  c?: number;
  /** The shrink factor β ∈ (0, 1): t ← βt after each rejected trial; default 0.5 (halving). */
  beta?: number;
  /** The first trial step t₀ > 0; default 1. */
  t0?: number;
  /** The most shrinks before giving up (t₀β^maxShrinks is the smallest step tried); default 60. */
  maxShrinks?: number;
}

/** What a line search found. */
export interface LineSearchResult {
  /** The accepted step t. */
  t: number;
  /** f(x + t d). */
  f: number;
  /** f(x). */
  f0: number;
  /** ∇f(x)ᵀd, the slope of φ(t) = f(x + t d) at 0 (< 0 for a descent direction). */
  slope: number;
  /** How many times t was shrunk (0: t₀ was accepted). */
  shrinks: number;
  /** Evaluations of f made by the search (excluding f(x) when it was passed in). */
  evaluations: number;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function checkVector(owner: string, name: string, v: unknown, n: number): void {
  const a = v as ArrayLike<number>;
  if (a === null || typeof a !== "object" || typeof a.length !== "number") {
    throw new TypeError(`${owner}: ${name} must be a Float64Array of length ${n}, got ${String(v)}.`);
  }
  if (a.length !== n) throw new RangeError(`${owner}: ${name} has length ${a.length} but the problem has dimension ${n}.`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(a[i])) throw new RangeError(`${owner}: ${name}[${i}] is ${a[i]}; it must be finite (the run may have diverged).`);
  }
}

function armijoParams(owner: string, o: ArmijoOptions): Required<ArmijoOptions> {
  const c = checkOption(owner, "c", o.c ?? 1e-4, { min: 0, max: 1, minExclusive: true, maxExclusive: true }, "Use a small constant such as 1e-4 (Nocedal & Wright) or 0.3 (Boyd & Vandenberghe).");
  const beta = checkOption(owner, "beta", o.beta ?? 0.5, { min: 0, max: 1, minExclusive: true, maxExclusive: true }, "Use 0.5 (halving) or 0.8.");
  const t0 = checkOption(owner, "t0", o.t0 ?? 1, { min: 0, minExclusive: true }, "The first trial step; 1 is the usual choice.");
  const m = o.maxShrinks ?? 60;
  if (!Number.isSafeInteger(m) || m < 0) throw new RangeError(`${owner}: maxShrinks must be a whole number ≥ 0, got ${String(m)}. Try 60.`);
  return { c, beta, t0, maxShrinks: m };
}

/**
 * Backtracking line search: the first t in t₀, t₀β, t₀β², … with
 * f(x + t d) ≤ f(x) + c·t·∇f(x)ᵀd (Armijo's sufficient decrease). See the module comment.
 *
 * @param x the current point (not modified)
 * @param d the direction; must be a descent direction, ∇f(x)ᵀd < 0
 * @param g ∇f(x), if already known (else computed)
 * @param fx f(x), if already known (else computed)
 * @throws RangeError naming the problem when d is not a descent direction (∇f(x)ᵀd ≥ 0), or when
 *   no trial step satisfies the condition within `maxShrinks` shrinks.
 */
export function armijo(problem: Problem, x: Float64Array, d: Float64Array, options: ArmijoOptions = {}, g?: Float64Array, fx?: number): LineSearchResult {
  const owner = "armijo";
  const { c, beta, t0, maxShrinks } = armijoParams(owner, options);
  const n = problem.dim;
  checkVector(owner, "x", x, n);
  checkVector(owner, "d", d, n);
  const grad = g ?? problem.grad(x);
  if (g !== undefined) checkVector(owner, "g", g, n);
  const f0 = fx ?? problem.f(x);
  const slope = dot(grad, d);
  if (!(slope < 0)) {
    throw new RangeError(
      `${owner}: on "${problem.name}", d is not a descent direction: ∇f(x)ᵀd = ${slope} ≥ 0, so no step t > 0 can satisfy f(x + t d) ≤ f(x) + c·t·∇f(x)ᵀd. Use d = −∇f(x) (or another d with ∇f(x)ᵀd < 0)${slope === 0 ? "; ∇f(x)ᵀd = 0 can also mean x is already stationary" : ""}.`,
    );
  }
  const trial = new Float64Array(n);
  let t = t0;
  let ft = NaN;
  for (let k = 0; k <= maxShrinks; k++) {
    for (let i = 0; i < n; i++) trial[i] = x[i] + t * d[i];
    // A trial point where f is not finite (overflow, outside the domain) is rejected, not an error.
    let ok = false;
    try {
      ft = problem.f(trial);
      ok = Number.isFinite(ft) && ft <= f0 + c * t * slope;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
    if (ok) return { t, f: ft, f0, slope, shrinks: k, evaluations: k + 1 + (fx === undefined ? 1 : 0) };
    t *= beta;
  }
  throw new RangeError(
    `${owner}: on "${problem.name}", no step in t₀ = ${t0} down to ${t0 * Math.pow(beta, maxShrinks)} (${maxShrinks} shrinks by β = ${beta}) satisfied f(x + t d) ≤ f(x) + ${c}·t·∇f(x)ᵀd (f(x) = ${f0}, ∇f(x)ᵀd = ${slope}, last f = ${ft}). The gradient may be wrong (check it against finite differences) or f too noisy at this scale; raise maxShrinks or t₀.`,
  );
}

/** True if the problem says it is a quadratic (constant Hessian). */
export function isQuadratic(problem: Problem): boolean {
  return (problem as { quadratic?: boolean }).quadratic === true;
}

/**
 * The exact minimiser of φ(t) = f(x + t d) for a quadratic f: t* = −∇f(x)ᵀd / dᵀAd, with A·d
 * from the problem's `hvp` (or its `hessian`). Along d = −∇f(x) this is gᵀg / gᵀAg.
 *
 * @throws TypeError if the problem is not marked quadratic (`quadratic: true`) or has neither
 *   `hvp` nor `hessian`; RangeError if dᵀAd ≤ 0 (f is unbounded below or flat along d) or d is
 *   not a descent direction.
 */
export function exactStep(problem: Problem, x: Float64Array, d: Float64Array, g?: Float64Array): number {
  const owner = "exactStep";
  if (!isQuadratic(problem)) {
    throw new TypeError(
      `${owner}: "${problem.name}" is not a quadratic, so t = −gᵀd/dᵀAd is not its exact line search (φ(t) = f(x + t d) is not a parabola). Use the backtracking search (method: "armijo").`,
    );
  }
  const n = problem.dim;
  checkVector(owner, "x", x, n);
  checkVector(owner, "d", d, n);
  let Ad: ArrayLike<number>;
  if (problem.hvp) Ad = problem.hvp(x, d);
  else if (problem.hessian) {
    const H = problem.hessian(x);
    Ad = Array.from({ length: n }, (_, i) => {
      let s = 0;
      for (let j = 0; j < n; j++) s += H.get(i, j) * d[j];
      return s;
    });
  }
  else throw new TypeError(`${owner}: "${problem.name}" has neither hvp nor hessian, so A·d is unavailable.`);
  const grad = g ?? problem.grad(x);
  const slope = dot(grad, d);
  const curv = dot(d, Ad);
  if (!(slope < 0)) {
    throw new RangeError(`${owner}: on "${problem.name}", d is not a descent direction (∇f(x)ᵀd = ${slope} ≥ 0); use d = −∇f(x).`);
  }
  if (!(curv > 0)) {
    throw new RangeError(`${owner}: on "${problem.name}", dᵀAd = ${curv} ≤ 0: f does not curve upwards along d, so φ(t) has no minimiser. The exact step needs a positive definite A.`);
  }
  return -slope / curv;
}

/** Options of {@link LineSearchGD}. */
export interface LineSearchGDOptions extends ArmijoOptions {
  /** "armijo" (backtracking, default) or "exact" (quadratics only). */
  method?: "armijo" | "exact";
}

/** What {@link LineSearchGD} keeps in `state`, for a lesson to print. */
export interface LineSearchState {
  /** Steps taken. */
  k: number;
  /** The step size t of the last step (also in `lr`). */
  t: number;
  /** Shrinks in the last Armijo search (0 for the exact step). */
  shrinks: number;
  /** Evaluations of f in the last search. */
  evaluations: number;
  /** f at the new point after the last step (NaN for the exact step, which does not evaluate f). */
  f: number;
  /** Every step size taken, in order. */
  steps: number[];
}

/**
 * Gradient descent with a line search, as an {@link Optimizer}: the general descent method of
 * Lecture 8 notes (Université Côte d'Azur) §3 with Δx = −∇f(x).
 *
 *     const opt = new LineSearchGD(Float64Array.from(p.x0), p, { method: "armijo" });
 *     opt.step(p.grad(opt.params));   // opt.lr and opt.state.t: the step just taken
 *
 * `step(g)` searches along −g (g must be ∇f at the current params), moves there, and writes
 * the accepted t into `lr` and `state`. Setting `lr` has no effect on the next step (the search
 * picks its own); the Armijo search always starts from `t0`.
 */
export class LineSearchGD implements Optimizer<LineSearchState> {
  readonly name: string;
  readonly params: Float64Array;
  lr = 0;
  readonly state: LineSearchState = { k: 0, t: 0, shrinks: 0, evaluations: 0, f: NaN, steps: [] };
  readonly method: "armijo" | "exact";
  private readonly armijoOptions: Required<ArmijoOptions>;
  private readonly d: Float64Array;

  constructor(params: Float64Array, readonly problem: Problem, options: LineSearchGDOptions = {}) {
    const owner = "LineSearchGD";
    if (!(params instanceof Float64Array)) throw new TypeError(`${owner}: params must be a Float64Array (e.g. Float64Array.from(problem.x0)), got ${String(params)}.`);
    if (problem === null || typeof problem !== "object" || typeof problem.f !== "function") {
      throw new TypeError(`${owner}: the second argument must be the Problem being minimised (the search evaluates f inside step), got ${String(problem)}.`);
    }
    if (params.length !== problem.dim) {
      throw new RangeError(`${owner}: params has length ${params.length} but "${problem.name}" has dimension ${problem.dim}; pass Float64Array.from(problem.x0).`);
    }
    const method = options.method ?? "armijo";
    if (method !== "armijo" && method !== "exact") throw new RangeError(`${owner}: method must be "armijo" or "exact", got ${JSON.stringify(method)}.`);
    if (method === "exact" && !isQuadratic(problem)) {
      throw new TypeError(`${owner}: method "exact" needs a quadratic problem (closed-form t = gᵀg/gᵀAg); "${problem.name}" is not one. Use method: "armijo".`);
    }
    this.method = method;
    this.params = params;
    this.armijoOptions = armijoParams(owner, options);
    this.d = new Float64Array(params.length);
    this.name = method === "exact" ? "GD + exact line search" : "GD + Armijo backtracking";
  }

  /** One step x ← x − t∇f(x), t from the line search along d = −g. */
  step(grad: Float64Array): void {
    checkGradient(this.name, this.params, grad);
    const x = this.params, d = this.d, n = x.length;
    for (let i = 0; i < n; i++) d[i] = -grad[i];
    let t: number;
    const s = this.state;
    if (this.method === "exact") {
      t = exactStep(this.problem, x, d, grad);
      s.shrinks = 0;
      s.evaluations = 0;
      s.f = NaN;
    } else {
      const r = armijo(this.problem, x, d, this.armijoOptions, grad);
      t = r.t;
      s.shrinks = r.shrinks;
      s.evaluations = r.evaluations;
      s.f = r.f;
    }
    for (let i = 0; i < n; i++) x[i] += t * d[i];
    this.lr = t;
    s.t = t;
    s.k++;
    s.steps.push(t);
  }
}
