/**
 * lib/nn's {@link MLP} seen as a stack of dense layers on one flat parameter vector θ, with a
 * hand-written forward and backward pass on `Float64Array`s: what K-FAC, the Gauss–Newton
 * matrix and the Fisher need from a network (each layer's input a and pre-activation gradient δ
 * per example), and a fast full-batch loss and gradient for training a toy MLP with any
 * {@link Optimizer}.
 *
 * **Layout of θ = the order of `mlp.parameters()`**: layer by layer, unit by unit, each unit's
 * weights and then its bias. So layer l's block is the row-major matrix W̄ₗ = [Wₗ | bₗ] of
 * shape outₗ × (inₗ + 1), and with ā = [a; 1] (a 1 appended for the bias, as in Martens &
 * Grosse 2015) the layer computes sₗ = W̄ₗ āₗ₋₁, aₗ = act(sₗ). Backprop (Lecture 8 notes
 * (Université Côte d'Azur) §5) gives δₗ = ∂ℓ/∂sₗ, ∂ℓ/∂W̄ₗ = δₗ āₗ₋₁ᵀ and
 * δₗ₋₁ = act′(sₗ₋₁) ⊙ (Wₗᵀδₗ).
 *
 * The losses are lib/nn's (`resolveLoss`): softmax cross-entropy on ≥ 2 logits, binary cross-entropy
 * on one logit, and MSE = (1/k)Σ(oᵢ − tᵢ)² against the one-hot label. The tests check loss and
 * gradient against the autodiff engine.
 */
import type { Activation, MLP } from "../nn/mlp";
import { activateNumber } from "../nn/mlp";
import type { Dataset } from "../data/dataset";
import type { Problem } from "../problems/problem";

/** Which per-example loss; "auto" is lib/nn's default (cross-entropy for ≥ 2 outputs, BCE on one linear output). */
export type LayerLoss = "auto" | "cross-entropy" | "bce-with-logits" | "mse";

/** The shapes of a dense stack: sizes [n₀, n₁, …, n_L], one activation per layer. */
export interface DenseStack {
  /** [inputs, width of layer 1, …, outputs]. */
  readonly sizes: readonly number[];
  /** act of layers 1 … L. */
  readonly activations: readonly Activation[];
  /** The loss, resolved ("auto" replaced). */
  readonly loss: Exclude<LayerLoss, "auto">;
  /** Start of layer l's block W̄ₗ in θ (l = 0 … L−1 for layers 1 … L), and θ's length at the end. */
  readonly offsets: readonly number[];
}

/** Everything a forward pass of one example keeps for the backward pass. */
export interface LayerCache {
  /** āₗ = [aₗ; 1] for l = 0 … L−1: the input of layer l + 1 with the bias's 1 appended. */
  inputs: Float64Array[];
  /** sₗ for layers 1 … L (pre-activations). */
  pre: Float64Array[];
  /** The network's outputs act_L(s_L). */
  output: Float64Array;
}

/** The dense-stack view of `mlp` (it must have biases: K-FAC's ā = [a; 1] assumes them). */
export function denseStackOf(mlp: MLP, loss: LayerLoss = "auto"): DenseStack {
  const sizes = [mlp.nin, ...mlp.layers.map((l) => l.nout)];
  const activations = mlp.layers.map((l) => l.activation);
  if (mlp.layers.some((l) => l.neurons.some((n) => n.b === null))) {
    throw new RangeError("denseStackOf: the MLP has layers without biases; build it with bias: true (the default), since the layer view appends a 1 for the bias.");
  }
  const k = sizes[sizes.length - 1];
  const outAct = activations[activations.length - 1];
  let resolved: Exclude<LayerLoss, "auto">;
  if (loss === "auto") {
    if (k >= 2) resolved = "cross-entropy";
    else if (outAct === "linear") resolved = "bce-with-logits";
    else throw new RangeError(`denseStackOf: with one ${outAct} output the loss is ambiguous; say loss: "mse" or use a linear output.`);
  } else if (loss === "cross-entropy" || loss === "bce-with-logits" || loss === "mse") resolved = loss;
  else throw new RangeError(`denseStackOf: unknown loss ${JSON.stringify(loss)}; use "auto", "cross-entropy", "bce-with-logits" or "mse".`);
  if (resolved === "cross-entropy" && k < 2) throw new RangeError('denseStackOf: "cross-entropy" needs ≥ 2 outputs; use "bce-with-logits" with one.');
  if (resolved === "bce-with-logits" && k !== 1) throw new RangeError(`denseStackOf: "bce-with-logits" needs exactly one output, the MLP has ${k}.`);
  const offsets = [0];
  for (let l = 1; l < sizes.length; l++) offsets.push(offsets[l - 1] + sizes[l] * (sizes[l - 1] + 1));
  return { sizes, activations, loss: resolved, offsets };
}

/** θ read from the MLP's parameters (in `mlp.parameters()` order). */
export function getParams(mlp: MLP): Float64Array {
  return Float64Array.from(mlp.parameters(), (p) => p.data);
}

/** Writes θ into the MLP's parameters, so `mlp.predict` and lib/plot see the trained network. */
export function setParams(mlp: MLP, theta: ArrayLike<number>): void {
  const ps = mlp.parameters();
  if (theta.length !== ps.length) throw new RangeError(`setParams: θ has ${theta.length} entries but the MLP has ${ps.length} parameters.`);
  ps.forEach((p, i) => (p.data = theta[i]));
}

function actDerivative(s: number, a: number, act: Activation): number {
  switch (act) {
    case "tanh":
      return 1 - a * a;
    case "sigmoid":
      return a * (1 - a);
    case "relu":
      return s > 0 ? 1 : 0;
    default:
      return 1;
  }
}

/** One example's forward pass through the stack at θ. */
export function forwardLayers(stack: DenseStack, theta: ArrayLike<number>, x: ArrayLike<number>): LayerCache {
  const { sizes, activations, offsets } = stack;
  const L = sizes.length - 1;
  const inputs: Float64Array[] = [];
  const pre: Float64Array[] = [];
  let a: ArrayLike<number> = x;
  for (let l = 0; l < L; l++) {
    const nin = sizes[l], nout = sizes[l + 1], off = offsets[l];
    const bar = new Float64Array(nin + 1);
    for (let j = 0; j < nin; j++) bar[j] = a[j];
    bar[nin] = 1;
    inputs.push(bar);
    const s = new Float64Array(nout);
    const h = new Float64Array(nout);
    for (let i = 0; i < nout; i++) {
      let z = 0;
      const row = off + i * (nin + 1);
      for (let j = 0; j <= nin; j++) z += theta[row + j] * bar[j];
      s[i] = z;
      h[i] = activateNumber(z, activations[l]);
    }
    pre.push(s);
    a = h;
  }
  return { inputs, pre, output: a as Float64Array };
}

/** The loss of one example and ∂ℓ/∂s_L (δ at the output's pre-activation). */
export function outputLoss(stack: DenseStack, cache: LayerCache, label: number): { loss: number; delta: Float64Array } {
  const o = cache.output;
  const s = cache.pre[cache.pre.length - 1];
  const k = o.length;
  const delta = new Float64Array(k);
  if (stack.loss === "cross-entropy") {
    const p = softmax(o);
    for (let c = 0; c < k; c++) delta[c] = p[c] - (c === label ? 1 : 0);
    const m = Math.max(...o);
    let z = 0;
    for (let c = 0; c < k; c++) z += Math.exp(o[c] - m);
    return { loss: m + Math.log(z) - o[label], delta };
  }
  if (stack.loss === "bce-with-logits") {
    const t = o[0];
    delta[0] = sigmoid(t) - label;
    // log(1 + e^t) − y·t, written so e^t never overflows.
    return { loss: Math.max(t, 0) - label * t + Math.log1p(Math.exp(-Math.abs(t))), delta };
  }
  const act = stack.activations[stack.activations.length - 1];
  let loss = 0;
  for (let c = 0; c < k; c++) {
    const target = k === 1 ? label : c === label ? 1 : 0;
    const r = o[c] - target;
    loss += (r * r) / k;
    delta[c] = ((2 * r) / k) * actDerivative(s[c], o[c], act);
  }
  return { loss, delta };
}

/**
 * Backpropagates an output δ (any vector u at s_L, e.g. ∂ℓ/∂s_L or a column of a factor of the
 * output Hessian) and returns δₗ for every layer l = 1 … L. The gradient of uᵀs_L with respect
 * to W̄ₗ is δₗ āₗ₋₁ᵀ.
 */
export function backwardLayers(stack: DenseStack, theta: ArrayLike<number>, cache: LayerCache, outputDelta: ArrayLike<number>): Float64Array[] {
  const { sizes, activations, offsets } = stack;
  const L = sizes.length - 1;
  const deltas: Float64Array[] = new Array(L);
  deltas[L - 1] = Float64Array.from(outputDelta);
  for (let l = L - 1; l > 0; l--) {
    const nin = sizes[l], nout = sizes[l + 1], off = offsets[l];
    const d = deltas[l];
    const below = new Float64Array(nin);
    for (let i = 0; i < nout; i++) {
      const row = off + i * (nin + 1);
      const di = d[i];
      if (di !== 0) for (let j = 0; j < nin; j++) below[j] += di * theta[row + j];
    }
    const s = cache.pre[l - 1];
    const a = cache.inputs[l]; // ā_l holds act(s_l) in its first nin entries
    for (let j = 0; j < nin; j++) below[j] *= actDerivative(s[j], a[j], activations[l - 1]);
    deltas[l - 1] = below;
  }
  return deltas;
}

/** Adds scale · Σₗ vec(δₗ āₗ₋₁ᵀ) into `out` (a flat gradient in θ's layout). */
export function accumulateGradient(stack: DenseStack, cache: LayerCache, deltas: readonly Float64Array[], out: Float64Array, scale = 1): void {
  const { sizes, offsets } = stack;
  for (let l = 0; l < sizes.length - 1; l++) {
    const nin = sizes[l], nout = sizes[l + 1], off = offsets[l];
    const a = cache.inputs[l], d = deltas[l];
    for (let i = 0; i < nout; i++) {
      const di = d[i] * scale;
      if (di === 0) continue;
      const row = off + i * (nin + 1);
      for (let j = 0; j <= nin; j++) out[row + j] += di * a[j];
    }
  }
}

/**
 * Columns u_c of a factor of the loss's Hessian with respect to the network output,
 * ∇²_{s}ℓ = Σ_c u_c u_cᵀ (for MSE, the Gauss–Newton part through the output activation):
 * cross-entropy diag(p) − ppᵀ = Σ_c p_c(e_c − p)(e_c − p)ᵀ, so u_c = √p_c (e_c − p) (the
 * expectation over labels drawn from the model: the Fisher); BCE: u = √(p(1 − p)); MSE:
 * u_c = √(2/k)·act′(s_c)·e_c. Independent of the true label.
 */
export function outputHessianFactor(stack: DenseStack, cache: LayerCache): Float64Array[] {
  const o = cache.output;
  const k = o.length;
  if (stack.loss === "cross-entropy") {
    const p = softmax(o);
    return p.map((pc, c) => {
      const u = new Float64Array(k);
      const r = Math.sqrt(pc);
      for (let j = 0; j < k; j++) u[j] = r * ((j === c ? 1 : 0) - p[j]);
      return u;
    });
  }
  if (stack.loss === "bce-with-logits") {
    const p = sigmoid(o[0]);
    return [Float64Array.of(Math.sqrt(p * (1 - p)))];
  }
  const s = cache.pre[cache.pre.length - 1];
  const act = stack.activations[stack.activations.length - 1];
  return Array.from({ length: k }, (_, c) => {
    const u = new Float64Array(k);
    u[c] = Math.sqrt(2 / k) * actDerivative(s[c], o[c], act);
    return u;
  });
}

/**
 * The mean loss (1/|B|)Σ ℓᵢ and its gradient over the examples `batch` (default all), by the
 * hand-written passes above.
 */
export function lossAndGradient(stack: DenseStack, theta: ArrayLike<number>, data: Dataset, batch?: ArrayLike<number>): { loss: number; grad: Float64Array } {
  const idx = batch ?? data.y.map((_, i) => i);
  if (theta.length !== stack.offsets[stack.offsets.length - 1]) {
    throw new RangeError(`lossAndGradient: θ has ${theta.length} entries but the network has ${stack.offsets[stack.offsets.length - 1]} parameters.`);
  }
  if (idx.length === 0) throw new RangeError("lossAndGradient: the batch is empty.");
  const grad = new Float64Array(theta.length);
  let loss = 0;
  for (let t = 0; t < idx.length; t++) {
    const i = idx[t];
    const cache = forwardLayers(stack, theta, data.X[i]);
    const out = outputLoss(stack, cache, data.y[i]);
    loss += out.loss;
    accumulateGradient(stack, cache, backwardLayers(stack, theta, cache, out.delta), grad, 1 / idx.length);
  }
  return { loss: loss / idx.length, grad };
}

/** Fraction of `data` the network at θ classifies right (argmax of the outputs; one output: > 0 for a logit, > 0.5 for a sigmoid, as lib/nn). */
export function accuracy(stack: DenseStack, theta: ArrayLike<number>, data: Dataset): number {
  let hits = 0;
  const act = stack.activations[stack.activations.length - 1];
  for (let i = 0; i < data.y.length; i++) {
    const o = forwardLayers(stack, theta, data.X[i]).output;
    let c = 0;
    if (o.length === 1) c = o[0] > (act === "sigmoid" ? 0.5 : 0) ? 1 : 0;
    else for (let j = 1; j < o.length; j++) if (o[j] > o[c]) c = j;
    if (c === data.y[i]) hits++;
  }
  return hits / data.y.length;
}

function softmax(z: ArrayLike<number>): number[] {
  let m = -Infinity;
  for (let i = 0; i < z.length; i++) m = Math.max(m, z[i]);
  const e = Array.from(z, (v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/** The mean loss (1/|B|)Σ ℓᵢ over `batch` (default all), forward passes only. */
export function lossOnly(stack: DenseStack, theta: ArrayLike<number>, data: Dataset, batch?: ArrayLike<number>): number {
  const idx = batch ?? data.y.map((_, i) => i);
  if (idx.length === 0) throw new RangeError("lossOnly: the batch is empty.");
  let loss = 0;
  for (let t = 0; t < idx.length; t++) loss += outputLoss(stack, forwardLayers(stack, theta, data.X[idx[t]]), data.y[idx[t]]).loss;
  return loss / idx.length;
}

/**
 * The MLP's training loss as a finite-sum {@link Problem} over θ, computed by the hand-written
 * passes of this file (no graph is built, so it is several times faster than the engine-based
 * lib/problems/mlp-loss.ts; the tests check both give the same numbers). No Hessian: use
 * lib/second-order/cost.ts to form one when needed. x0 is the model's current parameters.
 */
export function mlpProblem(mlp: MLP, data: Dataset, loss: LayerLoss = "auto"): Problem & { stack: DenseStack } {
  const stack = denseStackOf(mlp, loss);
  if (!data || !Array.isArray(data.X) || data.X.length === 0 || data.X.length !== data.y?.length) throw new RangeError("mlpProblem: data must be a non-empty dataset { X, y } with one label per row.");
  if (data.X[0].length !== stack.sizes[0]) throw new RangeError(`mlpProblem: the data has ${data.X[0].length} features but the MLP takes ${stack.sizes[0]} inputs.`);
  const dim = stack.offsets[stack.offsets.length - 1];
  const put = (g: Float64Array, out?: Float64Array) => (out ? (out.set(g), out) : g);
  return {
    name: `MLP(${stack.sizes.join("-")}) ${stack.loss} loss`,
    dim,
    x0: getParams(mlp),
    convex: false,
    examples: data.y.length,
    stack,
    f: (x) => lossOnly(stack, x, data),
    grad: (x, out) => put(lossAndGradient(stack, x, data).grad, out),
    fBatch: (x, batch) => lossOnly(stack, x, data, batch),
    gradBatch: (x, batch, out) => put(lossAndGradient(stack, x, data, batch).grad, out),
  };
}
