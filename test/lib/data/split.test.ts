import { expect } from "chai";
import { trainTestSplit } from "../../../lib/data/split";
import { oneHot } from "../../../lib/data/onehot";
import { moons, spirals } from "../../../lib/data/toy2d";

describe("lib/data/split", () => {
  it("partitions the examples: sizes add up, nothing lost or repeated, labels stay with their points", () => {
    const data = moons({ n: 100, seed: 1 });
    const { train, test } = trainTestSplit(data, { testFraction: 0.3, seed: 2 });
    expect(test.X.length).to.equal(30);
    expect(train.X.length).to.equal(70);
    const key = (p: number[]) => p.join(",");
    const original = new Map(data.X.map((p, i) => [key(p), data.y[i]]));
    expect(original.size).to.equal(100); // noisy points are distinct, so a key identifies an example
    const seen = new Set<string>();
    for (const part of [train, test]) {
      part.X.forEach((p, i) => {
        expect(original.get(key(p))).to.equal(part.y[i]);
        seen.add(key(p));
      });
    }
    expect(seen.size).to.equal(100);
  });

  it("repeats for a seed, differs across seeds, and copies rows", () => {
    const data = moons({ n: 40, seed: 1 });
    expect(trainTestSplit(data, { seed: 3 })).to.deep.equal(trainTestSplit(data, { seed: 3 }));
    expect(trainTestSplit(data, { seed: 3 }).test.X).to.not.deep.equal(trainTestSplit(data, { seed: 4 }).test.X);
    const { train } = trainTestSplit(data);
    const before = JSON.stringify(data);
    train.X[0][0] = 1e6;
    expect(JSON.stringify(data)).to.equal(before);
  });

  it("keeps class shares with stratify: true", () => {
    const data = spirals({ n: 90, classes: 3, seed: 1 });
    const { train, test } = trainTestSplit(data, { testFraction: 1 / 3, stratify: true, seed: 5 });
    const count = (y: number[], c: number) => y.filter((v) => v === c).length;
    for (const c of [0, 1, 2]) {
      expect(count(test.y, c)).to.equal(10);
      expect(count(train.y, c)).to.equal(20);
    }
  });

  it("rejects bad fractions, mismatched data and empty parts with a clear message", () => {
    const data = moons({ n: 10 });
    expect(() => trainTestSplit(data, { testFraction: 0 })).to.throw(/strictly between 0 and 1/);
    expect(() => trainTestSplit(data, { testFraction: 1 })).to.throw(/strictly between 0 and 1/);
    expect(() => trainTestSplit(data, { testFraction: 0.01 })).to.throw(/test set would be empty/);
    expect(() => trainTestSplit({ X: [[1, 2]], y: [0, 1] })).to.throw(/X has 1 rows but y has 2 labels/);
    expect(() => trainTestSplit({ X: [[1, NaN]], y: [0] })).to.throw(/finite numbers/);
    expect(() => trainTestSplit(data, { testFracion: 0.2 } as any)).to.throw(/unknown option "testFracion"/);
  });
});

describe("lib/data/onehot", () => {
  it("encodes labels as rows with a single 1", () => {
    expect(oneHot([2, 0, 1])).to.deep.equal([[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
    expect(oneHot([0, 0], 3)).to.deep.equal([[1, 0, 0], [1, 0, 0]]);
    expect(oneHot([], 2)).to.deep.equal([]);
  });

  it("rejects labels that are not classes", () => {
    expect(() => oneHot([0, 1.5])).to.throw(/labels\[1\] is 1.5/);
    expect(() => oneHot([-1])).to.throw(/whole numbers/);
    expect(() => oneHot([0, 3], 3)).to.throw(/labels\[1\] = 3 is not below classes = 3/);
    expect(() => oneHot([])).to.throw(/pass it as oneHot\(labels, k\)/);
  });
});
