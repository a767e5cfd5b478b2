/**
 * The convergence theorems of the lectures as code: each factory takes a problem (and the
 * facts a theorem needs, where the problem does not know them) and returns a {@link Bound} that
 * evaluates the theorem's inequality at every iterate of a recorded run (lib/optim/minimize.ts).
 * `checkBound` (./check.ts) turns that into a verdict and a table.
 *
 * f is L-smooth (‖∇f(x) − ∇f(y)‖ ≤ L‖x − y‖), μ-strongly convex where said, κ = L/μ:
 *
 * | factory | inequality | needs |
 * |---|---|---|
 * | {@link descentLemma} | f(x_{k+1}) ≤ f(x_k) − ‖∇f(x_k)‖²/(2L), step η = 1/L | L |
 * | {@link convexRate} | f(x_t) − f* ≤ 2L‖x₀ − x*‖²/(t + 4), convex, η = 1/L | L, x*, f* |
 * | {@link stronglyConvexRate} | f(θ_k) − f* ≤ (L/2)((κ−1)/(κ+1))^{2k}‖θ₀ − θ*‖², α = 2/(L+μ) | L, μ > 0, x*, f* |
 * | {@link nesterovRate} | f(θ_k) − f* ≤ L(1 − 1/√κ)^k‖θ₀ − θ*‖², Nesterov tuned | L, μ > 0, x*, f* |
 * | {@link lineSearchRate} | f(x_k) − p* ≤ c^k(f(x₀) − p*), exact or backtracking line search | L, μ > 0, f* |
 * | {@link subgradientBound} | min_{i<k} f(x_i) − f* ≤ (R² + G²Σ_{i<k}η_i²)/(2Σ_{i<k}η_i) | x*, f*, G (default: the largest ‖g‖ seen) |
 *
 * A bound asked of a problem that lacks a fact throws a RangeError naming the fact and how to
 * supply it (every factory takes `{ L, mu, xStar, fStar }` overrides, e.g. L from a power
 * iteration). A bound evaluated on a run that breaks a hypothesis (a step size other than the
 * theorem's, a non-convex f) is still evaluated, so a lesson can show it failing; the check lists
 * the broken hypotheses beside the verdict.
 */
import type { Problem } from "../problems/problem";
import type { RunHistory } from "../optim/minimize";

/** Where the lectures state each theorem. */
export const SOURCES = {
  lecture8: "Lecture 8 notes (Université Côte d'Azur) §3",
  topic4gd: 'Topic 4 slides (Deep Learning and Neural Networks), "Gradient Descent"',
  topic4momentum: 'Topic 4 slides (Deep Learning and Neural Networks), "Momentum Methods"',
  nnSlides: "the NN optimization slides (sub-gradient descent)",
} as const;

/** Facts a caller may supply instead of (or over) the problem's own. */
export interface BoundFacts {
  /** Smoothness constant L. */
  L?: number;
  /** Strong-convexity constant μ. */
  mu?: number;
  /** A minimiser x*. */
  xStar?: ArrayLike<number>;
  /** The minimum value f*. */
  fStar?: number;
}

/** One bound evaluated along a run: per index, the measured quantity and the theorem's bound. */
export interface BoundSeries {
  /** The iterate (or step) index of each entry. */
  k: number[];
  /** What the run did (e.g. f(x_k) − f*). */
  measured: number[];
  /** What the theorem promises. */
  bound: number[];
  /** The magnitude of the numbers whose rounding enters the comparison (for the rounding slack). */
  scale: number[];
  /** Constants only known once the run is seen (e.g. the subgradient bound's G and R). */
  constants?: Record<string, number>;
}

/** A theorem, ready to be evaluated on a recorded run. */
export interface Bound {
  /** Short name, e.g. "convex rate, η = 1/L". */
  readonly name: string;
  /** The inequality in symbols. */
  readonly formula: string;
  /** Where it is stated. */
  readonly source: string;
  /** What is measured, e.g. "f(x_k) − f*". */
  readonly measuredLabel: string;
  /** What bounds it, e.g. "2L‖x₀ − x*‖²/(k + 4)". */
  readonly boundLabel: string;
  /** "≤": the theorem says measured ≤ bound; "≥": measured ≥ bound (a guaranteed decrease). */
  readonly sense: "≤" | "≥";
  /** The constants used (L, μ, κ, ‖x₀ − x*‖², …), for the table. */
  readonly constants: Readonly<Record<string, number>>;
  /** The theorem's hypotheses, in words. */
  readonly hypotheses: readonly string[];
  /** Measured and bound at every index the theorem covers. */
  evaluate(history: RunHistory): BoundSeries;
  /** The hypotheses this run breaks, in words (empty when it meets them all, as far as can be told). */
  unmet(history: RunHistory): string[];
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(3) : String(Number(v.toPrecision(6)));
}

const FIX = {
  L: "pass { L } in the options: for a quadratic the largest Hessian eigenvalue; otherwise estimateCurvature(problem, { x }).L from lib/problems/curvature.ts gives the local one at x (take the largest over the points the run visits: the theorem needs a bound valid everywhere)",
  mu: "pass { mu } in the options: for a quadratic the smallest Hessian eigenvalue; otherwise estimateCurvature(problem, { x }).mu from lib/problems/curvature.ts gives the local one at x (take the smallest over the region the run visits)",
  xStar: "pass { xStar } in the options (e.g. the end of a long run of Newton's method or of gradient descent to ‖∇f‖ ≈ 0)",
  fStar: "pass { fStar } in the options (f(x*) for a minimiser x* you know)",
} as const;

/** Reads a fact from the overrides or the problem, or throws naming it and the fix. */
function need<K extends keyof typeof FIX>(who: string, problem: Problem, facts: BoundFacts, key: K): NonNullable<BoundFacts[K]> {
  const v = facts[key] !== undefined ? facts[key] : (problem as BoundFacts)[key];
  const what = { L: "the smoothness constant L", mu: "the strong-convexity constant μ", xStar: "a minimiser x*", fStar: "the minimum value f*" }[key];
  if (v === undefined || v === null) {
    throw new RangeError(`${who}: needs ${what}, but the problem "${problem.name}" does not know it; ${FIX[key]}.`);
  }
  if (key === "xStar") {
    const x = v as ArrayLike<number>;
    if (typeof x !== "object" || x.length !== problem.dim || !Array.from(x).every(Number.isFinite)) {
      throw new RangeError(`${who}: xStar must be ${problem.dim} finite numbers (the problem's dimension), got ${String(x)}.`);
    }
  } else if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(`${who}: ${key} must be a finite number, got ${String(v)}; ${FIX[key]}.`);
  }
  return v as NonNullable<BoundFacts[K]>;
}

function positive(who: string, name: string, v: number, fix: string): number {
  if (!(v > 0)) throw new RangeError(`${who}: ${name} must be > 0, got ${v}. ${fix}`);
  return v;
}

function dist2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s;
}

/** The f values of a run, checked to be there. */
function values(who: string, h: RunHistory): number[] {
  if (!h || !Array.isArray(h.f) || h.f.length !== h.steps + 1) {
    throw new RangeError(`${who}: the history must hold f at every iterate (${h ? h.steps + 1 : "?"} values, got ${h && Array.isArray(h.f) ? h.f.length : "none"}); run minimize with record including "f" (the default).`);
  }
  return h.f;
}

/** Steps whose recorded lr differs from `want` (relative 1e-9), as a sentence, or none. */
function lrUnmet(h: RunHistory, want: number, label: string): string[] {
  if (h.lr.length === 0) return [];
  const bad = h.lr.findIndex((lr) => Math.abs(lr - want) > 1e-9 * want);
  return bad < 0 ? [] : [`the theorem takes the step ${label} = ${fmt(want)}, but step ${bad} used lr = ${fmt(h.lr[bad])}`];
}

function convexUnmet(problem: Problem): string[] {
  return problem.convex ? [] : [`f is convex, but "${problem.name}" is not`];
}

/**
 * The descent lemma (Lecture 8 notes §3): for an L-smooth f and one gradient step of size 1/L,
 *
 *     f(x_{k+1}) ≤ f(x_k) − ‖∇f(x_k)‖²/(2L),
 *
 * checked as a guaranteed decrease: f(x_k) − f(x_{k+1}) ≥ ‖∇f(x_k)‖²/(2L) for k = 0 … K−1. It
 * needs no convexity. It follows from the quadratic upper bound f(y) ≤ f(x) + ⟨∇f(x), y − x⟩ +
 * (L/2)‖y − x‖² at y = x − ∇f(x)/L. Needs ‖∇f(x_k)‖ in the history (full-batch runs keep it).
 */
export function descentLemma(problem: Problem, facts: BoundFacts = {}): Bound {
  const who = "descentLemma";
  const L = positive(who, "L", need(who, problem, facts, "L"), FIX.L);
  return {
    name: "descent lemma, η = 1/L",
    formula: "f(x_{k+1}) ≤ f(x_k) − ‖∇f(x_k)‖²/(2L)",
    source: SOURCES.lecture8,
    measuredLabel: "f(x_k) − f(x_{k+1})",
    boundLabel: "‖∇f(x_k)‖²/(2L)",
    sense: "≥",
    constants: { L },
    hypotheses: ["f is L-smooth", "x_{k+1} = x_k − ∇f(x_k)/L"],
    evaluate(h) {
      const f = values(who, h);
      if (h.gradNorm.length !== f.length || h.gradNorm.some((g) => Number.isNaN(g))) {
        throw new RangeError(`${who}: the history must hold ‖∇f(x_k)‖ at every iterate; run minimize full-batch, or with record including "gradNorm".`);
      }
      const out: BoundSeries = { k: [], measured: [], bound: [], scale: [] };
      for (let k = 0; k < h.steps; k++) {
        out.k.push(k);
        out.measured.push(f[k] - f[k + 1]);
        out.bound.push((h.gradNorm[k] * h.gradNorm[k]) / (2 * L));
        out.scale.push(Math.max(Math.abs(f[k]), Math.abs(f[k + 1])));
      }
      return out;
    },
    unmet: (h) => lrUnmet(h, 1 / L, "1/L"),
  };
}

/**
 * The convex rate (Lecture 8 notes §3): for a convex L-smooth f and gradient descent with step 1/L,
 *
 *     f(x_t) − f* ≤ 2L‖x₀ − x*‖²/(t + 4),   t = 0, 1, …
 */
export function convexRate(problem: Problem, facts: BoundFacts = {}): Bound {
  const who = "convexRate";
  const L = positive(who, "L", need(who, problem, facts, "L"), FIX.L);
  const xStar = need(who, problem, facts, "xStar");
  const fStar = need(who, problem, facts, "fStar");
  return {
    name: "convex rate, η = 1/L",
    formula: "f(x_t) − f* ≤ 2L‖x₀ − x*‖²/(t + 4)",
    source: SOURCES.lecture8,
    measuredLabel: "f(x_t) − f*",
    boundLabel: "2L‖x₀ − x*‖²/(t + 4)",
    sense: "≤",
    constants: { L, fStar },
    hypotheses: ["f is convex", "f is L-smooth", "x_{t+1} = x_t − ∇f(x_t)/L"],
    evaluate(h) {
      const f = values(who, h);
      const r2 = dist2(h.x0, xStar);
      return {
        k: f.map((_, t) => t),
        measured: f.map((v) => v - fStar),
        bound: f.map((_, t) => (2 * L * r2) / (t + 4)),
        scale: f.map((v) => Math.max(Math.abs(v), Math.abs(fStar))),
      };
    },
    unmet: (h) => [...convexUnmet(problem), ...lrUnmet(h, 1 / L, "1/L")],
  };
}

/** κ from L and μ, or a RangeError when μ ≤ 0 (the rate needs strong convexity). */
function kappaOf(who: string, problem: Problem, facts: BoundFacts): { L: number; mu: number; kappa: number } {
  const L = positive(who, "L", need(who, problem, facts, "L"), FIX.L);
  const mu = need(who, problem, facts, "mu");
  if (!(mu > 0)) {
    throw new RangeError(
      `${who}: needs μ > 0 (a μ-strongly convex f), but μ = ${mu} for "${problem.name}": with μ = 0, κ = L/μ is infinite and there is no linear rate; use convexRate for the O(1/t) bound, or pass { mu } if you know a positive one.`,
    );
  }
  if (mu > L) throw new RangeError(`${who}: μ = ${mu} is larger than L = ${L}; for any f, μ ≤ L. Check the constants.`);
  return { L, mu, kappa: L / mu };
}

/**
 * The strongly convex rate of gradient descent (Topic 4 slides, "Gradient Descent"): for a
 * μ-strongly convex L-smooth f and the step α = 2/(L + μ),
 *
 *     f(θ_k) − f* ≤ (L/2)((κ − 1)/(κ + 1))^{2k}‖θ₀ − θ*‖²,   κ = L/μ,
 *
 * so k = O(κ log 1/ε) iterations reach f − f* ≤ ε. (‖θ_k − θ*‖ contracts by (κ−1)/(κ+1) per step,
 * and f − f* ≤ (L/2)‖θ − θ*‖².)
 */
export function stronglyConvexRate(problem: Problem, facts: BoundFacts = {}): Bound {
  const who = "stronglyConvexRate";
  const { L, mu, kappa } = kappaOf(who, problem, facts);
  const xStar = need(who, problem, facts, "xStar");
  const fStar = need(who, problem, facts, "fStar");
  const rho = (kappa - 1) / (kappa + 1);
  return {
    name: "strongly convex rate, α = 2/(L+μ)",
    formula: "f(θ_k) − f* ≤ (L/2)((κ−1)/(κ+1))^{2k}‖θ₀ − θ*‖²",
    source: SOURCES.topic4gd,
    measuredLabel: "f(θ_k) − f*",
    boundLabel: "(L/2)((κ−1)/(κ+1))^{2k}‖θ₀ − θ*‖²",
    sense: "≤",
    constants: { L, mu, kappa, fStar },
    hypotheses: ["f is μ-strongly convex, μ > 0", "f is L-smooth", "θ_{k+1} = θ_k − (2/(L+μ))∇f(θ_k)"],
    evaluate(h) {
      const f = values(who, h);
      const r2 = dist2(h.x0, xStar);
      return {
        k: f.map((_, k) => k),
        measured: f.map((v) => v - fStar),
        bound: f.map((_, k) => (L / 2) * Math.pow(rho, 2 * k) * r2),
        scale: f.map((v) => Math.max(Math.abs(v), Math.abs(fStar))),
      };
    },
    unmet: (h) => [...convexUnmet(problem), ...lrUnmet(h, 2 / (L + mu), "2/(L+μ)")],
  };
}

/** Options of {@link nesterovRate}. */
export interface NesterovRateOptions extends BoundFacts {
  /**
   * Where to measure f. "gradientSteps" (default): the theorem's points x_k = y_{k−1} − ∇f(y_{k−1})/L
   * computed from the recorded iterates y_k (torch's SGD(nesterov) parameters are the look-ahead
   * points y_k); needs the iterates in the history. "iterates": f at the recorded iterates
   * themselves (not covered by the theorem in general, but on quadratics it holds with room).
   */
  at?: "gradientSteps" | "iterates";
}

/**
 * Nesterov's accelerated gradient, tuned (Topic 4 slides, "Momentum Methods"): with step 1/L and
 * momentum β = (√κ − 1)/(√κ + 1) on a μ-strongly convex L-smooth f,
 *
 *     f(θ_k) − f* ≤ L(1 − 1/√κ)^k‖θ₀ − θ*‖²,
 *
 * so k = O(√κ log 1/ε). The constant: Nesterov's theorem (Introductory Lectures on Convex
 * Optimization, 2004, Thm 2.2.3) gives f(x_k) − f* ≤ (1 − 1/√κ)^k(f(x₀) − f* + (μ/2)‖x₀ − x*‖²),
 * and f(x₀) − f* ≤ (L/2)‖x₀ − x*‖², μ ≤ L turn that into the slides' L(1 − 1/√κ)^k‖x₀ − x*‖².
 * The theorem's x_k are the gradient-step points; see {@link NesterovRateOptions.at}.
 */
export function nesterovRate(problem: Problem, options: NesterovRateOptions = {}): Bound {
  const who = "nesterovRate";
  const { L, mu, kappa } = kappaOf(who, problem, options);
  const xStar = need(who, problem, options, "xStar");
  const fStar = need(who, problem, options, "fStar");
  const at = options.at ?? "gradientSteps";
  if (at !== "gradientSteps" && at !== "iterates") throw new RangeError(`${who}: at must be "gradientSteps" or "iterates", got ${JSON.stringify(at)}.`);
  const q = 1 / Math.sqrt(kappa);
  return {
    name: "Nesterov, tuned",
    formula: "f(θ_k) − f* ≤ L(1 − 1/√κ)^k‖θ₀ − θ*‖²",
    source: SOURCES.topic4momentum,
    measuredLabel: at === "gradientSteps" ? "f(x_k) − f*, x_k = y_{k−1} − ∇f(y_{k−1})/L" : "f(θ_k) − f*",
    boundLabel: "L(1 − 1/√κ)^k‖θ₀ − θ*‖²",
    sense: "≤",
    constants: { L, mu, kappa, fStar, momentum: (1 - q) / (1 + q) },
    hypotheses: ["f is μ-strongly convex, μ > 0", "f is L-smooth", "step 1/L, momentum (√κ−1)/(√κ+1) (torch SGD(lr=1/L, momentum, nesterov=true))"],
    evaluate(h) {
      const f = values(who, h);
      const r2 = dist2(h.x0, xStar);
      let measured: number[];
      if (at === "iterates") measured = f.map((v) => v - fStar);
      else {
        if (h.x.length !== f.length) {
          throw new RangeError(`${who}: at "gradientSteps" needs the iterates in the history; run minimize with record including "x", or pass { at: "iterates" }.`);
        }
        const g = new Float64Array(problem.dim);
        const x = new Float64Array(problem.dim);
        measured = f.map((v, k) => {
          if (k === 0) return v - fStar; // x₀ = y₀
          const y = h.x[k - 1];
          const gy = problem.grad(y, g);
          for (let i = 0; i < x.length; i++) x[i] = y[i] - gy[i] / L;
          return problem.f(x) - fStar;
        });
      }
      return {
        k: f.map((_, k) => k),
        measured,
        bound: f.map((_, k) => L * Math.pow(1 - q, k) * r2),
        scale: measured.map((v) => Math.max(Math.abs(v + fStar), Math.abs(fStar))),
      };
    },
    unmet: (h) => [...convexUnmet(problem), ...lrUnmet(h, 1 / L, "1/L")],
  };
}

/** Options of {@link lineSearchRate}. */
export interface LineSearchRateOptions extends BoundFacts {
  /** "exact" (default), or "backtracking" with Armijo parameters α ∈ (0, ½), β ∈ (0, 1), first trial t₀. */
  search?: "exact" | "backtracking";
  /** Armijo's sufficient-decrease fraction α (backtracking; default 0.3 as in Boyd & Vandenberghe). */
  alpha?: number;
  /** The shrink factor β (backtracking; default 0.8). */
  beta?: number;
  /** The first trial step t₀ (backtracking; default 1). */
  t0?: number;
}

/**
 * The linear rate of gradient descent with a line search (Lecture 8 notes §3): for a μ-strongly
 * convex f with L-Lipschitz gradient,
 *
 *     f(x_k) − p* ≤ c^k (f(x₀) − p*),   c ∈ (0, 1) depending on μ, L and the line search:
 *
 * exact line search c = 1 − μ/L; backtracking (Armijo: shrink t by β until
 * f(x − t∇f) ≤ f(x) − αt‖∇f‖², from t₀) c = 1 − min(2μαt₀, 2βαμ/L). These are the constants of
 * Boyd & Vandenberghe, Convex Optimization §9.3.1 (the analysis the notes' statement comes from);
 * with ‖∇f(x)‖² ≥ 2μ(f(x) − p*) each step removes at least that fraction of the gap.
 */
export function lineSearchRate(problem: Problem, options: LineSearchRateOptions = {}): Bound {
  const who = "lineSearchRate";
  const { L, mu, kappa } = kappaOf(who, problem, options);
  const fStar = need(who, problem, options, "fStar");
  const search = options.search ?? "exact";
  let c: number;
  const constants: Record<string, number> = { L, mu, kappa, fStar };
  if (search === "exact") c = 1 - mu / L;
  else if (search === "backtracking") {
    const alpha = options.alpha ?? 0.3, beta = options.beta ?? 0.8, t0 = options.t0 ?? 1;
    if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`${who}: alpha must be in (0, 0.5), got ${alpha}. Try 0.3.`);
    if (!(beta > 0 && beta < 1)) throw new RangeError(`${who}: beta must be in (0, 1), got ${beta}. Try 0.8.`);
    if (!(t0 > 0) || !Number.isFinite(t0)) throw new RangeError(`${who}: t0 must be a finite number > 0, got ${t0}. Try 1.`);
    c = 1 - Math.min(2 * mu * alpha * t0, (2 * beta * alpha * mu) / L);
    Object.assign(constants, { alpha, beta, t0 });
  } else throw new RangeError(`${who}: search must be "exact" or "backtracking", got ${JSON.stringify(search)}.`);
  constants.c = c;
  return {
    name: `linear rate, ${search} line search`,
    formula: "f(x_k) − p* ≤ c^k (f(x₀) − p*)",
    source: SOURCES.lecture8,
    measuredLabel: "f(x_k) − p*",
    boundLabel: `c^k (f(x₀) − p*), c = ${fmt(c)}`,
    sense: "≤",
    constants,
    hypotheses: ["f is μ-strongly convex, μ > 0", "∇f is L-Lipschitz", `x_{k+1} = x_k − t_k∇f(x_k), t_k by ${search} line search`],
    evaluate(h) {
      const f = values(who, h);
      const gap0 = f[0] - fStar;
      return {
        k: f.map((_, k) => k),
        measured: f.map((v) => v - fStar),
        bound: f.map((_, k) => Math.pow(c, k) * gap0),
        scale: f.map((v) => Math.max(Math.abs(v), Math.abs(fStar), Math.abs(f[0]))),
      };
    },
    unmet: () => convexUnmet(problem),
  };
}

/** Options of {@link subgradientBound}. */
export interface SubgradientBoundOptions extends BoundFacts {
  /** A bound G ≥ ‖g_i‖ on the subgradients used; default the largest recorded ‖g_i‖ (the proof only needs those). */
  G?: number;
  /** A bound R ≥ ‖x₀ − x*‖; default ‖x₀ − x*‖ itself. */
  R?: number;
}

/**
 * The subgradient method's bound (the NN optimization slides' sub-gradient descent; the analysis
 * of Boyd's subgradient notes): for a convex f, subgradients ‖g_i‖ ≤ G, ‖x₀ − x*‖ ≤ R and steps η_i,
 *
 *     min_{i<k} f(x_i) − f* ≤ (R² + G² Σ_{i<k} η_i²) / (2 Σ_{i<k} η_i),   k ≥ 1.
 *
 * The best iterate is measured, since the method is not a descent method. With a constant step
 * η = R/(G√k) over k steps the right side is RG/√k; with η_i = c/√(i+1) it is O(log k/√k).
 * (From ‖x_{i+1} − x*‖² ≤ ‖x_i − x*‖² − 2η_i(f(x_i) − f*) + η_i²‖g_i‖², summed over i < k.)
 */
export function subgradientBound(problem: Problem, options: SubgradientBoundOptions = {}): Bound {
  const who = "subgradientBound";
  const xStar = need(who, problem, options, "xStar");
  const fStar = need(who, problem, options, "fStar");
  if (options.G !== undefined && !(options.G > 0 && Number.isFinite(options.G))) throw new RangeError(`${who}: G must be a finite number > 0, got ${options.G}.`);
  if (options.R !== undefined && !(options.R >= 0 && Number.isFinite(options.R))) throw new RangeError(`${who}: R must be a finite number ≥ 0, got ${options.R}.`);
  return {
    name: "subgradient method, best iterate",
    formula: "min_{i<k} f(x_i) − f* ≤ (R² + G²Σ_{i<k} η_i²)/(2Σ_{i<k} η_i)",
    source: SOURCES.nnSlides,
    measuredLabel: "min_{i<k} f(x_i) − f*",
    boundLabel: "(R² + G²Σ η_i²)/(2Σ η_i)",
    sense: "≤",
    constants: { fStar, ...(options.G !== undefined ? { G: options.G } : {}), ...(options.R !== undefined ? { R: options.R } : {}) },
    hypotheses: ["f is convex", "‖g_i‖ ≤ G for the subgradients used", "‖x₀ − x*‖ ≤ R"],
    evaluate(h) {
      const f = values(who, h);
      if (h.lr.length !== h.steps) throw new RangeError(`${who}: the history must hold the step sizes; run minimize with record including "lr".`);
      let G = options.G;
      if (G === undefined) {
        if (h.gradNorm.length !== f.length) throw new RangeError(`${who}: pass { G } (a bound on ‖g‖), or keep "gradNorm" in the history so G can be the largest ‖g_i‖ seen.`);
        G = Math.max(...h.gradNorm.slice(0, h.steps));
      }
      const R = options.R ?? Math.sqrt(dist2(h.x0, xStar));
      const out: BoundSeries = { k: [], measured: [], bound: [], scale: [], constants: { G, R } };
      let best = Infinity, s1 = 0, s2 = 0;
      for (let k = 1; k <= h.steps; k++) {
        best = Math.min(best, f[k - 1]);
        s1 += h.lr[k - 1];
        s2 += h.lr[k - 1] ** 2;
        out.k.push(k);
        out.measured.push(best - fStar);
        out.bound.push((R * R + G * G * s2) / (2 * s1));
        out.scale.push(Math.max(Math.abs(best), Math.abs(fStar)));
      }
      return out;
    },
    unmet: () => convexUnmet(problem),
  };
}
