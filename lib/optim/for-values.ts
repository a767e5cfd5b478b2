/**
 * Lets any lib/optim optimizer (which updates one flat Float64Array) train a model whose
 * parameters are autodiff engine values (each with `.data` and `.grad`), such as lib/nn's MLP.
 *
 * Each step copies the values' gradients into one flat vector g, calls `opt.step(g)`, and
 * writes `opt.params` back into the values' data: θ ← rule(θ, ∇R(θ)) with the optimizer's own
 * state kept between steps. `train(model, data, { optimizer: (p) => new Adam(p, { lr: 0.01 }) })`
 * in lib/nn/train.ts uses it, so a lesson needs no glue:
 *
 *     const step = forValues(model.parameters(), (p) => new Adam(p, { lr: 0.01 }));
 *     train(model, data, { step });            // or: { optimizer: (p) => new Adam(p, ...) }
 *     new CosineAnnealingLR(step.optimizer, { tMax: 100 });   // schedules reach it too
 */
import type { Optimizer } from "./optimizer";

/** What an engine value exposes to an optimizer: its number and its gradient. */
export interface ValueLike {
  data: number;
  grad: number;
}

/** Builds an optimizer on the flat parameter vector (a copy of the values' data, owned by the optimizer). */
export type OptimizerFactory<O extends Optimizer = Optimizer> = (params: Float64Array) => O;

/** A step function for lib/nn's `train` (it reads `.grad` and writes `.data`), carrying the optimizer it drives. */
export interface ValuesStep<O extends Optimizer = Optimizer> {
  (params?: readonly ValueLike[]): void;
  /** The optimizer (for its state, or to attach a schedule). */
  readonly optimizer: O;
}

/**
 * Wraps an optimizer so it updates engine values: `factory` receives θ = the values' current
 * data as one Float64Array. `values` is fixed at creation; a call given a different list
 * (another model) throws rather than mixing two models' parameters.
 */
export function forValues<O extends Optimizer>(values: readonly ValueLike[], factory: OptimizerFactory<O>): ValuesStep<O> {
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => v === null || typeof v !== "object" || typeof v.data !== "number")) {
    throw new TypeError("forValues: expected the model's parameters (a non-empty list of values with .data and .grad), e.g. model.parameters().");
  }
  if (typeof factory !== "function") {
    throw new TypeError("forValues: expected a function params => optimizer, e.g. (p) => new Adam(p, { lr: 0.01 }).");
  }
  const n = values.length;
  const theta = Float64Array.from(values, (v) => v.data);
  const optimizer = factory(theta);
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function" || !(optimizer.params instanceof Float64Array)) {
    throw new TypeError("forValues: the factory must return a lib/optim optimizer (with params: Float64Array and step(grad)).");
  }
  if (optimizer.params.length !== n) {
    throw new RangeError(`forValues: the optimizer has ${optimizer.params.length} parameters but the model has ${n}; build it on the array the factory receives.`);
  }
  const grad = new Float64Array(n);
  const step = (params?: readonly ValueLike[]): void => {
    if (params !== undefined && params !== values && (params.length !== n || params.some((p, i) => p !== values[i]))) {
      throw new RangeError("forValues: called with a different list of parameters than it was built for; build one step per model.");
    }
    const p = optimizer.params;
    for (let i = 0; i < n; i++) {
      grad[i] = values[i].grad;
      // A cell may have changed the values since the last step (e.g. re-initialised them): follow them.
      p[i] = values[i].data;
    }
    optimizer.step(grad);
    for (let i = 0; i < n; i++) values[i].data = p[i];
  };
  return Object.assign(step, { optimizer });
}
