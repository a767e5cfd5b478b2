/**
 * One-hot encoding: the target vector y of the cross-entropy loss ℓ = −Σᵢ yᵢ log ŷᵢ
 * (Lecture 8 notes §5), with yᵢ = 1 for the true class and 0 elsewhere.
 */

/**
 * Encode integer labels as one-hot rows: `oneHot([2, 0], 3)` is `[[0, 0, 1], [1, 0, 0]]`.
 *
 * @param labels whole numbers in 0..classes−1
 * @param classes the number of classes k; defaults to (largest label) + 1. Pass it when a
 *   sample might miss the last class, so every row has the same length.
 */
export function oneHot(labels: readonly number[], classes?: number): number[][] {
  if (!Array.isArray(labels)) throw new TypeError("oneHot: labels must be an array of whole numbers such as [0, 2, 1].");
  if (labels.length === 0 && classes === undefined) {
    throw new RangeError("oneHot: no labels, so the number of classes is unknown; pass it as oneHot(labels, k).");
  }
  for (let i = 0; i < labels.length; i++) {
    if (!Number.isSafeInteger(labels[i]) || labels[i] < 0) {
      throw new RangeError(`oneHot: labels[${i}] is ${String(labels[i])}; labels must be whole numbers 0, 1, …, k−1.`);
    }
  }
  const k = classes ?? labels.reduce((m, c) => Math.max(m, c), 0) + 1; // no spread: long arrays overflow the stack
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`oneHot: classes must be a whole number ≥ 1, got ${String(classes)}.`);
  const bad = labels.findIndex((c) => c >= k);
  if (bad >= 0) {
    throw new RangeError(`oneHot: labels[${bad}] = ${labels[bad]} is not below classes = ${k}; labels run from 0 to classes − 1.`);
  }
  return labels.map((c) => Array.from({ length: k }, (_, j) => (j === c ? 1 : 0)));
}
