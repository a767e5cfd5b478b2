/**
 * What the torch-style optimizers and the lecture forms share: the `lr` field with its checks,
 * the step-time gradient checks, and the option checks torch makes (with clearer messages).
 *
 * Kept apart from lib/optim/optimizer.ts (the interface) so that file stays a pure contract.
 */
import { checkGradient, checkOption, type Optimizer } from "./optimizer";

/**
 * Throws a RangeError naming the first entry of `grad` that is NaN or ±Infinity.
 *
 * The scan is one branch-free pass (`s += g·0` is NaN exactly when some g is not finite) with
 * four independent sums, so the additions do not wait on each other and the pass runs at
 * memory speed; only a failing gradient pays for finding the index.
 */
export function checkFiniteGradient(owner: string, grad: ArrayLike<number>): void {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  const n = grad.length, n4 = n - (n % 4);
  for (let i = 0; i < n4; i += 4) {
    s0 += grad[i] * 0;
    s1 += grad[i + 1] * 0;
    s2 += grad[i + 2] * 0;
    s3 += grad[i + 3] * 0;
  }
  for (let i = n4; i < n; i++) s0 += grad[i] * 0;
  if (s0 + s1 + s2 + s3 === 0) return;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(grad[i])) {
      throw new RangeError(
        `${owner}.step: grad[${i}] is ${grad[i]}; the gradient must be finite. The parameters were not changed. ` +
          "Usually the iterates diverged one step earlier: lower lr, or check the function at the current params.",
      );
    }
  }
}

/** Length and finiteness checks every `step(grad)` makes before touching the parameters. */
export function checkStep(owner: string, params: Float64Array, grad: ArrayLike<number>): void {
  checkGradient(owner, params, grad);
  checkFiniteGradient(owner, grad);
}

/** The step size given to a constructor: finite and > 0 (torch accepts 0; a zero step is always a mistake in a lesson). */
export function checkLr(owner: string, lr: unknown, example: number): number {
  return checkOption(owner, "lr", lr, { min: 0, minExclusive: true }, `Pass a positive step size such as lr: ${example}.`);
}

/** A coefficient in [0, 1) such as a β of Adam or RMSprop's alpha. */
export function checkUnitInterval(owner: string, name: string, value: unknown, example: number): number {
  return checkOption(owner, name, value, { min: 0, max: 1, maxExclusive: true }, `It weighs the past in an average; use a value in [0, 1) such as ${example}.`);
}

/** A coefficient ≥ 0 such as eps, weightDecay or momentum. */
export function checkNonNegative(owner: string, name: string, value: unknown, example: number): number {
  return checkOption(owner, name, value, { min: 0 }, `Use a value ≥ 0 such as ${example}.`);
}

/** `betas` = [β₁, β₂], each in [0, 1). */
export function checkBetas(owner: string, betas: unknown, example: readonly [number, number]): [number, number] {
  if (!Array.isArray(betas) || betas.length !== 2) {
    throw new RangeError(`${owner}: betas must be a pair [β₁, β₂], got ${JSON.stringify(betas)}. Try betas: [${example[0]}, ${example[1]}].`);
  }
  return [checkUnitInterval(owner, "betas[0]", betas[0], example[0]), checkUnitInterval(owner, "betas[1]", betas[1], example[1])];
}

/** A boolean option; anything else is a TypeError (a string "false" would otherwise count as true). */
export function checkFlag(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new TypeError(`${owner}: ${name} must be true or false, got ${JSON.stringify(value)}.`);
  return value;
}

/** The parameter vector: a Float64Array of finite numbers (the optimizer updates it in place). */
export function checkParams(owner: string, params: unknown): Float64Array {
  if (!(params instanceof Float64Array)) {
    throw new TypeError(`${owner}: params must be a Float64Array (updated in place), got ${Object.prototype.toString.call(params)}. Wrap it: new Float64Array([x1, x2]).`);
  }
  for (let i = 0; i < params.length; i++) {
    if (!Number.isFinite(params[i])) throw new RangeError(`${owner}: params[${i}] is ${params[i]}; start from finite parameters.`);
  }
  return params;
}

/**
 * The common part of every optimizer: `name`, `params` (held, not copied), `state`, and an `lr`
 * that a schedule may change between steps. Setting `lr` to a negative or non-finite number
 * throws at once, naming the value, so a broken schedule cannot produce a silent NaN run; 0 is
 * allowed there because torch's schedules reach it (cosine annealing to eta_min = 0).
 */
export abstract class BaseOptimizer<S extends object> implements Optimizer<S> {
  private lrValue: number;

  /**
   * @param name the optimizer's name in messages and legends
   * @param params θ, updated in place
   * @param lr the initial step size (> 0)
   * @param state the rule's state, open for teaching
   */
  protected constructor(
    readonly name: string,
    readonly params: Float64Array,
    lr: number,
    readonly state: S,
  ) {
    this.lrValue = lr;
  }

  /** The current step size η (torch's `param_group["lr"]`). */
  get lr(): number {
    return this.lrValue;
  }

  set lr(value: number) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`${this.name}: lr must be a finite number ≥ 0, got ${String(value)}. A schedule or a cell set it; check the schedule's formula.`);
    }
    this.lrValue = value;
  }

  /** One update of `params` with g = ∇f(params). */
  abstract step(grad: Float64Array): void;
}
