/**
 * An MLP's parameters as one flat vector θ, in the order of `model.parameters()` (layer by
 * layer, neuron by neuron, each neuron's weights then its bias), so a lesson can move through
 * parameter space: evaluate the loss along a line θ(s) = θ_a + s(θ_b − θ_a), or swap two hidden
 * units and see that the network computes the same function (the permutation symmetry that
 * makes a network's loss non-convex).
 */
import type { MLP } from "./mlp";

/** θ: the current values of every parameter, in `model.parameters()` order (a new array). */
export function getParameters(model: MLP): number[] {
  return model.parameters().map((p) => p.data);
}

/** Writes θ into the model's parameters (same order as {@link getParameters}). */
export function setParameters(model: MLP, theta: readonly number[]): void {
  const params = model.parameters();
  if (!Array.isArray(theta) || theta.length !== params.length) {
    throw new RangeError(`setParameters: the model has ${params.length} parameters but θ has ${Array.isArray(theta) ? theta.length : String(theta)} entries.`);
  }
  theta.forEach((v, k) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`setParameters: θ[${k}] is ${String(v)}; every parameter must be a finite number.`);
  });
  params.forEach((p, k) => (p.data = theta[k]));
}

/**
 * The parameter vector with hidden units i and j of layer `layer` (1-based, not the output layer)
 * exchanged: their incoming weights and biases swap, and so do the weights that read them in
 * the next layer. The network computes exactly the same function with either vector. The model
 * itself is not changed.
 */
export function swapHiddenUnits(model: MLP, layer: number, i: number, j: number): number[] {
  const fn = "swapHiddenUnits";
  const L = model.layers.length;
  if (!Number.isSafeInteger(layer) || layer < 1 || layer >= L) {
    throw new RangeError(`${fn}: layer must be a hidden layer, 1 to ${L - 1} (layer ${L} is the output), got ${layer}.`);
  }
  const width = model.layers[layer - 1].nout;
  for (const [name, u] of [["i", i], ["j", j]] as const) {
    if (!Number.isSafeInteger(u) || u < 0 || u >= width) throw new RangeError(`${fn}: ${name} must be a unit of layer ${layer}, 0 to ${width - 1}, got ${u}.`);
  }
  // Index of every parameter in the flat vector.
  const index = new Map(model.parameters().map((p, k) => [p, k]));
  const theta = getParameters(model);
  const out = theta.slice();
  const swap = (p: number, q: number) => {
    out[p] = theta[q];
    out[q] = theta[p];
  };
  const here = model.layers[layer - 1].neurons;
  here[i].parameters().forEach((p, k) => swap(index.get(p)!, index.get(here[j].parameters()[k])!));
  for (const nrn of model.layers[layer].neurons) swap(index.get(nrn.w[i])!, index.get(nrn.w[j])!);
  return out;
}
