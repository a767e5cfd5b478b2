import { expect } from "chai";
import { hessianByFiniteDifferences, hessianByHvp, hvpByFiniteDifferences, measureHessianCost } from "../../../lib/second-order/cost";
import { quadratic, rosenbrock, maxAbsDiff } from "./fixtures";

describe("second-order/cost", () => {
  it("finite-difference and HVP Hessians agree with the exact one", () => {
    const p = rosenbrock([0.3, -0.2]);
    const exact = p.hessian!(p.x0);
    const fd = hessianByFiniteDifferences((x) => p.grad(x), p.x0);
    // Rosenbrock's gradient is cubic: central differences are exact up to h²·(third derivative
    // of ∇f = 2400·x terms)/6 ≈ 1e-10·400 plus rounding ε‖∇f‖/h ≈ 1e-11·|∇f|: 1e-5 is generous.
    expect(maxAbsDiff(fd.H.to1DArray(), exact.to1DArray())).to.be.below(1e-5);
    expect(fd.gradientEvaluations).to.equal(4);
    const hv = hessianByHvp((x, v) => p.hvp!(x, v), p.x0);
    expect(maxAbsDiff(hv.H.to1DArray(), exact.to1DArray())).to.be.below(1e-12);
    expect(hv.hvps).to.equal(2);
    const v = Float64Array.of(0.6, -0.8);
    expect(maxAbsDiff(hvpByFiniteDifferences((x) => p.grad(x), p.x0, v), p.hvp!(p.x0, v))).to.be.below(1e-5);
  });

  it("counts: forming H takes 2n gradients (or n HVPs), one HVP takes 2 gradients, for every n", () => {
    const sizes = [2, 5, 10, 20];
    const rows = measureHessianCost((n) => quadratic(Array.from({ length: n }, (_, i) => i + 1), n), sizes, { repeats: 1 });
    rows.forEach((row, i) => {
      expect(row.n).to.equal(sizes[i]);
      expect(row.hessianGradientEvaluations).to.equal(2 * sizes[i]);
      expect(row.hessianHvps).to.equal(sizes[i]);
      expect(row.hvpGradientEvaluations).to.equal(2);
      expect(row.hessianEntries).to.equal(sizes[i] ** 2);
      for (const t of [row.hessianMs, row.hvpMs, row.hessianByHvpMs]) expect(Number.isFinite(t) && t >= 0).to.equal(true);
    });
    expect(() => measureHessianCost((n) => quadratic([1, 2], n), [3])).to.throw(RangeError, /dimension 2/);
    expect(() => measureHessianCost((n) => quadratic([1], n), [])).to.throw(RangeError, /at least one/);
    expect(() => hessianByFiniteDifferences((x) => x, [1], { h: 0 })).to.throw(RangeError, /h/);
  });
});
