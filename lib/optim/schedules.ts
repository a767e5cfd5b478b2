/**
 * Learning-rate schedules with torch.optim.lr_scheduler's semantics, in two forms:
 *
 * - a **schedule** is a pure function `(t, baseLr) => lr` in closed form, t = 0, 1, 2, … the
 *   number of scheduler steps taken. `lrAt(schedule, baseLr)` turns it into `(t) => lr` for a
 *   chart; `schedule(t, η₀)` can be called directly too.
 * - a **scheduler** wraps an optimizer as torch's do: on construction it remembers the
 *   optimizer's lr as the base η₀ (torch's `initial_lr`, shared by every scheduler of that
 *   optimizer) and sets lr = schedule(0); each `scheduler.step()`, called after `opt.step()`,
 *   sets lr = schedule(t) for the next t.
 *
 *     const opt = new SGD(theta, { lr: 0.1, momentum: 0.9 });
 *     const sched = new CosineAnnealingLR(opt, { tMax: 100 });
 *     for (let k = 0; k < 100; k++) { opt.step(grad(opt.params)); sched.step(); }
 *
 * Closed forms (η₀ the base lr):
 *   StepLR          η₀·γ^⌊t/stepSize⌋
 *   MultiStepLR     η₀·γ^(number of milestones ≤ t)
 *   ExponentialLR   η₀·γᵗ
 *   CosineAnnealingLR  η_min + (η₀ − η_min)(1 + cos(πt/T_max))/2
 *   LinearLR        η₀·(s + (e − s)·min(t, T)/T)   (warm-up from s·η₀ to e·η₀ over T steps)
 *   LambdaLR        η₀·λ(t)
 *   SequentialLR    the i-th schedule, restarted at t = 0 at the i-th milestone
 *   inverseTimeDecay   η₀/(1 + t)    the 1/t decay (the Topic 4 slides' αₖ = 1/k, k = t + 1)
 *   inverseSqrtDecay   η₀/√(1 + t)   the "1/t decay" of Lecture 8 notes (Université Côte d'Azur), ηᵗ = η/√(t+1)
 *
 * torch computes StepLR, ExponentialLR and CosineAnnealingLR recursively from the previous lr;
 * the closed forms here are what torch documents those recursions to equal (they agree to
 * rounding), and the same closed forms torch uses when a scheduler is restarted.
 *
 * A schedule that yields a negative or non-finite lr throws a RangeError naming t and the value.
 */
import { checkOption, type Optimizer } from "./optimizer";

/** A learning-rate schedule in closed form: the lr after t scheduler steps, given the base lr η₀. */
export type Schedule = (t: number, baseLr: number) => number;

function whole(owner: string, name: string, value: unknown, min: number): number {
  const v = checkOption(owner, name, value, { min }, `Use a whole number ≥ ${min}.`);
  if (!Number.isInteger(v)) throw new RangeError(`${owner}: ${name} must be a whole number ≥ ${min}, got ${v}.`);
  return v;
}

function positive(owner: string, name: string, value: unknown, example: number): number {
  return checkOption(owner, name, value, { min: 0, minExclusive: true }, `Use a value > 0 such as ${example}.`);
}

/** Checks a value a schedule produced: finite and ≥ 0, or a RangeError naming t and the value. */
export function checkScheduledLr(owner: string, t: number, lr: number): number {
  if (typeof lr !== "number" || !Number.isFinite(lr) || lr < 0) {
    throw new RangeError(`${owner}: the schedule gave lr = ${String(lr)} at t = ${t}; a learning rate must be a finite number ≥ 0. Check the schedule's formula at t = ${t}.`);
  }
  return lr;
}

/** StepLR: η₀·γ^⌊t/stepSize⌋ (multiply by γ every `stepSize` steps). Default γ = 0.1. */
export function stepDecay(options: { stepSize: number; gamma?: number }): Schedule {
  const stepSize = whole("StepLR", "stepSize", options?.stepSize, 1);
  const gamma = positive("StepLR", "gamma", options.gamma ?? 0.1, 0.1);
  return (t, lr0) => lr0 * gamma ** Math.floor(t / stepSize);
}

/** MultiStepLR: η₀·γ^(number of milestones ≤ t). Milestones strictly increasing. Default γ = 0.1. */
export function multiStepDecay(options: { milestones: readonly number[]; gamma?: number }): Schedule {
  const ms = options?.milestones;
  if (!Array.isArray(ms) || ms.length === 0) throw new RangeError(`MultiStepLR: milestones must be a non-empty list of step counts, got ${JSON.stringify(ms)}. Try milestones: [30, 80].`);
  ms.forEach((m, i) => {
    whole("MultiStepLR", `milestones[${i}]`, m, 1);
    if (i > 0 && m <= ms[i - 1]) throw new RangeError(`MultiStepLR: milestones must increase, got ${JSON.stringify(ms)}.`);
  });
  const gamma = positive("MultiStepLR", "gamma", options.gamma ?? 0.1, 0.1);
  const milestones = [...ms];
  return (t, lr0) => lr0 * gamma ** milestones.filter((m) => m <= t).length;
}

/** ExponentialLR: η₀·γᵗ. */
export function exponentialDecay(options: { gamma: number }): Schedule {
  const gamma = positive("ExponentialLR", "gamma", options?.gamma, 0.95);
  return (t, lr0) => lr0 * gamma ** t;
}

/** CosineAnnealingLR: η_min + (η₀ − η_min)(1 + cos(πt/T_max))/2; reaches η_min at t = T_max (and, like torch's, rises again after). */
export function cosineAnnealing(options: { tMax: number; etaMin?: number }): Schedule {
  const tMax = whole("CosineAnnealingLR", "tMax", options?.tMax, 1);
  const etaMin = checkOption("CosineAnnealingLR", "etaMin", options.etaMin ?? 0, { min: 0 }, "Use the smallest lr wanted, ≥ 0 (default 0).");
  return (t, lr0) => etaMin + ((lr0 - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) / 2;
}

/**
 * LinearLR (linear warm-up): η₀·(s + (e − s)·min(t, T)/T), from s·η₀ at t = 0 to e·η₀ at
 * t ≥ T. torch's defaults: s = 1/3, e = 1, T = 5.
 */
export function linearWarmup(options: { startFactor?: number; endFactor?: number; totalIters?: number } = {}): Schedule {
  const s = checkOption("LinearLR", "startFactor", options.startFactor ?? 1 / 3, { min: 0, max: 1, minExclusive: true }, "Use a factor in (0, 1] such as 0.1.");
  const e = checkOption("LinearLR", "endFactor", options.endFactor ?? 1, { min: 0, max: 1 }, "Use a factor in [0, 1] such as 1.");
  const T = whole("LinearLR", "totalIters", options.totalIters ?? 5, 1);
  return (t, lr0) => lr0 * (s + ((e - s) * Math.min(t, T)) / T);
}

/** LambdaLR: η₀·λ(t) for any factor function λ (λ(0) is usually 1). */
export function lambdaSchedule(factor: (t: number) => number): Schedule {
  if (typeof factor !== "function") throw new TypeError(`LambdaLR: pass a function t => factor, got ${String(factor)}. Try t => 0.95 ** t.`);
  return (t, lr0) => lr0 * factor(t);
}

/** The 1/t decay: η₀/(1 + t), so step k = t + 1 uses η₀/k (the Topic 4 slides' αₖ = 1/k for SGD when η₀ = 1). */
export function inverseTimeDecay(): Schedule {
  return (t, lr0) => lr0 / (1 + t);
}

/** η₀/√(1 + t): the decay Lecture 8 notes (Université Côte d'Azur) write as "1/t decay: ηᵗ = η/√(t+1)". */
export function inverseSqrtDecay(): Schedule {
  return (t, lr0) => lr0 / Math.sqrt(1 + t);
}

/**
 * SequentialLR: schedule i runs from milestone i−1 (t = 0 for the first), restarted at its own
 * t = 0 there, as torch's SequentialLR restarts each scheduler at its milestone. Warm-up then
 * cosine: `sequential([linearWarmup({ totalIters: 5 }), cosineAnnealing({ tMax: 95 })], [5])`.
 */
export function sequential(schedules: readonly Schedule[], milestones: readonly number[]): Schedule {
  if (!Array.isArray(schedules) || schedules.length < 2 || schedules.some((s) => typeof s !== "function")) {
    throw new RangeError("SequentialLR: pass at least two schedules, e.g. [linearWarmup(...), cosineAnnealing(...)].");
  }
  if (!Array.isArray(milestones) || milestones.length !== schedules.length - 1) {
    throw new RangeError(`SequentialLR: expected ${schedules.length - 1} milestone(s) for ${schedules.length} schedules, got ${JSON.stringify(milestones)}.`);
  }
  milestones.forEach((m, i) => {
    whole("SequentialLR", `milestones[${i}]`, m, 1);
    if (i > 0 && m <= milestones[i - 1]) throw new RangeError(`SequentialLR: milestones must increase, got ${JSON.stringify(milestones)}.`);
  });
  const list = [...schedules], marks = [...milestones];
  return (t, lr0) => {
    let i = 0;
    while (i < marks.length && t >= marks[i]) i++;
    return list[i](i === 0 ? t : t - marks[i - 1], lr0);
  };
}

/** `(t) => lr` for a chart or a hand-written loop; each value is checked (finite, ≥ 0). */
export function lrAt(schedule: Schedule, baseLr: number): (t: number) => number {
  checkOption("lrAt", "baseLr", baseLr, { min: 0, minExclusive: true }, "Pass the initial learning rate, e.g. 0.1.");
  return (t) => checkScheduledLr("schedule", t, schedule(t, baseLr));
}

/** The first `n` values lr(0), …, lr(n − 1) of a schedule, for a chart. */
export function lrValues(schedule: Schedule, baseLr: number, n: number): number[] {
  const f = lrAt(schedule, baseLr);
  return Array.from({ length: n }, (_, t) => f(t));
}

// torch's `initial_lr`: the lr an optimizer had when its first scheduler was attached, shared
// by every later scheduler of that optimizer (so a cosine created after a warm-up, which has
// already lowered lr, still starts from the original base).
const initialLr = new WeakMap<Optimizer, number>();

/**
 * A scheduler in torch's style: wraps an optimizer and a {@link Schedule}. Construction sets
 * `opt.lr = schedule(0, η₀)`; `step()` (after `opt.step()`) advances t and sets lr again.
 */
export class LRScheduler {
  /** The number of `step()` calls so far (torch's `last_epoch`). */
  lastEpoch = 0;
  /** η₀: the optimizer's lr when its first scheduler was created. */
  readonly baseLr: number;

  constructor(
    readonly optimizer: Optimizer,
    readonly schedule: Schedule,
    readonly name = "LRScheduler",
  ) {
    if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function" || typeof optimizer.lr !== "number") {
      throw new TypeError(`${name}: expected an optimizer (an object with lr and step), got ${String(optimizer)}.`);
    }
    if (typeof schedule !== "function") throw new TypeError(`${name}: expected a schedule (t, baseLr) => lr, got ${String(schedule)}.`);
    if (!initialLr.has(optimizer)) initialLr.set(optimizer, optimizer.lr);
    this.baseLr = initialLr.get(optimizer)!;
    optimizer.lr = checkScheduledLr(name, 0, schedule(0, this.baseLr));
  }

  /** Advance one step: t ← t + 1, opt.lr ← schedule(t, η₀). */
  step(): void {
    const t = this.lastEpoch + 1;
    this.optimizer.lr = checkScheduledLr(this.name, t, this.schedule(t, this.baseLr));
    this.lastEpoch = t;
  }

  /** The lr this scheduler last set (torch's `get_last_lr()`). */
  getLastLr(): number {
    return this.schedule(this.lastEpoch, this.baseLr);
  }
}

/** torch's StepLR(optimizer, step_size, gamma = 0.1). */
export class StepLR extends LRScheduler {
  constructor(optimizer: Optimizer, options: { stepSize: number; gamma?: number }) {
    super(optimizer, stepDecay(options), "StepLR");
  }
}

/** torch's MultiStepLR(optimizer, milestones, gamma = 0.1). */
export class MultiStepLR extends LRScheduler {
  constructor(optimizer: Optimizer, options: { milestones: readonly number[]; gamma?: number }) {
    super(optimizer, multiStepDecay(options), "MultiStepLR");
  }
}

/** torch's ExponentialLR(optimizer, gamma). */
export class ExponentialLR extends LRScheduler {
  constructor(optimizer: Optimizer, options: { gamma: number }) {
    super(optimizer, exponentialDecay(options), "ExponentialLR");
  }
}

/** torch's CosineAnnealingLR(optimizer, T_max, eta_min = 0). */
export class CosineAnnealingLR extends LRScheduler {
  constructor(optimizer: Optimizer, options: { tMax: number; etaMin?: number }) {
    super(optimizer, cosineAnnealing(options), "CosineAnnealingLR");
  }
}

/** torch's LinearLR(optimizer, start_factor = 1/3, end_factor = 1, total_iters = 5). */
export class LinearLR extends LRScheduler {
  constructor(optimizer: Optimizer, options: { startFactor?: number; endFactor?: number; totalIters?: number } = {}) {
    super(optimizer, linearWarmup(options), "LinearLR");
  }
}

/** torch's LambdaLR(optimizer, lr_lambda): lr = η₀·λ(t). */
export class LambdaLR extends LRScheduler {
  constructor(optimizer: Optimizer, factor: (t: number) => number) {
    super(optimizer, lambdaSchedule(factor), "LambdaLR");
  }
}

/**
 * torch's SequentialLR(optimizer, schedulers, milestones): the given schedulers (built on the
 * same optimizer) take turns, each restarted at t = 0 at its milestone. Construction resets lr
 * to the first scheduler's schedule(0), as torch's does.
 */
export class SequentialLR extends LRScheduler {
  constructor(optimizer: Optimizer, options: { schedulers: readonly LRScheduler[]; milestones: readonly number[] }) {
    const scheds = options?.schedulers;
    if (!Array.isArray(scheds) || scheds.some((s) => !(s instanceof LRScheduler))) {
      throw new TypeError("SequentialLR: schedulers must be a list of schedulers built on this optimizer, e.g. [new LinearLR(opt), new CosineAnnealingLR(opt, { tMax: 95 })].");
    }
    scheds.forEach((s, i) => {
      if (s.optimizer !== optimizer) throw new RangeError(`SequentialLR: schedulers[${i}] (${s.name}) wraps a different optimizer; build every scheduler on the same one.`);
    });
    super(optimizer, sequential(scheds.map((s) => s.schedule), options.milestones), "SequentialLR");
  }
}
