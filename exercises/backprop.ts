// GENERATED from solutions/backprop.ts by `npm run exercises` (fingerprint 5ec5659044300c07). This is your copy to edit.
// Replace each `throw new Error("not implemented yet: …")` with your code, then run the check(...) cell of the lesson or `npm run grade`.
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
  throw new Error("not implemented yet: softmaxCrossEntropyDelta (lesson 10)");
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
  throw new Error("not implemented yet: denseBackward (lesson 10)");
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
  throw new Error("not implemented yet: backpropTanhMlp (lesson 10)");
}
