import { expect } from "chai";
import { Matrix } from "ml-matrix";
import { gramInto } from "../../../lib/linalg/gram";
import { choleskyInPlace, choleskySolveInPlace } from "../../../lib/linalg/cholesky";
import { symmetricEigen, singularValues } from "../../../lib/linalg/spectrum";
import { checkMatrix } from "../../../lib/linalg/check";
import { rng } from "../../../lib/random";

function randomFlat(n: number, d: number, seed: number): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n * d }, () => r.normal());
}

describe("lib/linalg kernels", () => {
  it("gramInto gives XᵀX and Xᵀy equal to ml-matrix's products", () => {
    const n = 37, d = 6;
    const X = randomFlat(n, d, 1), y = randomFlat(n, 1, 2);
    const G = new Float64Array(d * d), b = new Float64Array(d);
    G.fill(99); // must be overwritten, not accumulated
    gramInto(X, n, d, G, y, b);
    const M = new Matrix(Array.from({ length: n }, (_, i) => Array.from(X.subarray(i * d, i * d + d))));
    const ref = M.transpose().mmul(M);
    const refB = M.transpose().mmul(Matrix.columnVector(Array.from(y)));
    // Sums of 37 products of O(1) numbers in a different order: differences are a few ulps of ~40.
    for (let a = 0; a < d; a++) {
      expect(b[a]).to.be.closeTo(refB.get(a, 0), 1e-12);
      for (let c = 0; c < d; c++) expect(G[a * d + c]).to.be.closeTo(ref.get(a, c), 1e-12);
    }
  });

  it("choleskyInPlace factors an SPD matrix (LLᵀ = A) and the solve inverts it", () => {
    const n = 30, d = 5;
    const G = new Float64Array(d * d);
    gramInto(randomFlat(n, d, 3), n, d, G);
    const A = G.slice();
    expect(choleskyInPlace(G, d)).to.equal(-1);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += G[i * d + k] * G[j * d + k];
        expect(s).to.be.closeTo(A[i * d + j], 1e-10); // entries ~30; rounding ~1e-14
      }
    }
    const xTrue = [1, -2, 3, 0.5, -1];
    const b = new Float64Array(d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) b[i] += A[i * d + j] * xTrue[j];
    choleskySolveInPlace(G, d, b);
    // cond(A) here is ~10; 1e-10 leaves ample room over ε·cond.
    xTrue.forEach((v, i) => expect(b[i]).to.be.closeTo(v, 1e-10));
  });

  it("choleskyInPlace reports the first non-positive pivot of a singular or indefinite matrix", () => {
    // [[1, 1], [1, 1]] is singular: the second pivot is 1 − 1 = 0.
    expect(choleskyInPlace(Float64Array.from([1, 1, 1, 1]), 2)).to.equal(1);
    expect(choleskyInPlace(Float64Array.from([-1, 0, 0, 1]), 2)).to.equal(0);
    expect(choleskyInPlace(Float64Array.from([NaN, 0, 0, 1]), 2)).to.equal(0);
  });

  it("symmetricEigen returns sorted eigenpairs with A v = λ v", () => {
    const A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]];
    const { values, vectors } = symmetricEigen(A);
    expect(values[0]).to.be.greaterThan(values[1]);
    expect(values[1]).to.be.greaterThan(values[2]);
    // trace = sum of eigenvalues
    expect(values[0] + values[1] + values[2]).to.be.closeTo(9, 1e-12);
    values.forEach((lam, k) => {
      const v = vectors[k];
      for (let i = 0; i < 3; i++) {
        const Av = A[i][0] * v[0] + A[i][1] * v[1] + A[i][2] * v[2];
        expect(Av).to.be.closeTo(lam * v[i], 1e-12);
      }
      expect(Math.hypot(...v)).to.be.closeTo(1, 1e-12);
    });
    expect(() => symmetricEigen([[1, 2], [0, 1]])).to.throw(RangeError, /not symmetric/);
    expect(() => symmetricEigen([[1, 2, 3]])).to.throw(RangeError, /square/);
  });

  it("singularValues finds the rank of a matrix with a repeated column", () => {
    const X = [[1, 2, 2], [3, 1, 1], [0, 5, 5], [2, 2, 2]];
    const sv = singularValues(X);
    expect(sv.rank).to.equal(2);
    expect(sv.condition).to.be.greaterThan(1e12);
    const full = singularValues([[2, 0], [0, 0.5], [0, 0]]);
    expect(full.values[0]).to.be.closeTo(2, 1e-14);
    expect(full.values[1]).to.be.closeTo(0.5, 1e-14);
    expect(full.condition).to.be.closeTo(4, 1e-12);
  });

  it("checkMatrix rejects non-matrices, ragged rows and non-finite entries with the argument's name", () => {
    expect(() => checkMatrix("f", "X", 3)).to.throw(TypeError, /f: X must be a matrix/);
    expect(() => checkMatrix("f", "X", [])).to.throw(RangeError, /no rows/);
    expect(() => checkMatrix("f", "X", [1, 2])).to.throw(TypeError, /array of rows/);
    expect(() => checkMatrix("f", "X", [[1, 2], [3]])).to.throw(RangeError, /ragged/);
    expect(() => checkMatrix("f", "X", [[1, NaN]])).to.throw(RangeError, /X\[0\]\[1\] is NaN/);
    expect(() => checkMatrix("f", "X", [[1, Infinity]])).to.throw(RangeError, /Infinity/);
  });
});
