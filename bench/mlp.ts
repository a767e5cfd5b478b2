/**
 * The benchmark network, built two ways: on the autodiff engine in micrograd's style (one node
 * per multiply and per add, ≈ 65,000 nodes for 100 points), and by hand-written backprop on
 * Float64Arrays (the speed limit for this scalar work). Both compute the same loss
 *
 *   L(θ) = (1/N) Σₖ (ŷ(xₖ) − yₖ)²,   ŷ = MLP(2, [16, 16, 1]) with tanh hidden layers, linear output,
 *
 * and its gradient, so the bench (and a test) can check one against the other.
 */
import { rng } from "../lib/random";
import { Tape, dot, sum, type Value } from "../lib/autodiff";

/** Layer widths, input first: MLP(2, [16, 16, 1]). */
export const SIZES: readonly number[] = [2, 16, 16, 1];

/** 100 seeded points in [−1, 1]² with target y = sin(πx₁)·x₂ (any smooth target will do). */
export interface Data {
  n: number;
  /** x of point k at [2k], [2k+1] */
  xs: Float64Array;
  ys: Float64Array;
}

/** The data set: `n` points drawn with `rng(seed)`. */
export function makeData(n = 100, seed = 1): Data {
  const r = rng(seed);
  const xs = new Float64Array(2 * n), ys = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    xs[2 * k] = r.uniform(-1, 1);
    xs[2 * k + 1] = r.uniform(-1, 1);
    ys[k] = Math.sin(Math.PI * xs[2 * k]) * xs[2 * k + 1];
  }
  return { n, xs, ys };
}

/** Number of parameters: Σ_layers (fan_in + 1)·fan_out. */
export function paramCount(sizes: readonly number[] = SIZES): number {
  let p = 0;
  for (let l = 1; l < sizes.length; l++) p += (sizes[l - 1] + 1) * sizes[l];
  return p;
}

/**
 * Seeded parameters, laid out layer by layer, neuron by neuron: the neuron's fan_in weights
 * then its bias. Weights ~ U(−1, 1)/√fan_in, biases 0.
 */
export function initParams(seed = 2, sizes: readonly number[] = SIZES): Float64Array {
  const r = rng(seed);
  const p = new Float64Array(paramCount(sizes));
  let o = 0;
  for (let l = 1; l < sizes.length; l++) {
    const fanIn = sizes[l - 1];
    for (let j = 0; j < sizes[l]; j++) {
      for (let i = 0; i < fanIn; i++) p[o++] = r.uniform(-1, 1) / Math.sqrt(fanIn);
      p[o++] = 0;
    }
  }
  return p;
}

/**
 * Builds the loss on the engine, micrograd-style: a neuron is ((w₁x₁ + w₂x₂) + …) + b then
 * tanh, each multiply and add its own node; the data are constants, `params` are inputs.
 */
export function engineLoss(tape: Tape, params: readonly Value[], data: Data, sizes: readonly number[] = SIZES): Value {
  let loss: Value | undefined;
  for (let k = 0; k < data.n; k++) {
    let act: Value[] = [tape.constant(data.xs[2 * k]), tape.constant(data.xs[2 * k + 1])];
    let o = 0;
    for (let l = 1; l < sizes.length; l++) {
      const next: Value[] = [];
      for (let j = 0; j < sizes[l]; j++) {
        let z = params[o].mul(act[0]);
        for (let i = 1; i < act.length; i++) z = z.add(params[o + i].mul(act[i]));
        z = z.add(params[o + act.length]);
        o += act.length + 1;
        next.push(l < sizes.length - 1 ? z.tanh() : z);
      }
      act = next;
    }
    const err = act[0].sub(data.ys[k]);
    const sq = err.mul(err);
    loss = loss === undefined ? sq : loss.add(sq);
  }
  return (loss as Value).mul(1 / data.n);
}

/** The loss and its gradient by hand-written backprop (δ recursion of seed 001 §5). */
export function handGradient(params: Float64Array, data: Data, sizes: readonly number[] = SIZES): { loss: number; grad: Float64Array } {
  const L = sizes.length - 1;
  const acts = sizes.map((s) => new Float64Array(s)); // a⁽ˡ⁾ of the current point
  const deltas = sizes.map((s) => new Float64Array(s)); // δ⁽ˡ⁾ = ∂ℓ/∂z⁽ˡ⁾
  const offsets = layerOffsets(sizes);
  const grad = new Float64Array(params.length);
  let loss = 0;
  for (let k = 0; k < data.n; k++) {
    acts[0][0] = data.xs[2 * k];
    acts[0][1] = data.xs[2 * k + 1];
    for (let l = 1; l <= L; l++) forwardLayer(params, offsets[l], acts[l - 1], acts[l], l < L);
    const err = acts[L][0] - data.ys[k];
    loss += err * err;
    deltas[L][0] = (2 * err) / data.n;
    for (let l = L; l >= 1; l--) backwardLayer(params, grad, offsets[l], acts[l - 1], deltas[l], deltas[l - 1], l > 1 ? acts[l - 1] : null);
  }
  return { loss: loss / data.n, grad };
}

function layerOffsets(sizes: readonly number[]): number[] {
  const off = [0, 0];
  for (let l = 1; l < sizes.length - 1; l++) off.push(off[l] + (sizes[l - 1] + 1) * sizes[l]);
  return off;
}

/** a_out = tanh(W a_in + b) (or without tanh for the output layer). */
function forwardLayer(p: Float64Array, o: number, aIn: Float64Array, aOut: Float64Array, useTanh: boolean): void {
  const n = aIn.length;
  for (let j = 0; j < aOut.length; j++, o += n + 1) {
    let z = 0;
    for (let i = 0; i < n; i++) z += p[o + i] * aIn[i];
    z += p[o + n];
    aOut[j] = useTanh ? Math.tanh(z) : z;
  }
}

/**
 * ∂ℓ/∂W_ji += δ_j a_i, ∂ℓ/∂b_j += δ_j, and δ_in,i = (1 − a_i²) Σ_j δ_j W_ji when the layer
 * below is a tanh layer (`aTanh` given).
 */
function backwardLayer(
  p: Float64Array, grad: Float64Array, o: number, aIn: Float64Array, delta: Float64Array, deltaIn: Float64Array, aTanh: Float64Array | null,
): void {
  const n = aIn.length;
  deltaIn.fill(0);
  for (let j = 0; j < delta.length; j++, o += n + 1) {
    const d = delta[j];
    for (let i = 0; i < n; i++) {
      grad[o + i] += d * aIn[i];
      deltaIn[i] += d * p[o + i];
    }
    grad[o + n] += d;
  }
  if (aTanh) for (let i = 0; i < n; i++) deltaIn[i] *= 1 - aTanh[i] * aTanh[i];
}

/**
 * The same loss with one `dot` node per neuron (w·x as one node with 2·fan_in edges) instead
 * of a chain of multiplies and adds: about 20× fewer nodes, same gradient.
 */
export function engineLossDot(tape: Tape, params: readonly Value[], data: Data, sizes: readonly number[] = SIZES): Value {
  const terms: Value[] = [];
  for (let k = 0; k < data.n; k++) {
    let act: Value[] = [tape.constant(data.xs[2 * k]), tape.constant(data.xs[2 * k + 1])];
    let o = 0;
    for (let l = 1; l < sizes.length; l++) {
      const next: Value[] = [];
      for (let j = 0; j < sizes[l]; j++) {
        const z = dot(params.slice(o, o + act.length), act).add(params[o + act.length]);
        o += act.length + 1;
        next.push(l < sizes.length - 1 ? z.tanh() : z);
      }
      act = next;
    }
    const err = act[0].sub(data.ys[k]);
    terms.push(err.mul(err));
  }
  return sum(terms).mul(1 / data.n);
}
