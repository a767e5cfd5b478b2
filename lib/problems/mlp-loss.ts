/**
 * The training loss of one of lib/nn's MLPs on a toy dataset, as a {@link Problem} over the flat
 * parameter vector θ (every weight and bias, in `model.parameters()` order): the non-convex
 * finite sum every deep-learning optimizer is really for,
 *
 *     f(θ) = (1/N) Σᵢ ℓ(net_θ(xᵢ), yᵢ)     (Topic 4 slides, "NN training objective")
 *
 * with ℓ the same per-example loss lib/nn/train.ts uses (`resolveLoss`: cross-entropy on the
 * logits for several outputs, BCE-with-logits for one) averaged by the same `meanLoss`, so a
 * run here and a `train()` run minimise the same function. Values and gradients come from the
 * autodiff engine (one forward pass and one reverse pass per call); Hessian–vector products
 * from forward mode over the reverse pass (lib/autodiff/hvp.ts), exactly.
 *
 * Every call writes θ into the model's parameters, builds the graph, reads what it needs and
 * rewinds the model's tape to just after its parameters (`model.clearGraph()`), so the tape
 * does not grow from call to call however long a run is. The problem owns its model: do not
 * train the same model elsewhere at the same time.
 *
 * Facts: convex = false; x*, f*, L, μ unknown (estimate local curvature with
 * lib/problems/curvature.ts). Default: MLP(2, [8, 2]) with tanh, seed 0, on moons (n = 100,
 * noise 0.1, seed 0); x0 is the model's seeded initialisation.
 */
import type { Problem } from "./problem";
import { MLP, type Activation } from "../nn/mlp";
import { resolveLoss, type LossOption } from "../nn/train";
import { meanLoss } from "../nn/losses";
import { moons } from "../data/toy2d";
import { checkDataset, checkOptionKeys, type Dataset } from "../data/dataset";
import { hessianVectorProduct } from "../autodiff/hvp";
import type { Value } from "../autodiff/value";
import { checkBatch, checkPoint, outVector } from "./check";

/** Options of {@link MLPLoss}. */
export interface MLPLossOptions {
  /** The data; default `moons({ n: 100, noise: 0.1, seed: 0 })`. */
  data?: Dataset;
  /** A model to use (its current parameters become x0); default a new MLP(d, [...hidden, classes]). */
  model?: MLP;
  /** Hidden layer widths of the default model; default [8]. */
  hidden?: number[];
  /** Hidden activation of the default model; default "tanh" (smooth, so the Hessian exists everywhere). */
  activation?: Activation;
  /** Seed of the default model's initialisation; default 0. */
  seed?: number;
  /** The per-example loss, as in `train`; default "auto". */
  loss?: LossOption;
}

/** An MLP's mean training loss as a Problem over θ; see the module comment. */
export class MLPLoss implements Problem {
  readonly name: string;
  readonly dim: number;
  readonly x0: Float64Array;
  readonly convex = false;
  /** N, the number of examples. */
  readonly examples: number;
  /** The network whose parameters θ are written into at every call. */
  readonly model: MLP;
  /** The training data. */
  readonly data: Dataset;
  private readonly params: Value[];
  private readonly lossOf: (outputs: Value[], label: number) => Value;
  private readonly all: number[];

  constructor(options: MLPLossOptions = {}) {
    const who = "MLPLoss";
    checkOptionKeys(who, options, ["data", "model", "hidden", "activation", "seed", "loss"]);
    const data = options.data ?? moons({ n: 100, noise: 0.1, seed: 0 });
    const width = checkDataset(who, data);
    const classes = Math.max(2, ...data.y.map((c) => c + 1));
    if (options.model !== undefined && (options.hidden !== undefined || options.activation !== undefined || options.seed !== undefined)) {
      throw new TypeError(`${who}: give either a model or the options to build one (hidden, activation, seed), not both.`);
    }
    const hidden = options.hidden ?? [8];
    if (!Array.isArray(hidden)) throw new TypeError(`${who}: hidden must be an array of layer widths such as [8], got ${String(hidden)}.`);
    const model = options.model ?? new MLP(width, [...hidden, classes], { activation: options.activation ?? "tanh", seed: options.seed ?? 0 });
    if (model.nin !== width) throw new RangeError(`${who}: the data has ${width} features per example but the model takes ${model.nin} inputs.`);
    this.model = model;
    this.data = data;
    this.lossOf = resolveLoss(model, options.loss ?? "auto");
    this.params = model.parameters();
    this.dim = this.params.length;
    this.x0 = Float64Array.from(this.params, (p) => p.data);
    this.examples = data.y.length;
    this.all = Array.from({ length: this.examples }, (_, i) => i);
    this.name = `MLP(${model.nin}→${model.layers.map((l) => l.nout).join("→")}) loss on ${this.examples} points`;
  }

  /** Write θ into the model, build the mean loss over `batch`, run `read`, then clear the graph. */
  private withLoss<T>(theta: Float64Array, batch: ArrayLike<number>, read: (R: Value) => T): T {
    const ps = this.params;
    for (let j = 0; j < ps.length; j++) ps[j].data = theta[j];
    this.model.clearGraph();
    try {
      const losses: Value[] = new Array(batch.length);
      for (let k = 0; k < batch.length; k++) {
        const i = batch[k];
        losses[k] = this.lossOf(this.model.forward(this.data.X[i]), this.data.y[i]);
      }
      return read(meanLoss(losses));
    } finally {
      this.model.clearGraph();
    }
  }

  private value(theta: Float64Array, batch: ArrayLike<number>): number {
    return this.withLoss(theta, batch, (R) => R.data);
  }

  private gradient(theta: Float64Array, batch: ArrayLike<number>, g: Float64Array): Float64Array {
    return this.withLoss(theta, batch, (R) => {
      R.backward();
      for (let j = 0; j < this.dim; j++) g[j] = this.params[j].grad;
      return g;
    });
  }

  /** The mean loss over all examples. */
  f(theta: Float64Array): number {
    checkPoint(() => `${this.name}: f`, "x", theta, this.dim);
    return this.value(theta, this.all);
  }

  /** ∇f(θ) by one reverse pass. */
  grad(theta: Float64Array, out?: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: grad`, "x", theta, this.dim);
    return this.gradient(theta, this.all, outVector(() => `${this.name}: grad`, out, this.dim));
  }

  /** The mean loss over a batch of example indices. */
  fBatch(theta: Float64Array, batch: ArrayLike<number>): number {
    checkPoint(() => `${this.name}: fBatch`, "x", theta, this.dim);
    checkBatch(`${this.name}: fBatch`, batch, this.examples);
    return this.value(theta, batch);
  }

  /** The gradient of the mean loss over a batch. */
  gradBatch(theta: Float64Array, batch: ArrayLike<number>, out?: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: gradBatch`, "x", theta, this.dim);
    checkBatch(`${this.name}: gradBatch`, batch, this.examples);
    return this.gradient(theta, batch, outVector(() => `${this.name}: gradBatch`, out, this.dim));
  }

  /** ∇²f(θ)·v, exactly, by forward mode over the reverse pass (lib/autodiff/hvp.ts). */
  hvp(theta: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
    checkPoint(() => `${this.name}: hvp`, "x", theta, this.dim);
    checkPoint(() => `${this.name}: hvp`, "v", v, this.dim);
    const o = outVector(() => `${this.name}: hvp`, out, this.dim);
    return this.withLoss(theta, this.all, (R) => {
      o.set(hessianVectorProduct(R, this.params, v).hv);
      return o;
    });
  }
}
