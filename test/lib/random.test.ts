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

// ---------------------------------------------------------------------------------------------
// The fast stream: xoshiro128** + ziggurat normals.

import { RNG_GENERATORS } from "../../lib/random";
import { Xoshiro128, seedXoshiro128 } from "../../lib/random/xoshiro128";
import { ZIGGURAT_R, ZIGGURAT_TABLES, ZIGGURAT_V, fillStandardNormal, normalTail, zigguratNormal } from "../../lib/random/ziggurat";

const FAST = { generator: "xoshiro128**" } as const;

/**
 * Φ(x), the standard normal CDF, from erfc by the Chebyshev fit of Numerical Recipes (2nd ed.,
 * §6.2, `erfcc`), whose fractional error is below 1.2e-7 everywhere. The tests below compare
 * empirical frequencies whose standard errors are 1e-4 or more (relative), so that error is
 * invisible in them.
 */
function Phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** ∫ₐᵇ e^{−x²/2} dx by composite Simpson with m (even) panels: error O(m⁻⁴), below 1e-14 for the uses here. */
function integrateDensity(a: number, b: number, m = 20_000): number {
  const h = (b - a) / m, f = (x: number) => Math.exp(-0.5 * x * x);
  let s = f(a) + f(b);
  for (let k = 1; k < m; k++) s += (k % 2 ? 4 : 2) * f(a + k * h);
  return (s * h) / 3;
}

describe("lib/random: xoshiro128** (the fast stream's generator)", () => {
  it("matches the reference C code's outputs (known-answer tests)", () => {
    // By hand from the C code with s = {1, 2, 3, 4}: out₁ = rotl(2·5, 7)·9 = 1280·9 = 11520; the
    // step leaves s₁ = 0, so out₂ = 0; then s₁ = 1029 and out₃ = rotl(5145, 7)·9 = 5927040.
    const g = new Xoshiro128([1, 2, 3, 4]);
    expect([g.unsafeNext(), g.unsafeNext(), g.unsafeNext()].map((v) => v >>> 0)).to.deep.equal([11520, 0, 5927040]);
    // Outputs and state of the reference implementation from another project's test data
    // (github.com/edorfaus/xoshiro-6502, test-rom/testdata.asm, generated by the C reference).
    const h = new Xoshiro128([0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0]);
    const outs = [0, 1, 2, 3].map(() => h.unsafeNext() >>> 0);
    expect(outs).to.deep.equal([0xf1391922, 0x6fe53806, 0xa5be2840, 0xf510ee70]);
    expect(h.getState().map((v) => v >>> 0)).to.deep.equal([0xfc65379c, 0x52006d70, 0x87487639, 0xf1908343]);
  });

  it("is seeded through SplitMix64 (its published first outputs for seed 0), never to the all-zero state", () => {
    // SplitMix64 from 0 gives 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4 (Steele, Lea & Flood's
    // reference, widely used as a test vector); the state takes them low word first.
    expect(Array.from(seedXoshiro128(0)).map((v) => v >>> 0)).to.deep.equal([0x7b1dcdaf, 0xe220a839, 0xa1b965f4, 0x6e789e6a]);
    expect(() => new Xoshiro128([0, 0, 0, 0])).to.throw(RangeError, /not all zero/);
  });

  it("works as a pure-rand generator: next() leaves the original unchanged, clone() continues identically", () => {
    const g = new Xoshiro128(seedXoshiro128(9));
    const [v, g2] = g.next();
    expect(g.unsafeNext()).to.equal(v);
    const c = (g2 as Xoshiro128).clone();
    for (let i = 0; i < 100; i++) expect(c.unsafeNext()).to.equal(g2.unsafeNext());
  });
});

describe("lib/random: the ziggurat tables", () => {
  const { x, k, w, fx } = ZIGGURAT_TABLES;
  const f = (t: number) => Math.exp(-0.5 * t * t);

  it("cut the density into 256 pieces of equal area v", () => {
    // Rectangle i covers [0, x[i]] × [f(x[i]), f(x[i−1])]. The recursion makes layers 2..255 exact up
    // to rounding; layer 1 (the top) closes only if r and v are right, which is the real check.
    // Rounding of 255 chained logs and square roots stays near 1e-13 relative; 1e-10 leaves room.
    for (let i = 1; i < 256; i++) expect(Math.abs((x[i] * (f(x[i - 1]) - f(x[i]))) / ZIGGURAT_V - 1), `layer ${i}`).to.be.below(1e-10);
    // The base strip: the rectangle r·f(r) plus the tail ∫_r^∞ f (Simpson to r + 12, where f < 1e-40).
    const base = ZIGGURAT_R * f(ZIGGURAT_R) + integrateDensity(ZIGGURAT_R, ZIGGURAT_R + 12);
    expect(Math.abs(base / ZIGGURAT_V - 1)).to.be.below(1e-9);
    // The 256 pieces cover the curve, so their total exceeds ∫₀^∞ f = √(π/2).
    expect(256 * ZIGGURAT_V).to.be.above(Math.sqrt(Math.PI / 2));
  });

  it("have the accept thresholds and widths of that layout", () => {
    expect(x[0]).to.equal(0);
    expect(x[255]).to.equal(ZIGGURAT_R);
    expect(k[1]).to.equal(0); // the top layer has no part surely under the curve
    for (let i = 1; i < 256; i++) {
      expect(x[i]).to.be.above(x[i - 1]);
      expect(k[i]).to.equal(Math.floor((x[i - 1] / x[i]) * 2 ** 52));
      expect(w[i]).to.equal(x[i] / 2 ** 52);
      expect(fx[i]).to.equal(f(x[i]));
    }
  });
});

describe("lib/random: normals of the fast stream (xoshiro128** + ziggurat)", () => {
  // One fixed-seed sample of 4,000,000 draws for the moment and tail tests (about 0.1 s to draw).
  const M = 4_000_000;
  let big: Float64Array;
  before(() => {
    big = rng(2026, FAST).fillNormal(new Float64Array(M));
  });

  it("are finite, with mean 0 and variance 1", () => {
    let s = 0, s2 = 0;
    for (let i = 0; i < M; i++) {
      const z = big[i];
      if (!Number.isFinite(z)) expect.fail(`draw ${i} is ${z}`);
      s += z;
      s2 += z * z;
    }
    const mean = s / M, variance = s2 / M - mean * mean;
    // Standard errors: 1/√M = 5e-4 for the mean, √(2/M) = 7.1e-4 for the variance. The seed is
    // fixed, so the test is deterministic; 5 standard errors is what a correct generator would
    // exceed for fewer than 1 seed in a million, while a bias of 0.3% in the variance fails it.
    expect(Math.abs(mean)).to.be.below(5 / Math.sqrt(M));
    expect(Math.abs(variance - 1)).to.be.below(5 * Math.sqrt(2 / M));
  });

  it("put the right mass beyond 1σ, 2σ, 3σ, 4σ and beyond the ziggurat's tail start r ≈ 3.654", () => {
    for (const c of [1, 2, 3, ZIGGURAT_R, 4, 4.5]) {
      const p = 2 * (1 - Phi(c));
      let count = 0;
      for (let i = 0; i < M; i++) if (Math.abs(big[i]) > c) count++;
      // A count is binomial(M, p): standard error √(Mp(1−p)); 5 of them, as above. At 4.5σ the
      // expected count is about 27 and 5 se ≈ 26: there it only checks the order of magnitude,
      // which still catches a tail that is missing (0) or doubled.
      const se = Math.sqrt(M * p * (1 - p));
      expect(Math.abs(count - M * p), `P(|Z| > ${c.toFixed(3)}): ${count} of ${M}, expected ${(M * p).toFixed(1)} ± ${se.toFixed(1)}`).to.be.below(5 * se);
      // The sign is as likely in the tail as near 0.
      let positive = 0;
      for (let i = 0; i < M; i++) if (big[i] > c) positive++;
      expect(Math.abs(positive - count / 2), `sign beyond ${c}`).to.be.below(5 * Math.sqrt(count / 4) + 1);
    }
  });

  it("pass a chi-square test over the 512 ziggurat layers (where a wrong wedge or table would show)", () => {
    // Bins: [x[i−1], x[i]) and its mirror for i = 1..255, plus the two tails beyond ±r: 512 bins whose
    // probabilities come from Φ. Counts of about 7,800 per bin make the χ² approximation excellent.
    const { x } = ZIGGURAT_TABLES;
    const edges = Array.from(x); // 0 = x[0] < x[1] < … < x[255] = r
    const counts = new Float64Array(512);
    for (let i = 0; i < M; i++) {
      const z = big[i], a = Math.abs(z);
      let lo = 0, hi = 256; // find the layer: largest j with edges[j] ≤ a (256 means beyond r)
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (edges[mid] <= a) lo = mid;
        else hi = mid;
      }
      const bin = a >= ZIGGURAT_R ? 255 : lo;
      counts[(z < 0 ? 256 : 0) + bin]++;
    }
    let chi2 = 0;
    for (let b = 0; b < 256; b++) {
      const p = b === 255 ? 1 - Phi(ZIGGURAT_R) : Phi(edges[b + 1]) - Phi(edges[b]);
      for (const side of [0, 256]) chi2 += (counts[side + b] - M * p) ** 2 / (M * p);
    }
    // Under the null χ² has 511 degrees of freedom; its 0.999 quantile by Wilson–Hilferty is
    // k(1 − 2/(9k) + 3.09·√(2/(9k)))³ ≈ 617. A fixed seed: pass or fail never depends on luck
    // beyond that 1-in-1000 choice.
    const kdf = 511, q = kdf * (1 - 2 / (9 * kdf) + 3.09 * Math.sqrt(2 / (9 * kdf))) ** 3;
    expect(chi2, `χ² = ${chi2.toFixed(1)} on ${kdf} df`).to.be.below(q);
  });

  it("draw the tail beyond r from the normal's conditional law (KS on 20,000 tail draws)", () => {
    // Only 1 draw in 3,900 reaches the tail, so the samples above hold too few of them to see its
    // shape; here the tail sampler is run alone. Its law: P(T ≤ t) = 1 − Q(t)/Q(r), Q = 1 − Φ.
    // An exponential tail in its place (the rejection step dropped) is off by about 0.04 at t = 4,
    // three times the critical D below.
    const n = 20_000, g = new Xoshiro128(seedXoshiro128(31));
    const t = Float64Array.from({ length: n }, () => normalTail(g)).sort();
    expect(t[0]).to.be.above(ZIGGURAT_R);
    const Qr = 1 - Phi(ZIGGURAT_R);
    let D = 0;
    for (let i = 0; i < n; i++) {
      const F = 1 - (1 - Phi(t[i])) / Qr;
      D = Math.max(D, F - i / n, (i + 1) / n - F);
    }
    // Kolmogorov's 0.001 critical value as below; Φ's 1.2e-7 relative error becomes about 2.4e-7 in
    // this conditional CDF, nothing next to 1.949/√n ≈ 0.014.
    expect(Math.sqrt(n) * D).to.be.below(1.949);
  });

  it("pass a Kolmogorov–Smirnov test against Φ", () => {
    const n = 100_000;
    const s = rng(77, FAST).fillNormal(new Float64Array(n)).sort();
    let D = 0;
    for (let i = 0; i < n; i++) {
      const F = Phi(s[i]);
      D = Math.max(D, F - i / n, (i + 1) / n - F);
    }
    // √n·D follows Kolmogorov's law under the null; P(√n·D > 1.949) = 0.001. Φ's own error
    // (1.2e-7) is nothing next to the critical D = 1.949/√n ≈ 0.0062.
    expect(Math.sqrt(n) * D).to.be.below(1.949);
  });

  it("are reproducible: the same seed gives the same numbers, fillNormal equals normal() draw for draw", () => {
    const a = rng(5, FAST).fillNormal(new Float64Array(10_000));
    const b = rng(5, FAST).fillNormal(new Float64Array(10_000));
    expect(Array.from(a)).to.deep.equal(Array.from(b));
    const one = rng(5, FAST);
    for (let i = 0; i < a.length; i++) if (one.normal() !== a[i]) expect.fail(`draw ${i}: normal() ${one.normal()} vs fillNormal ${a[i]}`);
    // With a mean and a standard deviation, and split over two calls (the stream just continues).
    const r1 = rng(6, FAST), r2 = rng(6, FAST);
    const whole = r1.fillNormal(new Float64Array(1000), 3, 0.5);
    const parts = new Float64Array(1000);
    r2.fillNormal(parts.subarray(0, 377), 3, 0.5);
    r2.fillNormal(parts.subarray(377), 3, 0.5);
    expect(Array.from(parts)).to.deep.equal(Array.from(whole));
    const r3 = rng(6, FAST);
    for (let i = 0; i < 1000; i++) expect(r3.normal(3, 0.5)).to.equal(whole[i]);
    // normals(n) is the same batch as a plain array, on both generators.
    expect(rng(6, FAST).normals(1000, 3, 0.5)).to.deep.equal(Array.from(whole));
    const mt = rng(6);
    expect(rng(6).normals(301, 3, 0.5)).to.deep.equal(Array.from({ length: 301 }, () => mt.normal(3, 0.5)));
    expect(() => rng(6).normals(0, NaN)).to.throw(RangeError, /rng\.normals: the mean must be a finite number/);
    // The module-level kernels agree with each other too (same generator state in, same numbers out).
    const g1 = new Xoshiro128(seedXoshiro128(8)), g2 = new Xoshiro128(seedXoshiro128(8));
    const buf = new Float64Array(5000);
    fillStandardNormal(g1, buf, 0, buf.length, 0, 1);
    for (let i = 0; i < buf.length; i++) expect(zigguratNormal(g2)).to.equal(buf[i]);
    expect(g1.getState()).to.deep.equal(g2.getState());
  });

  it("give independent streams for nearby seeds (seeding through SplitMix64)", () => {
    // The first normal of seeds 0..19,999 should itself be an N(0, 1) sample: a generator seeded
    // naively (nearby seeds → nearby states) fails this at once. KS at the 0.001 level as above.
    const n = 20_000;
    const firsts = Float64Array.from({ length: n }, (_, seed) => rng(seed, FAST).normal()).sort();
    let D = 0;
    for (let i = 0; i < n; i++) {
      const F = Phi(firsts[i]);
      D = Math.max(D, F - i / n, (i + 1) / n - F);
    }
    expect(Math.sqrt(n) * D).to.be.below(1.949);
    // Streams of seeds 1 and 2 side by side: sample correlation within 5/√n of 0 (its standard error is 1/√n).
    const m = 200_000;
    const a = rng(1, FAST).fillNormal(new Float64Array(m)), b = rng(2, FAST).fillNormal(new Float64Array(m));
    let sab = 0, saa = 0, sbb = 0;
    for (let i = 0; i < m; i++) { sab += a[i] * b[i]; saa += a[i] * a[i]; sbb += b[i] * b[i]; }
    expect(Math.abs(sab / Math.sqrt(saa * sbb))).to.be.below(5 / Math.sqrt(m));
  });

  it("keep uniform, int and shuffle working on the fast generator", () => {
    const r = rng(3, FAST);
    let s = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).to.equal(true);
      s += u;
    }
    // The mean of 100,000 uniforms has standard error 1/√(12·10⁵) ≈ 9.1e-4; 5 of them.
    expect(Math.abs(s / 100_000 - 0.5)).to.be.below(5 * 9.2e-4);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[r.int(0, 2)]++;
    // Each count is binomial(30,000, 1/3): se ≈ 81.6; 5 of them.
    for (const c of counts) expect(Math.abs(c - 10_000)).to.be.below(5 * 81.7);
    expect([...r.shuffle([1, 2, 3, 4, 5])].sort()).to.deep.equal([1, 2, 3, 4, 5]);
    expect(r.generator).to.equal("xoshiro128**");
    expect(rng(3).generator).to.equal("mt19937");
  });

  it("rejects an unknown generator and a fillNormal target that is not a Float64Array, naming the fix", () => {
    expect(RNG_GENERATORS).to.deep.equal(["mt19937", "xoshiro128**"]);
    expect(() => rng(1, { generator: "pcg64" as never })).to.throw(RangeError, /unknown generator "pcg64"; choose "mt19937".*"xoshiro128\*\*"/);
    expect(() => rng(1, FAST).fillNormal([1, 2] as never)).to.throw(TypeError, /Float64Array/);
    expect(() => rng(1, FAST).fillNormal(new Float64Array(2), NaN)).to.throw(RangeError, /mean must be a finite number/);
    expect(() => rng(1).fillNormal(new Float64Array(2), 0, -1)).to.throw(RangeError, /standard deviation/);
  });
});

describe("lib/random: the default MT19937 stream is unchanged by the fast one", () => {
  it("normal() is still Box–Muller on pure-rand's MT19937 uniforms, and fillNormal gives the same numbers", () => {
    // Reference: Box–Muller written out on the uniforms of the test above (pure-rand's distribution).
    const gen = mersenne(11);
    const u = () => (unsafeUniformIntDistribution(0, (1 << 26) - 1, gen) * 134217728 + unsafeUniformIntDistribution(0, (1 << 27) - 1, gen)) / 9007199254740992;
    const expected: number[] = [];
    for (let i = 0; i < 500; i++) {
      const u1 = u(), u2 = u(); // u1 = 0 has probability 2⁻⁵³: not met with seed 11 in 500 pairs
      const r = Math.sqrt(-2 * Math.log(u1));
      expected.push(r * Math.cos(2 * Math.PI * u2), r * Math.sin(2 * Math.PI * u2));
    }
    const a = rng(11);
    for (let i = 0; i < expected.length; i++) expect(a.normal()).to.equal(expected[i]);
    expect(Array.from(rng(11).fillNormal(new Float64Array(1000)))).to.deep.equal(expected);
  });
});
