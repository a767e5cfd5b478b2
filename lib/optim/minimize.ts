/**
 * The run driver: minimise a {@link Problem} with an {@link Optimizer}, keep the history the
 * convergence checks and the lessons' charts need, and stop loudly when a run diverges.
 *
 *     const problem = new Quadratic({ dim: 2, kappa: 10 });
 *     const opt = new SGD(Float64Array.from(problem.x0), { lr: 1 / problem.L });
 *     const run = minimize(problem, opt, { steps: 200, tol: 1e-10 });
 *     run.f          // f(x₀), f(x₁), …: one value per iterate
 *     run.stopReason // "tol" once ‖∇f(x_k)‖ ≤ 1e-10, else "steps"
 *
 * One step k is: evaluate the gradient at x_k (the full gradient, or a minibatch average),
 * `optimizer.step(g)` turns x_k into x_{k+1}, then a schedule (if any) sets the next step size,
 * exactly in the order of a torch training loop (`opt.step(); scheduler.step()`). This is the
 * general descent method of Lecture 8 notes (Université Côte d'Azur) §3 with the optimizer as
 * the rule that picks the direction and the step (a line search is an optimizer too: it takes
 * the problem in its constructor and sets its own `lr` inside `step`).
 *
 * **Minibatches.** With `batchSize`, a finite-sum problem f = (1/N) Σᵢ fᵢ is stepped with
 * (1/|B|) Σ_{i∈B} ∇fᵢ. Without replacement (the default, like torch's shuffled DataLoader) each
 * epoch is a fresh seeded permutation of 0 … N−1 cut into batches of `batchSize` (the last one
 * shorter when N is not a multiple, torch's `drop_last=False`); with replacement each batch is
 * `batchSize` independent uniform draws. `examples[k]` counts the example gradients used before
 * x_k, so `examples[k] / N` is the number of epochs.
 */
import type { Problem } from "../problems/problem";
import type { Optimizer } from "./optimizer";
import { rng, type Rng } from "../random";
import { liveProgress, type LiveProgress, type LiveProgressOptions } from "../plot/live";
import { displayTarget } from "../plot/display";

/**
 * A torch-style learning-rate scheduler bound to the optimizer: `step()` is called once after
 * every optimizer step and sets `optimizer.lr` for the next one (lib/optim/schedules.ts).
 */
export interface Scheduler {
  step(): void;
}

/**
 * A step size as a function of the step index k = 0, 1, … and the base step size η₀ (the
 * optimizer's lr when the run starts): `lr = schedule(k, η₀)` before step k. A `Schedule` of
 * lib/optim/schedules.ts (`cosineAnnealing({ tMax: 100 })`, `inverseSqrtDecay()`) has this shape,
 * and so has `(k) => 0.5 / Math.sqrt(k + 1)`.
 */
export type LrFunction = (k: number, baseLr: number) => number;

/** What a history can keep per iterate. */
export type RecordField = "x" | "f" | "gradNorm" | "lr" | "examples";

/** Why a run stopped. */
export type StopReason = "steps" | "tol" | "diverged" | "callback";

/** What `onStep` receives after each step (x is the optimizer's live parameter vector: do not mutate it). */
export interface StepInfo {
  /** The index of the new iterate x_k (1 after the first step). */
  k: number;
  x: Float64Array;
  /** f(x_k) (full objective). */
  f: number;
  /** ‖∇f(x_k)‖ of the full gradient, or NaN when the run does not compute it (minibatch runs without "gradNorm"). */
  gradNorm: number;
  /** The step size used by the step that produced x_k. */
  lr: number;
  /** Example gradients used so far. */
  examples: number;
}

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** Largest number of steps (a whole number ≥ 0). */
  steps: number;
  /** Stop as soon as the measure `tolOn` at the current iterate is ≤ tol. Default: no tolerance. */
  tol?: number;
  /**
   * What `tol` bounds: "gradNorm" (default, ‖∇f(x_k)‖ ≤ tol, the stopping rule of Lecture 8
   * notes §3) or "gap" (f(x_k) − f* ≤ tol; needs the problem's fStar).
   */
  tolOn?: "gradNorm" | "gap";
  /** A scheduler (`step()` after each optimizer step, e.g. `new CosineAnnealingLR(opt, …)`) or a function (k, η₀) ↦ lr set before step k. */
  schedule?: Scheduler | LrFunction;
  /** Minibatch size for a finite-sum problem (needs `examples` and `gradBatch`); default full batch. */
  batchSize?: number;
  /** Draw minibatches with replacement (default false: shuffled epochs). */
  replacement?: boolean;
  /** Seed of the minibatch shuffling (default 0). */
  seed?: number;
  /**
   * What to keep per iterate. Default: every field, but "x" (copies of the iterates) only when
   * dim × (steps + 1) ≤ 10⁶ (8 MB), and in a minibatch run "gradNorm" only when asked (it costs a
   * full gradient per step). x₀ and the last iterate are always kept (`x0`, `xLast`).
   */
  record?: readonly RecordField[];
  /**
   * Divergence guard: the run stops with a {@link DivergenceError} when f(x_k) exceeds this.
   * Default 10⁸·max(1, |f(x₀)|) + f(x₀). NaN and ±Infinity in f, the gradient or the iterate
   * always stop it.
   */
  divergeAbove?: number;
  /** On divergence: "throw" a {@link DivergenceError} (default), or "stop" and return the history with `divergence` set. */
  onDivergence?: "throw" | "stop";
  /**
   * Show live progress in a notebook (lib/plot/live.ts): `true`, or options for `liveProgress`
   * (`total` defaults to `steps`). Plots f − f* on a log axis when f* is known, else f. Outside a
   * notebook nothing is created, so it costs nothing in tests and scripts.
   */
  live?: boolean | Partial<LiveProgressOptions>;
  /** Called after every step; return "stop" to end the run (stopReason "callback"). */
  onStep?: (info: StepInfo) => void | "stop";
}

/** Where and how a run diverged. */
export interface DivergenceInfo {
  /** The index k of the iterate x_k where it was detected. */
  step: number;
  /** What went bad: the objective, the gradient or the iterate. */
  what: "f" | "gradient" | "x";
  /** The offending value (f(x_k), or the first non-finite gradient / iterate entry). */
  value: number;
  /** The bound f exceeded (Infinity when the value was NaN/Infinity). */
  bound: number;
  /** The step size in use. */
  lr: number;
}

/** The record of one run. Arrays indexed by k are per iterate x₀ … x_K (`lr` per step: K entries). */
export interface RunHistory {
  /** The problem's name. */
  problem: string;
  /** The optimizer's name. */
  optimizer: string;
  /** The problem's dimension. */
  dim: number;
  /** Steps taken, K (the last iterate is x_K). */
  steps: number;
  stopReason: StopReason;
  /** A sentence saying why the run stopped. */
  message: string;
  /** Copies of the iterates x₀ … x_K (empty unless "x" is recorded). */
  x: Float64Array[];
  /** A copy of the starting point x₀. */
  x0: Float64Array;
  /** A copy of the last iterate x_K. */
  xLast: Float64Array;
  /** f(x_k) for k = 0 … K. */
  f: number[];
  /** ‖∇f(x_k)‖ (full gradient) for k = 0 … K. */
  gradNorm: number[];
  /** The step size of step k (x_k → x_{k+1}), k = 0 … K−1, read from `optimizer.lr` right after the step (what a line search chose, or the scheduled value). */
  lr: number[];
  /** Example gradients used before x_k, k = 0 … K (full batch: N per step, or 1 when the problem is not a finite sum). */
  examples: number[];
  /** Minibatch size, or undefined for full batch. */
  batchSize?: number;
  /** Set when the run diverged and `onDivergence` was "stop". */
  divergence?: DivergenceInfo;
}

/**
 * Thrown when a run produces NaN or Infinity, or f grows past `divergeAbove`. Names the step and
 * the value; `history` holds the run up to and including the bad iterate.
 */
export class DivergenceError extends Error {
  override readonly name = "DivergenceError";
  constructor(
    message: string,
    readonly info: DivergenceInfo,
    readonly history: RunHistory,
  ) {
    super(message);
  }
  /** The index of the iterate where the run diverged. */
  get step(): number {
    return this.info.step;
  }
  /** The offending value. */
  get value(): number {
    return this.info.value;
  }
}

const FIELDS: readonly RecordField[] = ["x", "f", "gradNorm", "lr", "examples"];
const OPTION_KEYS = ["steps", "tol", "tolOn", "schedule", "batchSize", "replacement", "seed", "record", "divergeAbove", "onDivergence", "live", "onStep"];

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

function firstNonFinite(v: Float64Array): number {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return i;
  return -1;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(3) : String(Number(v.toPrecision(6)));
}

/** Minibatch index stream: shuffled epochs without replacement, or independent draws with it. */
class Batches {
  private order: number[] = [];
  private pos = 0;
  private readonly r: Rng;
  private readonly all: number[];
  constructor(
    private readonly n: number,
    private readonly size: number,
    private readonly replacement: boolean,
    seed: number,
  ) {
    this.r = rng(seed);
    this.all = Array.from({ length: n }, (_, i) => i);
  }
  next(): Int32Array {
    if (this.replacement) {
      const b = new Int32Array(this.size);
      for (let i = 0; i < this.size; i++) b[i] = this.r.int(0, this.n - 1);
      return b;
    }
    if (this.pos >= this.order.length) {
      this.order = this.r.shuffle(this.all);
      this.pos = 0;
    }
    const end = Math.min(this.pos + this.size, this.order.length);
    const b = Int32Array.from(this.order.slice(this.pos, end));
    this.pos = end;
    return b;
  }
}

function checkOptions(problem: Problem, optimizer: Optimizer, o: MinimizeOptions): void {
  const who = "minimize";
  if (problem === null || typeof problem !== "object" || typeof problem.f !== "function" || typeof problem.grad !== "function") {
    throw new TypeError(`${who}: the first argument must be a Problem with f and grad (lib/problems), got ${String(problem)}.`);
  }
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function" || !(optimizer.params instanceof Float64Array)) {
    throw new TypeError(`${who}: the second argument must be an Optimizer with params (a Float64Array) and step(grad) (lib/optim), got ${String(optimizer)}.`);
  }
  if (optimizer.params.length !== problem.dim) {
    throw new RangeError(
      `${who}: the optimizer has ${optimizer.params.length} parameters but the problem "${problem.name}" has dimension ${problem.dim}; build the optimizer on a copy of problem.x0, e.g. new SGD(Float64Array.from(problem.x0), { lr }).`,
    );
  }
  if (o === null || typeof o !== "object") throw new TypeError(`${who}: give options such as { steps: 100 }, got ${String(o)}.`);
  const unknown = Object.keys(o).filter((k) => !OPTION_KEYS.includes(k));
  if (unknown.length > 0) throw new TypeError(`${who}: unknown option${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; the options are ${OPTION_KEYS.join(", ")}.`);
  if (!Number.isSafeInteger(o.steps) || o.steps < 0) {
    throw new RangeError(`${who}: steps must be a whole number ≥ 0 (the most steps to take), got ${String(o.steps)}. Try steps: 100.`);
  }
  if (o.tol !== undefined && !(typeof o.tol === "number" && o.tol >= 0 && Number.isFinite(o.tol))) {
    throw new RangeError(`${who}: tol must be a finite number ≥ 0, got ${String(o.tol)}. Try tol: 1e-8, or leave it out to run all steps.`);
  }
  if (o.tolOn !== undefined && o.tolOn !== "gradNorm" && o.tolOn !== "gap") {
    throw new RangeError(`${who}: tolOn must be "gradNorm" or "gap", got ${JSON.stringify(o.tolOn)}.`);
  }
  if (o.tolOn === "gap" && typeof problem.fStar !== "number") {
    throw new RangeError(`${who}: tolOn "gap" stops on f(x) − f* but the problem "${problem.name}" has no known fStar; use tolOn "gradNorm".`);
  }
  if (o.schedule !== undefined && typeof o.schedule !== "function" && !(o.schedule && typeof (o.schedule as Scheduler).step === "function")) {
    throw new TypeError(`${who}: schedule must be a scheduler with step() (lib/optim/schedules.ts) or a function (k, baseLr) => lr, got ${String(o.schedule)}.`);
  }
  if (o.batchSize !== undefined) {
    const n = problem.examples;
    if (typeof n !== "number" || typeof problem.gradBatch !== "function") {
      throw new RangeError(`${who}: batchSize ${o.batchSize} needs a finite-sum problem (examples and gradBatch), and "${problem.name}" is not one; leave batchSize out for full-batch gradient descent.`);
    }
    if (!Number.isSafeInteger(o.batchSize) || o.batchSize < 1 || o.batchSize > n) {
      throw new RangeError(`${who}: batchSize must be a whole number from 1 to the number of examples (${n}), got ${String(o.batchSize)}.`);
    }
  }
  if (o.replacement !== undefined && typeof o.replacement !== "boolean") throw new TypeError(`${who}: replacement must be true or false, got ${String(o.replacement)}.`);
  if (o.seed !== undefined) rng(o.seed); // rng names a bad seed and the fix
  if (o.record !== undefined) {
    if (!Array.isArray(o.record)) throw new TypeError(`${who}: record must be an array of ${FIELDS.map((f) => `"${f}"`).join(", ")}, got ${String(o.record)}.`);
    const bad = o.record.filter((f) => !FIELDS.includes(f));
    if (bad.length > 0) throw new RangeError(`${who}: record: unknown field${bad.length > 1 ? "s" : ""} ${bad.map((b) => JSON.stringify(b)).join(", ")}; the fields are ${FIELDS.join(", ")}.`);
  }
  if (o.divergeAbove !== undefined && !(typeof o.divergeAbove === "number" && !Number.isNaN(o.divergeAbove))) {
    throw new RangeError(`${who}: divergeAbove must be a number (Infinity turns the growth check off), got ${String(o.divergeAbove)}.`);
  }
  if (o.onDivergence !== undefined && o.onDivergence !== "throw" && o.onDivergence !== "stop") {
    throw new RangeError(`${who}: onDivergence must be "throw" or "stop", got ${JSON.stringify(o.onDivergence)}.`);
  }
  if (o.onStep !== undefined && typeof o.onStep !== "function") throw new TypeError(`${who}: onStep must be a function, got ${String(o.onStep)}.`);
}

function divergenceHint(problem: Problem, lr: number): string {
  if (typeof problem.L === "number" && problem.L > 0 && lr > 2 / problem.L) {
    return ` The step size lr = ${fmt(lr)} is above 2/L = ${fmt(2 / problem.L)} (L = ${fmt(problem.L)}), where gradient descent on an L-smooth function can diverge: lower lr (1/L is safe).`;
  }
  return " Lower lr, or raise divergeAbove if f really may grow that large.";
}

/**
 * Minimises `problem` with `optimizer`, starting from `optimizer.params` (x₀), for at most
 * `options.steps` steps, and returns the {@link RunHistory}. See the module comment for the
 * order of operations and the minibatch scheme.
 *
 * Throws a {@link DivergenceError} naming the step and the value when f, the gradient or the
 * iterate becomes NaN or ±Infinity, or f exceeds `divergeAbove` (unless `onDivergence: "stop"`);
 * a RangeError/TypeError naming the option for bad input.
 */
export function minimize(problem: Problem, optimizer: Optimizer, options: MinimizeOptions): RunHistory {
  checkOptions(problem, optimizer, options);
  const o = options;
  const x = optimizer.params;
  const dim = problem.dim;
  const minibatch = o.batchSize !== undefined;
  const N = typeof problem.examples === "number" ? problem.examples : 1;
  const defaults: RecordField[] = ["f", "lr", "examples"];
  if (!minibatch) defaults.push("gradNorm");
  if (dim * (o.steps + 1) <= 1e6) defaults.push("x");
  const record = new Set<RecordField>(o.record ?? defaults);
  const tolOn = o.tolOn ?? "gradNorm";
  const needFullGrad = !minibatch || record.has("gradNorm") || (o.tol !== undefined && tolOn === "gradNorm");
  const fStar = problem.fStar;

  const history: RunHistory = {
    problem: problem.name,
    optimizer: optimizer.name,
    dim,
    steps: 0,
    stopReason: "steps",
    message: "",
    x: [],
    x0: Float64Array.from(x),
    xLast: Float64Array.from(x),
    f: [],
    gradNorm: [],
    lr: [],
    examples: [],
    batchSize: o.batchSize,
  };

  const g = new Float64Array(dim);
  const batches = minibatch ? new Batches(N, o.batchSize as number, o.replacement ?? false, o.seed ?? 0) : null;
  const schedule = o.schedule;
  const lrFn = typeof schedule === "function" ? schedule : undefined;
  const scheduler = typeof schedule === "object" ? schedule : undefined;

  let live: LiveProgress | undefined;
  if (o.live && displayTarget() !== "console") {
    const extra = typeof o.live === "object" ? o.live : {};
    live = liveProgress({
      total: Math.max(1, o.steps),
      title: `${optimizer.name} on ${problem.name}`,
      logY: typeof fStar === "number",
      yLabel: typeof fStar === "number" ? "f − f*" : "f",
      ...extra,
    });
  }

  let examples = 0;
  let f0 = NaN;
  let bound = Infinity;
  let lastLr = optimizer.lr;
  const baseLr = optimizer.lr;

  /** Evaluates and records iterate k; returns divergence info, if any. */
  const observe = (k: number): { f: number; gn: number; bad?: DivergenceInfo } => {
    const bx = firstNonFinite(x);
    if (bx >= 0) return { f: NaN, gn: NaN, bad: { step: k, what: "x", value: x[bx], bound: Infinity, lr: lastLr } };
    const fk = problem.f(x);
    let gn = NaN;
    if (needFullGrad) {
      const out = problem.grad(x, g);
      if (out !== g) g.set(out); // a problem may return its own array instead of filling `out`
      gn = norm(g);
    }
    if (k === 0) {
      f0 = fk;
      bound = o.divergeAbove ?? f0 + 1e8 * Math.max(1, Math.abs(f0));
    }
    if (record.has("x")) history.x.push(Float64Array.from(x));
    if (record.has("f")) history.f.push(fk);
    if (record.has("gradNorm")) history.gradNorm.push(gn);
    if (record.has("examples")) history.examples.push(examples);
    if (!Number.isFinite(fk)) return { f: fk, gn, bad: { step: k, what: "f", value: fk, bound: Infinity, lr: lastLr } };
    if (needFullGrad) {
      const bg = firstNonFinite(g);
      if (bg >= 0) return { f: fk, gn, bad: { step: k, what: "gradient", value: g[bg], bound: Infinity, lr: lastLr } };
    }
    if (fk > bound) return { f: fk, gn, bad: { step: k, what: "f", value: fk, bound, lr: lastLr } };
    return { f: fk, gn };
  };

  const finish = (k: number, reason: StopReason, message: string): RunHistory => {
    history.steps = k;
    history.stopReason = reason;
    history.message = message;
    history.xLast = Float64Array.from(x);
    if (live) live.done();
    return history;
  };

  const diverged = (bad: DivergenceInfo): RunHistory => {
    const what =
      bad.what === "f"
        ? `f(x_${bad.step}) = ${fmt(bad.value)}`
        : bad.what === "gradient"
          ? `a component of ∇f(x_${bad.step}) is ${fmt(bad.value)}`
          : `a component of x_${bad.step} is ${fmt(bad.value)}`;
    const why = Number.isFinite(bad.value) ? ` exceeds divergeAbove = ${fmt(bad.bound)} (f(x_0) = ${fmt(f0)})` : "";
    const message = `minimize: ${optimizer.name} on "${problem.name}" diverged at step ${bad.step}: ${what}${why}.${divergenceHint(problem, bad.lr)}`;
    history.divergence = bad;
    finish(bad.step, "diverged", message);
    if ((o.onDivergence ?? "throw") === "throw") throw new DivergenceError(message, bad, history);
    return history;
  };

  const tolMet = (fk: number, gn: number): boolean => {
    if (o.tol === undefined) return false;
    return tolOn === "gap" ? fk - (fStar as number) <= o.tol : gn <= o.tol;
  };

  let cur = observe(0);
  if (cur.bad) return diverged(cur.bad);
  if (live) live.update(0, liveMetric(cur.f, fStar));
  for (let k = 0; k < o.steps; k++) {
    if (tolMet(cur.f, cur.gn)) {
      const what = tolOn === "gap" ? `f(x_${k}) − f* = ${fmt(cur.f - (fStar as number))}` : `‖∇f(x_${k})‖ = ${fmt(cur.gn)}`;
      return finish(k, "tol", `converged at step ${k}: ${what} ≤ tol = ${fmt(o.tol as number)}`);
    }
    if (lrFn) {
      const lr = lrFn(k, baseLr);
      if (typeof lr !== "number" || !Number.isFinite(lr) || lr < 0) {
        throw new RangeError(`minimize: the schedule gave lr = ${String(lr)} for step ${k}; a step size must be a finite number ≥ 0. Fix the schedule function.`);
      }
      optimizer.lr = lr;
    }
    let grad: Float64Array;
    if (batches) {
      const batch = batches.next();
      grad = (problem.gradBatch as NonNullable<Problem["gradBatch"]>)(x, batch, new Float64Array(dim));
      examples += batch.length;
    } else {
      grad = g;
      examples += N;
    }
    optimizer.step(grad);
    lastLr = optimizer.lr;
    if (record.has("lr")) history.lr.push(lastLr);
    if (scheduler) {
      scheduler.step();
      if (!(optimizer.lr >= 0) || !Number.isFinite(optimizer.lr)) {
        throw new RangeError(`minimize: after step ${k} the scheduler set lr = ${String(optimizer.lr)}; a step size must be a finite number ≥ 0. Check the schedule's options.`);
      }
    }
    cur = observe(k + 1);
    if (cur.bad) return diverged(cur.bad);
    if (live) live.update(k + 1, liveMetric(cur.f, fStar));
    if (o.onStep) {
      const r = o.onStep({ k: k + 1, x, f: cur.f, gradNorm: cur.gn, lr: lastLr, examples });
      if (r === "stop") return finish(k + 1, "callback", `stopped by onStep after step ${k + 1}`);
    }
  }
  if (tolMet(cur.f, cur.gn)) {
    const what = tolOn === "gap" ? `f(x_${o.steps}) − f* = ${fmt(cur.f - (fStar as number))}` : `‖∇f(x_${o.steps})‖ = ${fmt(cur.gn)}`;
    return finish(o.steps, "tol", `converged at step ${o.steps}: ${what} ≤ tol = ${fmt(o.tol as number)}`);
  }
  const end = tolOn === "gap" && typeof fStar === "number" ? `f − f* = ${fmt(cur.f - fStar)}` : `f = ${fmt(cur.f)}${Number.isNaN(cur.gn) ? "" : `, ‖∇f‖ = ${fmt(cur.gn)}`}`;
  return finish(o.steps, "steps", `ran all ${o.steps} steps (${end})${o.tol !== undefined ? `; tol = ${fmt(o.tol)} not reached` : ""}`);
}

function liveMetric(f: number, fStar: number | undefined): Record<string, number> {
  return typeof fStar === "number" ? { "f − f*": f - fStar } : { f };
}
