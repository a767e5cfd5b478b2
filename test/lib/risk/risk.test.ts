import { expect } from "chai";
import { LinearGaussian, fitLine, squaredRisk } from "../../../lib/risk/linear-gaussian";
import { riskVersusN } from "../../../lib/risk/risk-vs-n";

describe("lib/risk LinearGaussian", () => {
  it("its closed-form risk matches the empirical risk of a very large sample within 4 standard errors", () => {
    const dist = new LinearGaussian({ slope: 2, intercept: 1, noise: 0.5 });
    const n = 200000;
    const s = dist.sample(n, 123);
    for (const [w, b] of [[1, 0], [2, 1], [-0.5, 2]]) {
      const se = Math.sqrt(dist.lossVariance(w, b) / n);
      // A seeded draw: 4 SE leaves a chance of about 6e-5 of a false alarm per check.
      expect(Math.abs(squaredRisk(s, w, b) - dist.risk(w, b))).to.be.below(4 * se);
    }
  });

  it("its loss variance matches the sample variance of the losses (within 5%)", () => {
    const dist = new LinearGaussian();
    const s = dist.sample(200000, 7);
    const losses = s.x.map((x, k) => (s.y[k] - 1 * x - 0) ** 2);
    const mean = losses.reduce((p, q) => p + q, 0) / losses.length;
    const v = losses.reduce((p, q) => p + (q - mean) ** 2, 0) / (losses.length - 1);
    // The sample variance of a squared normal has a relative SE of about √(κ/n) ≈ 1%; 5% is safe.
    expect(Math.abs(v / dist.lossVariance(1, 0) - 1)).to.be.below(0.05);
  });

  it("the risk is smallest, σ², at the true line", () => {
    const dist = new LinearGaussian({ slope: -1, intercept: 3, noise: 2 });
    expect(dist.risk(-1, 3)).to.equal(4);
    expect(dist.bayesRisk).to.equal(4);
    expect(dist.risk(-0.9, 3)).to.be.above(4);
  });

  it("fitLine recovers a noiseless line exactly and the same seed gives the same sample", () => {
    const s = { x: [0, 1, 2, 5], y: [1, 3, 5, 11] };
    const fit = fitLine(s);
    expect(fit.w).to.be.closeTo(2, 1e-12);
    expect(fit.b).to.be.closeTo(1, 1e-12);
    expect(new LinearGaussian().sample(5, 1)).to.deep.equal(new LinearGaussian().sample(5, 1));
  });

  it("rejects a zero noise, a bad n and a degenerate sample with clear messages", () => {
    expect(() => new LinearGaussian({ noise: 0 })).to.throw(RangeError, /noise/);
    expect(() => new LinearGaussian().sample(0, 1)).to.throw(RangeError, /n must be/);
    expect(() => fitLine({ x: [1, 1], y: [2, 3] })).to.throw(RangeError, /distinct x/);
    expect(() => squaredRisk({ x: [1], y: [] }, 1, 0)).to.throw(RangeError, /same non-zero length/);
  });
});

describe("lib/risk riskVersusN", () => {
  const result = riskVersusN({ ns: [10, 100, 1000], trials: 300, seed: 5 });

  it("the mean gap |R̂_N − R| follows the CLT prediction √(2/π)·sd/√N", () => {
    for (const row of result.rows) {
      expect(Number.isFinite(row.meanAbsGap)).to.equal(true);
      // Within 4 standard errors of the prediction, plus 10% for the CLT's error at small N.
      expect(Math.abs(row.meanAbsGap - row.predictedAbsGap)).to.be.below(4 * row.meanAbsGapSE + 0.1 * row.predictedAbsGap);
    }
  });

  it("the gap shrinks about like 1/√N: ×100 in N divides it by about 10", () => {
    const ratio = result.rows[0].meanAbsGap / result.rows[2].meanAbsGap;
    expect(ratio).to.be.within(7, 14);
  });

  it("ERM's training risk is below σ² and its true risk above, both closing in", () => {
    for (const row of result.rows) {
      expect(row.trainRisk).to.be.below(result.bayesRisk);
      expect(row.trueRisk).to.be.above(result.bayesRisk);
    }
    expect(result.rows[2].trueRisk - result.rows[2].trainRisk).to.be.below(result.rows[0].trueRisk - result.rows[0].trainRisk);
  });

  it("rejects too few trials and bad sample sizes", () => {
    expect(() => riskVersusN({ trials: 1 })).to.throw(RangeError, /trials/);
    expect(() => riskVersusN({ ns: [1] })).to.throw(RangeError, /ns/);
  });
});
