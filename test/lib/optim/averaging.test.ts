import { expect } from "chai";
import { ExponentialAverage, UniformAverage, polyakAverages } from "../../../lib/optim/averaging";
import { SGD } from "../../../lib/optim/sgd";
import { rng } from "../../../lib/random";
import { expectRelClose } from "./close";

describe("lib/optim/averaging: Polyak averages", () => {
  const path = [[1, 10], [3, 6], [2, -4], [6, 0]].map((x) => Float64Array.from(x));

  it("uniform: θ̄ₖ = (1/(k+1)) Σᵢ₌₀ᵏ θᵢ after every iterate", () => {
    const avg = new UniformAverage(2);
    const sums = [0, 0];
    path.forEach((theta, k) => {
      avg.update(theta);
      sums[0] += theta[0];
      sums[1] += theta[1];
      // A running mean rounds differently from sum/(k+1): a few ulps.
      expectRelClose(avg.value, sums.map((s) => s / (k + 1)), 1e-15, `θ̄ at k = ${k}`);
      expect(avg.count).to.equal(k + 1);
    });
  });

  it("exponential: θ̄₀ = θ₀, then θ̄ₖ = (1 − β)θₖ + βθ̄ₖ₋₁", () => {
    const avg = new ExponentialAverage(2, 0.5);
    expect(Array.from(avg.update(path[0]))).to.deep.equal([1, 10]);
    expect(Array.from(avg.update(path[1]))).to.deep.equal([2, 8]);
    expect(Array.from(avg.update(path[2]))).to.deep.equal([2, 2]);
    expect(Array.from(avg.update(path[3]))).to.deep.equal([4, 1]);
    const all = polyakAverages(path, { beta: 0.5 });
    expect(all.map((a) => Array.from(a))).to.deep.equal([[1, 10], [2, 8], [2, 2], [4, 1]]);
    expect(polyakAverages(path).map((a) => a[0])).to.deep.equal([1, 2, 2, 3]);
  });

  it("SGD with a constant step on a noisy quadratic: the averaged iterate is far closer to θ* than the last one", () => {
    // f(θ) = ½θ², gradient θ + noise (σ = 1): the iterates bounce in a ball of radius ~√(lr/2).
    const r = rng(7);
    const opt = new SGD(Float64Array.from([5]), { lr: 0.1 });
    const avg = new UniformAverage(1);
    const burnIn = 100, steps = 4000;
    for (let k = 0; k < steps; k++) {
      opt.step(Float64Array.from([opt.params[0] + r.normal(0, 1)]));
      if (k >= burnIn) avg.update(opt.params);
    }
    // Stationary sd of the iterates ≈ √(0.1/(2 − 0.1)) ≈ 0.23; the average of ~3900 correlated
    // iterates has sd ≈ 1/√3900 ≈ 0.016: 0.08 is five of those, and we check the ratio too.
    expect(Math.abs(avg.value[0])).to.be.below(0.08);
    let spread = 0;
    const probe = new SGD(Float64Array.from([0]), { lr: 0.1 });
    for (let k = 0; k < 2000; k++) {
      probe.step(Float64Array.from([probe.params[0] + r.normal(0, 1)]));
      spread += probe.params[0] ** 2;
    }
    expect(Math.sqrt(spread / 2000)).to.be.above(5 * Math.abs(avg.value[0]));
  });

  it("refuses a wrong length, a non-finite iterate, a bad β or dimension", () => {
    const avg = new UniformAverage(2);
    expect(() => avg.update(Float64Array.from([1]))).to.throw(RangeError, /iterate 0 has length 1 but the average has 2/);
    expect(() => avg.update(Float64Array.from([1, NaN]))).to.throw(RangeError, /θ\[1\] = NaN/);
    expect(() => new ExponentialAverage(2, 1)).to.throw(RangeError, /beta .* got 1/);
    expect(() => new UniformAverage(0)).to.throw(RangeError, /dim must be a whole number ≥ 1, got 0/);
    expect(() => polyakAverages([])).to.throw(RangeError, /non-empty/);
  });
});
