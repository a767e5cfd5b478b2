/**
 * Numerical estimates of the curvature constants L (largest Hessian eigenvalue) and μ
 * (smallest) at a point, for problems where they have no closed form (a network's loss,
 * Rosenbrock), using nothing but Hessian–vector products: no n×n matrix is formed.
 *
 * **Power iteration.** For a symmetric H, vₖ₊₁ = Hvₖ/‖Hvₖ‖ turns towards the eigenvector of the
 * eigenvalue of largest magnitude, and the Rayleigh quotient vₖᵀHvₖ converges to it with error
 * O((|λ₂|/|λ₁|)^{2k}). So:
 * 1. power iteration on H gives the eigenvalue of largest |λ|; if it is ≥ 0 it is λ_max = L;
 *    if it is negative (a saddle region dominated by negative curvature) it is λ_min, and a
 *    second run on H − λ_min·I (all eigenvalues ≥ 0, largest λ_max − λ_min) gives λ_max;
 * 2. power iteration on λ_max·I − H (eigenvalues λ_max − λᵢ ≥ 0, largest λ_max − λ_min) gives
 *    μ = λ_min = λ_max − (its top eigenvalue): the "μ by power iteration on (L·I − H)" of the
 *    issue. μ converges more slowly: its ratio is (λ_max − λ₂)/(λ_max − λ_min), close to 1 when κ
 *    is large, so allow more iterations (see `converged` in the result).
 *
 * **Hessian–vector products.** The problem's exact `hvp` when it has one (quadratics, least
 * squares, logistic, Rosenbrock, the valley, an MLP's loss through the engine); otherwise
 * central differences of the gradient,
 *
 *     Hv ≈ (∇f(x + h v̂) − ∇f(x − h v̂)) / (2h) · ‖v‖,   v̂ = v/‖v‖,
 *
 * whose error is h²/6·|∇³f[v̂, v̂]| (truncation) plus about ε‖∇f‖/h (rounding, ε = 2.2e-16).
 * The default h = ε^{1/3}·max(1, ‖x‖) ≈ 6e-6·max(1, ‖x‖) balances the two, for an error of order
 * ε^{2/3} ≈ 4e-11 relative to the size of the derivatives: fine for L and μ to 8 digits or so.
 */
import type { Problem } from "./problem";
import { rng } from "../random";
import { checkOptionKeys, checkInt, checkSeed } from "../data/dataset";
import { checkPoint, dotVec, norm2 } from "./check";

/** Options of {@link estimateCurvature}. */
export interface CurvatureOptions {
  /** The point; default the problem's x* if known, else x0. */
  x?: Float64Array;
  /** Most power iterations per eigenvalue; default 1000. */
  iterations?: number;
  /** Stop when the Rayleigh quotient changes by ≤ tol·max(1, |λ|) between iterations; default 1e-12. */
  tol?: number;
  /** Seed of the random starting vector; default 0. */
  seed?: number;
  /** "auto" (default: the problem's hvp if any, else differences), "exact" or "differences". */
  hvp?: "auto" | "exact" | "differences";
  /** Step h of the differences; default ε^{1/3}·max(1, ‖x‖). */
  step?: number;
}

/** What {@link estimateCurvature} found. */
export interface CurvatureEstimate {
  /** λ_max(∇²f(x)): the local L. */
  L: number;
  /** λ_min(∇²f(x)): the local μ (negative where f is not locally convex). */
  mu: number;
  /** L/μ (Infinity or negative when μ ≤ 0). */
  kappa: number;
  /** Unit eigenvector estimates for L and μ. */
  vL: Float64Array;
  vMu: Float64Array;
  /** Hessian–vector products used in all. */
  products: number;
  /** Whether both eigenvalues met the tolerance within the iteration budget. */
  converged: boolean;
  /** How the products were computed. */
  method: string;
}

/**
 * Hv by central differences of the gradient: (∇f(x + h v̂) − ∇f(x − h v̂))/(2h)·‖v‖; see the
 * module comment for the error. Costs two gradients.
 */
export function hvpByDifferences(problem: Problem, x: Float64Array, v: Float64Array, h?: number, out?: Float64Array): Float64Array {
  const n = problem.dim;
  checkPoint("hvpByDifferences", "x", x, n);
  checkPoint("hvpByDifferences", "v", v, n);
  const step = h ?? Math.cbrt(2.220446049250313e-16) * Math.max(1, norm2(x));
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`hvpByDifferences: step must be a finite number > 0, got ${step}.`);
  const o = out ?? new Float64Array(n);
  const nv = norm2(v);
  if (nv === 0) return o.fill(0);
  const xp = new Float64Array(n), xm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xp[i] = x[i] + (step * v[i]) / nv;
    xm[i] = x[i] - (step * v[i]) / nv;
  }
  const gp = problem.grad(xp), gm = problem.grad(xm);
  for (let i = 0; i < n; i++) o[i] = ((gp[i] - gm[i]) / (2 * step)) * nv;
  return o;
}

/** The result of one {@link powerIteration}. */
export interface PowerIterationResult {
  /** The Rayleigh quotient vᵀAv at the last iterate: the dominant eigenvalue. */
  value: number;
  /** The last unit vector. */
  vector: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Power iteration for a symmetric operator given as `apply(v, out)` (out = Av): returns the
 * eigenvalue of largest magnitude as the Rayleigh quotient vᵀAv. Starts from a seeded Gaussian
 * vector (almost surely not orthogonal to the dominant eigenvector).
 */
export function powerIteration(
  apply: (v: Float64Array, out: Float64Array) => void,
  dim: number,
  options: { iterations?: number; tol?: number; seed?: number } = {},
): PowerIterationResult {
  const iters = checkInt("powerIteration", "iterations", options.iterations ?? 1000, 1);
  const tol = options.tol ?? 1e-12;
  if (!(tol >= 0) || !Number.isFinite(tol)) throw new RangeError(`powerIteration: tol must be a finite number ≥ 0, got ${tol}.`);
  const r = rng(checkSeed("powerIteration", options.seed ?? 0));
  let v: Float64Array = Float64Array.from({ length: dim }, () => r.normal(0, 1));
  let nv = norm2(v);
  for (let i = 0; i < dim; i++) v[i] /= nv;
  let w: Float64Array = new Float64Array(dim);
  let lambda = NaN;
  for (let k = 1; k <= iters; k++) {
    apply(v, w);
    const next = dotVec(v, w);
    nv = norm2(w);
    if (!Number.isFinite(nv)) throw new RangeError(`powerIteration: the product A·v is not finite at iteration ${k}; check the Hessian–vector product at this point.`);
    if (nv === 0) return { value: 0, vector: v, iterations: k, converged: true }; // v is in the null space; A = 0 along it
    const done = Math.abs(next - lambda) <= tol * Math.max(1, Math.abs(next));
    lambda = next;
    for (let i = 0; i < dim; i++) w[i] /= nv;
    [v, w] = [w, v];
    if (done) return { value: lambda, vector: v, iterations: k, converged: true };
  }
  return { value: lambda, vector: v, iterations: iters, converged: false };
}

/**
 * L = λ_max and μ = λ_min of ∇²f(x) by power iteration on Hessian–vector products; see the
 * module comment. Meaningful only where f is twice differentiable near x: on a problem with
 * kinks (lib/problems/nonsmooth.ts) differences of subgradients are not a Hessian.
 *
 * @example estimateCurvature(new MLPLoss(), { x: theta }) // { L, mu, kappa, converged, … }
 */
export function estimateCurvature(problem: Problem, options: CurvatureOptions = {}): CurvatureEstimate {
  const who = "estimateCurvature";
  checkOptionKeys(who, options, ["x", "iterations", "tol", "seed", "hvp", "step"]);
  const n = problem.dim;
  const x = options.x ?? problem.xStar ?? problem.x0;
  checkPoint(who, "x", x, n);
  const mode = options.hvp ?? "auto";
  if (mode !== "auto" && mode !== "exact" && mode !== "differences") {
    throw new RangeError(`${who}: hvp must be "auto", "exact" or "differences", got ${JSON.stringify(mode)}.`);
  }
  if (mode === "exact" && !problem.hvp) throw new TypeError(`${who}: "${problem.name}" has no exact hvp; use hvp: "differences" (central differences of the gradient).`);
  const exact = mode !== "differences" && problem.hvp !== undefined;
  const h = options.step ?? Math.cbrt(2.220446049250313e-16) * Math.max(1, norm2(x));
  let products = 0;
  const Hv = (v: Float64Array, out: Float64Array): void => {
    products++;
    if (exact) problem.hvp!(x, v, out);
    else hvpByDifferences(problem, x, v, h, out);
  };
  const po = { iterations: options.iterations, tol: options.tol, seed: options.seed };
  const first = powerIteration(Hv, n, po);
  let top = first;
  if (first.value < 0) {
    const shift = first.value;
    const r = powerIteration((v, out) => {
      Hv(v, out);
      for (let i = 0; i < n; i++) out[i] -= shift * v[i];
    }, n, po);
    top = { ...r, value: r.value + shift };
  }
  const L = top.value;
  const low = powerIteration((v, out) => {
    Hv(v, out);
    for (let i = 0; i < n; i++) out[i] = L * v[i] - out[i];
  }, n, po);
  const mu = L - low.value;
  return {
    L,
    mu,
    kappa: L / mu,
    vL: top.vector,
    vMu: low.vector,
    products,
    converged: top.converged && low.converged,
    method: exact ? "exact hvp" : `central differences of ∇f (h = ${h.toExponential(2)})`,
  };
}
