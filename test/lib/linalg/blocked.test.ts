import { expect } from "chai";
import { Matrix } from "ml-matrix";
import { gramColumnsLowerInto, gramInto } from "../../../lib/linalg/gram";
import { choleskyInPlace, choleskySolveInPlace } from "../../../lib/linalg/cholesky";
import { rng } from "../../../lib/random";

const EPS = 2 ** -53;

describe("lib/linalg: the blocked Gram kernel and the strided Cholesky", () => {
  it("gramColumnsLowerInto gives the lower half of CᵀC for every p mod 4 (the 4×2, diagonal and leftover paths), upper half untouched", () => {
    const r = rng(12, { generator: "xoshiro128**" });
    for (const n of [1, 3, 100]) {
      for (let p = 1; p <= 11; p++) {
        const C = r.fillNormal(new Float64Array(n * p));
        const G = new Float64Array(p * p).fill(7); // the upper half must stay 7; the lower half overwritten
        gramColumnsLowerInto(C, n, p, G);
        const M = new Matrix(p, n);
        for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) M.set(j, i, C[j * n + i]);
        const ref = M.mmul(M.transpose());
        for (let a = 0; a < p; a++) {
          for (let c = 0; c < p; c++) {
            if (c > a) {
              expect(G[a * p + c], `upper (${a}, ${c}), p = ${p}`).to.equal(7);
              continue;
            }
            // Two sums of the same n products in different orders differ by at most about
            // 2n·ε·Σ|products| (the standard bound for recursive summation, twice).
            let absSum = 0;
            for (let i = 0; i < n; i++) absSum += Math.abs(C[a * n + i] * C[c * n + i]);
            expect(Math.abs(G[a * p + c] - ref.get(a, c)), `(${a}, ${c}), n = ${n}, p = ${p}`).to.be.at.most(2 * n * EPS * absSum + 1e-300);
          }
        }
      }
    }
  });

  it("gramColumnsLowerInto refuses buffers too small, naming the sizes", () => {
    expect(() => gramColumnsLowerInto(new Float64Array(5), 3, 2, new Float64Array(4))).to.throw(RangeError, /C holds 5 numbers, fewer than n·p = 3·2/);
    expect(() => gramColumnsLowerInto(new Float64Array(6), 3, 2, new Float64Array(3))).to.throw(RangeError, /G holds 3 numbers, needs p² = 4/);
  });

  it("choleskyInPlace and choleskySolveInPlace with a row stride factor a leading block and solve as the dense path does", () => {
    const n = 40, d = 6, p = d + 3; // the d×d block inside a p×p buffer
    const r = rng(4, { generator: "xoshiro128**" });
    const X = r.fillNormal(new Float64Array(n * d));
    const dense = new Float64Array(d * d);
    gramInto(X, n, d, dense);
    const big = new Float64Array(p * p).fill(NaN); // anything outside the block must not be read
    for (let a = 0; a < d; a++) for (let c = 0; c <= a; c++) big[a * p + c] = dense[a * d + c];
    expect(choleskyInPlace(dense, d)).to.equal(-1);
    expect(choleskyInPlace(big, d, p)).to.equal(-1);
    for (let a = 0; a < d; a++) for (let c = 0; c <= a; c++) expect(big[a * p + c]).to.equal(dense[a * d + c]); // same operations, same order
    const b1 = r.fillNormal(new Float64Array(d)), b2 = Float64Array.from(b1);
    choleskySolveInPlace(dense, d, b1);
    choleskySolveInPlace(big, d, b2, p);
    expect(Array.from(b2)).to.deep.equal(Array.from(b1));
    expect(() => choleskyInPlace(big, d, d - 1)).to.throw(RangeError, /stride 5 is less than d = 6/);
    expect(() => choleskySolveInPlace(new Float64Array(10), 4, new Float64Array(4), 4)).to.throw(RangeError, /row stride 4/);
  });
});
