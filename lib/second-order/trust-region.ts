/**
 * A trust-region method, the Topic 4 slides' (Deep Learning and Neural Networks) answer to "the
 * quadratic model is only trustworthy near θ": minimise the model inside a ball,
 *
 *     min_{‖p‖ ≤ Δ}  m(p) = f + gᵀp + ½pᵀHp,
 *
 * then compare the decrease it promised with the decrease f delivers,
 *
 *     ρ = (f(θ) − f(θ + p)) / (m(0) − m(p)),
 *
 * accept the step when ρ > η, and grow or shrink Δ by how good the model was (Nocedal & Wright,
 * Numerical Optimization, Algorithm 4.1: ρ < ¼ ⇒ Δ ← ¼Δ; ρ > ¾ on the boundary ⇒ Δ ← min(2Δ, Δ_max)).
 *
 * **Subproblem: exact, by eigendecomposition (default).** At the toy sizes of the lessons
 * (n ≲ 100) one symmetric eigendecomposition H = QΛQᵀ per step is cheap, and it solves the
 * subproblem exactly (Moré & Sorensen 1983, in the eigenbasis as in Nocedal & Wright §4.3):
 * p(λ) = −(H + λI)⁻¹g with the smallest λ ≥ max(0, −λ₁) for which ‖p(λ)‖ ≤ Δ, found by Newton's
 * method on the secular equation 1/Δ − 1/‖p(λ)‖ = 0 (nearly linear in λ), safeguarded by
 * bisection; in the "hard case" (g ⟂ the eigenvector of λ₁ < 0) the step goes to the boundary
 * along that eigenvector. We chose it over dogleg because it is the one that handles negative
 * curvature fully: with H indefinite it still finds the global minimiser of the model in the
 * ball, which always heads downhill along the negative-curvature direction (Rosenbrock away
 * from its valley). It also makes the slides' claim visible: the step IS a damped Newton step
 * −(H + λI)⁻¹g, and `state.lambda` shows which λ the radius picked.
 * `"dogleg"` (needs H ≻ 0; falls back to the Cauchy point otherwise) and `"cauchy"` (steepest
 * descent to the model's minimiser along −g inside the ball) are there to compare.
 */
import type { Matrix } from "ml-matrix";
import type { Optimizer } from "../optim/optimizer";
import { checkOption } from "../optim/optimizer";
import { checkStep } from "../optim/base";
import type { Problem } from "../problems/problem";
import { checkSquare, dot, fmt, matVec, norm, solveDamped, symmetricEigen } from "./spd";

/** Which trust-region subproblem solver; see the module comment. */
export type TrustRegionSubproblem = "exact" | "dogleg" | "cauchy";

/** A solution of the trust-region subproblem. */
export interface SubproblemSolution {
  /** The step p with ‖p‖ ≤ Δ. */
  p: Float64Array;
  /** The multiplier λ ≥ 0 with (H + λI)p = −g (exact solver; 0 inside the ball; NaN for dogleg/Cauchy). */
  lambda: number;
  /** Whether ‖p‖ = Δ (to rounding). */
  onBoundary: boolean;
  /** Whether the exact solver met the hard case. */
  hardCase: boolean;
  /** The model decrease m(0) − m(p) = −(gᵀp + ½pᵀHp) ≥ 0. */
  predictedReduction: number;
}

function modelDecrease(H: Matrix, g: ArrayLike<number>, p: Float64Array): number {
  return -(dot(g, p) + 0.5 * dot(p, matVec(H, p)));
}

function finish(H: Matrix, g: ArrayLike<number>, p: Float64Array, radius: number, lambda: number, hardCase: boolean): SubproblemSolution {
  return { p, lambda, hardCase, onBoundary: norm(p) >= radius * (1 - 1e-8), predictedReduction: modelDecrease(H, g, p) };
}

function checkSubproblem(owner: string, H: Matrix, g: ArrayLike<number>, radius: number): void {
  checkSquare(owner, "H", H, g.length);
  checkOption(owner, "radius", radius, { min: 0, minExclusive: true }, "The trust radius Δ is the longest step allowed; use Δ > 0, e.g. 1.");
}

/**
 * The exact minimiser of m(p) = gᵀp + ½pᵀHp over ‖p‖ ≤ Δ, for any symmetric H (Moré–Sorensen
 * in the eigenbasis of H; see the module comment).
 */
export function solveTrustRegionExact(H: Matrix, g: ArrayLike<number>, radius: number): SubproblemSolution {
  checkSubproblem("solveTrustRegionExact", H, g, radius);
  const n = g.length;
  const { values, vectors } = symmetricEigen(H);
  const gamma = new Float64Array(n); // γ = Qᵀg
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += vectors.get(j, i) * g[j];
    gamma[i] = s;
  }
  const fromEigen = (coef: (i: number) => number): Float64Array => {
    const p = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = coef(i);
      if (c !== 0) for (let j = 0; j < n; j++) p[j] += c * vectors.get(j, i);
    }
    return p;
  };
  const pNormSq = (lam: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (gamma[i] * gamma[i]) / ((values[i] + lam) * (values[i] + lam));
    return s;
  };
  const l1 = values[0];
  const scale = Math.max(1, ...values.map(Math.abs));
  const gNorm = norm(g);
  // Interior: H ≻ 0 and the Newton step fits.
  if (l1 > 1e-14 * scale && pNormSq(0) <= radius * radius) return finish(H, g, fromEigen((i) => -gamma[i] / values[i]), radius, 0, false);

  const lo0 = Math.max(0, -l1);
  // Hard case: g has (numerically) no component along the eigenspace of λ₁, so ‖p(λ)‖ stays
  // bounded as λ → −λ₁ and may never reach Δ; then step to the boundary along q₁.
  const tied = (i: number) => Math.abs(values[i] - l1) <= 1e-10 * scale;
  let onEigenspace = 0;
  for (let i = 0; i < n && tied(i); i++) onEigenspace += gamma[i] * gamma[i];
  if (onEigenspace <= (1e-12 * Math.max(gNorm, 1e-300)) ** 2 || gNorm === 0) {
    const partial = fromEigen((i) => (tied(i) ? 0 : -gamma[i] / (values[i] + lo0)));
    const pn = norm(partial);
    if (pn <= radius) {
      const tau = Math.sqrt(Math.max(0, radius * radius - pn * pn));
      for (let j = 0; j < n; j++) partial[j] += tau * vectors.get(j, 0);
      return finish(H, g, partial, radius, lo0, true);
    }
  }
  // Easy case: ‖p(λ)‖ falls from +∞ (or from > Δ at λ = 0) to 0 on (lo0, ∞): find ‖p(λ)‖ = Δ.
  let lo = lo0;
  let hi = lo0 + gNorm / radius + 1e-300; // ‖p(λ)‖ ≤ ‖g‖/(λ₁ + λ) ≤ Δ there
  let lam = hi;
  for (let it = 0; it < 200; it++) {
    const s2 = pNormSq(lam);
    const phi = Math.sqrt(s2);
    if (Math.abs(phi - radius) <= 1e-13 * radius) break;
    if (phi > radius) lo = lam;
    else hi = lam;
    // Newton on ψ(λ) = 1/Δ − 1/‖p(λ)‖ (Nocedal & Wright Algorithm 4.3 in the eigenbasis).
    let d3 = 0;
    for (let i = 0; i < n; i++) d3 += (gamma[i] * gamma[i]) / (values[i] + lam) ** 3;
    const next = lam + (s2 / d3) * ((phi - radius) / radius);
    lam = next > lo && next < hi && Number.isFinite(next) ? next : 0.5 * (lo + hi);
    if (hi - lo <= 1e-15 * Math.max(1, hi)) break;
  }
  return finish(H, g, fromEigen((i) => -gamma[i] / (values[i] + lam)), radius, lam, false);
}

/**
 * The Cauchy point: the model's minimiser along −g inside the ball,
 * p = −τ(Δ/‖g‖)g with τ = 1 when gᵀHg ≤ 0, else min(‖g‖³/(Δ gᵀHg), 1) (Nocedal & Wright (4.12)).
 */
export function cauchyPoint(H: Matrix, g: ArrayLike<number>, radius: number): SubproblemSolution {
  checkSubproblem("cauchyPoint", H, g, radius);
  const gn = norm(g);
  if (gn === 0) return finish(H, g, new Float64Array(g.length), radius, NaN, false);
  const gHg = dot(g, matVec(H, g));
  const tau = gHg <= 0 ? 1 : Math.min(gn ** 3 / (radius * gHg), 1);
  const p = Float64Array.from(g, (v) => (-tau * radius * v) / gn);
  return finish(H, g, p, radius, NaN, false);
}

/**
 * Powell's dogleg: the Newton step −H⁻¹g if it fits, else the path from the origin to the
 * steepest-descent minimiser −(gᵀg/gᵀHg)g and on to the Newton step, cut at ‖p‖ = Δ. Needs
 * H ≻ 0; otherwise it returns the Cauchy point.
 */
export function doglegStep(H: Matrix, g: ArrayLike<number>, radius: number): SubproblemSolution {
  checkSubproblem("doglegStep", H, g, radius);
  let pB: Float64Array;
  try {
    pB = solveDamped("doglegStep", H, g, 0);
  } catch {
    return cauchyPoint(H, g, radius);
  }
  if (norm(pB) <= radius) return finish(H, g, pB, radius, NaN, false);
  const gg = dot(g, g);
  const gHg = dot(g, matVec(H, g));
  const pU = Float64Array.from(g, (v) => (-gg / gHg) * v);
  const nU = norm(pU);
  if (nU >= radius) return finish(H, g, pU.map((v) => (v * radius) / nU), radius, NaN, false);
  // ‖pU + τ(pB − pU)‖ = Δ, τ ∈ [0, 1]: a quadratic in τ.
  const d = pB.map((v, i) => v - pU[i]);
  const a = dot(d, d);
  const b = 2 * dot(pU, d);
  const c = nU * nU - radius * radius;
  const tau = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
  return finish(H, g, pU.map((v, i) => v + tau * d[i]), radius, NaN, false);
}

/** Options of {@link TrustRegion}. */
export interface TrustRegionOptions {
  /** The initial radius Δ₀ > 0 (default 1). */
  radius?: number;
  /** The largest radius Δ_max (default 1000). */
  maxRadius?: number;
  /** Accept the step when ρ > eta (default 0.15, scipy's; Nocedal & Wright allow [0, ¼)). */
  eta?: number;
  /** ρ below this shrinks Δ to ¼Δ (default 0.25). */
  etaShrink?: number;
  /** ρ above this with ‖p‖ = Δ doubles Δ (default 0.75). */
  etaExpand?: number;
  /** The subproblem solver (default "exact"). */
  subproblem?: TrustRegionSubproblem;
}

/** What {@link TrustRegion} records about its last step. */
export interface TrustRegionState {
  /** Steps taken (accepted or not). */
  step: number;
  /** The radius Δ for the next step. */
  radius: number;
  /** ρ of the last step: actual / predicted reduction. */
  rho: number;
  /** Whether the last step was accepted. */
  accepted: boolean;
  /** f(θ) − f(θ + p) of the last trial. */
  actualReduction: number;
  /** m(0) − m(p) of the last trial. */
  predictedReduction: number;
  /** The last trial step p. */
  trialStep: Float64Array | null;
  /** λ with (H + λI)p = −g for the last step (exact solver). */
  lambda: number;
  /** Whether the last step was on the boundary ‖p‖ = Δ. */
  onBoundary: boolean;
  /** Smallest eigenvalue of the last Hessian (exact solver), to see negative curvature. */
  lambdaMin: number | null;
  /** Accepted steps so far. */
  acceptedSteps: number;
}

/**
 * The trust-region method as an {@link Optimizer}. Each `step(g)` evaluates H and f at θ, solves
 * the subproblem, evaluates f at the trial point, and moves only when ρ > eta; so f never
 * increases. Here `lr` IS the trust radius Δ (the longest step allowed); the rule updates it
 * itself and a schedule that sets it sets the radius.
 */
export class TrustRegion implements Optimizer<TrustRegionState> {
  readonly name = "TrustRegion";
  readonly params: Float64Array;
  readonly state: TrustRegionState;
  private readonly maxRadius: number;
  private readonly eta: number;
  private readonly etaShrink: number;
  private readonly etaExpand: number;
  private readonly subproblem: TrustRegionSubproblem;

  constructor(params: Float64Array, readonly problem: Problem, options: TrustRegionOptions = {}) {
    const owner = "TrustRegion";
    if (!(params instanceof Float64Array)) throw new TypeError(`${owner}: params must be a Float64Array, got ${String(params)}.`);
    if (problem === null || typeof problem !== "object" || typeof problem.f !== "function") {
      throw new TypeError(`${owner}: the second argument must be a Problem (with f, grad and hessian), got ${String(problem)}.`);
    }
    if (problem.dim !== params.length) throw new RangeError(`${owner}: params has length ${params.length} but problem "${problem.name}" has dimension ${problem.dim}.`);
    if (typeof problem.hessian !== "function") {
      throw new TypeError(`${owner}: problem "${problem.name}" has no hessian(), which the model m(p) = gᵀp + ½pᵀHp needs. Use Newton with solver: "cg" on its hvp, or a first-order method.`);
    }
    const radius = checkOption(owner, "radius", options.radius ?? 1, { min: 0, minExclusive: true }, "The trust radius Δ is the longest step allowed; use Δ > 0, e.g. 1.");
    this.maxRadius = checkOption(owner, "maxRadius", options.maxRadius ?? 1000, { min: radius }, `Use maxRadius ≥ radius (${radius}).`);
    this.eta = checkOption(owner, "eta", options.eta ?? 0.15, { min: 0, max: 0.25, maxExclusive: true }, "Use 0 ≤ eta < 0.25, e.g. 0.15.");
    this.etaShrink = checkOption(owner, "etaShrink", options.etaShrink ?? 0.25, { min: 0, max: 1, minExclusive: true, maxExclusive: true }, "Use e.g. 0.25.");
    this.etaExpand = checkOption(owner, "etaExpand", options.etaExpand ?? 0.75, { min: this.etaShrink, max: 1, maxExclusive: true }, "Use e.g. 0.75 (above etaShrink).");
    this.subproblem = options.subproblem ?? "exact";
    if (!["exact", "dogleg", "cauchy"].includes(this.subproblem)) {
      throw new RangeError(`${owner}: subproblem must be "exact", "dogleg" or "cauchy", got ${JSON.stringify(options.subproblem)}.`);
    }
    this.params = params;
    this.state = {
      step: 0, radius, rho: NaN, accepted: false, actualReduction: NaN, predictedReduction: NaN,
      trialStep: null, lambda: NaN, onBoundary: false, lambdaMin: null, acceptedSteps: 0,
    };
  }

  /** The trust radius Δ (the interface's step size). */
  get lr(): number {
    return this.state.radius;
  }
  set lr(value: number) {
    this.state.radius = checkOption(this.name, "lr (the trust radius Δ)", value, { min: 0, minExclusive: true }, "Use Δ > 0.");
  }

  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    const s = this.state;
    const x = this.params;
    const where = `TrustRegion step ${s.step} on "${this.problem.name}"`;
    const H = this.problem.hessian!(x);
    checkSquare(where, "the Hessian", H, x.length);
    const sol =
      this.subproblem === "exact" ? solveTrustRegionExact(H, grad, s.radius) : this.subproblem === "dogleg" ? doglegStep(H, grad, s.radius) : cauchyPoint(H, grad, s.radius);
    if (this.subproblem === "exact") s.lambdaMin = symmetricEigen(H).values[0];
    const f0 = this.problem.f(x);
    if (!Number.isFinite(f0)) throw new RangeError(`${where}: f(θ) = ${f0} at the current point; start from a point where f is finite.`);
    const trial = Float64Array.from(x, (v, i) => v + sol.p[i]);
    const f1 = this.problem.f(trial);
    const actual = f0 - f1;
    const pred = sol.predictedReduction;
    // Near a minimiser both reductions sink into f's rounding noise and their ratio means
    // nothing; counting such a step as a good one keeps Δ from shrinking towards 0 there.
    const noise = 1e-14 * Math.max(1, Math.abs(f0));
    const rho = !Number.isFinite(f1) ? -Infinity : pred <= noise && Math.abs(actual) <= noise ? 1 : pred > 0 ? actual / pred : -Infinity;
    s.rho = rho;
    s.actualReduction = actual;
    s.predictedReduction = pred;
    s.trialStep = sol.p;
    s.lambda = sol.lambda;
    s.onBoundary = sol.onBoundary;
    if (rho < this.etaShrink) s.radius = 0.25 * s.radius;
    else if (rho > this.etaExpand && sol.onBoundary) s.radius = Math.min(2 * s.radius, this.maxRadius);
    s.accepted = rho > this.eta;
    if (s.accepted) {
      x.set(trial);
      s.acceptedSteps++;
    }
    s.step++;
    if (!(s.radius > 0)) throw new RangeError(`${where}: the trust radius shrank to ${fmt(s.radius)}; f and its derivatives probably disagree.`);
  }
}
