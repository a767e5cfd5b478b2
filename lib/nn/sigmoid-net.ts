/**
 * The NN optimization slides' "Backprop" network, with the δ recursion written by hand on plain arrays: every
 * layer a sigmoid, no biases, a binary cross-entropy loss on the output.
 *
 *   a⁽¹⁾ = x,  z⁽ˡ⁺¹⁾ = Θ⁽ˡ⁾a⁽ˡ⁾,  a⁽ˡ⁺¹⁾ = g(z⁽ˡ⁺¹⁾) for l = 1..L,  ŷ = a⁽ᴸ⁺¹⁾,  g(z) = 1/(1 + e⁻ᶻ)
 *
 * **Index convention.** Layers are numbered from 1 (the input) to L + 1 (the output), and the
 * arrays here use the same numbers: `a[l]` is a⁽ˡ⁾, `z[l]` is z⁽ˡ⁾, `Theta[l]` is Θ⁽ˡ⁾,
 * `delta[l]` is δ⁽ˡ⁾, `grad[l]` is ∂L/∂Θ⁽ˡ⁾. Slots that have no meaning (index 0 everywhere,
 * z[1] and δ[1] for the input layer) hold empty arrays, so `Theta.length === L + 1`.
 * Θ⁽ˡ⁾ maps layer l to layer l + 1: `Theta[l][i][j]` = Θ⁽ˡ⁾ᵢⱼ is the weight from unit j of
 * layer l to unit i of layer l + 1, and Θ⁽ˡ⁾ has shape (n_{l+1} × n_l). The seed mixes two
 * conventions on some slides (z⁽ˡ⁺¹⁾ = Θ⁽ˡ⁺¹⁾a⁽ˡ⁾ next to z⁽ˡ⁺¹⁾ = Θ⁽ˡ⁾a⁽ˡ⁾); this file uses
 * the second everywhere, which is the one its δ recursion and gradient formula need. The seed's
 * last weight Θ⁽ᴸ⁾ ∈ ℝᵐ is a 1 × m matrix here (one output unit); more output units are
 * allowed, each a separate binary label.
 *
 * **Sign of the loss.** The seed writes L(y, ŷ) = y log ŷ + (1 − y) log(1 − ŷ), which is the
 * log-likelihood (to be maximised), and derives δ⁽ᴸ⁺¹⁾ = y − a⁽ᴸ⁺¹⁾. This file minimises the
 * usual loss, the negative log-likelihood
 *
 *   L(y, ŷ) = −[y log ŷ + (1 − y) log(1 − ŷ)],
 *
 * so its output delta is δ⁽ᴸ⁺¹⁾ = ∂L/∂z⁽ᴸ⁺¹⁾ = a⁽ᴸ⁺¹⁾ − y, every δ and gradient has the
 * opposite sign of the seed's, and gradient *descent* Θ ← Θ − η ∂L/∂Θ lowers the loss.
 * The hidden recursion is the seed's, unchanged:
 *
 *   δ⁽ˡ⁾ᵢ = a⁽ˡ⁾ᵢ (1 − a⁽ˡ⁾ᵢ) Σₖ δ⁽ˡ⁺¹⁾ₖ Θ⁽ˡ⁾ₖᵢ  (l = L, …, 2),   ∂L/∂Θ⁽ˡ⁾ᵢⱼ = δ⁽ˡ⁺¹⁾ᵢ a⁽ˡ⁾ⱼ.
 */
import { rng } from "../random";
import { checkMatrix, checkVector, matTVec, matVec, outer, type Matrix } from "./dense";

/**
 * The weights of a sigmoid network, indexed from 1 like the NN optimization slides: `Theta[l]` is Θ⁽ˡ⁾
 * (shape n_{l+1} × n_l) for l = 1..L, and `Theta[0]` is an empty array.
 */
export type SigmoidNet = Matrix[];

/** The forward pass's stored values, indexed from 1: `a[l]` = a⁽ˡ⁾ (l = 1..L+1), `z[l]` = z⁽ˡ⁾ (l = 2..L+1). */
export interface SigmoidNetCache {
  a: number[][];
  z: number[][];
}

/** The backward pass's results, indexed from 1: `delta[l]` = δ⁽ˡ⁾ (l = 2..L+1), `grad[l]` = ∂L/∂Θ⁽ˡ⁾ (l = 1..L). */
export interface SigmoidNetBackward {
  delta: number[][];
  grad: Matrix[];
}

/** Options of {@link initSigmoidNet}. */
export interface SigmoidNetInit {
  /** Widths of layers 1..L+1: `[d, m, …, m, 1]` in the seed (input width first, output last). */
  sizes: number[];
  /** seed of the weights (default 0) */
  seed?: number;
}

/**
 * Seeded random weights: Θ⁽ˡ⁾ᵢⱼ ~ U(−a, a) with a = √(6 / (n_l + n_{l+1})) (Xavier/Glorot
 * uniform). Returned with the empty slot 0, ready for {@link sigmoidNetForward}.
 */
export function initSigmoidNet(options: SigmoidNetInit): SigmoidNet {
  const { sizes, seed = 0 } = options ?? ({} as SigmoidNetInit);
  if (!Array.isArray(sizes) || sizes.length < 2 || !sizes.every((s) => Number.isSafeInteger(s) && s >= 1)) {
    throw new RangeError(`initSigmoidNet: sizes must list at least two layer widths (whole numbers ≥ 1), input first, e.g. [2, 4, 1]; got ${JSON.stringify(sizes)}.`);
  }
  const r = rng(seed);
  const Theta: SigmoidNet = [[]];
  for (let l = 1; l < sizes.length; l++) {
    const nIn = sizes[l - 1], nOut = sizes[l];
    const a = Math.sqrt(6 / (nIn + nOut));
    Theta.push(Array.from({ length: nOut }, () => Array.from({ length: nIn }, () => r.uniform(-a, a))));
  }
  return Theta;
}

/** Check the 1-based layout and that consecutive Θ's shapes chain; returns the widths of layers 1..L+1. @internal */
export function checkSigmoidNet(fn: string, Theta: SigmoidNet): number[] {
  if (!Array.isArray(Theta) || Theta.length < 2 || !Array.isArray(Theta[0]) || Theta[0].length !== 0) {
    throw new RangeError(`${fn}: Theta is indexed from 1 like the NN optimization slides: pass [[], Θ⁽¹⁾, …, Θ⁽ᴸ⁾] with an empty slot 0 (initSigmoidNet builds one).`);
  }
  const widths: number[] = [];
  for (let l = 1; l < Theta.length; l++) {
    const [rows, cols] = checkMatrix(fn, `Theta[${l}]`, Theta[l]);
    if (l === 1) widths.push(cols);
    else if (cols !== widths[l - 1]) {
      throw new RangeError(`${fn}: Theta[${l}] has ${cols} columns but layer ${l} has ${widths[l - 1]} units (rows of Theta[${l - 1}]); Θ⁽ˡ⁾ must be (n_{l+1} × n_l).`);
    }
    widths.push(rows);
  }
  return [0, ...widths];
}

/** g(z) = 1 / (1 + e⁻ᶻ), evaluated as eᶻ / (1 + eᶻ) for z < 0 so e⁻ᶻ never overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + eᶻ), as max(z, 0) + log(1 + e^{−|z|}) so it neither overflows nor loses small values. */
function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** Check binary targets y ∈ [0, 1] of the output width; a single number is a 1-output target. */
function targetVector(fn: string, y: number | readonly number[], k: number): number[] {
  const v = typeof y === "number" ? [y] : Array.isArray(y) ? y.slice() : null;
  if (v === null) throw new TypeError(`${fn}: y must be a number in [0, 1] or an array of them, one per output unit.`);
  checkVector(fn, "y", v, k);
  if (v.some((t) => t < 0 || t > 1)) throw new RangeError(`${fn}: binary targets must lie in [0, 1], got [${v.join(", ")}].`);
  return v;
}

/**
 * Binary cross-entropy (negative log-likelihood) of sigmoid outputs, from the logits z:
 * L = −Σᵢ [yᵢ log g(zᵢ) + (1 − yᵢ) log(1 − g(zᵢ))] = Σᵢ softplus(zᵢ) − yᵢ zᵢ. The logit form
 * never takes log 0, even when g(z) rounds to 0 or 1.
 */
export function sigmoidCrossEntropy(z: readonly number[], y: number | readonly number[]): number {
  checkVector("sigmoidCrossEntropy", "z", z);
  const t = targetVector("sigmoidCrossEntropy", y, z.length);
  return z.reduce((s, zi, i) => s + softplus(zi) - t[i] * zi, 0);
}

/**
 * Forward pass for one example, keeping every a⁽ˡ⁾ and z⁽ˡ⁾:
 * a⁽¹⁾ = x, z⁽ˡ⁺¹⁾ = Θ⁽ˡ⁾a⁽ˡ⁾, a⁽ˡ⁺¹⁾ = g(z⁽ˡ⁺¹⁾). The prediction ŷ is `a[L + 1]`, the last entry.
 */
export function sigmoidNetForward(Theta: SigmoidNet, x: readonly number[]): SigmoidNetCache {
  const widths = checkSigmoidNet("sigmoidNetForward", Theta);
  checkVector("sigmoidNetForward", "x", x, widths[1]);
  const a: number[][] = [[], x.slice()];
  const z: number[][] = [[], []];
  for (let l = 1; l < Theta.length; l++) {
    z[l + 1] = matVec(Theta[l], a[l]);
    a[l + 1] = z[l + 1].map(sigmoid);
  }
  return { a, z };
}

/**
 * δ⁽ᴸ⁺¹⁾ = ∂L/∂z⁽ᴸ⁺¹⁾ = a⁽ᴸ⁺¹⁾ − y for a sigmoid output with the binary cross-entropy loss:
 * ∂L/∂ŷ = (ŷ − y)/(ŷ(1 − ŷ)) and g′(z) = ŷ(1 − ŷ) cancel. The seed, maximising the
 * log-likelihood, has the opposite sign, y − a⁽ᴸ⁺¹⁾.
 */
export function sigmoidCrossEntropyDelta(aOut: readonly number[], y: number | readonly number[]): number[] {
  checkVector("sigmoidCrossEntropyDelta", "aOut", aOut);
  const t = targetVector("sigmoidCrossEntropyDelta", y, aOut.length);
  return aOut.map((ai, i) => ai - t[i]);
}

/**
 * One step of the δ recursion (the NN optimization slides): δ⁽ˡ⁾ᵢ = a⁽ˡ⁾ᵢ(1 − a⁽ˡ⁾ᵢ) Σₖ δ⁽ˡ⁺¹⁾ₖ Θ⁽ˡ⁾ₖᵢ, because
 * ∂z⁽ˡ⁺¹⁾ₖ/∂z⁽ˡ⁾ᵢ = Θ⁽ˡ⁾ₖᵢ g′(z⁽ˡ⁾ᵢ) and g′(z) = g(z)(1 − g(z)).
 *
 * @param a a⁽ˡ⁾, the sigmoid outputs of layer l (l ≥ 2: the input layer has no δ)
 * @param theta Θ⁽ˡ⁾, the weights from layer l to layer l + 1
 * @param deltaNext δ⁽ˡ⁺¹⁾
 */
export function sigmoidHiddenDelta(a: readonly number[], theta: Matrix, deltaNext: readonly number[]): number[] {
  const [rows, cols] = checkMatrix("sigmoidHiddenDelta", "theta", theta);
  checkVector("sigmoidHiddenDelta", "a", a, cols);
  checkVector("sigmoidHiddenDelta", "deltaNext", deltaNext, rows);
  const back = matTVec(theta, deltaNext);
  return a.map((ai, i) => ai * (1 - ai) * back[i]);
}

/**
 * Backward pass for one example: δ⁽ᴸ⁺¹⁾ = a⁽ᴸ⁺¹⁾ − y, then δ⁽ˡ⁾ by {@link sigmoidHiddenDelta}
 * for l = L down to 2, and ∂L/∂Θ⁽ˡ⁾ = δ⁽ˡ⁺¹⁾(a⁽ˡ⁾)ᵀ, i.e. ∂L/∂Θ⁽ˡ⁾ᵢⱼ = δ⁽ˡ⁺¹⁾ᵢ a⁽ˡ⁾ⱼ.
 *
 * @param y the target (a number in [0, 1] for one output unit, or one per output unit)
 */
export function sigmoidNetBackward(Theta: SigmoidNet, cache: SigmoidNetCache, y: number | readonly number[]): SigmoidNetBackward {
  checkSigmoidNet("sigmoidNetBackward", Theta);
  const L = Theta.length - 1;
  if (!cache || !Array.isArray(cache.a) || cache.a.length !== L + 2) {
    throw new RangeError(`sigmoidNetBackward: cache must come from sigmoidNetForward on the same network (${L} weight matrices).`);
  }
  const delta: number[][] = new Array(L + 2).fill(null).map(() => []);
  const grad: Matrix[] = new Array(L + 1).fill(null).map(() => []);
  delta[L + 1] = sigmoidCrossEntropyDelta(cache.a[L + 1], y);
  for (let l = L; l >= 1; l--) {
    grad[l] = outer(delta[l + 1], cache.a[l]);
    if (l >= 2) delta[l] = sigmoidHiddenDelta(cache.a[l], Theta[l], delta[l + 1]);
  }
  return { delta, grad };
}

/** The loss L(y, ŷ) (negative log-likelihood) of one example; a convenience for finite differences. */
export function sigmoidNetLoss(Theta: SigmoidNet, x: readonly number[], y: number | readonly number[]): number {
  const { z } = sigmoidNetForward(Theta, x);
  return sigmoidCrossEntropy(z[z.length - 1], y);
}
