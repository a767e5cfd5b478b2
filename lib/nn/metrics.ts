/** Classification accuracy. */

/** The index of the largest entry (the first one on ties). */
export function argmax(xs: readonly number[]): number {
  if (!Array.isArray(xs) || xs.length === 0) throw new RangeError("argmax: the array is empty.");
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] > xs[best]) best = i;
  return best;
}

/** The fraction of predictions equal to the labels, (1/n) Σᵢ 1[predictedᵢ = labelsᵢ], in [0, 1]. */
export function accuracy(predicted: readonly number[], labels: readonly number[]): number {
  if (!Array.isArray(predicted) || !Array.isArray(labels) || predicted.length !== labels.length) {
    throw new RangeError(`accuracy: predicted and labels must be arrays of equal length, got ${predicted?.length} and ${labels?.length}.`);
  }
  if (labels.length === 0) throw new RangeError("accuracy: no examples, so accuracy is undefined.");
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) hits++;
  return hits / labels.length;
}

/** The accuracy of a classifier on a dataset: `accuracyOn(model, test)` with an {@link MLP}. */
export function accuracyOn(model: { predictClass(x: readonly number[]): number }, data: { X: readonly number[][]; y: readonly number[] }): number {
  if (!data || !Array.isArray(data.X) || !Array.isArray(data.y)) throw new TypeError("accuracyOn: expected a dataset { X, y }.");
  return accuracy(data.X.map((x) => model.predictClass(x)), data.y);
}
