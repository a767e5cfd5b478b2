import { mersenne, unsafeUniformIntDistribution } from "pure-rand";
import { expect } from "chai";
import { rng } from "../../lib/random";

describe("lib/random", () => {
  it("uniforms are pure-rand's MT19937 distribution, draw for draw (the fast path keeps every seeded stream)", () => {
    // The reference: the original formula through pure-rand's own distribution function.
    const gen = mersenne(42);
    const reference = () => (unsafeUniformIntDistribution(0, (1 << 26) - 1, gen) * 134217728 + unsafeUniformIntDistribution(0, (1 << 27) - 1, gen)) / 9007199254740992;
    const r = rng(42);
    for (let i = 0; i < 10_000; i++) expect(r.uniform()).to.equal(reference());
  });

  it("repeats the same stream for the same seed and differs across seeds", () => {
    const a = rng(7), b = rng(7), c = rng(8);
    const sa = Array.from({ length: 5 }, () => a.uniform());
    const sb = Array.from({ length: 5 }, () => b.uniform());
    const sc = Array.from({ length: 5 }, () => c.uniform());
    expect(sa).to.deep.equal(sb);
    expect(sa).to.not.deep.equal(sc);
  });

  it("draws uniforms inside [low, high)", () => {
    const r = rng(1);
    for (let i = 0; i < 10_000; i++) {
      const u = r.uniform(-2, 3);
      expect(Number.isFinite(u)).to.equal(true);
      expect(u).to.be.at.least(-2).and.below(3);
    }
  });

  it("draws normals with the requested mean and standard deviation", () => {
    // n = 100,000 draws: the sample mean's standard error is 2/√n ≈ 0.0063 and the sample
    // std's is about 2/√(2n) ≈ 0.0045; a tolerance of 0.03 is over 4.7 standard errors.
    const r = rng(3);
    const xs = r.normals(100_000, 1, 2);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const std = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
    expect(xs.every(Number.isFinite)).to.equal(true);
    expect(mean).to.be.closeTo(1, 0.03);
    expect(std).to.be.closeTo(2, 0.03);
  });

  it("shuffles into a permutation without touching the input", () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = rng(5).shuffle(items);
    expect(items).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort((x, y) => x - y)).to.deep.equal(items);
    expect(out).to.not.deep.equal(items);
  });

  it("rejects a seed that is not an integer and bad ranges, naming the fix", () => {
    expect(() => rng(0.5)).to.throw(/seed must be an integer/);
    expect(() => rng(1).uniform(2, 1)).to.throw(/low < high/);
    expect(() => rng(1).int(3, 1)).to.throw(/from ≤ to/);
    expect(() => rng(1).normal(0, -1)).to.throw(/standard deviation/);
  });

  it("accepts exactly the 32-bit seeds, so no two seeds share a stream", () => {
    expect(() => rng(0)).to.not.throw();
    expect(() => rng(2 ** 32 - 1)).to.not.throw();
    // 1 and 2³²+1 differ only above bit 32: MT19937 would fold them onto one stream.
    expect(() => rng(2 ** 32 + 1)).to.throw(RangeError, /0 ≤ seed < 2³²/);
    expect(() => rng(2 ** 32)).to.throw(RangeError, /0 ≤ seed < 2³²/);
    expect(() => rng(-1)).to.throw(RangeError, /0 ≤ seed < 2³²/);
    expect(() => rng(2 ** 53 - 1)).to.throw(RangeError, /0 ≤ seed < 2³²/);
    expect(() => rng(NaN)).to.throw(RangeError, /seed must be an integer/);
  });

  it("rejects bad counts, means and bounds, naming what is wrong", () => {
    expect(() => rng(1).normals(-1)).to.throw(RangeError, /n must be a whole number ≥ 0, got -1/);
    expect(() => rng(1).normals(1.5)).to.throw(RangeError, /n must be a whole number ≥ 0, got 1.5/);
    expect(rng(1).normals(0)).to.deep.equal([]);
    expect(() => rng(1).normal(NaN)).to.throw(RangeError, /mean must be a finite number/);
    expect(() => rng(1).normal(Infinity, 1)).to.throw(RangeError, /mean must be a finite number/);
    expect(() => rng(1).uniform(0, Infinity)).to.throw(RangeError, /bounds must be finite/);
    expect(() => rng(1).uniform(-Infinity, 0)).to.throw(RangeError, /bounds must be finite/);
  });
});
