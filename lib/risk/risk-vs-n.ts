/**
 * Risk against empirical risk as the sample grows: the experiment of lesson 1.
 *
 * For each sample size N, `trials` independent samples are drawn from a {@link LinearGaussian},
 * and for each one we record
 *
 * - for a **fixed** model (w, b): the gap |R̂_N(w, b) − R(w, b)|, whose mean is about
 *   √(2/π)·√(Var[ℓ]/N) by the central limit theorem (the mean absolute value of a normal with
 *   that standard deviation): it shrinks like 1/√N;
 * - for the **fitted** model (ŵ, b̂) that minimises the empirical risk of that sample: its
 *   training risk R̂_N(ŵ, b̂) (optimistic: ERM chose it to look good on these N points) and
 *   its true risk R(ŵ, b̂) (pessimistic), which close in on the best risk σ² from both sides.
 */
import { LinearGaussian, fitLine, squaredRisk } from "./linear-gaussian";

/** Options of {@link riskVersusN}. */
export interface RiskVersusNOptions {
  /** The distribution; default `new LinearGaussian()` (y = 2x + 1 + N(0, 0.5²)). */
  distribution?: LinearGaussian;
  /** The fixed model (w, b) whose empirical risk is tracked; default w = 1, b = 0. */
  w?: number;
  b?: number;
  /** Sample sizes N, whole numbers ≥ 2. Default 10, 30, 100, 300, 1000, 3000. */
  ns?: number[];
  /** Samples drawn per N (≥ 2, for a standard error). Default 200. */
  trials?: number;
  /** Seed of the first sample; sample k of size index i uses seed + i·trials + k. Default 0. */
  seed?: number;
}

/** One sample size's averages over the trials. */
export interface RiskVersusNRow {
  n: number;
  /** Mean of |R̂_N − R| for the fixed model. */
  meanAbsGap: number;
  /** Standard error of that mean. */
  meanAbsGapSE: number;
  /** The CLT prediction √(2/π)·√(Var[ℓ]/N). */
  predictedAbsGap: number;
  /** Mean training risk R̂_N(ŵ, b̂) of the fitted model. */
  trainRisk: number;
  /** Mean true risk R(ŵ, b̂) of the fitted model. */
  trueRisk: number;
}

/** The result: one row per N, plus the fixed model's risk R and the best risk σ². */
export interface RiskVersusN {
  rows: RiskVersusNRow[];
  fixedRisk: number;
  bayesRisk: number;
}

/** Runs the experiment described in the module comment. Seeded: the same options give the same numbers. */
export function riskVersusN(options: RiskVersusNOptions = {}): RiskVersusN {
  const fn = "riskVersusN";
  const dist = options.distribution ?? new LinearGaussian();
  const w = options.w ?? 1, b = options.b ?? 0;
  const ns = options.ns ?? [10, 30, 100, 300, 1000, 3000];
  const trials = options.trials ?? 200;
  const seed = options.seed ?? 0;
  if (!Number.isFinite(w) || !Number.isFinite(b)) throw new RangeError(`${fn}: w and b must be finite numbers, got w = ${w}, b = ${b}.`);
  if (!Array.isArray(ns) || ns.length === 0 || ns.some((n) => !Number.isSafeInteger(n) || n < 2)) {
    throw new RangeError(`${fn}: ns must be a non-empty list of whole numbers ≥ 2, got ${JSON.stringify(ns)}.`);
  }
  if (!Number.isSafeInteger(trials) || trials < 2) throw new RangeError(`${fn}: trials must be a whole number ≥ 2 (a standard error needs two samples), got ${trials}.`);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed + ns.length * trials > 0xffffffff) {
    throw new RangeError(`${fn}: seed must be a whole number ≥ 0 with room for ${ns.length * trials} consecutive seeds below 2³², got ${seed}.`);
  }
  const R = dist.risk(w, b);
  const sdLoss = Math.sqrt(dist.lossVariance(w, b));
  const rows = ns.map((n, i) => {
    const gaps: number[] = [];
    let train = 0, test = 0;
    for (let k = 0; k < trials; k++) {
      const s = dist.sample(n, seed + i * trials + k);
      gaps.push(Math.abs(squaredRisk(s, w, b) - R));
      const fit = fitLine(s);
      train += squaredRisk(s, fit.w, fit.b);
      test += dist.risk(fit.w, fit.b);
    }
    const mean = gaps.reduce((s, g) => s + g, 0) / trials;
    const variance = gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / (trials - 1);
    return {
      n,
      meanAbsGap: mean,
      meanAbsGapSE: Math.sqrt(variance / trials),
      predictedAbsGap: Math.sqrt(2 / Math.PI) * sdLoss / Math.sqrt(n),
      trainRisk: train / trials,
      trueRisk: test / trials,
    };
  });
  return { rows, fixedRisk: R, bayesRisk: dist.bayesRisk };
}
