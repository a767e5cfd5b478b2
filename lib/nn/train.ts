/**
 * A small training loop for engine models: (mini)batches, a pluggable update step, one report
 * per epoch through a callback (so a notebook can redraw a live loss chart), and flat memory.
 *
 * Every step: clear the model's graph (`model.clearGraph()`, a tape rewind to just after the
 * parameters), build the batch loss R = (1/B) Σₖ ℓ(f(xₖ), yₖ), call `R.backward()` (which
 * resets every gradient first, so no zeroGrad), then hand the parameters to the step function,
 * which reads `p.grad` and writes `p.data`. The default step is plain SGD, θ ← θ − lr·g
 * (Lecture 8 notes §5; the NN optimization slides "Gradient Descent"); pass any other function, or an optimizer object
 * with a `step()` method, to swap the rule without touching the loop. Any lib/optim optimizer
 * (Adam, RMSprop, SGD with momentum, …) plugs in directly:
 * `train(model, data, { optimizer: (p) => new Adam(p, { lr: 0.01 }) })` (see lib/optim/for-values.ts).
 */
import type { Value } from "../autodiff/value";
import { AutodiffDomainError, AutodiffNaNError } from "../autodiff/errors";
import { rng } from "../random";
import { checkDataset, type Dataset } from "../data/dataset";
import { bceWithLogitsLoss, crossEntropyLoss, meanLoss, mseLoss } from "./losses";
import { outputsToClass, type MLP } from "./mlp";
import { forValues, type OptimizerFactory } from "../optim/for-values";
import type { Optimizer as FlatOptimizer } from "../optim/optimizer";

/** Where the loop is when it calls the step: epoch (from 1) and step (from 1, counted over all epochs). */
export interface StepInfo {
  epoch: number;
  step: number;
}

/** An update rule: read each `p.grad`, write each `p.data`. */
export type StepFunction = (params: readonly Value[], info: StepInfo) => void;

/** An optimizer object in the torch style (it already knows its parameters); `step` is called once per batch. */
export interface Optimizer {
  step(params?: readonly Value[]): void;
}

/** A named loss, or a function giving one example's loss from the outputs and the label. */
export type LossOption = "auto" | "cross-entropy" | "bce-with-logits" | "mse" | ((outputs: Value[], label: number) => Value);

/** Options of {@link sgd}. */
export interface SGDOptions {
  /** The step size η > 0. */
  lr: number;
}

/** Plain stochastic gradient descent as a step function: θ ← θ − lr · ∂R/∂θ for every parameter. */
export function sgd(options: SGDOptions): StepFunction {
  const lr = options?.lr;
  if (typeof lr !== "number" || !Number.isFinite(lr) || lr <= 0) {
    throw new RangeError(`sgd: lr must be a finite number > 0, got ${String(lr)}. Try 0.1.`);
  }
  return (params) => {
    for (const p of params) p.data -= lr * p.grad;
  };
}

/** What the loop reports after each epoch. */
export interface EpochReport {
  /** 1, 2, …, epochs */
  epoch: number;
  /** Mean training loss over the epoch's examples, as computed in its forward passes (before each update). */
  loss: number;
  /** Training accuracy from the same forward passes. */
  accuracy: number;
  /** Steps taken so far (all epochs). */
  steps: number;
  /** The most nodes the tape held during the epoch (parameters + one batch's graph): flat from epoch to epoch. */
  peakNodes: number;
  /** Wall-clock milliseconds the epoch took. */
  ms: number;
}

/** Options of {@link train}. */
export interface TrainOptions {
  /** Number of passes over the data; default 100. */
  epochs?: number;
  /** Step size of the default SGD step; default 0.1. Ignored when `step` is given. */
  lr?: number;
  /** The update rule; default `sgd({ lr })`. A lib/optim optimizer given here is used as `optimizer` is. */
  step?: StepFunction | Optimizer | FlatOptimizer;
  /**
   * A lib/optim optimizer to train with, or a function that builds one on the flat parameter
   * vector: `(p) => new Adam(p, { lr: 0.01 })`. Its state persists across steps and epochs; an
   * instance built earlier (say, to attach a schedule) has its params set to the model's first.
   * Give `step` or `optimizer`, not both.
   */
  optimizer?: FlatOptimizer | OptimizerFactory;
  /**
   * The per-example loss. `"auto"` (default): cross-entropy on the logits for several
   * outputs, binary cross-entropy on the logit for one linear output. `"mse"` compares
   * the outputs with the one-hot label (or the label itself for one output).
   */
  loss?: LossOption;
  /** Examples per step; default all of them (full-batch gradient descent). */
  batchSize?: number;
  /** Seed of the per-epoch shuffle when `batchSize` is smaller than the data; default 0. */
  seed?: number;
  /** Called after every epoch; return `false` to stop training early. */
  onEpoch?: (report: EpochReport) => void | boolean;
}

/** Turn a loss option into a per-example loss function for this model. */
export function resolveLoss(model: Pick<MLP, "nout" | "layers">, loss: LossOption = "auto"): (outputs: Value[], label: number) => Value {
  if (typeof loss === "function") return loss;
  const outAct = model.layers[model.layers.length - 1].activation;
  switch (loss) {
    case "cross-entropy":
      if (model.nout < 2) throw new RangeError('train: loss "cross-entropy" needs at least 2 outputs; with one output use "bce-with-logits".');
      return (o, y) => crossEntropyLoss(o, y);
    case "bce-with-logits":
      if (model.nout !== 1) throw new RangeError(`train: loss "bce-with-logits" needs exactly one output, the model has ${model.nout}.`);
      return (o, y) => bceWithLogitsLoss(o[0], y);
    case "mse":
      return (o, y) => mseLoss(o, o.length === 1 ? [y] : o.map((_, i) => (i === y ? 1 : 0)));
    case "auto":
      if (model.nout >= 2) return (o, y) => crossEntropyLoss(o, y);
      if (outAct === "linear") return (o, y) => bceWithLogitsLoss(o[0], y);
      throw new RangeError(
        `train: with one ${outAct} output the loss is ambiguous; use a linear output layer (outputActivation: "linear") with loss "bce-with-logits", or say loss: "mse".`,
      );
    default:
      throw new RangeError(`train: unknown loss ${JSON.stringify(loss)}; use "auto", "cross-entropy", "bce-with-logits", "mse" or a function.`);
  }
}

function checkLabels(model: MLP, data: Dataset): void {
  const k = Math.max(model.nout, 2);
  const bad = data.y.findIndex((c) => c >= k);
  if (bad >= 0) {
    throw new RangeError(`train: y[${bad}] = ${data.y[bad]} but the model has ${model.nout} output(s), so labels must lie in 0..${k - 1}.`);
  }
}

/**
 * Train `model` on `data` and return one {@link EpochReport} per epoch run.
 *
 * @example
 * const model = new MLP(2, [16, 16, 2], { seed: 0 });
 * const history = train(model, moons({ n: 100 }), { epochs: 100, lr: 0.5, onEpoch: (r) => console.log(r.loss) });
 */
export function train(model: MLP, data: Dataset, options: TrainOptions = {}): EpochReport[] {
  const width = checkDataset("train", data);
  if (width !== model.nin) throw new RangeError(`train: the data has ${width} features per example but the model takes ${model.nin} inputs.`);
  checkLabels(model, data);
  const epochs = options.epochs ?? 100;
  if (!Number.isSafeInteger(epochs) || epochs < 0) throw new RangeError(`train: epochs must be a whole number ≥ 0, got ${String(epochs)}.`);
  const n = data.y.length;
  const batchSize = options.batchSize ?? n;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > n) {
    throw new RangeError(`train: batchSize must be a whole number from 1 to the number of examples (${n}), got ${String(batchSize)}.`);
  }
  if (options.step !== undefined && options.optimizer !== undefined) {
    throw new TypeError("train: give either step or optimizer, not both.");
  }
  const params = model.parameters();
  const flat = options.optimizer ?? (isFlatOptimizer(options.step) ? options.step : undefined);
  const step = flat !== undefined ? forValues(params, factoryOf(flat)) : (options.step as StepFunction | Optimizer | undefined) ?? sgd({ lr: options.lr ?? 0.1 });
  if (typeof step !== "function" && (step === null || typeof step !== "object" || typeof step.step !== "function")) {
    throw new TypeError("train: step must be a function (params, info) => void or an optimizer with a step() method.");
  }
  const lossOf = resolveLoss(model, options.loss);
  const outAct = model.layers[model.layers.length - 1].activation;
  const shuffler = rng(options.seed ?? 0);
  const history: EpochReport[] = [];
  let steps = 0;

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = performance.now();
    const order = batchSize < n ? shuffler.shuffle(data.y.map((_, i) => i)) : data.y.map((_, i) => i);
    let lossSum = 0, hits = 0, peak = 0;
    for (let start = 0; start < n; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      steps++;
      try {
        model.clearGraph();
        const losses = batch.map((i) => {
          const outputs = model.forward(data.X[i]);
          if (outputsToClass(outputs.map((o) => o.data), outAct) === data.y[i]) hits++;
          const l = lossOf(outputs, data.y[i]);
          lossSum += l.data;
          return l;
        });
        const R = meanLoss(losses);
        peak = Math.max(peak, model.tape.length);
        R.backward();
        if (typeof step === "function") step(params, { epoch, step: steps });
        else step.step(params);
      } catch (e) {
        if (e instanceof AutodiffNaNError || e instanceof AutodiffDomainError) {
          const hint =
            e instanceof AutodiffNaNError
              ? "The parameters have probably diverged: lower the learning rate or check the inputs."
              : "If earlier steps ran, the parameters may have diverged: try a smaller learning rate.";
          throw new RangeError(`train: epoch ${epoch}, step ${steps}: ${e.message} ${hint}`, { cause: e });
        }
        throw e;
      }
    }
    const report: EpochReport = { epoch, loss: lossSum / n, accuracy: hits / n, steps, peakNodes: peak, ms: performance.now() - t0 };
    history.push(report);
    if (options.onEpoch && options.onEpoch(report) === false) break;
  }
  model.clearGraph();
  return history;
}

function isFlatOptimizer(x: unknown): x is FlatOptimizer {
  return x !== null && typeof x === "object" && (x as FlatOptimizer).params instanceof Float64Array && typeof (x as FlatOptimizer).step === "function";
}

/** A factory for forValues: a function is one already; an instance is adopted, its params set to the model's. */
function factoryOf(opt: FlatOptimizer | OptimizerFactory): OptimizerFactory {
  if (typeof opt === "function") return opt;
  if (!isFlatOptimizer(opt)) throw new TypeError("train: optimizer must be a lib/optim optimizer or a function (p) => optimizer, e.g. (p) => new Adam(p, { lr: 0.01 }).");
  return (p) => {
    if (opt.params.length !== p.length) {
      throw new RangeError(`train: the optimizer has ${opt.params.length} parameters but the model has ${p.length}; build it on model.parameters() or pass (p) => new ${opt.name}(p, …).`);
    }
    opt.params.set(p);
    return opt;
  };
}

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** The per-example loss, as in {@link TrainOptions.loss}; default "auto". */
  loss?: LossOption;
}

/**
 * The mean loss and the accuracy of `model` on `data` without changing it (e.g. a test set
 * inside `onEpoch`). Builds the graph to reuse the exact training loss, then clears it.
 */
export function evaluate(model: MLP, data: Dataset, options: EvaluateOptions = {}): { loss: number; accuracy: number } {
  const width = checkDataset("evaluate", data);
  if (width !== model.nin) throw new RangeError(`evaluate: the data has ${width} features per example but the model takes ${model.nin} inputs.`);
  const lossOf = resolveLoss(model, options.loss);
  const outAct = model.layers[model.layers.length - 1].activation;
  let loss = 0, hits = 0;
  for (let i = 0; i < data.y.length; i++) {
    model.clearGraph();
    const outputs = model.forward(data.X[i]);
    if (outputsToClass(outputs.map((o) => o.data), outAct) === data.y[i]) hits++;
    loss += lossOf(outputs, data.y[i]).data;
  }
  model.clearGraph();
  return { loss: loss / data.y.length, accuracy: hits / data.y.length };
}
