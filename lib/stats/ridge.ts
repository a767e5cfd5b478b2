/**
 * Ridge regression in closed form, θ̃ = (XᵀX + λI)⁻¹Xᵀy = argmin ‖y − Xθ‖² + λ‖θ‖²
 * (CS 182 Discussion 2 (Berkeley), Problem 3), two ways:
 *
 * - {@link ridge}: checked, readable, through ml-matrix (for lessons: one fit at a time);
 * - {@link RidgeSolver}: the same formula on flat Float64Arrays with the pack's own kernels
 *   (XᵀX and Xᵀy in one pass, then an in-place Cholesky solve), for simulations and the bench
 *   that fit thousands of times. `bench/ridge.ts` measures both in one run.
 *
 * Every column of X is penalised, the intercept column included; centre the data first when
 * the intercept should go free.
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { choleskyInPlace, choleskySolveInPlace } from "../linalg/cholesky";
import { gramColumnsLowerInto } from "../linalg/gram";
import { checkDesign, checkLambda } from "./check";
import { fmtNum } from "./format";
import { ols } from "./ols";

/** Options of {@link ridge}. */
export interface RidgeOptions {
  /** The penalty λ ≥ 0 (0 gives OLS, with OLS's checks). */
  lambda: number;
}

/**
 * The ridge estimate θ̃ = (XᵀX + λI)⁻¹Xᵀy for an n×d design X and targets y (any n ≥ 1 when
 * λ > 0: the penalty makes XᵀX + λI positive definite even when n < d).
 *
 * λ = 0 is delegated to {@link ols} (and its rank checks). Throws a RangeError for λ < 0,
 * mismatched shapes, or a λ so small next to XᵀX that XᵀX + λI is singular in floating point.
 */
export function ridge(X: ReadonlyArray<ArrayLike<number>> | Matrix, y: ArrayLike<number>, options: RidgeOptions): number[] {
  const fn = "ridge";
  if (options == null || typeof options !== "object") {
    throw new TypeError(`ridge: pass the penalty as an options object, e.g. ridge(X, y, { lambda: 0.1 }).`);
  }
  const lambda = checkLambda(fn, options.lambda);
  const { X: M, y: v, d } = checkDesign(fn, X, y);
  if (lambda === 0) return ols(M, v);
  const A = M.transpose().mmul(M).add(Matrix.eye(d, d).mul(lambda));
  const chol = new CholeskyDecomposition(A);
  if (!chol.isPositiveDefinite()) throw notPositiveDefinite(fn, lambda, A.diag());
  return chol.solve(M.transpose().mmul(Matrix.columnVector(v))).getColumn(0);
}

function notPositiveDefinite(fn: string, lambda: number, diag: ArrayLike<number>): RangeError {
  let big = 0;
  for (let i = 0; i < diag.length; i++) big = Math.max(big, diag[i]);
  return new RangeError(
    `${fn}: XᵀX + λI is not positive definite in floating point: λ = ${fmtNum(lambda)} is too small next to the largest ` +
      `diagonal entry ${fmtNum(big)} of XᵀX and X is (nearly) rank-deficient. Use lambda ≥ ${fmtNum(Math.max(1e-12, 1e-10 * big))}.`,
  );
}

/**
 * Repeated ridge fits of one shape (n×d) without allocation: the workspace (a column-major copy
 * of [X y], its Gram matrix, the Cholesky factor) is made once and reused by every fit.
 *
 * ```ts
 * const solver = new RidgeSolver(100, 20);
 * const theta = solver.fit(X, y, 0.1);     // θ̃ = (XᵀX + λI)⁻¹Xᵀy, X row-major, a new Float64Array
 * solver.fit(X, y, 0.1, theta);             // or into an existing one
 * solver.fitColumns(Xcols, y, 0.1, theta);  // X given column by column (no transpose copy)
 * ```
 *
 * One fit: [X y] is copied column by column into the workspace (a transpose for {@link fit}, two
 * block copies for {@link fitColumns}); one pass of 2×2-blocked dot products
 * (`gramColumnsLowerInto`) gives the lower triangle of [X y]ᵀ[X y], whose leading d×d block is
 * XᵀX and whose last row is (Xᵀy)ᵀ; λ is added to the diagonal and the block is factored and
 * solved in place (Cholesky, row stride d + 1). Only the symmetric half is ever computed.
 *
 * Checks per fit are a few length compares; non-finite data are not scanned for up front but
 * caught where they surface (a non-positive or NaN pivot, or a non-finite θ̃), and then named
 * entry by entry, so a batch of valid fits pays nothing for the check.
 */
export class RidgeSolver {
  /** Columns of the workspace: d for X and one for y. */
  private readonly p: number;
  /** [X y] column by column: column j at C[j·n .. j·n+n), y in column d. */
  private readonly C: Float64Array;
  /** (d+1)×(d+1) row-major: the lower triangle of [X y]ᵀ[X y], then the Cholesky factor in its leading d×d block. */
  private readonly G: Float64Array;

  /** @param n rows (examples) of every X to come; @param d columns (features). */
  constructor(readonly n: number, readonly d: number) {
    for (const [name, v] of [["n", n], ["d", d]] as const) {
      if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`RidgeSolver: ${name} must be a whole number ≥ 1, got ${v}.`);
    }
    this.p = d + 1;
    this.C = new Float64Array(n * this.p);
    this.G = new Float64Array(this.p * this.p);
  }

  /**
   * θ̃ = (XᵀX + λI)⁻¹Xᵀy for X (n×d row-major: row i at X[i·d .. i·d+d)) and y (length n),
   * written to `out` (length d, allocated when omitted) and returned. λ = 0 is allowed when XᵀX
   * is positive definite. Throws a RangeError for wrong lengths, λ < 0, a non-finite entry of X
   * or y (named), or XᵀX + λI not positive definite (with the λ that would fix it).
   */
  fit(X: Float64Array, y: Float64Array, lambda: number, out: Float64Array = new Float64Array(this.d)): Float64Array {
    const { n, d, C } = this;
    if (X.length !== n * d) throw new RangeError(`RidgeSolver.fit: X has ${X.length} numbers but this solver is for n×d = ${n}×${d} = ${n * d} (row-major).`);
    this.checkRest("fit", y, lambda, out);
    for (let i = 0; i < n; i++) {
      const row = i * d;
      for (let a = 0; a < d; a++) C[a * n + i] = X[row + a];
    }
    C.set(y, d * n);
    return this.solve("fit", lambda, out, X, y);
  }

  /**
   * The same fit with X given column by column (column a at Xcols[a·n .. a·n+n), i.e. Xᵀ in
   * row-major order), which skips the transpose: for code that draws or builds X by columns.
   */
  fitColumns(Xcols: Float64Array, y: Float64Array, lambda: number, out: Float64Array = new Float64Array(this.d)): Float64Array {
    const { n, d, C } = this;
    if (Xcols.length !== n * d) throw new RangeError(`RidgeSolver.fitColumns: Xcols has ${Xcols.length} numbers but this solver is for n×d = ${n}×${d} = ${n * d} (${d} columns of ${n}).`);
    this.checkRest("fitColumns", y, lambda, out);
    C.set(Xcols, 0);
    C.set(y, d * n);
    return this.solve("fitColumns", lambda, out, Xcols, y);
  }

  private checkRest(fn: string, y: Float64Array, lambda: number, out: Float64Array): void {
    const { n, d } = this;
    if (y.length !== n) throw new RangeError(`RidgeSolver.${fn}: y has length ${y.length} but n = ${n}; one target per row of X.`);
    if (out.length !== d) throw new RangeError(`RidgeSolver.${fn}: out has length ${out.length} but d = ${d}.`);
    if (!(lambda >= 0) || !Number.isFinite(lambda)) checkLambda(`RidgeSolver.${fn}`, lambda);
  }

  /** Factors and solves from the workspace; X and y (as the caller gave them) only for naming a non-finite entry. */
  private solve(fn: "fit" | "fitColumns", lambda: number, out: Float64Array, X: Float64Array, y: Float64Array): Float64Array {
    const { n, d, p, C, G } = this;
    gramColumnsLowerInto(C, n, p, G);
    const yRow = d * p; // row d of G: (Xᵀy)ᵀ
    for (let a = 0; a < d; a++) out[a] = G[yRow + a];
    for (let i = 0; i < d; i++) G[i * p + i] += lambda;
    const bad = choleskyInPlace(G, d, p);
    if (bad >= 0 || !Number.isFinite(out[0])) checkFinite(fn, X, y);
    if (bad >= 0) {
      if (lambda === 0) {
        throw new RangeError(
          `RidgeSolver.${fn}: XᵀX is singular (pivot ${bad} of the Cholesky factorisation is not positive): X has rank < d = ${d}` +
            `${n < d ? ` (n = ${n} < d)` : ""}. Use a ridge penalty lambda > 0, e.g. 0.1.`,
        );
      }
      gramColumnsLowerInto(C, n, p, G); // the factorisation overwrote the diagonal
      const diag = Array.from({ length: d }, (_, i) => G[i * p + i]);
      throw notPositiveDefinite(`RidgeSolver.${fn}`, lambda, diag);
    }
    choleskySolveInPlace(G, d, out, p);
    // A NaN in y passes the factorisation and would come out as a NaN θ: name it instead.
    for (let a = 0; a < d; a++) if (!Number.isFinite(out[a])) checkFinite(fn, X, y);
    return out;
  }
}

/** Throws a RangeError naming the first non-finite entry of X or y (only called on a failed fit, so fits stay fast). */
function checkFinite(fn: "fit" | "fitColumns", X: Float64Array, y: Float64Array): void {
  const [name, layout] = fn === "fit" ? ["X", "row-major"] : ["Xcols", "column-major"];
  for (let i = 0; i < X.length; i++) if (!Number.isFinite(X[i])) throw new RangeError(`RidgeSolver.${fn}: ${name}[${i}] (flat ${layout} index) is ${X[i]}; every entry must be finite.`);
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new RangeError(`RidgeSolver.${fn}: y[${i}] is ${y[i]}; every target must be finite.`);
}
