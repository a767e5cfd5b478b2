import { expect } from "chai";
import { countCost, layeredNetwork, chain, costTable, gradientByForwardMode, gradients } from "../../../lib/autodiff";

describe("lib/autodiff cost accounting", () => {
  it("reverse/forward operation ratio stays bounded (≤ 2) as layered networks grow", () => {
    const ratios = [2, 4, 8, 16].map((w) => {
      const net = layeredNetwork(w, 3);
      return countCost(net.output, net.inputs).ratio;
    });
    for (const r of ratios) expect(r).to.be.within(1, 2);
  });

  it("forward mode costs n·E: grows with the number of inputs, reverse mode does not", () => {
    const small = layeredNetwork(4, 3), big = layeredNetwork(16, 3);
    const cs = countCost(small.output, small.inputs), cb = countCost(big.output, big.inputs);
    expect(cs.forwardModeOps).to.equal(4 * cs.edges);
    expect(cb.forwardModeOps).to.equal(16 * cb.edges);
    expect(cb.forwardModeOps / cb.reverseOps).to.equal(16);
    expect(cs.reverseOps).to.equal(cs.edges); // counted by the backward pass itself
  });

  it("the naive one-sweep-per-node method is O(L²) on a chain, reverse mode O(L)", () => {
    for (const L of [10, 100, 1000]) {
      const c = countCost(chain(L).output, chain(L).inputs);
      expect(c.reverseOps).to.equal(L);
      expect(c.naiveOps).to.equal((L * (L + 1)) / 2); // Σₜ (edges after t) = L + (L−1) + … + 1
    }
  });

  it("forward mode and reverse mode agree on the layered network's gradient", () => {
    const net = layeredNetwork(5, 3, 7);
    const r = gradients(net.output, net.inputs), f = gradientByForwardMode(net.output, net.inputs);
    // Same products summed in a different order: agreement to rounding (1e-12 relative is ample).
    r.forEach((g, i) => expect(Math.abs(g - f[i])).to.be.at.most(1e-12 * Math.max(1, Math.abs(g))));
  });

  it("costTable returns counts and finite times for each shape", () => {
    const rows = costTable([{ width: 2, depth: 2 }, { width: 4, depth: 2 }], 1);
    expect(rows.map((r) => r.inputs)).to.deep.equal([2, 4]);
    for (const r of rows) {
      expect([r.forwardMs, r.reverseMs, r.forwardModeMs].every((t) => Number.isFinite(t) && t >= 0)).to.equal(true);
    }
    expect(() => layeredNetwork(0, 1)).to.throw(RangeError);
  });
});
