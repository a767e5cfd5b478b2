/**
 * Solving with symmetric matrices, the one piece of linear algebra every second-order method
 * here shares: the eigenvalues of a Hessian (to say whether it is positive definite and by how
 * much it is not) and the solve (H + λI)d = −g through a Cholesky factorisation.
 *
 * Why Cholesky and never an inverse: H = LLᵀ costs n³/3 flops and exists exactly when H is
 * positive definite, so the factorisation itself is the test "is this a descent direction?";
 * forming H⁻¹ costs three times as much and loses accuracy when H is ill-conditioned.
 */
import { CholeskyDecomposition, EVD, Matrix } from "ml-matrix";

/** Eigenvalues (ascending) and unit eigenvectors (the columns of `vectors`, same order) of a symmetric matrix. */
export interface SymmetricEigen {
  /** λ₁ ≤ λ₂ ≤ … ≤ λₙ. */
  values: number[];
  /** Q with H = Q diag(λ) Qᵀ; column i belongs to `values[i]`. */
  vectors: Matrix;
}

/** Throws a RangeError unless `H` is a square n × n matrix of finite numbers. */
export function checkSquare(owner: string, name: string, H: Matrix, n?: number): void {
  if (!(H instanceof Matrix)) throw new TypeError(`${owner}: ${name} must be an ml-matrix Matrix, got ${String(H)}.`);
  if (H.rows !== H.columns) throw new RangeError(`${owner}: ${name} must be square, got ${H.rows} × ${H.columns}.`);
  if (n !== undefined && H.rows !== n) {
    throw new RangeError(`${owner}: ${name} is ${H.rows} × ${H.columns} but there are ${n} parameters; it must be ${n} × ${n}.`);
  }
  for (let i = 0; i < H.rows; i++) {
    for (let j = 0; j < H.columns; j++) {
      const v = H.get(i, j);
      if (!Number.isFinite(v)) throw new RangeError(`${owner}: ${name}[${i}][${j}] is ${v}; the curvature must be finite (has the run diverged?).`);
    }
  }
}

/**
 * The symmetric eigendecomposition H = Q diag(λ) Qᵀ, eigenvalues sorted ascending. H is
 * symmetrised as (H + Hᵀ)/2 first, so rounding in a Hessian built from differences does not
 * produce complex eigenvalues.
 */
export function symmetricEigen(H: Matrix): SymmetricEigen {
  const S = H.clone().add(H.transpose()).mul(0.5);
  const evd = new EVD(S, { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const order = raw.map((_, i) => i).sort((a, b) => raw[a] - raw[b]);
  const Q = new Matrix(S.rows, S.rows);
  order.forEach((src, dst) => Q.setColumn(dst, evd.eigenvectorMatrix.getColumn(src)));
  return { values: order.map((i) => raw[i]), vectors: Q };
}

/** The smallest eigenvalue λ_min of a symmetric matrix. */
export function smallestEigenvalue(H: Matrix): number {
  return symmetricEigen(H).values[0];
}

/**
 * The damping that makes H + λI positive definite with some margin: λ = 1.5·(−λ_min) + 1e-8·(1 + |λ_max|)
 * when λ_min ≤ 0 (any λ > −λ_min works; the margin keeps the factorisation well conditioned).
 */
export function suggestedDamping(values: readonly number[]): number {
  const lo = values[0];
  const hi = Math.max(Math.abs(values[0]), Math.abs(values[values.length - 1]));
  return lo > 0 ? 0 : 1.5 * -lo + 1e-8 * (1 + hi);
}

/** The message for a matrix that is not positive definite: its smallest eigenvalue and the damping that fixes it. */
export function notPositiveDefiniteMessage(owner: string, what: string, H: Matrix, damping: number): string {
  const { values } = symmetricEigen(H);
  const lo = values[0];
  const need = -lo;
  const singular = Math.abs(lo) <= values.length * Number.EPSILON * Math.max(1, Math.abs(values[values.length - 1]));
  if (singular) {
    return (
      `${owner}: ${what} is singular to working precision (smallest eigenvalue ${fmt(lo + damping)}, largest ${fmt(values[values.length - 1] + damping)}), ` +
      `so the step is not determined along its null space. Add damping λ > 0 (e.g. damping: ${fmt(1e-6 * Math.max(1, values[values.length - 1]))}).`
    );
  }
  const dampNote = damping > 0 ? ` The damping λ = ${fmt(damping)} is not enough: H + λI has smallest eigenvalue ${fmt(lo + damping)}.` : "";
  return (
    `${owner}: ${what} is not positive definite: its smallest eigenvalue is λ_min = ${fmt(lo)}, so −H⁻¹∇f is not a descent direction ` +
    `(it heads for a saddle point or a maximum along that eigenvector).${dampNote} ` +
    `Use damping λ > −λ_min = ${fmt(need)} (e.g. damping: ${fmt(suggestedDamping(values))}), or a trust region (TrustRegion), which handles negative curvature.`
  );
}

/**
 * Solves (H + λI) d = −g by Cholesky and returns d; throws a RangeError naming λ_min and the
 * damping that would work when H + λI is not positive definite.
 *
 * @param owner the caller's name, for the error message
 * @param H the symmetric curvature matrix (n × n)
 * @param g the gradient (length n)
 * @param damping λ ≥ 0 added to the diagonal (Levenberg–Marquardt damping)
 */
export function solveDamped(owner: string, H: Matrix, g: ArrayLike<number>, damping = 0): Float64Array {
  const n = H.rows;
  const A = damping === 0 ? H : H.clone().add(Matrix.eye(n, n).mul(damping));
  const chol = new CholeskyDecomposition(A.clone().add(A.transpose()).mul(0.5));
  if (!chol.isPositiveDefinite() || numericallySingular(A, chol)) {
    throw new RangeError(notPositiveDefiniteMessage(owner, damping > 0 ? "H + λI" : "the Hessian H", H, damping));
  }
  const rhs = Matrix.columnVector(Array.from(g, (v) => -v));
  return Float64Array.from(chol.solve(rhs).getColumn(0));
}

/**
 * Whether a Cholesky factor L of A has a pivot Lⱼⱼ² below n·ε·max Aᵢᵢ: A is then singular to
 * working precision (a PSD Gauss–Newton matrix of low rank, say), and the "solution" would be
 * rounding noise blown up by 1/pivot, so it is refused like an indefinite matrix.
 */
function numericallySingular(A: Matrix, chol: CholeskyDecomposition): boolean {
  const n = A.rows;
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(A.get(i, i)));
  const L = chol.lowerTriangularMatrix;
  for (let j = 0; j < n; j++) if (L.get(j, j) ** 2 <= n * Number.EPSILON * maxDiag) return true;
  return false;
}

/** xᵀy. */
export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** ‖x‖₂. */
export function norm(x: ArrayLike<number>): number {
  return Math.sqrt(dot(x, x));
}

/** H·v for a dense H and a vector v. */
export function matVec(H: Matrix, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(H.rows);
  for (let i = 0; i < H.rows; i++) {
    let s = 0;
    for (let j = 0; j < H.columns; j++) s += H.get(i, j) * v[j];
    out[i] = s;
  }
  return out;
}

/** A number printed to 4 significant digits for messages and tables. */
export function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}
