/**
 * Seeded random numbers for every simulation in the pack.
 *
 * Every random thing in a lesson, a test or a benchmark draws from an {@link Rng} made with an
 * explicit seed, so a student re-running a cell sees the same numbers as the text describes.
 * The generator is the Mersenne Twister (MT19937) from the `pure-rand` package; normals use the Box–Muller
 * transform.
 */
import { mersenne, unsafeUniformIntDistribution, type RandomGenerator } from "pure-rand";

/** A float in [0, 1) with 53 random bits, built from a 26-bit and a 27-bit integer draw. */
function uniformFloat64(gen: RandomGenerator): number {
  // The low 26 and 27 bits of two MT19937 outputs: exactly what pure-rand's
  // unsafeUniformIntDistribution(0, 2²⁶ − 1) and (0, 2²⁷ − 1) return for a power-of-two range
  // (test/lib/random.test.ts checks the streams agree), at less than half the cost per draw.
  const high = gen.unsafeNext() & 0x3ffffff;
  const low = gen.unsafeNext() & 0x7ffffff;
  return (high * 134217728 + low) / 9007199254740992; // (high·2²⁷ + low) / 2⁵³
}

function uniformInt(gen: RandomGenerator, from: number, to: number): number {
  return unsafeUniformIntDistribution(from, to, gen);
}

/** The largest seed {@link rng} accepts: 2³² − 1 (MT19937 takes a 32-bit seed). */
export const MAX_SEED = 0xffffffff;

/** A seeded stream of random numbers (Mersenne Twister). Create one with {@link rng}. */
export class Rng {
  private readonly gen: RandomGenerator;
  private spareNormal: number | null = null;

  /**
   * @param seed an integer with 0 ≤ seed < 2³² (= 4294967296); the same seed always gives the
   * same stream. MT19937 is seeded with 32 bits, so larger or negative seeds are rejected
   * rather than silently folded onto another seed's stream.
   */
  constructor(readonly seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new RangeError(
        `rng: the seed must be an integer with 0 ≤ seed < 2³² (0 to ${MAX_SEED}), got ${seed}. Pass a whole number such as 0 or 42.`,
      );
    }
    this.gen = mersenne(seed);
  }

  /** A uniform number in [0, 1). */
  uniform(): number;
  /** A uniform number in [low, high). */
  uniform(low: number, high: number): number;
  uniform(low = 0, high = 1): number {
    if (!Number.isFinite(low) || !Number.isFinite(high)) {
      throw new RangeError(`rng.uniform: the bounds must be finite numbers, got low=${low}, high=${high}.`);
    }
    if (!(high > low)) throw new RangeError(`rng.uniform: need low < high, got low=${low}, high=${high}.`);
    return low + (high - low) * uniformFloat64(this.gen);
  }

  /**
   * A normal draw with the given mean and standard deviation (Box–Muller:
   * z = √(−2 ln u₁) cos(2πu₂), and its sine twin is kept for the next call).
   */
  normal(mean = 0, std = 1): number {
    if (typeof mean !== "number" || !Number.isFinite(mean)) {
      throw new RangeError(`rng.normal: the mean must be a finite number, got ${mean}.`);
    }
    if (!(std >= 0) || !Number.isFinite(std)) {
      throw new RangeError(`rng.normal: the standard deviation must be a finite number ≥ 0, got ${std}.`);
    }
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    let u1 = 0;
    while (u1 === 0) u1 = uniformFloat64(this.gen); // log(0) would give an infinite draw
    const u2 = uniformFloat64(this.gen);
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    return mean + std * r * Math.cos(2 * Math.PI * u2);
  }

  /** A uniform integer in [from, to], both ends included. */
  int(from: number, to: number): number {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) {
      throw new RangeError(`rng.int: need integers from ≤ to, got from=${from}, to=${to}.`);
    }
    return uniformInt(this.gen, from, to);
  }

  /** An array of n normal draws (n a whole number ≥ 0). */
  normals(n: number, mean = 0, std = 1): number[] {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`rng.normals: n must be a whole number ≥ 0, got ${n}.`);
    }
    return Array.from({ length: n }, () => this.normal(mean, std));
  }

  /** A new array with the items of `items` in a uniformly random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/**
 * A seeded random stream: `rng(42).normal()`. The seed is required so every run repeats; it
 * must be an integer with 0 ≤ seed < 2³² (MT19937's 32-bit seed), otherwise a RangeError.
 */
export function rng(seed: number): Rng {
  return new Rng(seed);
}
