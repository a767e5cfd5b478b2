/**
 * Seeded 2-D classification datasets for training small networks in a lesson: two moons,
 * k-armed spirals, XOR blobs, concentric circles and Gaussian blobs.
 *
 * Every generator takes `{ n, noise, seed, shuffle }` (plus its own shape options), returns
 * `{ X, y }` with labels 0..k−1, and draws all its randomness from `rng(seed)`, so the same
 * options always give the same points. `noise` is always the standard deviation of the
 * Gaussian noise added independently to each coordinate. The seed defaults to
 * {@link DEFAULT_SEED} (0). Points are shuffled by default (classes interleaved, as minibatches
 * want); `shuffle: false` keeps them grouped by class.
 */
import { rng, type Rng } from "../random";
import {
  checkBoolean,
  checkInt,
  checkNonNegative,
  checkOptionKeys,
  checkPositive,
  checkSeed,
  DEFAULT_SEED,
  groupSizes,
  type Dataset,
} from "./dataset";

/** Options every 2-D generator accepts. */
export interface Toy2dOptions {
  /** Total number of points, split as evenly as possible between the classes (or blobs). */
  n?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. */
  noise?: number;
  /** Seed for {@link rng}; defaults to {@link DEFAULT_SEED} = 0. */
  seed?: number;
  /** Shuffle the points (default true); false keeps them grouped by class in label order. */
  shuffle?: boolean;
}

const COMMON = ["n", "noise", "seed", "shuffle"] as const;

interface Common {
  n: number;
  noise: number;
  seed: number;
  shuffle: boolean;
  r: Rng;
}

/** Read the shared options (keys already checked); `minN` = one point per class or blob. */
function common(fn: string, o: Toy2dOptions, defaultN: number, defaultNoise: number, minN: number): Common {
  const n = checkInt(fn, "n", o.n ?? defaultN, minN);
  const noise = checkNonNegative(fn, "noise", o.noise ?? defaultNoise);
  const seed = checkSeed(fn, o.seed ?? DEFAULT_SEED);
  const shuffle = checkBoolean(fn, "shuffle", o.shuffle ?? true);
  return { n, noise, seed, shuffle, r: rng(seed) };
}

/** Add the noise to the clean points, then shuffle points and labels together if asked. */
function finish(c: Common, points: number[][], labels: number[]): Dataset {
  const noisy = points.map(([a, b]) => [a + c.r.normal(0, c.noise), b + c.r.normal(0, c.noise)]);
  if (!c.shuffle) return { X: noisy, y: labels };
  const order = c.r.shuffle(noisy.map((_, i) => i));
  return { X: order.map((i) => noisy[i]), y: order.map((i) => labels[i]) };
}

/** m evenly spaced numbers from a to b, both included (one point sits at a). */
function linspace(a: number, b: number, m: number): number[] {
  return Array.from({ length: m }, (_, i) => (m === 1 ? a : a + ((b - a) * i) / (m - 1)));
}

/**
 * Two interleaving half circles (as scikit-learn's `make_moons`): class 0 on the upper arc
 * (cos t, sin t), class 1 on the lower arc (1 − cos t, 0.5 − sin t), t evenly spaced in [0, π].
 * Not linearly separable; a small tanh MLP separates it.
 *
 * Defaults: n = 100, noise = 0.1, seed = 0, shuffle = true.
 */
export function moons(options: Toy2dOptions = {}): Dataset {
  checkOptionKeys("moons", options, COMMON);
  const c = common("moons", options, 100, 0.1, 2);
  const [nOuter, nInner] = groupSizes(c.n, 2);
  const points: number[][] = [];
  const labels: number[] = [];
  for (const t of linspace(0, Math.PI, nOuter)) points.push([Math.cos(t), Math.sin(t)]), labels.push(0);
  for (const t of linspace(0, Math.PI, nInner)) points.push([1 - Math.cos(t), 0.5 - Math.sin(t)]), labels.push(1);
  return finish(c, points, labels);
}

/** Options of {@link spirals}. */
export interface SpiralsOptions extends Toy2dOptions {
  /** Number of arms, one class each (default 3, at least 2). */
  classes?: number;
  /** How many full turns each arm makes from the centre to radius 1 (default 1). */
  turns?: number;
}

/**
 * k interleaved spiral arms, one class per arm (the CS231n toy problem). Arm c has points at
 * radius r from 0.1 to 1 and angle 2πc/k + 2π·turns·r.
 *
 * Defaults: n = 300, classes = 3, turns = 1, noise = 0.05, seed = 0, shuffle = true.
 */
export function spirals(options: SpiralsOptions = {}): Dataset {
  checkOptionKeys("spirals", options, [...COMMON, "classes", "turns"]);
  const k = checkInt("spirals", "classes", options.classes ?? 3, 2);
  const turns = checkPositive("spirals", "turns", options.turns ?? 1);
  const c = common("spirals", options, 300, 0.05, k);
  const points: number[][] = [];
  const labels: number[] = [];
  groupSizes(c.n, k).forEach((m, cls) => {
    for (const radius of linspace(0.1, 1, m)) {
      const angle = (2 * Math.PI * cls) / k + 2 * Math.PI * turns * radius;
      points.push([radius * Math.cos(angle), radius * Math.sin(angle)]);
      labels.push(cls);
    }
  });
  return finish(c, points, labels);
}

/**
 * The XOR problem as four Gaussian blobs centred at (±1, ±1): label 1 where the signs of the
 * centre's coordinates differ ((1, −1) and (−1, 1)), label 0 where they agree. The label belongs
 * to the blob, so with large noise a point can cross into another quadrant. No line separates
 * the classes; one hidden layer does.
 *
 * Defaults: n = 100 (at least 4, one per blob), noise = 0.3, seed = 0, shuffle = true.
 */
export function xor(options: Toy2dOptions = {}): Dataset {
  checkOptionKeys("xor", options, COMMON);
  const c = common("xor", options, 100, 0.3, 4);
  const centres = [
    [-1, -1, 0],
    [1, 1, 0],
    [1, -1, 1],
    [-1, 1, 1],
  ];
  const points: number[][] = [];
  const labels: number[] = [];
  groupSizes(c.n, 4).forEach((m, b) => {
    for (let i = 0; i < m; i++) points.push([centres[b][0], centres[b][1]]), labels.push(centres[b][2]);
  });
  return finish(c, points, labels);
}

/** Options of {@link circles}. */
export interface CirclesOptions extends Toy2dOptions {
  /** Radius of the inner circle relative to the outer one (radius 1), in (0, 1); default 0.5. */
  factor?: number;
}

/**
 * Two concentric circles (as scikit-learn's `make_circles`): class 0 on the unit circle,
 * class 1 on the circle of radius `factor`, angles evenly spaced.
 *
 * Defaults: n = 100, factor = 0.5, noise = 0.05, seed = 0, shuffle = true.
 */
export function circles(options: CirclesOptions = {}): Dataset {
  checkOptionKeys("circles", options, [...COMMON, "factor"]);
  const factor = options.factor ?? 0.5;
  if (typeof factor !== "number" || !(factor > 0 && factor < 1)) {
    throw new RangeError(`circles: factor (inner radius / outer radius) must be in (0, 1), got ${String(factor)}.`);
  }
  const c = common("circles", options, 100, 0.05, 2);
  const points: number[][] = [];
  const labels: number[] = [];
  groupSizes(c.n, 2).forEach((m, cls) => {
    const radius = cls === 0 ? 1 : factor;
    for (let i = 0; i < m; i++) {
      const angle = (2 * Math.PI * i) / m;
      points.push([radius * Math.cos(angle), radius * Math.sin(angle)]);
      labels.push(cls);
    }
  });
  return finish(c, points, labels);
}

/** Options of {@link blobs}. */
export interface BlobsOptions extends Toy2dOptions {
  /**
   * Either the number k of blobs (placed evenly on the circle of radius 2 around the origin,
   * blob c at angle 2πc/k) or the list of their 2-D centres. Default 3.
   */
  centers?: number | number[][];
}

/**
 * Isotropic Gaussian blobs, one class per blob (as scikit-learn's `make_blobs`, but with
 * deterministic centres): `noise` is each blob's standard deviation.
 *
 * Defaults: n = 100, centers = 3, noise = 0.5, seed = 0, shuffle = true.
 */
export function blobs(options: BlobsOptions = {}): Dataset {
  checkOptionKeys("blobs", options, [...COMMON, "centers"]);
  const spec = options.centers ?? 3;
  let centres: number[][];
  if (typeof spec === "number") {
    const k = checkInt("blobs", "centers", spec, 1);
    centres = Array.from({ length: k }, (_, b) => [2 * Math.cos((2 * Math.PI * b) / k), 2 * Math.sin((2 * Math.PI * b) / k)]);
  } else if (Array.isArray(spec) && spec.length > 0 && spec.every((p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite))) {
    centres = spec.map((p) => [p[0], p[1]]);
  } else {
    throw new RangeError("blobs: centers must be a whole number ≥ 1 or a non-empty list of [x, y] points with finite coordinates.");
  }
  const c = common("blobs", options, 100, 0.5, centres.length);
  const points: number[][] = [];
  const labels: number[] = [];
  groupSizes(c.n, centres.length).forEach((m, b) => {
    for (let i = 0; i < m; i++) points.push([centres[b][0], centres[b][1]]), labels.push(b);
  });
  return finish(c, points, labels);
}
