/**
 * Ordinary least squares in closed form: θ̂ = argmin ‖y − Xθ‖² = (XᵀX)⁻¹Xᵀy
 * (CS 182 Discussion 2 (Berkeley), Problem 2).
 */
import { Matrix, QrDecomposition } from "ml-matrix";
import { singularValues } from "../linalg/spectrum";
import { checkDesign } from "./check";
import { fmtNum } from "./format";

/**
 * Largest condition number cond(X) = s₁/s_d that OLS accepts. cond(XᵀX) is its square, 10¹⁶
 * here, past which double precision (ε ≈ 2.2·10⁻¹⁶) cannot tell XᵀX from a singular matrix.
 */
export const MAX_OLS_CONDITION = 1e8;

/**
 * The OLS estimate θ̂ = (XᵀX)⁻¹Xᵀy for an n×d design X (n ≥ d) and targets y.
 *
 * Solved through the QR factorisation X = QR (θ̂ = R⁻¹Qᵀy, ml-matrix), which gives the same θ̂
 * as the normal equations but loses half as many digits (cond(X) instead of cond(XᵀX)).
 *
 * Throws a RangeError when shapes do not match, when n < d, and when XᵀX is singular or
 * numerically singular (rank of X below d, or cond(X) > {@link MAX_OLS_CONDITION}); the message
 * gives the rank and condition number and suggests ridge with a λ.
 */
export function ols(X: ReadonlyArray<ArrayLike<number>> | Matrix, y: ArrayLike<number>): number[] {
  const fn = "ols";
  const { X: M, y: v, n, d } = checkDesign(fn, X, y);
  checkFullRank(fn, M, n, d);
  const theta = new QrDecomposition(M).solve(Matrix.columnVector(v)).getColumn(0);
  return theta;
}

/**
 * Throws unless X (n×d) has n ≥ d, full column rank and cond(X) ≤ {@link MAX_OLS_CONDITION}:
 * the conditions for (XᵀX)⁻¹ to exist in floating point. The message names the rank, the
 * condition number and a ridge λ that would work (λ = 10⁻⁶·s₁², small next to the data's scale).
 */
export function checkFullRank(fn: string, X: Matrix, n = X.rows, d = X.columns): void {
  if (n < d) {
    throw new RangeError(
      `${fn}: X has n = ${n} rows but d = ${d} columns; OLS needs n ≥ d (at least as many examples as parameters), ` +
        `otherwise XᵀX is singular and θ̂ is not unique. Add examples, use fewer features, or use ridge(X, y, { lambda: 0.1 }).`,
    );
  }
  const sv = singularValues(X);
  const s1 = sv.values[0];
  const lambdaHint = fmtNum(Math.max(1e-6 * s1 * s1, 1e-12));
  if (sv.rank < d) {
    throw new RangeError(
      `${fn}: XᵀX is singular: X (${n}×${d}) has rank ${sv.rank} < d = ${d} (smallest singular value ${fmtNum(sv.values[d - 1])}, ` +
        `condition number ${fmtNum(sv.condition)}), so some direction of θ is not determined by the data (a repeated or constant-zero column?). ` +
        `Use ridge(X, y, { lambda: ${lambdaHint} }) or larger, or remove the dependent columns.`,
    );
  }
  if (sv.condition > MAX_OLS_CONDITION) {
    throw new RangeError(
      `${fn}: XᵀX is numerically singular: cond(X) = ${fmtNum(sv.condition)}, so cond(XᵀX) = ${fmtNum(sv.condition ** 2)} ` +
        `is beyond double precision (limit cond(X) ≤ ${fmtNum(MAX_OLS_CONDITION)}). ` +
        `Use ridge(X, y, { lambda: ${lambdaHint} }) or larger, rescale the features (e.g. inputs in [−1, 1]), or lower the polynomial degree.`,
    );
  }
}
