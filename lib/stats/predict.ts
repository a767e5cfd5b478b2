/** Predictions of a linear model: ŷ = Xθ, one per row of X. */
import { checkMatrix, checkVector } from "../linalg/check";

/**
 * ŷ = Xθ: the prediction xᵢᵀθ for each row xᵢ of X. Throws a RangeError when θ does not have
 * one entry per column of X.
 */
export function predict(X: ReadonlyArray<ArrayLike<number>>, theta: ArrayLike<number>): number[] {
  const M = checkMatrix("predict", "X", X);
  const t = checkVector("predict", "theta", theta);
  if (t.length !== M.columns) {
    throw new RangeError(`predict: theta has ${t.length} entries but X has ${M.columns} columns; θ needs one weight per column (feature) of X.`);
  }
  const out = new Array<number>(M.rows);
  for (let i = 0; i < M.rows; i++) {
    let s = 0;
    for (let j = 0; j < t.length; j++) s += M.get(i, j) * t[j];
    out[i] = s;
  }
  return out;
}
