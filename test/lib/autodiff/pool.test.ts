// Issue 12 item 4: a new Tape builds on recycled storage (pool.ts). What matters for
// correctness: recycled arrays hold an earlier tape's numbers, and none of them may leak into
// the new tape's values, gradients, tangents or edges. (Speed is measured in bench/, not here.)
import { expect } from "chai";
import { Tape, type Value } from "../../../lib/autodiff";
import { pooledByteCount, clearPool, POOL_BYTES, POOL_SETS } from "../../../lib/autodiff/pool";

/** y = Σ tanh(xₖ·wₖ + k) over n terms, as a chain of adds (many nodes, two edges each). */
function build(tape: Tape, n: number, scale: number): { xs: Value[]; y: Value } {
  const xs = Array.from({ length: 4 }, (_, k) => tape.input(scale * (k + 1)));
  let y: Value = tape.constant(0);
  for (let k = 0; k < n; k++) y = y.add(xs[k % 4].mul(xs[(k + 1) % 4]).add(k % 3).tanh());
  return { xs, y };
}

describe("lib/autodiff storage pool (issue 12 item 4)", () => {
  it("a tape on recycled storage gives exactly the results of a tape on new storage", () => {
    clearPool();
    const reference = new Tape();
    const ref = build(reference, 3000, 0.1);
    ref.y.backward();
    reference.jvp([[ref.xs[0], 1]]);
    // Fill the pool with arrays full of other numbers: a bigger graph, backward and tangents, then free().
    const old = new Tape();
    const junk = build(old, 9000, -0.7);
    junk.y.backward();
    old.jvp([[junk.xs[1], 3]]);
    old.free();
    expect(pooledByteCount()).to.be.greaterThan(0);
    const before = pooledByteCount();
    const recycled = new Tape();
    const got = build(recycled, 3000, 0.1);
    expect(pooledByteCount()).to.be.lessThan(before); // it did take arrays from the pool
    const n = recycled.length;
    expect(Array.from(recycled.values.subarray(0, n))).to.deep.equal(Array.from(reference.values.subarray(0, n)));
    expect(Array.from(recycled.grads.subarray(0, n)).every((g) => g === 0)).to.equal(true); // nothing leaked before a pass
    got.y.backward();
    recycled.jvp([[got.xs[0], 1]]);
    expect(Array.from(recycled.grads.subarray(0, n))).to.deep.equal(Array.from(reference.grads.subarray(0, n)));
    expect(Array.from(recycled.tangents.subarray(0, n))).to.deep.equal(Array.from(reference.tangents.subarray(0, n)));
    expect(Array.from(recycled.firstEdge.subarray(0, n + 1))).to.deep.equal(Array.from(reference.firstEdge.subarray(0, n + 1)));
    expect(Array.from(recycled.values.subarray(0, n)).every(Number.isFinite)).to.equal(true);
  });

  it("a freed tape refuses further use, and freeing twice is harmless", () => {
    const t = new Tape();
    const x = t.input(1);
    t.free();
    t.free();
    expect(() => t.input(2)).to.throw(/freed/);
    expect(() => x.data).to.throw(/freed/);
  });

  it("new Tape() takes the last freed storage (no growth: the same arrays), and the pool stays within its limits", () => {
    clearPool();
    const t1 = new Tape();
    build(t1, 20000, 0.3); // 80,000 nodes: capacity 131,072
    const values = t1.values;
    t1.free();
    const t2 = new Tape();
    expect(t2.values).to.equal(values); // skipped the growth from 1,024 nodes
    expect(pooledByteCount()).to.equal(0);
    for (let k = 0; k < 10; k++) {
      const t = new Tape();
      build(t, 20000, 0.1);
      t.free();
    }
    expect(pooledByteCount()).to.be.at.most(POOL_BYTES);
    expect(POOL_SETS).to.be.at.least(1);
    t2.free();
    clearPool();
    expect(pooledByteCount()).to.equal(0);
  });
});
