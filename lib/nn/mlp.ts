/**
 * Neurons, layers and multi-layer perceptrons on the scalar autodiff engine, micrograd-style,
 * with the activation chosen per layer and seeded initialisation.
 *
 * A neuron computes act(Σⱼ wⱼxⱼ + b); a layer is a list of neurons reading the same input; an
 * MLP chains layers. Every weight and bias is an input node (a `Value`) on the model's tape,
 * created once, so `parameters()` returns the same objects in the same order for the life of
 * the model: layer by layer, neuron by neuron, each neuron's weights w₀ … w_{nin−1} and then
 * its bias (micrograd's order). Parameters are labelled like the matrix entries of the Lecture 8 notes
 * §5: `W1[i][j]` is the weight from input j to unit i of layer 1, `b1[i]` its bias.
 *
 * **Tape and memory.** A model records on its own {@link Tape} (pass `tape` to share one).
 * Each forward pass adds nodes to it; {@link MLP.clearGraph} drops every node created after the
 * parameters (`tape.rewind` to a mark taken at construction), so a training loop that clears
 * the graph before each step runs in flat memory. `backward()` resets every gradient on the
 * tape before it runs (the engine's default), so there is no `zeroGrad()` to call.
 *
 * **Initialisation** (option `init`, seeded by `seed`):
 * - `"xavier"` (Glorot uniform): w ~ U(−a, a), a = √(6 / (fan_in + fan_out)), b = 0; keeps the
 *   variance of activations and gradients about constant through tanh/sigmoid/linear layers.
 * - `"he"` (Kaiming uniform): w ~ U(−a, a), a = √(6 / fan_in), b = 0; the same for relu, which
 *   zeroes half of its inputs.
 * - `"micrograd"`: w, b ~ U(−1, 1), as micrograd does.
 * - `"auto"` (default): `"he"` for relu layers, `"xavier"` for the others.
 */
import { rng, type Rng } from "../random";
import { Tape } from "../autodiff/tape";
import type { Value } from "../autodiff/value";
import { dot } from "../autodiff/functions";
import { argmax } from "./metrics";

/** A layer's activation: act(z) applied to each unit's weighted input z. */
export type Activation = "tanh" | "relu" | "sigmoid" | "linear";

/** How weights (and biases) start; see the module comment for the formulas. */
export type InitScheme = "auto" | "xavier" | "he" | "micrograd";

const ACTIVATIONS: readonly Activation[] = ["tanh", "relu", "sigmoid", "linear"];
const INITS: readonly InitScheme[] = ["auto", "xavier", "he", "micrograd"];

/** A scalar input to a neuron: a node, or a plain number (recorded once as a constant). */
export type Input = Value | number;

function checkActivation(fn: string, a: unknown): Activation {
  if (!ACTIVATIONS.includes(a as Activation)) {
    throw new RangeError(`${fn}: unknown activation ${JSON.stringify(a)}; use one of ${ACTIVATIONS.map((s) => `"${s}"`).join(", ")}.`);
  }
  return a as Activation;
}

function checkInit(fn: string, s: unknown): InitScheme {
  if (!INITS.includes(s as InitScheme)) {
    throw new RangeError(`${fn}: unknown init ${JSON.stringify(s)}; use one of ${INITS.map((x) => `"${x}"`).join(", ")}.`);
  }
  return s as InitScheme;
}

function checkCount(fn: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1) {
    throw new RangeError(`${fn}: ${name} must be a whole number ≥ 1, got ${String(v)}.`);
  }
  return v;
}

/**
 * Check a plain-number input before a fast prediction: an array of `n` finite numbers. A plain
 * loop with no allocation, so the per-call cost is one pass over the input.
 */
function checkInput(fn: string, x: unknown, n: number, unit: string): void {
  if (!Array.isArray(x)) {
    throw new RangeError(`${fn}: input must be an array of ${n} numbers, got ${x === null ? "null" : typeof x}.`);
  }
  if (x.length !== n) {
    throw new RangeError(`${fn}: input has ${x.length} value${x.length === 1 ? "" : "s"} but the ${unit} takes ${n}.`);
  }
  for (let j = 0; j < n; j++) {
    const v = x[j];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${fn}: input[${j}] is ${typeof v === "number" ? String(v) : typeof v}; every input must be a finite number (check the data for NaN or a diverged value).`);
    }
  }
}

/** The bound a of U(−a, a) for the weights, and whether biases are drawn too. */
function initBounds(scheme: InitScheme, activation: Activation, fanIn: number, fanOut: number): { a: number; bias: number } {
  const s = scheme === "auto" ? (activation === "relu" ? "he" : "xavier") : scheme;
  if (s === "he") return { a: Math.sqrt(6 / fanIn), bias: 0 };
  if (s === "micrograd") return { a: 1, bias: 1 };
  return { a: Math.sqrt(6 / (fanIn + fanOut)), bias: 0 };
}

/** Apply an activation to a node (`"linear"` returns the node itself). */
export function activate(z: Value, activation: Activation): Value {
  switch (activation) {
    case "tanh":
      return z.tanh();
    case "relu":
      return z.relu();
    case "sigmoid":
      return z.sigmoid();
    default:
      return z;
  }
}

/** The same activation on a plain number, for fast prediction without a graph. */
export function activateNumber(z: number, activation: Activation): number {
  switch (activation) {
    case "tanh":
      return Math.tanh(z);
    case "relu":
      return z > 0 ? z : 0;
    case "sigmoid":
      return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    default:
      return z;
  }
}

/** Options of {@link Neuron}. */
export interface NeuronOptions {
  /** act in act(w·x + b); default `"tanh"`. */
  activation?: Activation;
  /** Initialisation scheme; default `"auto"`. */
  init?: InitScheme;
  /** Number of units in the neuron's layer, for Xavier's fan_out; default 1. */
  fanOut?: number;
  /** Include the bias b (default true). The NN optimization slides' network has none. */
  bias?: boolean;
  /** Seed of the initial weights when no `rng` is given; default 0. */
  seed?: number;
  /** A random stream to draw the weights from (a layer passes its own); overrides `seed`. */
  rng?: Rng;
  /** The tape to record the parameters on; default a new one. */
  tape?: Tape;
}

/** One unit: act(Σⱼ wⱼxⱼ + b), with its weights and bias as input nodes. */
export class Neuron {
  /** Weights w₀ … w_{nin−1}. */
  readonly w: Value[];
  /** The bias, or null when built with `bias: false`. */
  readonly b: Value | null;
  readonly activation: Activation;
  readonly tape: Tape;

  /** @param nin number of inputs */
  constructor(readonly nin: number, options: NeuronOptions = {}) {
    checkCount("Neuron", "nin", nin);
    this.activation = checkActivation("Neuron", options.activation ?? "tanh");
    const init = checkInit("Neuron", options.init ?? "auto");
    const fanOut = checkCount("Neuron", "fanOut", options.fanOut ?? 1);
    this.tape = options.tape ?? new Tape();
    const r = options.rng ?? rng(options.seed ?? 0);
    const { a, bias } = initBounds(init, this.activation, nin, fanOut);
    this.w = Array.from({ length: nin }, (_, j) => this.tape.input(r.uniform(-a, a), `w[${j}]`));
    this.b = options.bias === false ? null : this.tape.input(bias === 0 ? 0 : r.uniform(-bias, bias), "b");
  }

  /** act(Σⱼ wⱼxⱼ + b): one `dot` node, one `add`, one activation node. */
  forward(x: readonly Input[]): Value {
    if (!Array.isArray(x) || x.length !== this.nin) {
      throw new RangeError(`Neuron.forward: expected ${this.nin} inputs, got ${Array.isArray(x) ? x.length : String(x)}.`);
    }
    const z = dot(this.w, x);
    return activate(this.b === null ? z : z.add(this.b), this.activation);
  }

  /** [w₀, …, w_{nin−1}, b]: the same objects, in this order, every time. */
  parameters(): Value[] {
    return this.b === null ? this.w.slice() : [...this.w, this.b];
  }

  /** act(w·x + b) on numbers, from the parameters' current values; records nothing. */
  predict(x: readonly number[]): number {
    checkInput("Neuron.predict", x, this.nin, "neuron");
    return this.predictUnchecked(x);
  }

  /** {@link predict} without the input check, for callers that checked already. @internal */
  predictUnchecked(x: readonly number[]): number {
    let z = this.b === null ? 0 : this.b.data;
    for (let j = 0; j < this.nin; j++) z += this.w[j].data * x[j];
    return activateNumber(z, this.activation);
  }

  toString(): string {
    return `${this.activation[0].toUpperCase()}${this.activation.slice(1)}Neuron(${this.nin})`;
  }
}

/** Options of {@link Layer}. */
export interface LayerOptions extends Omit<NeuronOptions, "fanOut"> {
  /** The layer's number in its network, used in labels (`W2[i][j]`); default 1. */
  index?: number;
}

/** nout neurons reading the same nin inputs: x ↦ act(Wx + b). */
export class Layer {
  readonly neurons: Neuron[];
  readonly activation: Activation;
  readonly tape: Tape;

  constructor(readonly nin: number, readonly nout: number, options: LayerOptions = {}) {
    checkCount("Layer", "nin", nin);
    checkCount("Layer", "nout", nout);
    this.activation = checkActivation("Layer", options.activation ?? "tanh");
    this.tape = options.tape ?? new Tape();
    const r = options.rng ?? rng(options.seed ?? 0);
    const k = options.index ?? 1;
    this.neurons = Array.from({ length: nout }, (_, i) => {
      const n = new Neuron(nin, { ...options, activation: this.activation, fanOut: nout, rng: r, tape: this.tape });
      n.w.forEach((w, j) => (w.label = `W${k}[${i}][${j}]`));
      if (n.b !== null) n.b.label = `b${k}[${i}]`;
      return n;
    });
  }

  /** The layer's outputs act(Wx + b); numbers in x become constants once, shared by all neurons. */
  forward(x: readonly Input[]): Value[] {
    if (!Array.isArray(x) || x.length !== this.nin) {
      throw new RangeError(`Layer.forward: expected ${this.nin} inputs, got ${Array.isArray(x) ? x.length : String(x)}.`);
    }
    const xs = x.map((v) => (typeof v === "number" ? this.tape.constant(v) : v));
    return this.neurons.map((n) => n.forward(xs));
  }

  /** Every neuron's parameters, neuron by neuron. */
  parameters(): Value[] {
    return this.neurons.flatMap((n) => n.parameters());
  }

  /** act(Wx + b) on numbers, from the current parameter values; records nothing. */
  predict(x: readonly number[]): number[] {
    checkInput("Layer.predict", x, this.nin, "layer");
    return this.predictUnchecked(x);
  }

  /** {@link predict} without the input check, for callers that checked already. @internal */
  predictUnchecked(x: readonly number[]): number[] {
    const out = new Array<number>(this.nout);
    for (let i = 0; i < this.nout; i++) out[i] = this.neurons[i].predictUnchecked(x);
    return out;
  }

  toString(): string {
    return `Layer(${this.nin} → ${this.nout}, ${this.activation})`;
  }
}

/** Options of {@link MLP}. */
export interface MLPOptions {
  /** Activation of every hidden layer (default `"tanh"`), unless `activations` is given. */
  activation?: Activation;
  /** Activation of the last layer (default `"linear"`: logits for a loss on logits). */
  outputActivation?: Activation;
  /** One activation per layer, overriding `activation` and `outputActivation`. */
  activations?: Activation[];
  /** Initialisation scheme; default `"auto"` (He for relu layers, Xavier otherwise). */
  init?: InitScheme;
  /** Give every neuron a bias (default true). */
  bias?: boolean;
  /** Seed of the initial parameters; default 0. */
  seed?: number;
  /** The tape to record on; default a new tape owned by the model. */
  tape?: Tape;
}

/**
 * A multi-layer perceptron: `new MLP(2, [16, 16, 2])` has two hidden layers of 16 units and
 * 2 outputs. By default hidden layers use tanh and the output layer is linear (its outputs are
 * logits, for {@link crossEntropyLoss} or {@link bceWithLogitsLoss}).
 */
export class MLP {
  readonly layers: Layer[];
  readonly tape: Tape;
  /** Number of inputs. */
  readonly nin: number;
  /** Number of outputs (units of the last layer). */
  readonly nout: number;
  /** The tape length right after the parameters were created: {@link clearGraph} rewinds to it. */
  readonly mark: number;
  private readonly params: Value[];

  /**
   * @param nin number of inputs
   * @param nouts the width of every layer, the last one being the number of outputs
   */
  constructor(nin: number, nouts: readonly number[], options: MLPOptions = {}) {
    checkCount("MLP", "nin", nin);
    if (!Array.isArray(nouts) || nouts.length === 0) {
      throw new RangeError(`MLP: nouts must list the width of every layer, e.g. new MLP(2, [16, 16, 2]); got ${JSON.stringify(nouts)}.`);
    }
    nouts.forEach((n, l) => checkCount("MLP", `nouts[${l}]`, n));
    let acts: Activation[];
    if (options.activations !== undefined) {
      if (!Array.isArray(options.activations) || options.activations.length !== nouts.length) {
        throw new RangeError(`MLP: activations needs one entry per layer (${nouts.length}), got ${JSON.stringify(options.activations)}.`);
      }
      acts = options.activations.map((a) => checkActivation("MLP", a));
    } else {
      const hidden = checkActivation("MLP", options.activation ?? "tanh");
      const out = checkActivation("MLP", options.outputActivation ?? "linear");
      acts = nouts.map((_, l) => (l === nouts.length - 1 ? out : hidden));
    }
    this.tape = options.tape ?? new Tape();
    const r = rng(options.seed ?? 0);
    const sizes = [nin, ...nouts];
    this.layers = nouts.map(
      (n, l) => new Layer(sizes[l], n, { activation: acts[l], init: options.init, bias: options.bias, rng: r, tape: this.tape, index: l + 1 }),
    );
    this.nin = nin;
    this.nout = nouts[nouts.length - 1];
    this.params = this.layers.flatMap((layer) => layer.parameters());
    this.mark = this.tape.mark();
  }

  /** The network's outputs for one input, as nodes (recorded on the model's tape). */
  forward(x: readonly Input[]): Value[] {
    let h: readonly Input[] = x;
    for (const layer of this.layers) h = layer.forward(h);
    return h as Value[];
  }

  /** Every weight and bias, layer by layer (stable order and identity). */
  parameters(): Value[] {
    return this.params.slice();
  }

  /** The number of scalar parameters. */
  get size(): number {
    return this.params.length;
  }

  /** The outputs for one input as plain numbers, from the current parameters; records nothing (fast, for plots). */
  predict(x: readonly number[]): number[] {
    checkInput("MLP.predict", x, this.nin, "network");
    // Inner layers get finite numbers from the checked input, so they skip the check.
    let h: readonly number[] = x;
    for (const layer of this.layers) h = layer.predictUnchecked(h);
    return h as number[];
  }

  /**
   * The predicted class for one input: the index of the largest output when there are several,
   * else 1 if the single output is above its decision threshold (0.5 after a sigmoid output,
   * 0 for a logit or a tanh output), else 0.
   */
  predictClass(x: readonly number[]): number {
    return outputsToClass(this.predict(x), this.layers[this.layers.length - 1].activation);
  }

  /**
   * Drop the graph of every forward pass so far (all nodes recorded after the parameters),
   * keeping the parameters and their values. Call it before each training step; nodes from
   * earlier passes must not be used afterwards (the engine throws if they are).
   */
  clearGraph(): void {
    if (this.tape.length < this.mark) {
      throw new RangeError("MLP.clearGraph: the model's tape was reset below its parameters; build a new model.");
    }
    this.tape.rewind(this.mark);
  }

  toString(): string {
    return `MLP(${this.nin} → ${this.layers.map((l) => `${l.nout} ${l.activation}`).join(" → ")}; ${this.size} parameters)`;
  }
}

/**
 * Turn a network's outputs into a class: argmax for several outputs; for one output, 1 above
 * the threshold (0.5 after a sigmoid output activation, else 0), 0 otherwise.
 */
export function outputsToClass(outputs: readonly number[], outputActivation: Activation = "linear"): number {
  if (outputs.length === 1) return outputs[0] > (outputActivation === "sigmoid" ? 0.5 : 0) ? 1 : 0;
  return argmax(outputs);
}
