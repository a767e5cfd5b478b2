/**
 * Sweeps for U-shaped test-error charts: the same simulation over a range of ridge penalties λ
 * or polynomial degrees, one table row per setting, ready for `decompositionChart` (charts.ts).
 * Every setting reuses the seed, so all rows see the same training sets and test noise
 * (common random numbers), and differences between rows are not sampling noise.
 */
import { liveProgress } from "../plot/live";
import { checkLambda } from "./check";
import { simulateCurve, simulateLinear, type CurveSimulationOptions, type LinearSimulationOptions } from "./simulate";

/** One row of a sweep: the setting, the estimates with standard errors, and theory where known. */
export interface SweepRow {
  /** λ of this row (λ sweep) or the fixed λ (degree sweep). */
  lambda: number;
  /** Polynomial degree (curve simulations only). */
  degree?: number;
  bias2: number;
  variance: number;
  noise: number;
  testMse: number;
  bias2Se: number;
  varianceSe: number;
  noiseSe: number;
  testMseSe: number;
  /** Exact values for fixed training inputs. */
  theory?: { bias2: number; variance: number; noise: number; testMse: number };
}

/** A sweep's rows and what was swept. */
export interface SweepTable {
  /** "lambda" or "degree". */
  over: "lambda" | "degree";
  rows: SweepRow[];
  /** The row with the smallest measured test MSE. */
  best: SweepRow;
}

type Sim = ReturnType<typeof simulateLinear> | ReturnType<typeof simulateCurve>;

function row(sim: Sim, lambda: number, degree?: number): SweepRow {
  const t = sim.theory;
  return {
    lambda,
    ...(degree === undefined ? {} : { degree }),
    bias2: sim.bias2.value,
    variance: sim.variance.value,
    noise: sim.noise.value,
    testMse: sim.testMse.value,
    bias2Se: sim.bias2.se,
    varianceSe: sim.variance.se,
    noiseSe: sim.noise.se,
    testMseSe: sim.testMse.se,
    ...(t ? { theory: { bias2: t.bias2, variance: t.variance, noise: t.noise, testMse: t.testMse } } : {}),
  };
}

function finish(over: "lambda" | "degree", rows: SweepRow[]): SweepTable {
  const best = rows.reduce((a, b) => (b.testMse < a.testMse ? b : a));
  return { over, rows, best };
}

/**
 * Runs the simulation once per λ (linear-model options of `simulateLinear`, or curve options of
 * `simulateCurve`, whose own `lambda` is ignored) and returns the table. `progress: true` shows
 * one bar over the whole sweep.
 */
export function lambdaSweep(options: LinearSimulationOptions | CurveSimulationOptions, lambdas: ArrayLike<number>): SweepTable {
  const fn = "lambdaSweep";
  if (lambdas == null || typeof lambdas.length !== "number" || lambdas.length === 0) {
    throw new RangeError(`${fn}: lambdas must be a non-empty array of penalties ≥ 0, e.g. [0, 0.01, 0.1, 1, 10].`);
  }
  const ls = Array.from(lambdas, (l) => checkLambda(fn, l));
  const live = options.progress ? liveProgress({ total: ls.length, title: typeof options.progress === "string" ? options.progress : "λ sweep", xLabel: "setting", yLabel: "test MSE" }) : undefined;
  const rows = ls.map((lambda, k) => {
    const o = { ...options, lambda, progress: false };
    const sim = "degree" in o ? simulateCurve(o as CurveSimulationOptions) : simulateLinear(o as LinearSimulationOptions);
    live?.update(k + 1, { "test MSE": sim.testMse.value });
    return row(sim, lambda, "degree" in o ? (o as CurveSimulationOptions).degree : undefined);
  });
  live?.done();
  return finish("lambda", rows);
}

/** Runs `simulateCurve` once per polynomial degree (its own `degree` is ignored) and returns the table. */
export function degreeSweep(options: Omit<CurveSimulationOptions, "degree"> & { degree?: number }, degrees: ArrayLike<number>): SweepTable {
  const fn = "degreeSweep";
  if (degrees == null || typeof degrees.length !== "number" || degrees.length === 0) {
    throw new RangeError(`${fn}: degrees must be a non-empty array of whole numbers ≥ 0, e.g. [0, 1, 2, 3, 5, 8].`);
  }
  const ds = Array.from(degrees);
  const live = options.progress ? liveProgress({ total: ds.length, title: typeof options.progress === "string" ? options.progress : "degree sweep", xLabel: "setting", yLabel: "test MSE" }) : undefined;
  const rows = ds.map((degree, k) => {
    const sim = simulateCurve({ ...options, degree, progress: false });
    live?.update(k + 1, { "test MSE": sim.testMse.value });
    return row(sim, sim.lambda, degree);
  });
  live?.done();
  return finish("degree", rows);
}
