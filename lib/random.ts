/**
 * Seeded random numbers for every simulation in the pack.
 *
 * Every random thing in a lesson, a test or a benchmark draws from an {@link Rng} made with an
 * explicit seed, so a student re-running a cell sees the same numbers as the text describes.
 *
 * Two generators, chosen when the stream is made:
 * - `rng(seed)`: the Mersenne Twister (MT19937) from the `pure-rand` package, normals by the
 *   Box–Muller transform. The default, and the stream every lesson's printed numbers come from.
 * - `rng(seed, { generator: "xoshiro128**" })`: xoshiro128** (lib/random/xoshiro128.ts), normals
 *   by the ziggurat (lib/random/ziggurat.ts): 5–7× faster per normal in batches (bench/ridge.ts's
 *   generation rows: 0.18 against 1.26 CPU seconds for 21 M normals), for simulations that draw
 *   millions (lib/stats/simulate.ts, the ridge bench). A different stream for the same seed, just
 *   as numpy keeps `RandomState` (MT19937) beside `default_rng` (PCG64 + ziggurat).
 */
import { mersenne, unsafeUniformIntDistribution, type RandomGenerator } from "pure-rand";
import { seedXoshiro128, Xoshiro128 } from "./random/xoshiro128";
import { fillStandardNormal, zigguratNormal } from "./random/ziggurat";

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

/** The generators {@link rng} offers: `"mt19937"` (the default) and `"xoshiro128**"` (fast normals). */
export type RngGenerator = "mt19937" | "xoshiro128**";

/** The generators by name, for error messages and tests. */
export const RNG_GENERATORS: readonly RngGenerator[] = ["mt19937", "xoshiro128**"];

/** Options of {@link rng}. */
export interface RngOptions {
  /**
   * `"mt19937"` (default): Mersenne Twister + Box–Muller, the stream of every lesson.
   * `"xoshiro128**"`: xoshiro128** + ziggurat normals, about 5× faster per normal; another stream.
   */
  generator?: RngGenerator;
}

/** A seeded stream of random numbers (MT19937 or xoshiro128**). Create one with {@link rng}. */
export class Rng {
  /** Which generator draws this stream. */
  readonly generator: RngGenerator;
  private readonly gen: RandomGenerator;
  /** The same object as `gen` when the generator is xoshiro128** (its batch normal kernel needs the concrete type). */
  private readonly xoshiro: Xoshiro128 | null;
  private spareNormal: number | null = null;

  /**
   * @param seed an integer with 0 ≤ seed < 2³² (= 4294967296); the same seed always gives the
   * same stream. MT19937 is seeded with 32 bits, so larger or negative seeds are rejected
   * rather than silently folded onto another seed's stream (the same range for both generators).
   * @param options `generator`: `"mt19937"` (default) or `"xoshiro128**"`.
   */
  constructor(readonly seed: number, options: RngOptions = {}) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new RangeError(
        `rng: the seed must be an integer with 0 ≤ seed < 2³² (0 to ${MAX_SEED}), got ${seed}. Pass a whole number such as 0 or 42.`,
      );
    }
    const generator = options?.generator ?? "mt19937";
    if (!RNG_GENERATORS.includes(generator)) {
      throw new RangeError(`rng: unknown generator ${JSON.stringify(generator)}; choose "mt19937" (the default) or "xoshiro128**".`);
    }
    this.generator = generator;
    if (generator === "mt19937") {
      this.gen = mersenne(seed);
      this.xoshiro = null;
    } else {
      this.xoshiro = new Xoshiro128(seedXoshiro128(seed));
      this.gen = this.xoshiro;
    }
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
   * A normal draw with the given mean and standard deviation. MT19937: Box–Muller,
   * z = √(−2 ln u₁) cos(2πu₂), and its sine twin is kept for the next call. xoshiro128**: the
   * ziggurat (lib/random/ziggurat.ts).
   */
  normal(mean = 0, std = 1): number {
    checkMeanStd("rng.normal", mean, std);
    if (this.xoshiro !== null) {
      const z = zigguratNormal(this.xoshiro);
      return mean === 0 && std === 1 ? z : mean + std * z; // as fillNormal does, so the two agree bit for bit (also on −0)
    }
    return this.boxMuller(mean, std);
  }

  /**
   * Fills `out` with normal draws (mean + std·z): the same numbers, in the same order, as
   * `out.length` calls of {@link normal}, with the arguments checked once. With xoshiro128** the
   * batch runs the ziggurat with the generator's state in local variables, about twice as fast as
   * calling `normal()` in a loop. Returns `out`. To fill part of an array pass `out.subarray(a, b)`.
   */
  fillNormal(out: Float64Array, mean = 0, std = 1): Float64Array {
    if (!(out instanceof Float64Array)) {
      throw new TypeError(`rng.fillNormal: out must be a Float64Array, e.g. new Float64Array(100); for a plain array use rng.normals(n).`);
    }
    checkMeanStd("rng.fillNormal", mean, std);
    if (this.xoshiro !== null) fillStandardNormal(this.xoshiro, out, 0, out.length, mean, std);
    else for (let i = 0; i < out.length; i++) out[i] = this.boxMuller(mean, std);
    return out;
  }

  private boxMuller(mean: number, std: number): number {
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

  /** An array of n normal draws (n a whole number ≥ 0): the same numbers as n calls of {@link normal}, drawn in one {@link fillNormal} batch. */
  normals(n: number, mean = 0, std = 1): number[] {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`rng.normals: n must be a whole number ≥ 0, got ${n}.`);
    }
    checkMeanStd("rng.normals", mean, std);
    return Array.from(this.fillNormal(new Float64Array(n), mean, std));
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

function checkMeanStd(fn: string, mean: number, std: number): void {
  if (typeof mean !== "number" || !Number.isFinite(mean)) {
    throw new RangeError(`${fn}: the mean must be a finite number, got ${mean}.`);
  }
  if (!(std >= 0) || !Number.isFinite(std)) {
    throw new RangeError(`${fn}: the standard deviation must be a finite number ≥ 0, got ${std}.`);
  }
}

/**
 * A seeded random stream: `rng(42).normal()`. The seed is required so every run repeats; it
 * must be an integer with 0 ≤ seed < 2³² (MT19937's 32-bit seed), otherwise a RangeError.
 * `rng(42, { generator: "xoshiro128**" })` gives the fast stream (xoshiro128** + ziggurat
 * normals, about 5× faster per normal), a different sequence for the same seed.
 */
export function rng(seed: number, options?: RngOptions): Rng {
  return new Rng(seed, options);
}
