/**
 * The Lecture 8 notes' example network (§5), with backpropagation written by hand on plain arrays:
 * one tanh hidden layer, a softmax output and the cross-entropy loss.
 *
 *   h̃ = Wʰx + bʰ,  h = tanh(h̃),  ỹ = Wʸh + bʸ,  ŷ = softmax(ỹ),  ℓ = −Σᵢ yᵢ log ŷᵢ
 *
 * and backwards, with δʸ = ∂ℓ/∂ỹ and δʰ = ∂ℓ/∂h̃:
 *
 *   δʸ = ŷ − y,  ∂ℓ/∂Wʸᵢⱼ = δʸᵢ hⱼ,  ∂ℓ/∂bʸᵢ = δʸᵢ,
 *   δʰᵢ = (1 − hᵢ²) Σⱼ δʸⱼ Wʸⱼᵢ,  ∂ℓ/∂Wʰᵢⱼ = δʰᵢ xⱼ,  ∂ℓ/∂bʰᵢ = δʰᵢ.
 *
 * Each step is its own function (forward, {@link softmaxCrossEntropyDelta},
 * {@link denseBackward}, {@link tanhBackward}) so a lesson can run them one cell at a time and
 * an exercise can ask for any one of them. The seed's example is 2 inputs, 4 hidden units and
 * 2 classes, the defaults of {@link initTanhMlp}.
 */
import { rng } from "../random";
import { checkMatrix, checkVector, denseBackward, denseForward, type Matrix } from "./dense";

/** Parameters of the 001 network: Wʰ (nh × nx), bʰ (nh), Wʸ (ny × nh), bʸ (ny). */
export interface TanhMlpParams {
  Wh: Matrix;
  bh: number[];
  Wy: Matrix;
  by: number[];
}

/** Everything the forward pass computes, kept for the backward pass (the "stored activations"). */
export interface TanhMlpCache {
  /** the input x */
  x: number[];
  /** h̃ = Wʰx + bʰ, the hidden pre-activations */
  hTilde: number[];
  /** h = tanh(h̃) */
  h: number[];
  /** ỹ = Wʸh + bʸ, the logits */
  yTilde: number[];
  /** ŷ = softmax(ỹ), the predicted class probabilities */
  yHat: number[];
  /** ℓ = −Σ yᵢ log ŷᵢ, present when a target was given to {@link tanhMlpForward} */
  loss?: number;
}

/** Gradients of ℓ, one entry per parameter and with the parameter's shape. */
export interface TanhMlpGrads {
  Wh: Matrix;
  bh: number[];
  Wy: Matrix;
  by: number[];
}

/** The result of {@link tanhMlpBackward}: the gradients and the two δ vectors behind them. */
export interface TanhMlpBackward {
  grads: TanhMlpGrads;
  /** δʸ = ∂ℓ/∂ỹ = ŷ − y */
  deltaY: number[];
  /** δʰ = ∂ℓ/∂h̃ = (1 − h²) ⊙ (Wʸ)ᵀδʸ */
  deltaH: number[];
}

/** Options of {@link initTanhMlp}. */
export interface TanhMlpInit {
  /** inputs (default 2, as in the seed) */
  nx?: number;
  /** hidden units (default 4) */
  nh?: number;
  /** classes (default 2) */
  ny?: number;
  /** seed of the weights (default 0) */
  seed?: number;
}

/**
 * Seeded random parameters: Xavier/Glorot-uniform weights, Wᵢⱼ ~ U(−a, a) with
 * a = √(6 / (fan_in + fan_out)), which keeps tanh units out of saturation at the start; zero
 * biases.
 */
export function initTanhMlp(options: TanhMlpInit = {}): TanhMlpParams {
  const { nx = 2, nh = 4, ny = 2, seed = 0 } = options;
  for (const [name, v] of [["nx", nx], ["nh", nh], ["ny", ny]] as const) {
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`initTanhMlp: ${name} must be a whole number ≥ 1, got ${String(v)}.`);
  }
  if (ny < 2) throw new RangeError(`initTanhMlp: a softmax needs ny ≥ 2 classes, got ${ny}.`);
  const r = rng(seed);
  const xavier = (rows: number, cols: number): Matrix => {
    const a = Math.sqrt(6 / (rows + cols));
    return Array.from({ length: rows }, () => Array.from({ length: cols }, () => r.uniform(-a, a)));
  };
  return { Wh: xavier(nh, nx), bh: new Array(nh).fill(0), Wy: xavier(ny, nh), by: new Array(ny).fill(0) };
}

/** Check the four parameters have matching shapes; returns [nx, nh, ny]. @internal */
export function checkTanhMlp(fn: string, p: TanhMlpParams): [number, number, number] {
  if (p === null || typeof p !== "object") throw new TypeError(`${fn}: params must be { Wh, bh, Wy, by } (see initTanhMlp).`);
  const [nh, nx] = checkMatrix(fn, "Wh", p.Wh);
  checkVector(fn, "bh", p.bh, nh);
  const [ny, nh2] = checkMatrix(fn, "Wy", p.Wy);
  if (nh2 !== nh) throw new RangeError(`${fn}: Wy has ${nh2} columns but there are ${nh} hidden units (rows of Wh); they must match.`);
  checkVector(fn, "by", p.by, ny);
  return [nx, nh, ny];
}

/** Check y is a probability vector of length k (one-hot in the seed): yᵢ ≥ 0, Σ yᵢ = 1. */
function checkTarget(fn: string, y: readonly number[], k: number): void {
  checkVector(fn, "y", y, k);
  const sum = y.reduce((s, v) => s + v, 0);
  if (y.some((v) => v < 0) || Math.abs(sum - 1) > 1e-9) {
    throw new RangeError(`${fn}: y must be a one-hot (or probability) vector with entries ≥ 0 summing to 1, got [${y.join(", ")}]. Use oneHot(labels, k) from lib/data/onehot.`);
  }
}

/** log Σⱼ e^{zⱼ}, computed as m + log Σⱼ e^{zⱼ−m} with m = max z so no exponential overflows. */
export function logSumExp(z: readonly number[]): number {
  checkVector("logSumExp", "z", z);
  if (z.length === 0) throw new RangeError("logSumExp: z is empty.");
  const m = z.reduce((a, b) => Math.max(a, b), -Infinity);
  return m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
}

/**
 * SoftMax(z)ᵢ = e^{zᵢ} / Σⱼ e^{zⱼ}, computed as e^{zᵢ−m} / Σⱼ e^{zⱼ−m} with m = max z: the same
 * value (the factor e^{−m} cancels) without overflow for large logits.
 */
export function softmax(z: readonly number[]): number[] {
  checkVector("softmax", "z", z);
  if (z.length === 0) throw new RangeError("softmax: z is empty.");
  const m = z.reduce((a, b) => Math.max(a, b), -Infinity);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/**
 * Cross-entropy of softmax(ỹ) against y, from the logits: ℓ = −Σᵢ yᵢ log ŷᵢ
 * = Σᵢ yᵢ (logsumexp(ỹ) − ỹᵢ) when Σ yᵢ = 1. Working from ỹ avoids log 0 when a probability
 * underflows.
 */
export function softmaxCrossEntropy(yTilde: readonly number[], y: readonly number[]): number {
  checkVector("softmaxCrossEntropy", "yTilde", yTilde);
  checkTarget("softmaxCrossEntropy", y, yTilde.length);
  const lse = logSumExp(yTilde);
  return y.reduce((s, yi, i) => (yi === 0 ? s : s + yi * (lse - yTilde[i])), 0);
}

/**
 * Forward pass of the Lecture 8 notes' network for one example, keeping every intermediate:
 * h̃ = Wʰx + bʰ, h = tanh(h̃), ỹ = Wʸh + bʸ, ŷ = softmax(ỹ), and ℓ when y is given.
 *
 * @param y optional one-hot target; when given, `cache.loss` holds ℓ = −Σ yᵢ log ŷᵢ.
 */
export function tanhMlpForward(params: TanhMlpParams, x: readonly number[], y?: readonly number[]): TanhMlpCache {
  const [nx, , ny] = checkTanhMlp("tanhMlpForward", params);
  checkVector("tanhMlpForward", "x", x, nx);
  const hTilde = denseForward(params.Wh, params.bh, x);
  const h = hTilde.map(Math.tanh);
  const yTilde = denseForward(params.Wy, params.by, h);
  const cache: TanhMlpCache = { x: x.slice(), hTilde, h, yTilde, yHat: softmax(yTilde) };
  if (y !== undefined) {
    checkTarget("tanhMlpForward", y, ny);
    cache.loss = softmaxCrossEntropy(yTilde, y);
  }
  return cache;
}

/**
 * δʸ = ∂ℓ/∂ỹ = ŷ − y for softmax followed by cross-entropy (Lecture 8 notes §5). The softmax Jacobian
 * ∂ŷⱼ/∂ỹᵢ = ŷⱼ(1[i=j] − ŷᵢ) and ∂ℓ/∂ŷⱼ = −yⱼ/ŷⱼ combine into −yᵢ + ŷᵢ Σⱼ yⱼ = ŷᵢ − yᵢ,
 * which needs Σⱼ yⱼ = 1 (true for one-hot targets).
 */
export function softmaxCrossEntropyDelta(yHat: readonly number[], y: readonly number[]): number[] {
  checkVector("softmaxCrossEntropyDelta", "yHat", yHat);
  checkTarget("softmaxCrossEntropyDelta", y, yHat.length);
  return yHat.map((p, i) => p - y[i]);
}

/**
 * Through a tanh unit backwards: δʰᵢ = (1 − hᵢ²) · gᵢ where g = ∂ℓ/∂h and h = tanh(h̃), because
 * tanh′(h̃) = 1 − tanh²(h̃). With g = (Wʸ)ᵀδʸ this is the Lecture 8 notes' δʰᵢ = (1 − hᵢ²) Σⱼ δʸⱼ Wʸⱼᵢ.
 *
 * @param h the tanh outputs from the forward pass (not the pre-activations h̃)
 * @param g ∂ℓ/∂h, e.g. `denseBackward(Wy, h, deltaY).dInput`
 */
export function tanhBackward(h: readonly number[], g: readonly number[]): number[] {
  checkVector("tanhBackward", "h", h);
  checkVector("tanhBackward", "g", g, h.length);
  return h.map((hi, i) => (1 - hi * hi) * g[i]);
}

/**
 * Backward pass of the Lecture 8 notes' network for one example, from the forward cache:
 * δʸ = ŷ − y; output layer gradients by {@link denseBackward}; δʰ = (1 − h²) ⊙ (Wʸ)ᵀδʸ;
 * hidden layer gradients by {@link denseBackward} again with input x.
 *
 * @param y the one-hot target (see `oneHot` in lib/data/onehot)
 */
export function tanhMlpBackward(params: TanhMlpParams, cache: TanhMlpCache, y: readonly number[]): TanhMlpBackward {
  checkTanhMlp("tanhMlpBackward", params);
  const deltaY = softmaxCrossEntropyDelta(cache.yHat, y);
  const out = denseBackward(params.Wy, cache.h, deltaY);
  const deltaH = tanhBackward(cache.h, out.dInput);
  const hidden = denseBackward(params.Wh, cache.x, deltaH);
  return { grads: { Wh: hidden.dW, bh: hidden.db, Wy: out.dW, by: out.db }, deltaY, deltaH };
}

/** The loss ℓ of one example (x, y); a convenience for finite-difference checks. */
export function tanhMlpLoss(params: TanhMlpParams, x: readonly number[], y: readonly number[]): number {
  return tanhMlpForward(params, x, y).loss as number;
}

/**
 * The empirical risk over a batch and its gradient: R = (1/B) Σₖ ℓ(f(xₖ), yₖ) and the mean of
 * the per-example gradients (Lecture 8 notes §5: the batch gradient is the average of one-sample
 * gradients).
 *
 * @param X inputs, one row per example
 * @param Y one-hot targets, one row per example
 */
export function tanhMlpBatch(params: TanhMlpParams, X: readonly number[][], Y: readonly number[][]): { loss: number; grads: TanhMlpGrads } {
  if (!Array.isArray(X) || !Array.isArray(Y) || X.length !== Y.length || X.length === 0) {
    throw new RangeError(`tanhMlpBatch: X and Y must be non-empty arrays of equal length (one row per example), got ${X?.length} and ${Y?.length}.`);
  }
  const [nx, nh, ny] = checkTanhMlp("tanhMlpBatch", params);
  const zeros = (r: number, c: number) => Array.from({ length: r }, () => new Array<number>(c).fill(0));
  const sum: TanhMlpGrads = { Wh: zeros(nh, nx), bh: new Array(nh).fill(0), Wy: zeros(ny, nh), by: new Array(ny).fill(0) };
  let loss = 0;
  const B = X.length;
  for (let k = 0; k < B; k++) {
    const cache = tanhMlpForward(params, X[k], Y[k]);
    loss += cache.loss as number;
    const { grads } = tanhMlpBackward(params, cache, Y[k]);
    for (let i = 0; i < nh; i++) {
      sum.bh[i] += grads.bh[i] / B;
      for (let j = 0; j < nx; j++) sum.Wh[i][j] += grads.Wh[i][j] / B;
    }
    for (let i = 0; i < ny; i++) {
      sum.by[i] += grads.by[i] / B;
      for (let j = 0; j < nh; j++) sum.Wy[i][j] += grads.Wy[i][j] / B;
    }
  }
  return { loss: loss / B, grads: sum };
}
