/**
 * Lesson 10, Backpropagation: the pieces of the Lecture 8 notes' (§5) backward pass, by hand on plain
 * arrays, then the whole backward pass of its tanh MLP built from them.
 *
 * Matrices are arrays of rows: `W[i][j]` is Wᵢⱼ, the weight from input unit j to output unit i,
 * so a layer computes z = W·input + b and W has shape (outputs × inputs).
 *
 * @lesson 10
 */

/** A matrix as an array of rows; `W[i][j]` is Wᵢⱼ. */
export type Matrix = number[][];

// BEGIN SOLUTION
/** Throws unless v is an array of finite numbers (of the given length, when one is given). */
function checkVector(fn: string, name: string, v: readonly number[], length?: number): void {
  if (!Array.isArray(v)) throw new TypeError(`${fn}: ${name} must be an array of numbers`);
  if (length !== undefined && v.length !== length) {
    throw new RangeError(`${fn}: ${name} has length ${v.length} but must have length ${length} here`);
  }
  v.forEach((x, i) => {
    if (typeof x !== "number" || !Number.isFinite(x)) throw new RangeError(`${fn}: ${name}[${i}] is ${String(x)}; entries must be finite numbers`);
  });
}

/** Throws unless W is a non-empty rectangular matrix of finite numbers; returns [rows, columns]. */
function checkMatrix(fn: string, name: string, W: Matrix): [number, number] {
  if (!Array.isArray(W) || W.length === 0 || !Array.isArray(W[0]) || W[0].length === 0) {
    throw new RangeError(`${fn}: ${name} must be a non-empty matrix given as an array of rows, e.g. [[1, 2], [3, 4]]`);
  }
  const cols = W[0].length;
  W.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new RangeError(`${fn}: ${name} row ${i} has ${row?.length} entries but row 0 has ${cols}; every row must have the same length`);
    }
    checkVector(fn, `${name}[${i}]`, row);
  });
  return [W.length, cols];
}

/** softmax(z) computed as e^{zᵢ − m} / Σⱼ e^{zⱼ − m} with m = max z, so no exponential overflows. */
function stableSoftmax(z: readonly number[]): number[] {
  const m = z.reduce((a, b) => Math.max(a, b), -Infinity);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
// END SOLUTION

/**
 * The output delta of a softmax layer trained with cross-entropy, from the logits:
 *
 *   δʸ = ∂ℓ/∂ỹ = ŷ − y,  ŷ = softmax(ỹ),  ℓ = −Σᵢ yᵢ log ŷᵢ   (Lecture 8 notes §5).
 *
 * Compute the softmax stably: subtract max ỹ from every logit before exponentiating (the
 * ratio e^{ỹᵢ}/Σⱼ e^{ỹⱼ} does not change), so logits like 1000 give finite probabilities
 * instead of ∞/∞ = NaN.
 *
 * @param logits ỹ, the output layer's pre-activations (at least one entry, all finite)
 * @param y the target: one-hot, or any probability vector (entries ≥ 0 summing to 1), same length
 * @returns a new array ŷ − y
 * @throws RangeError when `logits` is empty or holds NaN/±Infinity, when the lengths differ (the
 *   message says "length"), or when `y` is not a probability vector (the message says "sum")
 */
export function softmaxCrossEntropyDelta(logits: number[], y: number[]): number[] {
  // BEGIN SOLUTION
  const fn = "softmaxCrossEntropyDelta";
  checkVector(fn, "logits", logits);
  if (logits.length === 0) throw new RangeError(`${fn}: logits is empty; a softmax needs at least one logit`);
  checkVector(fn, "y", y, logits.length);
  const total = y.reduce((a, b) => a + b, 0);
  if (y.some((v) => v < 0) || Math.abs(total - 1) > 1e-9) {
    throw new RangeError(`${fn}: y must be one-hot or a probability vector (entries ≥ 0 that sum to 1), got [${y.join(", ")}] with sum ${total}`);
  }
  return stableSoftmax(logits).map((p, i) => p - y[i]);
  // END SOLUTION
}

/** The three gradients one dense layer hands back, given the delta at its output. */
export interface DenseGrads {
  /** ∂ℓ/∂Wᵢⱼ = δᵢ · inputⱼ, same shape as W */
  dW: Matrix;
  /** ∂ℓ/∂bᵢ = δᵢ */
  db: number[];
  /** ∂ℓ/∂inputⱼ = Σᵢ δᵢ Wᵢⱼ, i.e. Wᵀδ: what the layer below needs */
  dInput: number[];
}

/**
 * One dense layer z = W·input + b backwards, for one example. Given δ = ∂ℓ/∂z:
 *
 *   ∂ℓ/∂W = δ inputᵀ  (∂ℓ/∂Wᵢⱼ = δᵢ inputⱼ),   ∂ℓ/∂b = δ,   ∂ℓ/∂input = Wᵀδ.
 *
 * With the Lecture 8 notes' output layer (input h, δ = δʸ) these are ∂ℓ/∂Wʸ, ∂ℓ/∂bʸ and the Σⱼ δʸⱼ Wʸⱼᵢ
 * inside δʰ; with the hidden layer (input x, δ = δʰ) they are ∂ℓ/∂Wʰ and ∂ℓ/∂bʰ.
 *
 * @param W the layer's weights, shape (outputs × inputs), as an array of equal-length rows
 * @param input the layer's input from the forward pass, length = inputs (columns of W)
 * @param delta δ = ∂ℓ/∂z, length = outputs (rows of W)
 * @returns new arrays (never W, input or delta themselves), all left unchanged
 * @throws RangeError when W is empty or ragged (the message says "row"), or when `input` or
 *   `delta` has the wrong length (the message names `input` or `delta`)
 */
export function denseBackward(W: Matrix, input: number[], delta: number[]): DenseGrads {
  // BEGIN SOLUTION
  const fn = "denseBackward";
  const [rows, cols] = checkMatrix(fn, "W", W);
  checkVector(fn, "input", input, cols);
  checkVector(fn, "delta", delta, rows);
  const dInput = new Array<number>(cols).fill(0);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) dInput[j] += delta[i] * W[i][j];
  return { dW: delta.map((d) => input.map((v) => d * v)), db: delta.slice(), dInput };
  // END SOLUTION
}

/** Parameters of the Lecture 8 notes' network: Wʰ (nh × nx), bʰ (nh), Wʸ (ny × nh), bʸ (ny). */
export interface TanhMlpParams {
  Wh: Matrix;
  bh: number[];
  Wy: Matrix;
  by: number[];
}

/** What {@link backpropTanhMlp} returns: both deltas and the gradient of every parameter. */
export interface TanhMlpBackprop {
  /** δʸ = ∂ℓ/∂ỹ = ŷ − y (length ny) */
  deltaY: number[];
  /** δʰ = ∂ℓ/∂h̃ = (1 − h²) ⊙ (Wʸ)ᵀδʸ (length nh) */
  deltaH: number[];
  /** ∂ℓ/∂Wʰ, ∂ℓ/∂bʰ, ∂ℓ/∂Wʸ, ∂ℓ/∂bʸ, each with its parameter's shape */
  grads: TanhMlpParams;
}

/**
 * Forward and backward pass of the Lecture 8 notes' tanh MLP for one example (x, y):
 *
 *   forward:  h̃ = Wʰx + bʰ,  h = tanh(h̃),  ỹ = Wʸh + bʸ,  (ŷ = softmax(ỹ), ℓ = −Σ yᵢ log ŷᵢ)
 *   backward: δʸ = ŷ − y;  ∂ℓ/∂Wʸ = δʸhᵀ, ∂ℓ/∂bʸ = δʸ;
 *             δʰ = (1 − h²) ⊙ (Wʸ)ᵀδʸ;  ∂ℓ/∂Wʰ = δʰxᵀ, ∂ℓ/∂bʰ = δʰ.
 *
 * Build it from your {@link softmaxCrossEntropyDelta} and {@link denseBackward} (so this
 * question passes once those two do and the composition is right). Works for any sizes
 * nx, nh, ny, not just 2-4-2.
 *
 * @param params the weights and biases (left unchanged)
 * @param x the input, length nx (columns of Wh)
 * @param y the one-hot target, length ny (rows of Wy)
 */
export function backpropTanhMlp(params: TanhMlpParams, x: number[], y: number[]): TanhMlpBackprop {
  // BEGIN SOLUTION
  const fn = "backpropTanhMlp";
  const { Wh, bh, Wy, by } = params;
  const [nh, nx] = checkMatrix(fn, "Wh", Wh);
  const [ny, nh2] = checkMatrix(fn, "Wy", Wy);
  if (nh2 !== nh) throw new RangeError(`${fn}: Wy has ${nh2} columns but Wh has ${nh} rows (hidden units); they must match`);
  checkVector(fn, "bh", bh, nh);
  checkVector(fn, "by", by, ny);
  checkVector(fn, "x", x, nx);
  const h = Wh.map((row, i) => Math.tanh(row.reduce((s, w, j) => s + w * x[j], bh[i])));
  const yTilde = Wy.map((row, i) => row.reduce((s, w, j) => s + w * h[j], by[i]));
  const deltaY = softmaxCrossEntropyDelta(yTilde, y);
  const out = denseBackward(Wy, h, deltaY);
  const deltaH = out.dInput.map((g, i) => (1 - h[i] * h[i]) * g);
  const hidden = denseBackward(Wh, x, deltaH);
  return { deltaY, deltaH, grads: { Wh: hidden.dW, bh: hidden.db, Wy: out.dW, by: out.db } };
  // END SOLUTION
}
