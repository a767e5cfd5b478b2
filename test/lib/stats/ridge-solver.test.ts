import { expect } from "chai";
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from "ml-matrix";
import { gramInto } from "../../../lib/linalg/gram";
import { choleskyInPlace, choleskySolveInPlace } from "../../../lib/linalg/cholesky";
import { rng } from "../../../lib/random";
import { ridge, RidgeSolver } from "../../../lib/stats/ridge";

/** The previous RidgeSolver path, kept here as a reference: gramInto (dot products of columns), then a dense Cholesky. */
function referenceFit(X: Float64Array, y: Float64Array, n: number, d: number, lambda: number): Float64Array {
  const G = new Float64Array(d * d), b = new Float64Array(d);
  gramInto(X, n, d, G, y, b);
  for (let i = 0; i < d; i++) G[i * d + i] += lambda;
  if (choleskyInPlace(G, d) >= 0) throw new Error("reference: not positive definite");
  choleskySolveInPlace(G, d, b);
  return b;
}

function toColumns(X: Float64Array, n: number, d: number): Float64Array {
  const C = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) C[a * n + i] = X[i * d + a];
  return C;
}

describe("RidgeSolver (blocked kernel on [X y])", () => {
  it("fit and fitColumns agree with the previous kernel path and with ml-matrix, over shapes that exercise every block path", () => {
    const r = rng(21, { generator: "xoshiro128**" });
    // d + 1 = p runs through every p mod 4; n < d only with λ > 0; the bench's 100 × 20 included.
    for (const [n, d] of [[100, 20], [50, 3], [30, 4], [12, 5], [7, 7], [5, 9], [200, 1], [3, 6]]) {
      for (const lambda of n < d ? [0.5, 10] : [0, 0.01, 1, 100]) {
        const X = r.fillNormal(new Float64Array(n * d));
        const y = r.fillNormal(new Float64Array(n));
        const solver = new RidgeSolver(n, d);
        const fromRows = Float64Array.from(solver.fit(X, y, lambda));
        const fromCols = solver.fitColumns(toColumns(X, n, d), y, lambda);
        const ref = referenceFit(X, y, n, d, lambda);
        const M = new Matrix(Array.from({ length: n }, (_, i) => Array.from(X.subarray(i * d, i * d + d))));
        const A = M.transpose().mmul(M).add(Matrix.eye(d, d).mul(lambda));
        const ml = new CholeskyDecomposition(A).solve(M.transpose().mmul(Matrix.columnVector(Array.from(y)))).getColumn(0);
        // The three solve the same d×d system with sums in different orders; the forward error of a
        // Cholesky solve is about κ(A)·d·ε relative (Higham, Accuracy and Stability, Thm 10.4). κ is
        // computed here and the bound taken 100× wider than that estimate, for the Gram matrix's own
        // rounding (n·ε relative) and the back substitution.
        const cond = conditionNumber(A.to2DArray());
        const scale = Math.max(...ml.map(Math.abs), 1e-300);
        const tol = 100 * cond * (d + n) * 2 ** -53 * scale;
        for (let a = 0; a < d; a++) {
          expect(fromCols[a], `fitColumns vs fit, n=${n} d=${d} λ=${lambda}`).to.equal(fromRows[a]); // same workspace, same arithmetic
          expect(Math.abs(fromRows[a] - ref[a]), `vs previous kernel, n=${n} d=${d} λ=${lambda}`).to.be.at.most(tol);
          expect(Math.abs(fromRows[a] - ml[a]), `vs ml-matrix, n=${n} d=${d} λ=${lambda}`).to.be.at.most(tol);
          expect(Number.isFinite(fromRows[a])).to.equal(true);
        }
        if (lambda > 0) {
          const viaRidge = ridge(Array.from({ length: n }, (_, i) => Array.from(X.subarray(i * d, i * d + d))), Array.from(y), { lambda });
          for (let a = 0; a < d; a++) expect(Math.abs(fromRows[a] - viaRidge[a])).to.be.at.most(tol);
        }
      }
    }
  });

  it("reuses its workspace: repeated fits of different data do not leak into each other, and out is written in place", () => {
    const r = rng(22, { generator: "xoshiro128**" });
    const n = 40, d = 8, solver = new RidgeSolver(n, d);
    const X1 = r.fillNormal(new Float64Array(n * d)), y1 = r.fillNormal(new Float64Array(n));
    const X2 = r.fillNormal(new Float64Array(n * d)), y2 = r.fillNormal(new Float64Array(n));
    const first = Float64Array.from(solver.fitColumns(X1, y1, 1));
    solver.fitColumns(X2, y2, 1);
    const out = new Float64Array(d);
    expect(solver.fitColumns(X1, y1, 1, out)).to.equal(out);
    expect(Array.from(out)).to.deep.equal(Array.from(first));
    expect(Array.from(new RidgeSolver(n, d).fitColumns(X1, y1, 1))).to.deep.equal(Array.from(first));
  });

  it("names bad input: shapes, λ, non-finite entries in either layout, a singular XᵀX", () => {
    const s = new RidgeSolver(3, 2);
    const X = Float64Array.from([1, 2, 3, 4, 5, 7]), y = Float64Array.from([1, 2, 3]);
    expect(() => s.fitColumns(new Float64Array(5), y, 1)).to.throw(RangeError, /fitColumns: Xcols has 5 numbers.*3×2 = 6.*2 columns of 3/);
    expect(() => s.fitColumns(X, new Float64Array(2), 1)).to.throw(RangeError, /fitColumns: y has length 2 but n = 3/);
    expect(() => s.fitColumns(X, y, 1, new Float64Array(3))).to.throw(RangeError, /out has length 3 but d = 2/);
    expect(() => s.fitColumns(X, y, -1)).to.throw(RangeError, /lambda/);
    expect(() => s.fitColumns(X, y, Infinity)).to.throw(RangeError, /lambda/);
    const bad = Float64Array.from(X);
    bad[4] = Infinity;
    expect(() => s.fitColumns(bad, y, 1)).to.throw(RangeError, /fitColumns: Xcols\[4\] \(flat column-major index\) is Infinity/);
    expect(() => s.fit(bad, y, 1)).to.throw(RangeError, /fit: X\[4\] \(flat row-major index\) is Infinity/);
    expect(() => s.fitColumns(X, Float64Array.from([1, NaN, 3]), 1)).to.throw(RangeError, /fitColumns: y\[1\] is NaN/);
    // Columns (1, 2, 3) and (2, 4, 6): rank 1, so λ = 0 has no answer and the message says what to do.
    expect(() => s.fitColumns(Float64Array.from([1, 2, 3, 2, 4, 6]), y, 0)).to.throw(RangeError, /singular.*rank < d = 2.*lambda > 0/);
    expect(() => new RidgeSolver(0, 2)).to.throw(RangeError, /n must be a whole number ≥ 1, got 0/);
  });
});

/** κ₂ of a symmetric positive definite matrix from ml-matrix's eigenvalues. */
function conditionNumber(A: number[][]): number {
  const ev = new EigenvalueDecomposition(new Matrix(A), { assumeSymmetric: true }).realEigenvalues;
  return Math.max(...ev) / Math.min(...ev);
}
