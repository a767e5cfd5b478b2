/**
 * Iterations to reach ε as the condition number κ grows: the experiment behind the comparison of
 * Topic 4 slides (Deep Learning and Neural Networks), "Momentum Methods":
 *
 *     gradient descent            k = O(κ log 1/ε)
 *     heavy ball, Nesterov, CG    k = O(√κ log 1/ε)
 *     any first-order method      k = Ω(√κ log 1/ε)   (worst case, Nesterov's lower bound)
 *
 * Each method runs through the run driver (lib/optim/minimize.ts) on a quadratic with a
 * prescribed spectrum (lib/problems/quadratic.ts) until the relative gap
 * (f(x_k) − f*)/(f(x₀) − f*) ≤ ε, for each κ of a sweep, and a least-squares line through
 * (log κ, log k) gives the exponent: about 1 for gradient descent, about ½ for the others.
 *
 * Tuned parameters (L and μ known exactly on these quadratics):
 * - gradient descent: η = 2/(L + μ) (default) or 1/L;
 * - heavy ball (Polyak): α = 4/(√L + √μ)², β = ((√κ − 1)/(√κ + 1))², as torch SGD(lr = α, momentum = β);
 * - Nesterov: η = 1/L, β = (√κ − 1)/(√κ + 1), as torch SGD(lr = 1/L, momentum = β, nesterov = true);
 * - conjugate gradients: exact steps (lib/second-order/conjugate-gradient.ts), no parameters.
 */
import type { Optimizer } from "../optim/optimizer";
import type { Problem } from "../problems/problem";
import { minimize } from "../optim/minimize";
import { SGD } from "../optim/sgd";
import { ConjugateGradient } from "../second-order/conjugate-gradient";
import { Quadratic, spectrum, type Spacing } from "../problems/quadratic";
import { alignColumns, escapeHtml } from "../autodiff/format";
import { displayBundle, type MimeBundle } from "../plot/display";

/** The methods of the sweep. */
export type SweepMethod = "gd" | "heavyBall" | "nesterov" | "cg";

/** Display names of the methods. */
export const METHOD_NAMES: Readonly<Record<SweepMethod, string>> = {
  gd: "gradient descent",
  heavyBall: "heavy ball",
  nesterov: "Nesterov",
  cg: "conjugate gradients",
};

const METHODS: readonly SweepMethod[] = ["gd", "heavyBall", "nesterov", "cg"];

/** Options of {@link tunedOptimizer}. */
export interface TunedOptions {
  /** Gradient descent's step: "2/(L+mu)" (default, the strongly convex rate's α) or "1/L". */
  gdStep?: "2/(L+mu)" | "1/L";
}

function facts(who: string, problem: Problem): { L: number; mu: number } {
  const L = problem.L, mu = problem.mu;
  if (typeof L !== "number" || !(L > 0)) throw new RangeError(`${who}: the problem "${problem.name}" must know L > 0 (a Quadratic does); got ${String(L)}.`);
  if (typeof mu !== "number" || !(mu > 0)) throw new RangeError(`${who}: the problem "${problem.name}" must know μ > 0 (tuned momentum needs κ = L/μ); got ${String(mu)}.`);
  return { L, mu };
}

/**
 * A fresh optimizer for `method` with the tuned parameters of the module comment, starting at a
 * copy of `problem.x0`.
 */
export function tunedOptimizer(method: SweepMethod, problem: Problem, options: TunedOptions = {}): Optimizer {
  const who = "tunedOptimizer";
  const x0 = Float64Array.from(problem.x0);
  const { L, mu } = facts(who, problem);
  const sk = Math.sqrt(L / mu);
  switch (method) {
    case "gd": {
      const step = options.gdStep ?? "2/(L+mu)";
      if (step !== "2/(L+mu)" && step !== "1/L") throw new RangeError(`${who}: gdStep must be "2/(L+mu)" or "1/L", got ${JSON.stringify(step)}.`);
      return new SGD(x0, { lr: step === "1/L" ? 1 / L : 2 / (L + mu) });
    }
    case "heavyBall":
      return new SGD(x0, { lr: 4 / (Math.sqrt(L) + Math.sqrt(mu)) ** 2, momentum: ((sk - 1) / (sk + 1)) ** 2 });
    case "nesterov":
      return new SGD(x0, { lr: 1 / L, momentum: (sk - 1) / (sk + 1), nesterov: true });
    case "cg":
      return new ConjugateGradient(x0, problem);
    default:
      throw new RangeError(`${who}: method must be one of ${METHODS.map((m) => `"${m}"`).join(", ")}, got ${JSON.stringify(method)}.`);
  }
}

/** Options of {@link iterationsToEpsilon}. */
export interface IterationsOptions extends TunedOptions {
  /** Target relative gap (f(x_k) − f*)/(f(x₀) − f*) ≤ eps; default 1e-8. */
  eps?: number;
  /** Give up after this many steps (the count is then Infinity); default 10⁶. */
  maxSteps?: number;
}

/**
 * The first k with (f(x_k) − f*) ≤ ε (f(x₀) − f*) for `method` (tuned) on `problem` (which must
 * know f*, L and μ > 0), or Infinity when `maxSteps` pass first.
 */
export function iterationsToEpsilon(method: SweepMethod, problem: Problem, options: IterationsOptions = {}): number {
  const who = "iterationsToEpsilon";
  const eps = options.eps ?? 1e-8;
  if (!(eps > 0 && eps < 1)) throw new RangeError(`${who}: eps must be in (0, 1) (a relative gap), got ${eps}. Try 1e-8.`);
  const maxSteps = options.maxSteps ?? 1e6;
  if (!Number.isSafeInteger(maxSteps) || maxSteps < 1) throw new RangeError(`${who}: maxSteps must be a whole number ≥ 1, got ${maxSteps}.`);
  const fStar = problem.fStar;
  if (typeof fStar !== "number") throw new RangeError(`${who}: the problem "${problem.name}" must know f* (a Quadratic does).`);
  const opt = tunedOptimizer(method, problem, options);
  const gap0 = problem.f(problem.x0) - fStar;
  if (!(gap0 > 0)) return 0;
  const run = minimize(problem, opt, { steps: maxSteps, tol: eps * gap0, tolOn: "gap", record: [], divergeAbove: Infinity });
  return run.stopReason === "tol" ? run.steps : Infinity;
}

/**
 * Nesterov's lower bound for first-order methods (Introductory Lectures on Convex Optimization,
 * 2004, Thm 2.1.13) in iterations: on his worst-case μ-strongly convex quadratic, every method
 * whose steps lie in the span of the gradients seen has f(x_k) − f* ≥ (μ/2)q^{2k}‖x₀ − x*‖² with
 * q = (√κ − 1)/(√κ + 1). Since f(x₀) − f* ≤ (L/2)‖x₀ − x*‖², reaching a relative gap ε needs at least
 *
 *     k ≥ ln(1/(κε)) / (2 ln(1/q))  ≈ (√κ/4) ln(1/(κε)),   i.e. Ω(√κ log 1/ε).
 *
 * (The worst case lives in dimension ≫ k; in n dimensions CG is exact after n steps.)
 */
export function lowerBoundIterations(kappa: number, eps: number): number {
  if (!(kappa >= 1) || !Number.isFinite(kappa)) throw new RangeError(`lowerBoundIterations: kappa must be a finite number ≥ 1, got ${kappa}.`);
  if (!(eps > 0 && eps < 1)) throw new RangeError(`lowerBoundIterations: eps must be in (0, 1), got ${eps}.`);
  if (kappa === 1) return 0;
  const sk = Math.sqrt(kappa);
  const k = Math.log(1 / (kappa * eps)) / (2 * Math.log((sk + 1) / (sk - 1)));
  return Math.max(0, k);
}

/** A least-squares line through (log x, log y). */
export interface LogLogFit {
  /** The exponent s in y ≈ C·x^s. */
  slope: number;
  /** ln C. */
  intercept: number;
  /** R² of the fit in log–log space. */
  r2: number;
}

/**
 * Least squares on (ln xᵢ, ln yᵢ): slope = Σ(uᵢ − ū)(vᵢ − v̄)/Σ(uᵢ − ū)², u = ln x, v = ln y.
 * Needs at least 2 points, all positive and finite, and two distinct x.
 */
export function fitLogLogSlope(x: ArrayLike<number>, y: ArrayLike<number>): LogLogFit {
  const who = "fitLogLogSlope";
  if (x.length !== y.length) throw new RangeError(`${who}: x and y must have the same length, got ${x.length} and ${y.length}.`);
  if (x.length < 2) throw new RangeError(`${who}: need at least 2 points, got ${x.length}.`);
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0 && Number.isFinite(x[i])) || !(y[i] > 0 && Number.isFinite(y[i]))) {
      throw new RangeError(`${who}: point ${i} is (${x[i]}, ${y[i]}); a log–log fit needs positive finite values (a run that never reached ε counts as Infinity: raise maxSteps).`);
    }
  }
  const u = Array.from(x, Math.log), v = Array.from(y, Math.log);
  const n = u.length;
  const ub = u.reduce((a, b) => a + b, 0) / n, vb = v.reduce((a, b) => a + b, 0) / n;
  let suv = 0, suu = 0, svv = 0;
  for (let i = 0; i < n; i++) {
    suv += (u[i] - ub) * (v[i] - vb);
    suu += (u[i] - ub) ** 2;
    svv += (v[i] - vb) ** 2;
  }
  if (suu === 0) throw new RangeError(`${who}: all x are equal (${x[0]}); the slope is undefined.`);
  const slope = suv / suu;
  return { slope, intercept: vb - slope * ub, r2: svv === 0 ? 1 : (suv * suv) / (suu * svv) };
}

/** `count` values from `lo` to `hi`, evenly spaced on a log scale. */
export function logSpace(lo: number, hi: number, count: number): number[] {
  if (!(lo > 0) || !(hi >= lo) || !Number.isFinite(hi)) throw new RangeError(`logSpace: need 0 < lo ≤ hi, finite; got ${lo}, ${hi}.`);
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`logSpace: count must be a whole number ≥ 1, got ${count}.`);
  if (count === 1) return [lo];
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? hi : lo * Math.pow(hi / lo, i / (count - 1))));
}

/** Options of {@link kappaSweep}. */
export interface KappaSweepOptions extends TunedOptions {
  /** The condition numbers; default 20 values from 10 to 10⁴, log-spaced. */
  kappas?: number[];
  /** Methods to run; default all four. */
  methods?: SweepMethod[];
  /**
   * Dimension of the quadratics; default 100. CG ends after at most n steps, so to see its √κ
   * growth n must exceed its iteration count (about (√κ/2)·ln(2/ε)): n = 2000 for κ up to 10⁴.
   */
  dim?: number;
  /** Target relative gap; default 1e-8. */
  eps?: number;
  /** Eigenvalue spacing of the quadratics (lib/problems/quadratic.ts); default "geometric". */
  spacing?: Spacing;
  /** Step limit per run; default 10⁶. */
  maxSteps?: number;
  /**
   * The starting point: "equalGap" (default) puts x₀ − x* = (1/√λᵢ)ᵢ, so every eigendirection
   * holds the same share ½ of f(x₀) − f* per coordinate and the slow directions (λ near μ) weigh
   * as much as the fast ones, as in a worst case; "ones" is the quadratic's default x* + (1, …, 1),
   * where the slow directions hold little of the gap and CG and Nesterov look better than √κ.
   */
  start?: "equalGap" | "ones";
}

/** The result of a sweep: iterations per method and κ, fitted slopes, the lower bound. */
export class KappaSweep {
  constructor(
    readonly kappas: number[],
    readonly iterations: Partial<Record<SweepMethod, number[]>>,
    readonly slopes: Partial<Record<SweepMethod, LogLogFit>>,
    readonly lowerBound: number[],
    readonly lowerBoundSlope: LogLogFit,
    readonly settings: { dim: number; eps: number; spacing: Spacing; start: string; gdStep: string },
  ) {}

  /** The methods that were run, in order. */
  get methods(): SweepMethod[] {
    return METHODS.filter((m) => this.iterations[m] !== undefined);
  }

  /** A JSON-able summary (numbers and names only). */
  toJSON(): object {
    return {
      settings: this.settings,
      kappas: this.kappas,
      iterations: this.iterations,
      slopes: Object.fromEntries(this.methods.map((m) => [m, this.slopes[m]])),
      lowerBound: this.lowerBound,
      lowerBoundSlope: this.lowerBoundSlope,
    };
  }

  private table(): string[][] {
    const head = ["κ", ...this.methods.map((m) => METHOD_NAMES[m]), "lower bound"];
    const rows = this.kappas.map((k, i) => [
      k >= 100 ? k.toFixed(0) : k.toPrecision(3),
      ...this.methods.map((m) => String((this.iterations[m] as number[])[i])),
      this.lowerBound[i].toFixed(1),
    ]);
    const slope = ["log–log slope", ...this.methods.map((m) => (this.slopes[m] as LogLogFit).slope.toFixed(3)), this.lowerBoundSlope.slope.toFixed(3)];
    return [head, ...rows, slope];
  }

  /** Iterations to reach ε per κ and method, with the fitted exponents in the last row. */
  toString(): string {
    const s = this.settings;
    return (
      `iterations to (f − f*) ≤ ${s.eps}·(f(x₀) − f*) on ${s.dim}-dimensional quadratics (${s.spacing} spectrum, start ${s.start}; GD step ${s.gdStep})\n` +
      alignColumns(this.table(), this.table()[0].map((_, j) => j))
    );
  }

  /** The same as an HTML table. */
  toHTML(): string {
    const t = this.table();
    const row = (cells: string[], tag: string) => `<tr>${cells.map((c) => `<${tag} style="padding:0 .6em;text-align:right">${escapeHtml(c)}</${tag}>`).join("")}</tr>`;
    return `<p>${escapeHtml(this.toString().split("\n")[0])}</p><table style="font-variant-numeric:tabular-nums">${row(t[0], "th")}${t.slice(1, -1).map((r) => row(r, "td")).join("")}${row(t[t.length - 1], "th")}</table>`;
  }

  /** HTML with a text alternative. */
  mimeBundle(): MimeBundle {
    return { "text/html": this.toHTML(), "text/plain": this.toString() };
  }

  /** Shows the table in the notebook (prints it outside a kernel). */
  show(): void {
    displayBundle(this.mimeBundle());
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * Runs every method on a `dim`-dimensional quadratic (L = 1, μ = 1/κ, x* = 0, x₀ per `start`) for each κ, counts
 * the iterations to the relative gap ε, fits log k against log κ, and evaluates the lower bound.
 */
export function kappaSweep(options: KappaSweepOptions = {}): KappaSweep {
  const who = "kappaSweep";
  const kappas = options.kappas ?? logSpace(10, 1e4, 20);
  const methods = options.methods ?? [...METHODS];
  const dim = options.dim ?? 100;
  const eps = options.eps ?? 1e-8;
  const spacing = options.spacing ?? "geometric";
  const start = options.start ?? "equalGap";
  if (start !== "equalGap" && start !== "ones") throw new RangeError(`${who}: start must be "equalGap" or "ones", got ${JSON.stringify(start)}.`);
  if (!Array.isArray(kappas) || kappas.length < 2 || !kappas.every((k) => k > 1 && Number.isFinite(k))) {
    throw new RangeError(`${who}: kappas must be at least 2 finite numbers > 1, got ${JSON.stringify(kappas)}.`);
  }
  if (!Array.isArray(methods) || methods.length === 0 || !methods.every((m) => METHODS.includes(m))) {
    throw new RangeError(`${who}: methods must be a non-empty list of ${METHODS.map((m) => `"${m}"`).join(", ")}, got ${JSON.stringify(methods)}.`);
  }
  if (!Number.isSafeInteger(dim) || dim < 2) throw new RangeError(`${who}: dim must be a whole number ≥ 2, got ${dim}.`);
  const iterations: Partial<Record<SweepMethod, number[]>> = {};
  for (const m of methods) iterations[m] = [];
  for (const kappa of kappas) {
    const lam = spectrum(dim, kappa, 1, spacing);
    const x0 = start === "equalGap" ? Array.from(lam, (l) => 1 / Math.sqrt(l)) : undefined;
    const problem = new Quadratic({ eigenvalues: lam, x0, name: `quadratic κ=${kappa.toPrecision(3)} n=${dim}` });
    for (const m of methods) (iterations[m] as number[]).push(iterationsToEpsilon(m, problem, { eps, maxSteps: options.maxSteps, gdStep: options.gdStep }));
  }
  const slopes: Partial<Record<SweepMethod, LogLogFit>> = {};
  for (const m of methods) slopes[m] = fitLogLogSlope(kappas, iterations[m] as number[]);
  const lowerBound = kappas.map((k) => lowerBoundIterations(k, eps));
  const positive = kappas.map((k, i) => [k, lowerBound[i]]).filter(([, b]) => b > 0);
  const lowerBoundSlope = fitLogLogSlope(positive.map((p) => p[0]), positive.map((p) => p[1]));
  return new KappaSweep(kappas, iterations, slopes, lowerBound, lowerBoundSlope, { dim, eps, spacing, start, gdStep: options.gdStep ?? "2/(L+mu)" });
}
