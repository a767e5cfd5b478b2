import { expect } from "chai";
import { simulateLinear, simulateCurve, sampleMeanCov } from "../../../lib/stats/simulate";
import { biasVarianceFromPredictions, meanAndSe, type Estimate } from "../../../lib/stats/decomposition";
import { lambdaSweep, degreeSweep } from "../../../lib/stats/sweep";
import { ridgeTheory, olsRandomDesignCovariance } from "../../../lib/stats/theory";
import { covarianceEllipse, mahalanobis2, estimatorEllipse } from "../../../lib/stats/ellipse";

/**
 * Agreement within 3 standard errors. With R = 3000 training sets the standard errors are
 * 2–3% of the variance and test MSE, so a formula off by a factor such as σ vs σ², a missing
 * (XᵀX+λI)⁻¹ or a missing λ is many standard errors away, while a correct one passes (each
 * comparison fails by chance with probability 0.27% for a random seed; the seeds are fixed,
 * so the outcome is the same on every run).
 */
function within3se(e: Estimate, theory: number, what: string): void {
  expect(Number.isFinite(e.value) && Number.isFinite(e.se), `${what}: finite`).to.equal(true);
  expect(e.se, `${what}: positive standard error`).to.be.greaterThan(0);
  expect(Math.abs(e.value - theory), `${what}: |${e.value} − ${theory}| ≤ 3·${e.se}`).to.be.at.most(3 * e.se);
}

// A fixed design with an intercept and one strongly varying and one nearly flat column, so
// ridge's shrinkage differs by direction (the small-σᵢ story).
const X = [
  [1, 0.9, 0.10], [1, -0.4, 0.05], [1, 1.3, -0.08], [1, -1.1, 0.02], [1, 0.2, -0.12],
  [1, 0.6, 0.09], [1, -0.8, -0.03], [1, 0.05, 0.11], [1, -0.3, -0.1], [1, 1.7, 0.0],
];
const theta = [0.5, 1.5, -2];
const testX = [[1, 0.5, 0.1], [1, -1, 0], [1, 2, -0.2], [1, 0, 0.3]];
const sigma = 0.8;
const R = 3000;

describe("lib/stats simulation against theory", () => {
  for (const lambda of [0, 0.1, 1, 10]) {
    it(`λ = ${lambda}: simulated bias², variance and test MSE match the closed forms within 3 standard errors`, () => {
      const sim = simulateLinear({ X, theta, sigma, lambda, trials: R, seed: 11 + lambda * 10, testX });
      const t = sim.theory!;
      if (lambda === 0) {
        expect(t.bias2).to.be.below(1e-20); // OLS: unbiased in theory …
        within3se(sim.bias2, 0, "OLS bias²"); // … and in simulation
      } else {
        expect(t.bias2).to.be.greaterThan(10 * sim.bias2.se); // ridge's bias is clearly visible
        within3se(sim.bias2, t.bias2, "ridge bias²");
      }
      within3se(sim.variance, t.variance, "variance");
      within3se(sim.testMse, t.testMse, "test MSE");
      within3se(sim.noise, sigma * sigma, "noise");
    });
  }

  it("the decomposition adds up: bias² + variance = mean (f̂ − f)² exactly, + noise = test MSE within its standard error", () => {
    for (const lambda of [0, 2]) {
      const sim = simulateLinear({ X, theta, sigma, lambda, trials: 500, seed: 5, testX });
      // An algebraic identity of the two estimators: only rounding separates them.
      expect(sim.bias2.value + sim.variance.value).to.be.closeTo(sim.reducible, 1e-12 * sim.reducible);
      const sum = sim.bias2.value + sim.variance.value + sim.noise.value;
      within3se(sim.testMse, sum, "test MSE vs bias² + variance + noise");
    }
  });

  it("OLS θ̂ is unbiased and its sample covariance matches σ²(XᵀX)⁻¹; ridge's mean matches θ + bias", () => {
    for (const lambda of [0, 1]) {
      const sim = simulateLinear({ X, theta, sigma, lambda, trials: R, seed: 21 });
      const t = ridgeTheory(X, theta, { sigma, lambda });
      for (let a = 0; a < 3; a++) {
        // se of a mean: √(Var/R); theory's variance is used (the sample one would do as well).
        within3se({ value: sim.thetaMean[a], se: Math.sqrt(t.cov[a][a] / R) }, theta[a] + t.bias[a], `E[θ̂${a}]`);
        for (let b = 0; b <= a; b++) {
          // For normal θ̂ the sample covariance entry has variance (ΣaaΣbb + Σab²)/(R − 1).
          const se = Math.sqrt((t.cov[a][a] * t.cov[b][b] + t.cov[a][b] ** 2) / (R - 1));
          within3se({ value: sim.thetaCov[a][b], se }, t.cov[a][b], `Cov[${a}][${b}] at λ = ${lambda}`);
        }
      }
    }
  });

  it("random design: OLS stays unbiased and Var θ̂ⱼ = σ²/((n − d − 1)cⱼ²)", () => {
    const n = 25, scales = [1, 0.5, 2];
    const sim = simulateLinear({ randomDesign: { n, scales }, theta, sigma, trials: 4000, seed: 31 });
    const cov = olsRandomDesignCovariance(n, scales, sigma);
    for (let a = 0; a < 3; a++) {
      within3se({ value: sim.thetaMean[a], se: Math.sqrt(cov[a][a] / 4000) }, theta[a], `E[θ̂${a}]`);
      // se of a sample variance from the sample's own fourth moment (θ̂ is heavier-tailed than
      // normal under a random design, so the normal-theory formula would understate it).
      const c = sim.estimates.map((e) => (e[a] - sim.thetaMean[a]) ** 2);
      within3se(meanAndSe(c), cov[a][a], `Var θ̂${a}`);
    }
  });

  it("jackknife standard errors match the spread of estimates across independent seeds", () => {
    const est: number[] = [], ses: number[] = [], vs: number[] = [], vses: number[] = [];
    for (let seed = 100; seed < 140; seed++) {
      const sim = simulateLinear({ X, theta, sigma, lambda: 1, trials: 200, seed, testX });
      est.push(sim.bias2.value); ses.push(sim.bias2.se);
      vs.push(sim.variance.value); vses.push(sim.variance.se);
    }
    const sd = (xs: number[]) => Math.sqrt(xs.reduce((s, x, _, a) => s + (x - a.reduce((p, q) => p + q, 0) / a.length) ** 2, 0) / (xs.length - 1));
    const avg = (xs: number[]) => xs.reduce((p, q) => p + q, 0) / xs.length;
    // 40 replicates estimate a standard deviation to about ±11%; [0.7, 1.4] is ~3 of those.
    expect(sd(est) / avg(ses)).to.be.within(0.7, 1.4);
    expect(sd(vs) / avg(vses)).to.be.within(0.7, 1.4);
  });

  it("a sin curve fitted with polynomials of growing degree: simulation matches fixed-design theory; bias falls, variance grows", () => {
    const xTrain = Array.from({ length: 15 }, (_, i) => -1 + (2 * i) / 14);
    const table = degreeSweep({ xTrain, sigma: 0.3, trials: 1500, seed: 41, xTest: [-0.9, -0.5, 0, 0.3, 0.8] }, [1, 3, 5, 7]);
    for (const r of table.rows) {
      const t = r.theory!;
      within3se({ value: r.bias2, se: r.bias2Se }, t.bias2, `bias² degree ${r.degree}`);
      within3se({ value: r.variance, se: r.varianceSe }, t.variance, `variance degree ${r.degree}`);
      within3se({ value: r.testMse, se: r.testMseSe }, t.testMse, `test MSE degree ${r.degree}`);
    }
    const th = table.rows.map((r) => r.theory!);
    expect(th[0].bias2).to.be.greaterThan(th[1].bias2);
    expect(th[3].variance).to.be.greaterThan(th[0].variance);
    expect(table.best.degree).to.be.oneOf([3, 5]); // underfit at 1, the U's bottom in the middle
  });

  it("a λ sweep shows ridge trading bias for variance (theory monotone, simulation within 3 se)", () => {
    const table = lambdaSweep({ X, theta, sigma, trials: 1500, seed: 51, testX }, [0, 0.03, 0.3, 3, 30]);
    const th = table.rows.map((r) => r.theory!);
    for (let k = 1; k < th.length; k++) {
      expect(th[k].variance).to.be.below(th[k - 1].variance);
      expect(th[k].bias2).to.be.greaterThan(th[k - 1].bias2);
    }
    table.rows.forEach((r) => within3se({ value: r.testMse, se: r.testMseSe }, r.theory!.testMse, `test MSE at λ = ${r.lambda}`));
  });

  it("the 95% ellipse of σ²(XᵀX)⁻¹ holds about 95% of the simulated θ̂", () => {
    const sim = simulateLinear({ X, theta, sigma, trials: 2000, seed: 61 });
    const e = estimatorEllipse(X, theta, { sigma, dims: [1, 2], level: 0.95 });
    // Every drawn point is on the ellipse: (θ − c)ᵀΣ⁻¹(θ − c) = r².
    for (let k = 0; k < e.x.length; k += 17) expect(mahalanobis2([e.x[k], e.y[k]], e.center, e.cov)).to.be.closeTo(e.radius ** 2, 1e-9);
    const inside = sim.estimates.filter((t) => mahalanobis2([t[1], t[2]], e.center, e.cov) <= e.radius ** 2).length / 2000;
    // Binomial standard error √(0.95·0.05/2000) ≈ 0.0049; 3 of them ≈ 0.015.
    expect(inside).to.be.closeTo(0.95, 3 * Math.sqrt((0.95 * 0.05) / 2000));
    expect(covarianceEllipse([0, 0], [[4, 0], [0, 1]], { level: 1 - Math.exp(-0.5) }).x[0]).to.be.closeTo(2, 1e-12); // r = 1
  });

  it("biasVarianceFromPredictions on a hand example: predictions 1, 3, 1, 3, … of a truth 0", () => {
    const preds = Array.from({ length: 10 }, (_, r) => [r % 2 ? 3 : 1]);
    const e = biasVarianceFromPredictions(preds, [0], { sigma: 1 });
    // mean 2, sample variance Σ(±1)²/9 = 10/9, bias² = 2² − (10/9)/10 = 4 − 1/9.
    expect(e.variance.value).to.be.closeTo(10 / 9, 1e-14);
    expect(e.bias2.value).to.be.closeTo(4 - 1 / 9, 1e-14);
    expect(e.reducible).to.be.closeTo(5, 1e-14); // mean of 1² and 3²
    expect(e.noise).to.deep.equal({ value: 1, se: 0 });
    expect(e.testMse.value).to.be.closeTo(6, 1e-14);
  });

  it("sampleMeanCov on a hand example", () => {
    const { mean, cov } = sampleMeanCov([[0, 0], [2, 2], [1, 4]]);
    expect(mean).to.deep.equal([1, 2]);
    // deviations (−1,−2), (1,0), (0,2): Σ = [[2, 2], [2, 8]]/2
    expect(cov).to.deep.equal([[1, 1], [1, 4]]);
  });

  it("rejects too few simulations, σ ≤ 0, λ < 0, bad degrees and inconsistent designs, naming the argument", () => {
    const base = { X, theta, sigma, trials: 100, seed: 1 };
    expect(() => simulateLinear({ ...base, trials: 5 })).to.throw(RangeError, /trials.*got 5.*at least 10/);
    expect(() => simulateLinear({ ...base, sigma: 0 })).to.throw(RangeError, /sigma.*got 0/);
    expect(() => simulateLinear({ ...base, sigma: -1 })).to.throw(RangeError, /sigma/);
    expect(() => simulateLinear({ ...base, lambda: -1 })).to.throw(RangeError, /lambda/);
    expect(() => simulateLinear({ ...base, seed: -3 })).to.throw(RangeError, /seed/);
    expect(() => simulateLinear({ ...base, randomDesign: { n: 20 } })).to.throw(TypeError, /exactly one of X/);
    expect(() => simulateLinear({ theta, sigma, trials: 100, seed: 1, randomDesign: { n: 2 } })).to.throw(RangeError, /n = 2 < d = 3/);
    expect(() => simulateLinear({ ...base, theta: [1, 2] })).to.throw(RangeError, /X has 3 columns but theta has d = 2/);
    expect(() => simulateLinear({ ...base, testX: [[1, 2]] })).to.throw(RangeError, /testX has 2 columns/);
    expect(() => simulateCurve({ degree: 2.5, xTrain: { n: 10 }, sigma: 1, trials: 20, seed: 1 })).to.throw(RangeError, /degree.*2\.5/);
    expect(() => simulateCurve({ degree: -1, xTrain: { n: 10 }, sigma: 1, trials: 20, seed: 1 })).to.throw(RangeError, /degree/);
    expect(() => simulateCurve({ degree: 5, xTrain: [0, 0.5, 1], sigma: 1, trials: 20, seed: 1 })).to.throw(RangeError, /3 training points.*degree-5/);
    expect(() => lambdaSweep(base, [0, -1])).to.throw(RangeError, /lambda/);
    expect(() => lambdaSweep(base, [])).to.throw(RangeError, /non-empty/);
    expect(() => biasVarianceFromPredictions([[1], [2]], [0], { sigma: 1 })).to.throw(RangeError, /2 training sets is too few/);
    expect(() => biasVarianceFromPredictions(Array.from({ length: 10 }, () => [NaN]), [0], { sigma: 1 })).to.throw(RangeError, /predictions\[0\]\[0\] is NaN/);
    expect(() => biasVarianceFromPredictions(Array.from({ length: 10 }, () => [1]), [0], {})).to.throw(TypeError, /testTargets.*sigma/);
    expect(() => covarianceEllipse([0, 0], [[1, 2], [2, 1]])).to.throw(RangeError, /positive definite/);
    expect(() => covarianceEllipse([0, 0], [[1, 0], [0, 1]], { level: 1 })).to.throw(RangeError, /level/);
  });
});

describe("lib/stats simulation: the random stream", () => {
  const X = [[1, 0.5], [0.2, 1], [1, -1], [0.3, 0.3], [2, 1]];
  const base = { X: X, theta: [1, -1], sigma: 0.5, lambda: 0.1, trials: 200, seed: 9 };

  it("repeats exactly for the same options, on either generator, and the two generators give different draws", () => {
    const a = simulateLinear(base), b = simulateLinear(base);
    expect(a.estimates).to.deep.equal(b.estimates);
    const m1 = simulateLinear({ ...base, generator: "mt19937" }), m2 = simulateLinear({ ...base, generator: "mt19937" });
    expect(m1.estimates).to.deep.equal(m2.estimates);
    expect(m1.estimates[0]).to.not.deep.equal(a.estimates[0]);
    const c1 = simulateCurve({ degree: 2, xTrain: { n: 8 }, sigma: 0.3, lambda: 0.01, trials: 50, seed: 4 });
    const c2 = simulateCurve({ degree: 2, xTrain: { n: 8 }, sigma: 0.3, lambda: 0.01, trials: 50, seed: 4 });
    expect(c1.meanPrediction).to.deep.equal(c2.meanPrediction);
  });

  it("lands on theory with either generator (the default xoshiro128** and mt19937): variance within 4 se", () => {
    for (const generator of ["xoshiro128**", "mt19937"] as const) {
      const sim = simulateLinear({ ...base, trials: 4000, generator });
      // A fixed design: theory is exact. 4 standard errors: a fixed seed passes or fails for good, and a
      // correct simulation misses by more than 4 se for fewer than 1 seed in 15,000.
      expect(Math.abs(sim.variance.value - sim.theory!.variance), generator).to.be.below(4 * sim.variance.se);
      expect(Math.abs(sim.testMse.value - sim.theory!.testMse), generator).to.be.below(4 * sim.testMse.se);
    }
  });

  it("names an unknown generator", () => {
    expect(() => simulateLinear({ ...base, generator: "pcg" as never })).to.throw(RangeError, /simulateLinear: generator must be "xoshiro128\*\*" \(the default\) or "mt19937", got "pcg"/);
  });
});
