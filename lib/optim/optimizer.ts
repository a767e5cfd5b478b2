/**
 * The interface every first-order optimizer of the pack implements, in torch.optim's vocabulary.
 *
 * An optimizer owns one flat parameter vector θ (a `Float64Array` it updates in place, like a
 * torch parameter) and the state its rule keeps between steps (`opt.state`, open for a lesson
 * to print). Each call `opt.step(g)` applies one update with the gradient g = ∇f(θ) evaluated at
 * the current θ by the caller:
 *
 *     const opt = new Adam(theta, { lr: 0.1 });
 *     for (let k = 0; k < 100; k++) opt.step(problem.grad(opt.params));
 *
 * `lr` is a plain mutable field, so a learning-rate schedule (lib/optim/schedules.ts) changes it
 * between steps exactly as torch's `lr_scheduler` changes `param_group["lr"]`.
 */

/** What every optimizer exposes. `S` is the shape of its state. */
export interface Optimizer<S extends object = object> {
  /** Its name as torch spells it ("SGD", "Adam", …), or the lecture's name for a lecture form. */
  readonly name: string;
  /** θ, updated in place by `step`. */
  readonly params: Float64Array;
  /** The current step size η; a schedule may change it between steps. */
  lr: number;
  /** Everything the rule remembers between steps (moment buffers, step count t, …). */
  readonly state: S;
  /** One update of `params` with the gradient `grad` = ∇f(params), same length. Does not keep `grad`. */
  step(grad: Float64Array): void;
}

/**
 * Checks an option is a finite number in a range and returns it, or throws a RangeError that
 * names the optimizer, the option, the value and a fix.
 */
export function checkOption(
  owner: string,
  name: string,
  value: unknown,
  range: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean },
  fix: string,
): number {
  const v = value as number;
  const lowOk = range.min === undefined || (range.minExclusive ? v > range.min : v >= range.min);
  const highOk = range.max === undefined || (range.maxExclusive ? v < range.max : v <= range.max);
  if (typeof value !== "number" || !Number.isFinite(v) || !lowOk || !highOk) {
    const lo = range.min === undefined ? "" : `${range.minExclusive ? ">" : "≥"} ${range.min}`;
    const hi = range.max === undefined ? "" : `${range.maxExclusive ? "<" : "≤"} ${range.max}`;
    const want = [lo, hi].filter(Boolean).join(" and ");
    throw new RangeError(`${owner}: ${name} must be a finite number${want ? " " + want : ""}, got ${String(value)}. ${fix}`);
  }
  return v;
}

/** Throws a RangeError unless `grad` is a Float64Array-like of the parameters' length. */
export function checkGradient(owner: string, params: Float64Array, grad: ArrayLike<number>): void {
  if (grad === null || typeof grad !== "object" || typeof grad.length !== "number") {
    throw new TypeError(`${owner}.step: expected the gradient as a Float64Array of length ${params.length}, got ${String(grad)}.`);
  }
  if (grad.length !== params.length) {
    throw new RangeError(
      `${owner}.step: the gradient has length ${grad.length} but there are ${params.length} parameters; pass ∇f at the current params, one entry per parameter.`,
    );
  }
}
