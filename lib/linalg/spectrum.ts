/**
 * Spectra of the matrices the lessons study, through ml-matrix: eigenvalues of a symmetric
 * matrix (a Hessian's L, μ and κ = L/μ; the σᵢ² of XᵀX in CS 182 Discussion 2 (Berkeley)
 * Problem 3), and the singular values of a data matrix X (its rank and condition number).
 */
import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from "ml-matrix";
import { checkMatrix, type MatrixLike } from "./check";

/** Eigenvalues (largest first) and matching unit eigenvectors of a symmetric matrix. */
export interface SymmetricEigen {
  /** λ₁ ≥ λ₂ ≥ … ≥ λ_d. */
  values: number[];
  /** `vectors[k]` is the unit eigenvector of `values[k]` (so A·vₖ = λₖvₖ). */
  vectors: number[][];
}

/**
 * The eigen-decomposition A = V diag(λ) Vᵀ of a symmetric matrix, eigenvalues sorted largest
 * first. Throws a RangeError for a non-square or non-symmetric A (|Aᵢⱼ − Aⱼᵢ| above 1e−10 of the
 * largest entry), naming the first offending pair.
 */
export function symmetricEigen(A: MatrixLike): SymmetricEigen {
  const M = checkMatrix("symmetricEigen", "A", A);
  if (M.rows !== M.columns) throw new RangeError(`symmetricEigen: A must be square, got ${M.rows}×${M.columns}.`);
  const scale = Math.max(1e-300, M.max(), -M.min());
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(M.get(i, j) - M.get(j, i)) > 1e-10 * scale) {
        throw new RangeError(`symmetricEigen: A is not symmetric: A[${i}][${j}] = ${M.get(i, j)} but A[${j}][${i}] = ${M.get(j, i)}; pass (A + Aᵀ)/2 if that is what you mean.`);
      }
    }
  }
  const evd = new EigenvalueDecomposition(M, { assumeSymmetric: true });
  const V = evd.eigenvectorMatrix;
  const order = evd.realEigenvalues.map((v, k) => [v, k] as const).sort((a, b) => b[0] - a[0]);
  return {
    values: order.map(([v]) => v),
    vectors: order.map(([, k]) => V.getColumn(k)),
  };
}

/** Singular values of X (largest first), its numerical rank and its condition number. */
export interface SingularValues {
  /** s₁ ≥ s₂ ≥ … ≥ s_min(n,d) ≥ 0. */
  values: number[];
  /** The number of sᵢ above `tolerance`. */
  rank: number;
  /** max(n, d)·ε·s₁, the rank cut-off numpy's `matrix_rank` uses. */
  tolerance: number;
  /** s₁ / s_min (Infinity when s_min = 0). cond(XᵀX) is its square. */
  condition: number;
}

/** The singular values of X (through ml-matrix's SVD), with rank and condition number. */
export function singularValues(X: MatrixLike): SingularValues {
  const M = checkMatrix("singularValues", "X", X);
  // ml-matrix's SVD wants rows ≥ columns for its thin form; the singular values of Xᵀ are the same.
  const A = M.rows >= M.columns ? M : M.transpose();
  const s = new SingularValueDecomposition(A, { computeLeftSingularVectors: false, computeRightSingularVectors: false }).diagonal
    .map((v) => Math.abs(v))
    .sort((a, b) => b - a);
  const tolerance = Math.max(M.rows, M.columns) * Number.EPSILON * (s[0] ?? 0);
  const rank = s.filter((v) => v > tolerance).length;
  const last = s[s.length - 1];
  return { values: s, rank, tolerance, condition: last > 0 ? s[0] / last : Infinity };
}

/** `M` as rows of numbers (a plain copy, for printing or returning from the library). */
export function toRows(M: Matrix): number[][] {
  return M.to2DArray();
}
