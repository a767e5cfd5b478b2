import { expect } from "chai";
import { blobs, circles, moons, spirals, xor } from "../../../lib/data/toy2d";
import type { Dataset } from "../../../lib/data/dataset";

function counts(y: number[], k: number): number[] {
  const c = new Array(k).fill(0);
  for (const label of y) c[label]++;
  return c;
}

function allFinite(d: Dataset): boolean {
  return d.X.every((row) => row.length === 2 && row.every(Number.isFinite));
}

/** Exact geometry in the noise-free case is only off by floating-point rounding: 1e-12 is far above it. */
const EXACT = 1e-12;

describe("lib/data/toy2d", () => {
  const generators: [string, (o: any) => Dataset, number][] = [
    ["moons", moons, 2],
    ["spirals", spirals, 3],
    ["xor", xor, 2],
    ["circles", circles, 2],
    ["blobs", blobs, 3],
  ];

  for (const [name, gen, k] of generators) {
    describe(name, () => {
      it("returns n finite 2-D points with labels 0..k−1, classes as even as possible", () => {
        const d = gen({ n: 101, seed: 1 });
        expect(d.X.length).to.equal(101);
        expect(d.y.length).to.equal(101);
        expect(allFinite(d)).to.equal(true);
        const c = counts(d.y, k);
        expect(c.reduce((s, v) => s + v, 0)).to.equal(101);
        if (name !== "xor") expect(Math.max(...c) - Math.min(...c)).to.be.at.most(1);
      });

      it("repeats for a seed, differs across seeds, and defaults to seed 0", () => {
        expect(gen({ seed: 5 })).to.deep.equal(gen({ seed: 5 }));
        expect(gen({ seed: 5 }).X).to.not.deep.equal(gen({ seed: 6 }).X);
        expect(gen({})).to.deep.equal(gen({ seed: 0 }));
        expect(gen(undefined)).to.deep.equal(gen({ seed: 0 }));
      });

      it("keeps classes grouped with shuffle: false and mixes them by default", () => {
        const grouped = gen({ n: 60, seed: 2, shuffle: false }).y;
        expect(grouped).to.deep.equal([...grouped].sort((a, b) => a - b));
        const mixed = gen({ n: 60, seed: 2 }).y;
        expect(mixed).to.not.deep.equal([...mixed].sort((a, b) => a - b));
        expect([...mixed].sort()).to.deep.equal([...grouped].sort());
      });

      it("rejects bad options with a message naming the option", () => {
        expect(() => gen({ n: 0 })).to.throw(/n must be a whole number/);
        expect(() => gen({ n: 10.5 })).to.throw(/n must be a whole number/);
        expect(() => gen({ noise: -0.1 })).to.throw(/noise must be a finite number ≥ 0/);
        expect(() => gen({ noise: NaN })).to.throw(/noise/);
        expect(() => gen({ seed: 1.5 })).to.throw(/seed must be a whole number/);
        expect(() => gen({ seed: -1 })).to.throw(/seed must be a whole number from 0 to 4294967295/);
        expect(() => gen({ seed: 2 ** 32 })).to.throw(/seed must be a whole number from 0 to 4294967295/);
        expect(() => gen({ nosie: 0.1 })).to.throw(/unknown option "nosie"/);
        expect(() => gen({ shuffle: "yes" })).to.throw(/shuffle must be true or false/);
        expect(() => gen(null)).to.throw(/options must be an object/);
      });
    });
  }

  it("moons without noise lies on the two arcs", () => {
    const d = moons({ n: 50, noise: 0, seed: 3 });
    d.X.forEach(([a, b], i) => {
      if (d.y[i] === 0) {
        expect(Math.hypot(a, b)).to.be.closeTo(1, EXACT);
        expect(b).to.be.at.least(-EXACT);
      } else {
        expect(Math.hypot(a - 1, b - 0.5)).to.be.closeTo(1, EXACT);
        expect(b).to.be.at.most(0.5 + EXACT);
      }
    });
  });

  it("spirals without noise follow angle = 2πc/k + 2π·turns·r", () => {
    const k = 4, turns = 1.5;
    const d = spirals({ n: 80, classes: k, turns, noise: 0, seed: 3 });
    expect(counts(d.y, k)).to.deep.equal([20, 20, 20, 20]);
    d.X.forEach(([a, b], i) => {
      const r = Math.hypot(a, b);
      expect(r).to.be.within(0.1 - EXACT, 1 + EXACT);
      const expected = (2 * Math.PI * d.y[i]) / k + 2 * Math.PI * turns * r;
      // Compare directions, not raw angles, so the 2π wrap-around does not matter.
      expect(Math.cos(expected) * r).to.be.closeTo(a, 1e-9);
      expect(Math.sin(expected) * r).to.be.closeTo(b, 1e-9);
    });
  });

  it("xor without noise sits on the four corners with label 1 exactly where the signs differ", () => {
    const d = xor({ n: 40, noise: 0, seed: 3 });
    d.X.forEach(([a, b], i) => {
      expect(Math.abs(a)).to.equal(1);
      expect(Math.abs(b)).to.equal(1);
      expect(d.y[i]).to.equal(a * b < 0 ? 1 : 0);
    });
    expect(counts(d.y, 2)).to.deep.equal([20, 20]);
  });

  it("xor's noise has the requested standard deviation", () => {
    // 2·20,000 residuals of std 0.3: the sample std has standard error ≈ 0.3/√(2·40,000) ≈ 0.001,
    // so 0.01 is ten standard errors.
    const d = xor({ n: 20_000, noise: 0.3, seed: 4, shuffle: false });
    const clean = xor({ n: 20_000, noise: 0, seed: 4, shuffle: false });
    const res = d.X.flatMap((row, i) => [row[0] - clean.X[i][0], row[1] - clean.X[i][1]]);
    const mean = res.reduce((s, v) => s + v, 0) / res.length;
    const std = Math.sqrt(res.reduce((s, v) => s + (v - mean) ** 2, 0) / (res.length - 1));
    expect(std).to.be.closeTo(0.3, 0.01);
    expect(mean).to.be.closeTo(0, 0.01);
  });

  it("circles without noise has radii 1 and factor", () => {
    const d = circles({ n: 30, factor: 0.3, noise: 0 });
    d.X.forEach(([a, b], i) => expect(Math.hypot(a, b)).to.be.closeTo(d.y[i] === 0 ? 1 : 0.3, EXACT));
    expect(() => circles({ factor: 1 })).to.throw(/factor/);
    expect(() => circles({ factor: 0 })).to.throw(/factor/);
  });

  it("blobs without noise puts every point on its centre, given as a count or a list", () => {
    const d = blobs({ n: 12, centers: [[5, 5], [-3, 0]], noise: 0 });
    d.X.forEach((p, i) => expect(p).to.deep.equal(d.y[i] === 0 ? [5, 5] : [-3, 0]));
    const e = blobs({ n: 8, centers: 4, noise: 0 });
    e.X.forEach(([a, b], i) => {
      expect(a).to.be.closeTo(2 * Math.cos((Math.PI / 2) * e.y[i]), EXACT);
      expect(b).to.be.closeTo(2 * Math.sin((Math.PI / 2) * e.y[i]), EXACT);
    });
    expect(() => blobs({ centers: 0 })).to.throw(/centers/);
    expect(() => blobs({ centers: [[1, NaN]] })).to.throw(/centers/);
  });

  it("needs at least one point per class or blob", () => {
    expect(() => spirals({ n: 2, classes: 3 })).to.throw(/n must be a whole number ≥ 3/);
    expect(() => spirals({ classes: 1 })).to.throw(/classes must be a whole number ≥ 2/);
    expect(() => xor({ n: 3 })).to.throw(/n must be a whole number ≥ 4/);
    expect(() => spirals({ turns: 0 })).to.throw(/turns must be a finite number > 0/);
  });
});
