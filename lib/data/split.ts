/**
 * A seeded train/test split, so a lesson can measure how well a network does on points it was
 * not trained on.
 */
import { rng } from "../random";
import { checkBoolean, checkDataset, checkOptionKeys, checkSeed, DEFAULT_SEED, type Dataset } from "./dataset";

/** Options of {@link trainTestSplit}. */
export interface SplitOptions {
  /** Fraction of the examples that go to the test set, in (0, 1); default 0.25. */
  testFraction?: number;
  /** Seed of the shuffle; default {@link DEFAULT_SEED} = 0. */
  seed?: number;
  /**
   * Keep each class's share the same in both parts (default false). Each class then sends
   * round(testFraction · its size) examples to the test set.
   */
  stratify?: boolean;
}

/** The two parts of a split dataset. */
export interface Split {
  train: Dataset;
  test: Dataset;
}

/**
 * Shuffle the examples with `rng(seed)` and cut them into a training and a test set; rows are
 * copied, so editing one part never changes the input or the other part.
 *
 * The test set gets round(testFraction · n) examples; both parts must end up non-empty, or the
 * call throws and says which fraction would work.
 */
export function trainTestSplit(data: Dataset, options: SplitOptions = {}): Split {
  const fn = "trainTestSplit";
  checkDataset(fn, data);
  checkOptionKeys(fn, options, ["testFraction", "seed", "stratify"]);
  const fraction = options.testFraction ?? 0.25;
  if (typeof fraction !== "number" || !(fraction > 0 && fraction < 1)) {
    throw new RangeError(`${fn}: testFraction must be a number strictly between 0 and 1, got ${String(fraction)}.`);
  }
  const r = rng(checkSeed(fn, options.seed ?? DEFAULT_SEED));
  const stratify = checkBoolean(fn, "stratify", options.stratify ?? false);
  const n = data.y.length;

  const testIdx: number[] = [];
  const trainIdx: number[] = [];
  if (stratify) {
    const byClass = new Map<number, number[]>();
    data.y.forEach((label, i) => byClass.set(label, [...(byClass.get(label) ?? []), i]));
    for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
      const idx = r.shuffle(byClass.get(label)!);
      const m = Math.round(fraction * idx.length);
      testIdx.push(...idx.slice(0, m));
      trainIdx.push(...idx.slice(m));
    }
  } else {
    const idx = r.shuffle(data.y.map((_, i) => i));
    const m = Math.round(fraction * n);
    testIdx.push(...idx.slice(0, m));
    trainIdx.push(...idx.slice(m));
  }
  if (testIdx.length === 0 || trainIdx.length === 0) {
    const empty = testIdx.length === 0 ? "test" : "training";
    throw new RangeError(
      `${fn}: with ${n} examples and testFraction = ${fraction} the ${empty} set would be empty; ` +
        `use a testFraction between ${(1 / n).toPrecision(2)} and ${(1 - 1 / n).toPrecision(2)} or more data.`,
    );
  }
  // Mixed classes in a stratified test set would otherwise come out grouped by class.
  const order = (idx: number[]) => (stratify ? r.shuffle(idx) : idx);
  const pick = (idx: number[]): Dataset => ({ X: idx.map((i) => data.X[i].slice()), y: idx.map((i) => data.y[i]) });
  return { train: pick(order(trainIdx)), test: pick(order(testIdx)) };
}
