/**
 * Lesson 8, Stochastic methods: the minibatch gradient of a finite sum and the exact size of
 * its noise (Topic 4 slides (Deep Learning and Neural Networks), "Stochastic Methods: Mini
 * Batching"; CS 182 Discussion 2 (Berkeley) §3.2; the NN optimization slides, "Mini-batch SGD").
 *
 * Both work on the per-example gradients g₁, …, gₙ of f = (1/n) Σᵢ fᵢ at one point, given as
 * plain arrays (row i is ∇fᵢ).
 *
 * @lesson 8
 */

/** Throws unless `perExample` is a non-empty list of rows of one length with finite entries; returns [n, d]. Use it in both functions. */
export function checkRows(who: string, perExample: number[][]): [number, number] {
  if (!Array.isArray(perExample) || perExample.length === 0) {
    throw new RangeError(`${who}: perExample must be a non-empty list of per-example gradients, got ${JSON.stringify(perExample)}.`);
  }
  const d = perExample[0].length;
  perExample.forEach((g, i) => {
    if (!Array.isArray(g) || g.length !== d) throw new RangeError(`${who}: perExample[${i}] has length ${g?.length}, expected ${d} like row 0.`);
    if (!g.every(Number.isFinite)) throw new RangeError(`${who}: perExample[${i}] has a non-finite entry.`);
  });
  return [perExample.length, d];
}

/**
 * The minibatch gradient ĝ_B = (1/|B|) Σ_{i∈B} gᵢ: the average of the per-example gradients of
 * the examples in `batch`, counting an index as often as it appears (sampling with replacement
 * can draw the same example twice). Unbiased: averaged over uniformly drawn batches it is the
 * full gradient ḡ = (1/n) Σᵢ gᵢ.
 *
 * @param perExample n rows, row i = ∇fᵢ(x) (not modified)
 * @param batch example indices, each a whole number in 0 … n−1 (not modified)
 * @returns a new array of length d
 * @throws RangeError for an empty batch or an index outside 0 … n−1 (say which)
 */
export function minibatchGradient(perExample: number[][], batch: number[]): number[] {
  // BEGIN SOLUTION
  const [n, d] = checkRows("minibatchGradient", perExample);
  if (!Array.isArray(batch) || batch.length === 0) throw new RangeError("minibatchGradient: the batch is empty; pass at least one example index.");
  const g = new Array<number>(d).fill(0);
  for (const i of batch) {
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`minibatchGradient: batch index ${i} is not in 0 … ${n - 1}.`);
    for (let j = 0; j < d; j++) g[j] += perExample[i][j];
  }
  return g.map((v) => v / batch.length);
  // END SOLUTION
}

/**
 * The exact mean squared error of the minibatch gradient, E‖ĝ_B − ḡ‖², for batches of B
 * examples drawn uniformly:
 *
 *     with replacement:     tr Σ / B
 *     without replacement:  tr Σ / B · (n − B)/(n − 1)
 *
 * where Σ = (1/n) Σᵢ (gᵢ − ḡ)(gᵢ − ḡ)ᵀ is the covariance of one example's gradient, so
 * tr Σ = (1/n) Σᵢ ‖gᵢ − ḡ‖². (The factor (n − B)/(n − 1) is the finite-population correction:
 * the batch B = n without replacement is the whole data set, and its error is 0.)
 *
 * @param perExample n rows, row i = ∇fᵢ(x) (not modified)
 * @param B the batch size: 1 … n without replacement, any whole number ≥ 1 with it
 * @param replacement whether batches are drawn with replacement (default true)
 * @throws RangeError naming B when it is out of range
 */
export function minibatchNoise(perExample: number[][], B: number, replacement = true): number {
  // BEGIN SOLUTION
  const [n, d] = checkRows("minibatchNoise", perExample);
  if (!Number.isInteger(B) || B < 1 || (!replacement && B > n)) {
    throw new RangeError(`minibatchNoise: B must be a whole number from 1${replacement ? "" : ` to n = ${n} (without replacement)`}, got ${B}.`);
  }
  const mean = new Array<number>(d).fill(0);
  for (const g of perExample) for (let j = 0; j < d; j++) mean[j] += g[j] / n;
  let tr = 0;
  for (const g of perExample) for (let j = 0; j < d; j++) tr += (g[j] - mean[j]) ** 2 / n;
  if (replacement) return tr / B;
  return n === 1 ? 0 : ((tr / B) * (n - B)) / (n - 1);
  // END SOLUTION
}
