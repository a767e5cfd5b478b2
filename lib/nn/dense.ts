/**
 * A dense (fully connected) layer on plain arrays, forward and backward, written with the
 * index formulas of Lecture 8 notes §5 so a lesson can put code and maths side by side.
 *
 * Matrices are arrays of rows: `W[i][j]` is Wᵢⱼ, the weight from input unit j to output unit i,
 * so W has shape (outputs × inputs) and the layer computes z = Wx + b.
 */

/** A matrix as an array of rows; `W[i][j]` is Wᵢⱼ. */
export type Matrix = number[][];

function fail(fn: string, message: string): never {
  throw new RangeError(`${fn}: ${message}`);
}

/** Check W is a non-empty rectangular matrix of finite numbers; returns [rows, columns]. @internal */
export function checkMatrix(fn: string, name: string, W: Matrix): [number, number] {
  if (!Array.isArray(W) || W.length === 0 || !Array.isArray(W[0]) || W[0].length === 0) {
    fail(fn, `${name} must be a non-empty matrix given as an array of rows, e.g. [[1, 2], [3, 4]].`);
  }
  const cols = W[0].length;
  for (let i = 0; i < W.length; i++) {
    if (!Array.isArray(W[i]) || W[i].length !== cols) fail(fn, `${name} row ${i} has ${W[i]?.length} entries but row 0 has ${cols}; rows must have equal length.`);
    for (let j = 0; j < cols; j++) {
      if (typeof W[i][j] !== "number" || !Number.isFinite(W[i][j])) fail(fn, `${name}[${i}][${j}] is ${String(W[i][j])}; entries must be finite numbers.`);
    }
  }
  return [W.length, cols];
}

/** Check v is an array of `length` finite numbers (any length when `length` is undefined). @internal */
export function checkVector(fn: string, name: string, v: readonly number[], length?: number): void {
  if (!Array.isArray(v)) fail(fn, `${name} must be an array of numbers.`);
  if (length !== undefined && v.length !== length) fail(fn, `${name} has length ${v.length} but must have length ${length} here.`);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== "number" || !Number.isFinite(v[i])) fail(fn, `${name}[${i}] is ${String(v[i])}; entries must be finite numbers.`);
  }
}

/** Matrix–vector product: (Wx)ᵢ = Σⱼ Wᵢⱼ xⱼ. */
export function matVec(W: Matrix, x: readonly number[]): number[] {
  const [, cols] = checkMatrix("matVec", "W", W);
  checkVector("matVec", "x", x, cols);
  return W.map((row) => row.reduce((s, w, j) => s + w * x[j], 0));
}

/** Transposed product: (Wᵀd)ⱼ = Σᵢ dᵢ Wᵢⱼ, the step that sends a δ back through a layer. */
export function matTVec(W: Matrix, d: readonly number[]): number[] {
  const [rows, cols] = checkMatrix("matTVec", "W", W);
  checkVector("matTVec", "d", d, rows);
  const out = new Array<number>(cols).fill(0);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j] += d[i] * W[i][j];
  return out;
}

/** Outer product: (u vᵀ)ᵢⱼ = uᵢ vⱼ, the shape of every weight gradient δ aᵀ. */
export function outer(u: readonly number[], v: readonly number[]): Matrix {
  checkVector("outer", "u", u);
  checkVector("outer", "v", v);
  return u.map((ui) => v.map((vj) => ui * vj));
}

/** A dense layer's pre-activation: zᵢ = Σⱼ Wᵢⱼ xⱼ + bᵢ (the Lecture 8 notes: h̃ = Wʰx + bʰ, ỹ = Wʸh + bʸ). */
export function denseForward(W: Matrix, b: readonly number[], x: readonly number[]): number[] {
  const [rows] = checkMatrix("denseForward", "W", W);
  checkVector("denseForward", "b", b, rows);
  return matVec(W, x).map((z, i) => z + b[i]);
}

/** Gradients of one dense layer, given δ = ∂ℓ/∂z at its output. */
export interface DenseGrads {
  /** ∂ℓ/∂Wᵢⱼ = δᵢ · inputⱼ */
  dW: Matrix;
  /** ∂ℓ/∂bᵢ = δᵢ */
  db: number[];
  /** ∂ℓ/∂inputⱼ = Σᵢ δᵢ Wᵢⱼ: the gradient handed to the layer below (before its activation). */
  dInput: number[];
}

/**
 * Backward pass of z = W·input + b for one example (Lecture 8 notes §5): given δ = ∂ℓ/∂z,
 * ∂ℓ/∂Wᵢⱼ = δᵢ inputⱼ, ∂ℓ/∂bᵢ = δᵢ and ∂ℓ/∂inputⱼ = Σᵢ δᵢ Wᵢⱼ.
 *
 * With the output layer of 001 (input h, δ = δʸ) this gives ∂ℓ/∂Wʸᵢⱼ = δʸᵢ hⱼ, ∂ℓ/∂bʸᵢ = δʸᵢ
 * and Σⱼ δʸⱼ Wʸⱼᵢ, which {@link tanhBackward} turns into δʰ.
 *
 * @param W the layer's weights, shape (outputs × inputs)
 * @param input the layer's input from the forward pass (x or h), length = inputs
 * @param delta ∂ℓ/∂z at the layer's output, length = outputs
 */
export function denseBackward(W: Matrix, input: readonly number[], delta: readonly number[]): DenseGrads {
  const [rows, cols] = checkMatrix("denseBackward", "W", W);
  checkVector("denseBackward", "input", input, cols);
  checkVector("denseBackward", "delta", delta, rows);
  return { dW: outer(delta, input), db: delta.slice(), dInput: matTVec(W, delta) };
}
