import { expect } from "chai";
import { Matrix, inverse } from "ml-matrix";
import {
  ridgeTheory, olsTheory, predictionTheory, fixedDesignTheory, diagonalRidgeVariance, diagonalRidgeBias, ridgeOperator,
} from "../../../lib/stats/theory";
import { rng } from "../../../lib/random";

function randomDesign(n: number, d: number, seed: number): number[][] {
  const r = rng(seed);
  return Array.from({ length: n }, () => r.normals(d));
}

/** Max |A − B| over entries. */
function maxDiff(A: number[][], B: number[][]): number {
  let m = 0;
  A.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(v - B[i][j])))));
  return m;
}

describe("lib/stats theory (closed forms)", () => {
  const X = randomDesign(15, 3, 1);
  const theta = [2, -1, 0.5];
  const M = new Matrix(X);
  const XtX = M.transpose().mmul(M);

  it("OLS is unbiased with Cov = σ²(XᵀX)⁻¹ (computed here by ml-matrix's inverse, not the SVD the library uses)", () => {
    const t = olsTheory(X, theta, { sigma: 0.7 });
    t.bias.forEach((b) => expect(Math.abs(b)).to.be.below(1e-12));
    t.mean.forEach((m, i) => expect(m).to.be.closeTo(theta[i], 1e-12));
    const ref = inverse(XtX).mul(0.49).to2DArray();
    // Entries of (XᵀX)⁻¹ are ~0.07 here; two different factorisations agree to ~1e-16.
    expect(maxDiff(t.cov, ref)).to.be.below(1e-13);
  });

  it("ridge bias is ((XᵀX+λI)⁻¹XᵀX − I)θ and Cov = σ²(XᵀX+λI)⁻¹XᵀX(XᵀX+λI)⁻¹ (GUIDE §6)", () => {
    for (const lambda of [0.1, 3, 50]) {
      const t = ridgeTheory(X, theta, { lambda, sigma: 1.3 });
      const Ainv = inverse(XtX.clone().add(Matrix.eye(3).mul(lambda)));
      const bias = Ainv.mmul(XtX).sub(Matrix.eye(3)).mmul(Matrix.columnVector(theta)).getColumn(0);
      t.bias.forEach((b, i) => expect(b).to.be.closeTo(bias[i], 1e-12));
      const cov = Ainv.mmul(XtX).mmul(Ainv).mul(1.69).to2DArray();
      expect(maxDiff(t.cov, cov)).to.be.below(1e-13);
      // Ridge shrinks: every bias component is nonzero for this θ, and Cov ≤ OLS's on the diagonal.
      const o = olsTheory(X, theta, { sigma: 1.3 });
      t.cov.forEach((row, i) => expect(row[i]).to.be.below(o.cov[i][i]));
    }
  });

  it("the diagonal case: XᵀX = diag(sᵢ²) gives Var θ̃ᵢ = σ²sᵢ²/(sᵢ²+λ)² and bias −λθᵢ/(sᵢ²+λ) (Discussion 2, Problem 3)", () => {
    const s = [3, 1, 0.1];
    // X = [diag(s); 0]: its columns are orthogonal, so XᵀX = diag(s²).
    const D = [[3, 0, 0], [0, 1, 0], [0, 0, 0.1], [0, 0, 0]];
    const lambda = 0.5, sigma = 2;
    const t = ridgeTheory(D, theta, { lambda, sigma });
    const v = diagonalRidgeVariance(s.map((x) => x * x), lambda, sigma);
    const b = diagonalRidgeBias(s.map((x) => x * x), lambda, theta);
    // By hand for s = 0.1: 4·0.01/(0.51)² = 0.153787…
    expect(v[2]).to.be.closeTo(0.04 / 0.2601, 1e-12);
    for (let i = 0; i < 3; i++) {
      expect(t.cov[i][i]).to.be.closeTo(v[i], 1e-12);
      expect(t.bias[i]).to.be.closeTo(b[i], 1e-12);
      for (let j = 0; j < 3; j++) if (j !== i) expect(Math.abs(t.cov[i][j])).to.be.below(1e-14);
    }
    // OLS in the small direction: σ²/s² = 400, against ridge's 0.154; ridge's variance never exceeds σ²/(4λ) = 2.
    expect(olsTheory(D, theta, { sigma }).cov[2][2]).to.be.closeTo(400, 1e-9);
    diagonalRidgeVariance([1e-6, 0.01, 0.5, 1, 100], lambda, sigma).forEach((x) => expect(x).to.be.at.most(2 + 1e-12));
  });

  it("prediction at x: bias xᵀb, variance xᵀCov x, test MSE = bias² + variance + σ²", () => {
    const t = ridgeTheory(X, theta, { lambda: 2, sigma: 0.5 });
    const x = [1, 2, -1];
    const p = predictionTheory(t, x);
    const b = t.bias[0] + 2 * t.bias[1] - t.bias[2];
    expect(p.bias).to.be.closeTo(b, 1e-14);
    const e1 = predictionTheory(t, [0, 1, 0]);
    expect(e1.variance).to.be.closeTo(t.cov[1][1], 1e-15);
    expect(p.noise).to.equal(0.25);
    expect(p.testMse).to.be.closeTo(p.bias ** 2 + p.variance + 0.25, 1e-15);
    // fixedDesignTheory with a linear truth averages predictionTheory over the test points.
    const testX = [x, [0, 1, 0]];
    const f = fixedDesignTheory({
      X, trainMean: M.mmul(Matrix.columnVector(theta)).getColumn(0), testX,
      testTruth: testX.map((r) => r[0] * theta[0] + r[1] * theta[1] + r[2] * theta[2]), sigma: 0.5, lambda: 2,
    });
    expect(f.bias2).to.be.closeTo((p.bias ** 2 + e1.bias ** 2) / 2, 1e-13);
    expect(f.variance).to.be.closeTo((p.variance + e1.variance) / 2, 1e-13);
    expect(f.testMse).to.be.closeTo(f.bias2 + f.variance + 0.25, 1e-15);
  });

  it("ridgeOperator H satisfies (XᵀX + λI)H = Xᵀ, also with n < d", () => {
    const W = randomDesign(3, 5, 9);
    const { H } = ridgeOperator(W, { lambda: 0.3 });
    const Wm = new Matrix(W);
    const lhs = Wm.transpose().mmul(Wm).add(Matrix.eye(5).mul(0.3)).mmul(H);
    expect(maxDiff(lhs.to2DArray(), Wm.transpose().to2DArray())).to.be.below(1e-12);
  });

  it("rejects σ ≤ 0, λ < 0, a θ of the wrong length, OLS on a singular design, and sᵢ² = 0 with λ = 0", () => {
    expect(() => ridgeTheory(X, theta, { sigma: 0 })).to.throw(RangeError, /sigma.*> 0, got 0/);
    expect(() => ridgeTheory(X, theta, { sigma: -1 })).to.throw(RangeError, /sigma/);
    expect(() => ridgeTheory(X, theta, { lambda: -0.1 })).to.throw(RangeError, /lambda/);
    expect(() => ridgeTheory(X, [1, 2], {})).to.throw(RangeError, /theta has length 2.*d = 3/);
    expect(() => olsTheory([[1, 1], [2, 2], [3, 3]], [1, 1])).to.throw(RangeError, /rank 1 < d = 2.*ridge/s);
    expect(() => diagonalRidgeVariance([1, 0], 0)).to.throw(RangeError, /s2\[1\] = 0 with lambda = 0/);
    expect(() => diagonalRidgeVariance([1, -1], 1)).to.throw(RangeError, /negative/);
    expect(() => predictionTheory(olsTheory(X, theta), [1, 2])).to.throw(RangeError, /x has length 2/);
  });
});
