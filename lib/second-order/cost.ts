/**
 * What a Hessian costs, for lesson 7 (the Topic 4 slides' (Deep Learning and Neural Networks)
 * "Limitations": we cannot compute, store or invert an n × n matrix when n is large).
 *
 * Forming H column by column takes n Hessian–vector products, or 2n gradient evaluations by
 * central differences (column j ≈ (∇f(x + heⱼ) − ∇f(x − heⱼ))/2h), and n² numbers of memory;
 * one Hessian–vector product Hv costs about as much as two gradients ((∇f(x + hv) − ∇f(x − hv))/2h,
 * or exactly, by forward mode over reverse mode) and n numbers, whatever n is. So the ratio of
 * the two grows like n: that is what {@link measureHessianCost} counts (exactly) and times
 * (noisily; the counts are the reliable part).
 */
import { Matrix } from "ml-matrix";
import { checkOption } from "../optim/optimizer";
import type { Problem } from "../problems/problem";

/** Options of the finite-difference helpers. */
export interface FiniteDifferenceOptions {
  /** The step h (default 1e-5·max(1, ‖x‖∞), near the optimum ε^(1/3) for central differences). */
  h?: number;
}

function stepFor(owner: string, x: ArrayLike<number>, h: number | undefined): number {
  let m = 1;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return checkOption(owner, "h", h ?? 1e-5 * m, { min: 0, minExclusive: true }, "Use a small positive step such as 1e-5.");
}

/**
 * The Hessian by central differences of the gradient, column j = (∇f(x + heⱼ) − ∇f(x − heⱼ))/2h,
 * symmetrised as (H + Hᵀ)/2. Costs 2n gradient evaluations (returned). Error O(h²) + O(ε/h).
 */
export function hessianByFiniteDifferences(grad: (x: Float64Array) => ArrayLike<number>, x: ArrayLike<number>, options: FiniteDifferenceOptions = {}): { H: Matrix; gradientEvaluations: number } {
  const n = x.length;
  const h = stepFor("hessianByFiniteDifferences", x, options.h);
  const H = new Matrix(n, n);
  const xp = Float64Array.from(x);
  for (let j = 0; j < n; j++) {
    xp[j] = x[j] + h;
    const gp = Float64Array.from(grad(xp));
    xp[j] = x[j] - h;
    const gm = grad(xp);
    xp[j] = x[j];
    if (gp.length !== n || gm.length !== n) throw new RangeError(`hessianByFiniteDifferences: grad returned ${gp.length} numbers for a point of dimension ${n}.`);
    for (let i = 0; i < n; i++) H.set(i, j, (gp[i] - gm[i]) / (2 * h));
  }
  return { H: H.add(H.transpose()).mul(0.5), gradientEvaluations: 2 * n };
}

/** One Hessian–vector product by central differences: Hv ≈ (∇f(x + hv) − ∇f(x − hv))/2h, 2 gradient evaluations. */
export function hvpByFiniteDifferences(grad: (x: Float64Array) => ArrayLike<number>, x: ArrayLike<number>, v: ArrayLike<number>, options: FiniteDifferenceOptions = {}): Float64Array {
  if (v.length !== x.length) throw new RangeError(`hvpByFiniteDifferences: v has length ${v.length} but x has ${x.length}.`);
  let vn = 0;
  for (let i = 0; i < v.length; i++) vn = Math.max(vn, Math.abs(v[i]));
  if (vn === 0) return new Float64Array(x.length);
  const h = stepFor("hvpByFiniteDifferences", x, options.h) / vn;
  const gp = Float64Array.from(grad(Float64Array.from(x, (xi, i) => xi + h * v[i])));
  const gm = grad(Float64Array.from(x, (xi, i) => xi - h * v[i]));
  return gp.map((g, i) => (g - gm[i]) / (2 * h));
}

/** The Hessian from n Hessian–vector products, column j = H eⱼ (returned: the count n). */
export function hessianByHvp(hvp: (x: Float64Array, v: Float64Array) => ArrayLike<number>, x: ArrayLike<number>): { H: Matrix; hvps: number } {
  const n = x.length;
  const H = new Matrix(n, n);
  const xc = Float64Array.from(x);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e[j] = 1;
    const col = hvp(xc, e);
    e[j] = 0;
    for (let i = 0; i < n; i++) H.set(i, j, col[i]);
  }
  return { H: H.add(H.transpose()).mul(0.5), hvps: n };
}

/** One row of {@link measureHessianCost}. */
export interface HessianCostRow {
  /** The dimension n. */
  n: number;
  /** Gradient evaluations to form H by central differences (2n, counted). */
  hessianGradientEvaluations: number;
  /** Milliseconds to form H by central differences (best of `repeats`). */
  hessianMs: number;
  /** Hessian–vector products to form H column by column (n, counted; NaN without `hvp`). */
  hessianHvps: number;
  /** Milliseconds to form H from n HVPs (best of `repeats`; NaN without `hvp`). */
  hessianByHvpMs: number;
  /** Gradient evaluations for one HVP by differences (2, counted). */
  hvpGradientEvaluations: number;
  /** Milliseconds for one finite-difference HVP (best of `repeats`). */
  hvpMs: number;
  /** Numbers stored: n² for H, n for a vector. */
  hessianEntries: number;
}

/** Shortest batch of calls timed as one measurement, in milliseconds (timer resolution and noise are ~0.01–0.1 ms). */
const MIN_BATCH_MS = 2;
/** Most calls in one batch, so a call that takes no measurable time still ends. */
const MAX_BATCH_CALLS = 4096;

/** Options of {@link measureHessianCost}. */
export interface HessianCostOptions {
  /** Timings per size, the best kept (default 3); each times a batch of calls lasting ≥ 2 ms and divides by their number. */
  repeats?: number;
}

/**
 * For each n in `sizes`: build `makeProblem(n)` and count and time forming its Hessian
 * (2n gradients by central differences; n exact HVPs when the problem has `hvp`) against one
 * HVP by differences (2 gradients). Counts come from wrapping `problem.grad`, so they are exact.
 */
export function measureHessianCost(makeProblem: (n: number) => Problem, sizes: readonly number[], options: HessianCostOptions = {}): HessianCostRow[] {
  const repeats = checkOption("measureHessianCost", "repeats", options.repeats ?? 3, { min: 1 }, "Use a whole number ≥ 1.");
  if (!Array.isArray(sizes) || sizes.length === 0) throw new RangeError("measureHessianCost: sizes must list at least one dimension, e.g. [10, 20, 40].");
  for (const n of sizes) checkOption("measureHessianCost", "sizes[i]", n, { min: 1 }, "Dimensions are whole numbers ≥ 1.");
  const measure = (n: number): HessianCostRow => {
    const p = makeProblem(n);
    if (p.dim !== n) throw new RangeError(`measureHessianCost: makeProblem(${n}) built a problem of dimension ${p.dim}.`);
    let count = 0;
    const g = (x: Float64Array) => {
      count++;
      return p.grad(x);
    };
    const x = Float64Array.from(p.x0);
    const v = Float64Array.from({ length: n }, (_, i) => Math.cos(i + 1));
    // A call of a few microseconds cannot be timed alone (and its first calls include compiling
    // it): each timing averages a batch of calls lasting at least MIN_BATCH_MS, the batch size
    // found by doubling, which also warms the code up; the best of `repeats` batches is kept.
    const time = (fn: () => void) => {
      let calls = 1;
      for (;;) {
        const t0 = performance.now();
        for (let i = 0; i < calls; i++) fn();
        if (performance.now() - t0 >= MIN_BATCH_MS || calls >= MAX_BATCH_CALLS) break;
        calls *= 2;
      }
      let best = Infinity;
      for (let r = 0; r < repeats; r++) {
        const t0 = performance.now();
        for (let i = 0; i < calls; i++) fn();
        best = Math.min(best, (performance.now() - t0) / calls);
      }
      return best;
    };
    count = 0;
    hessianByFiniteDifferences(g, x);
    const hessianGradientEvaluations = count;
    const hessianMs = time(() => hessianByFiniteDifferences(g, x));
    count = 0;
    hvpByFiniteDifferences(g, x, v);
    const hvpGradientEvaluations = count;
    const hvpMs = time(() => hvpByFiniteDifferences(g, x, v));
    let hessianHvps = NaN, hessianByHvpMs = NaN;
    if (typeof p.hvp === "function") {
      let hv = 0;
      const hvp = (y: Float64Array, w: Float64Array) => {
        hv++;
        return p.hvp!(y, w);
      };
      hessianByHvp(hvp, x);
      hessianHvps = hv;
      hessianByHvpMs = time(() => hessianByHvp(hvp, x));
    }
    return { n, hessianGradientEvaluations, hessianMs, hessianHvps, hessianByHvpMs, hvpGradientEvaluations, hvpMs, hessianEntries: n * n };
  };
  // The first size is measured twice and its first result dropped: its calls include compiling
  // the code (a JIT tiering up), which made the smallest n look slower than the next.
  measure(sizes[0]);
  return sizes.map(measure);
}
