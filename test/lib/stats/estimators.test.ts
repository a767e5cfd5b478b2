import { expect } from "chai";
import { Matrix, solve } from "ml-matrix";
import { ols } from "../../../lib/stats/ols";
import { ridge, RidgeSolver } from "../../../lib/stats/ridge";
import { predict } from "../../../lib/stats/predict";
import { polynomialFeatures } from "../../../lib/stats/polynomial";
import { rng } from "../../../lib/random";

function randomDesign(n: number, d: number, seed: number): number[][] {
  const r = rng(seed);
  return Array.from({ length: n }, () => r.normals(d));
}

describe("lib/stats estimators", () => {
  it("OLS recovers θ exactly from noiseless data", () => {
    const X = randomDesign(20, 4, 1);
    const theta = [1, -2, 0.5, 3];
    const y = predict(X, theta);
    // Well-conditioned 20×4 Gaussian design: QR recovers θ to ~1e-15; 1e-10 is generous.
    ols(X, y).forEach((t, i) => expect(t).to.be.closeTo(theta[i], 1e-10));
  });

  it("OLS residuals are orthogonal to every column (the normal equations Xᵀ(y − Xθ̂) = 0)", () => {
    const X = randomDesign(30, 3, 2);
    const y = rng(3).normals(30);
    const th = ols(X, y);
    const res = predict(X, th).map((p, i) => y[i] - p);
    for (let j = 0; j < 3; j++) {
      const g = X.reduce((s, row, i) => s + row[j] * res[i], 0);
      expect(Math.abs(g)).to.be.below(1e-12); // entries O(1), 30 terms: rounding ~1e-14
    }
    // Same θ̂ as solving the normal equations directly.
    const M = new Matrix(X);
    const ref = solve(M.transpose().mmul(M), M.transpose().mmul(Matrix.columnVector(y))).getColumn(0);
    th.forEach((t, i) => expect(t).to.be.closeTo(ref[i], 1e-12));
  });

  it("ridge solves (XᵀX + λI)θ = Xᵀy, equals OLS at λ = 0, and shrinks ‖θ‖ as λ grows", () => {
    const X = randomDesign(25, 5, 4);
    const y = rng(5).normals(25);
    const M = new Matrix(X);
    let prevNorm = Infinity;
    for (const lambda of [0, 0.1, 1, 10, 100]) {
      const th = ridge(X, y, { lambda });
      const lhs = M.transpose().mmul(M).add(Matrix.eye(5).mul(lambda)).mmul(Matrix.columnVector(th)).getColumn(0);
      const rhs = M.transpose().mmul(Matrix.columnVector(y)).getColumn(0);
      lhs.forEach((v, i) => expect(v).to.be.closeTo(rhs[i], 1e-10));
      const norm = Math.hypot(...th);
      expect(norm).to.be.below(prevNorm);
      prevNorm = norm;
    }
    ols(X, y).forEach((t, i) => expect(t).to.be.closeTo(ridge(X, y, { lambda: 0 })[i], 1e-14));
  });

  it("ridge works with n < d when λ > 0; RidgeSolver gives the same θ̃ as ridge", () => {
    const X = randomDesign(3, 6, 6);
    const y = [1, 2, 3];
    const th = ridge(X, y, { lambda: 0.5 });
    expect(th.every(Number.isFinite)).to.equal(true);
    const n = 40, d = 7;
    const X2 = randomDesign(n, d, 7), y2 = rng(8).normals(n);
    const solver = new RidgeSolver(n, d);
    const fast = solver.fit(Float64Array.from(X2.flat()), Float64Array.from(y2), 0.3);
    const slow = ridge(X2, y2, { lambda: 0.3 });
    slow.forEach((t, i) => expect(fast[i]).to.be.closeTo(t, 1e-12));
  });

  it("OLS refuses n < d, a rank-deficient X and an ill-conditioned X, naming rank/condition and suggesting ridge", () => {
    expect(() => ols([[1, 2, 3], [4, 5, 6]], [1, 2])).to.throw(RangeError, /n = 2 rows but d = 3.*ridge/s);
    const dup = [[1, 2, 2], [3, 1, 1], [0, 5, 5], [2, 2, 2], [1, 0, 0]];
    expect(() => ols(dup, [1, 2, 3, 4, 5])).to.throw(RangeError, /rank 2 < d = 3.*ridge\(X, y, \{ lambda: /s);
    const near = [[1, 1], [1, 1 + 1e-10], [1, 1 - 1e-10]];
    expect(() => ols(near, [1, 2, 3])).to.throw(RangeError, /cond\(X\) = .*ridge/s);
    // The suggested ridge actually works on the rank-deficient design.
    expect(ridge(dup, [1, 2, 3, 4, 5], { lambda: 1e-3 }).every(Number.isFinite)).to.equal(true);
  });

  it("rejects mismatched shapes, λ < 0 and bad λ types with the argument named", () => {
    expect(() => ols([[1], [2]], [1, 2, 3])).to.throw(RangeError, /X is 2×1.*y has length 3/);
    expect(() => ridge([[1], [2]], [1, 2], { lambda: -1 })).to.throw(RangeError, /lambda.*≥ 0, got -1/);
    expect(() => ridge([[1], [2]], [1, 2], { lambda: NaN })).to.throw(RangeError, /lambda.*got NaN/);
    expect(() => ridge([[1], [2]], [1, 2], undefined as unknown as { lambda: number })).to.throw(TypeError, /lambda/);
    expect(() => ols([[1], [2]], [1, NaN])).to.throw(RangeError, /y\[1\] is NaN/);
    expect(() => predict([[1, 2]], [1])).to.throw(RangeError, /theta has 1 entries but X has 2 columns/);
    const s = new RidgeSolver(2, 1);
    expect(() => s.fit(Float64Array.from([1, 2]), Float64Array.from([1]), 0)).to.throw(RangeError, /y has length 1 but n = 2/);
    expect(() => s.fit(Float64Array.from([1, 2]), Float64Array.from([1, 2]), -0.5)).to.throw(RangeError, /lambda/);
    expect(() => s.fit(Float64Array.from([0, 0]), Float64Array.from([1, 2]), 0)).to.throw(RangeError, /singular.*lambda > 0/);
    expect(() => s.fit(Float64Array.from([1, NaN]), Float64Array.from([1, 2]), 1)).to.throw(RangeError, /X\[1\].*NaN/);
    expect(() => s.fit(Float64Array.from([1, 2]), Float64Array.from([1, NaN]), 1)).to.throw(RangeError, /y\[1\] is NaN/);
  });

  it("polynomialFeatures builds 1, x, …, x^degree and rejects bad degrees", () => {
    expect(polynomialFeatures([2, -1], 3)).to.deep.equal([[1, 2, 4, 8], [1, -1, 1, -1]]);
    expect(polynomialFeatures([3], 2, { bias: false })).to.deep.equal([[3, 9]]);
    expect(polynomialFeatures([5], 0)).to.deep.equal([[1]]);
    expect(() => polynomialFeatures([1], 2.5)).to.throw(RangeError, /degree must be a whole number.*2\.5/);
    expect(() => polynomialFeatures([1], -1)).to.throw(RangeError, /degree.*-1/);
    expect(() => polynomialFeatures([1], 0, { bias: false })).to.throw(RangeError, /no features/);
    expect(() => polynomialFeatures([1, NaN], 2)).to.throw(RangeError, /x\[1\] is NaN/);
  });
});
