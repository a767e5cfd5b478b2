// Issue 12 item 2: backward() and jvp(out, …) visit only the output's sub-tape, leave other
// nodes' gradients and tangents alone, and cost the same after a million unrelated nodes as on
// a fresh tape (asserted on counts of nodes and slots visited, never on time).
import { expect } from "chai";
import {
  Tape, Value, value, currentTape, withTape, resetTape, gradients, jvp, AutodiffTapeError, DEFAULT_WARN_NODES,
} from "../../../lib/autodiff";
import { rng } from "../../../lib/random";

/** 100 nodes: y = tanh(…tanh(x·w + 1)·w + 1…), 49 rounds of mul and add, then one more mul. */
function hundredNodeGraph(x: Value, w: Value): Value {
  let y = x;
  for (let k = 0; k < 49; k++) y = y.mul(w).add(1).tanh();
  return y.mul(w);
}

/** n unrelated nodes (a chain of sin steps on an input of their own). */
function unrelated(tape: Tape, n: number): void {
  let z = tape.input(0.1);
  for (let k = 1; k < n; k++) z = z.sin();
}

describe("lib/autodiff sub-tape passes (issue 12 item 2)", () => {
  it("ya.backward() then yb.backward() on unrelated graphs keeps a.grad", () => {
    const tape = new Tape();
    const a = tape.input(3, "a"), b = tape.input(4, "b");
    const ya = a.mul(a), yb = b.sin();
    ya.backward();
    yb.backward();
    expect(a.grad).to.equal(6); // d(a²)/da at 3, untouched by yb's pass
    expect(b.grad).to.equal(Math.cos(4));
    expect(ya.grad).to.equal(1);
  });

  it("gradients() reports 0 for an input the output does not depend on, even with an old .grad", () => {
    const tape = new Tape();
    const a = tape.input(3), b = tape.input(4);
    a.mul(b).backward(); // a.grad = 4, b.grad = 3
    const onlyA = a.exp();
    expect(gradients(onlyA, [a, b])).to.deep.equal([Math.exp(3), 0]);
    expect(b.grad).to.equal(3); // left alone, so .grad alone would mislead
  });

  for (const where of ["after", "before"] as const) {
    it(`a 100-node backward after 10⁶ unrelated nodes visits what it visits on a fresh tape (inputs created ${where} them)`, () => {
      const fresh = new Tape();
      const y0 = hundredNodeGraph(fresh.input(0.3), fresh.input(0.7));
      y0.backward();
      const expected = { ...fresh.lastBackward };
      // 2 inputs + 49·(mul, const, add, tanh) + (mul) = 2 + 196 + 1 = 199 nodes, 2·49·2 + 49 + 2 edges.
      expect(expected.nodes).to.equal(199);
      expect(expected.edges).to.equal(49 * 5 + 2);

      const big = new Tape();
      let x: Value, w: Value;
      if (where === "after") {
        unrelated(big, 1_000_000);
        x = big.input(0.3);
        w = big.input(0.7);
      } else {
        x = big.input(0.3);
        w = big.input(0.7);
        unrelated(big, 1_000_000);
      }
      const y = hundredNodeGraph(x, w);
      y.backward();
      expect(big.lastBackward.nodes).to.equal(expected.nodes);
      expect(big.lastBackward.edges).to.equal(expected.edges);
      // The walk may look at a few unrelated slots before it switches to sorting: at most
      // 64 + 2 per visited node (the switch rule) plus the collected nodes, never the 10⁶.
      expect(big.lastBackward.scanned).to.be.at.most(4 * expected.nodes + 66);
      expect([x.grad, w.grad]).to.deep.equal([fresh.node(0).grad, fresh.node(1).grad]);
      expect(Number.isFinite(x.grad)).to.equal(true);
      // The same for forward mode along x.
      jvp(y, [[x, 1]]);
      expect(big.lastTangent.nodes).to.equal(expected.nodes);
      expect(big.lastTangent.scanned).to.be.at.most(4 * expected.nodes + 66);
      expect(y.tangent).to.equal(jvp(y0, [[fresh.node(0), 1]]));
    });
  }

  it("dense, sparse and accumulating passes give the gradients of a fresh tape on seeded random graphs", () => {
    const r = rng(2024);
    for (let trial = 0; trial < 30; trial++) {
      const xs0 = [r.uniform(-1, 1), r.uniform(-1, 1), r.uniform(-1, 1)];
      const steps = Array.from({ length: 60 }, () => [r.int(0, 3), r.int(0, 2), r.int(0, 200)] as const);
      // Build the same expression; `noise` unrelated nodes are interleaved after every step.
      const build = (tape: Tape, noise: number): { xs: Value[]; y: Value } => {
        const xs = xs0.map((v) => tape.input(v));
        let y = xs[0];
        for (const [op, k, n] of steps) {
          if (noise > 0) unrelated(tape, (n * noise) % 700 + 1);
          if (op === 0) y = y.mul(xs[k]).tanh();
          else if (op === 1) y = y.add(xs[k].sin());
          else if (op === 2) y = y.sub(xs[k].mul(y));
          else y = y.mul(0.5).add(xs[k]);
        }
        return { xs, y };
      };
      const fresh = new Tape();
      const ref = build(fresh, 0);
      const want = gradients(ref.y, ref.xs);
      const noisy = new Tape();
      const got = build(noisy, 1 + trial);
      const before = got.xs.map((x) => x.grad);
      expect(gradients(got.y, got.xs)).to.deep.equal(want); // same sums in the same order: bit for bit
      expect(noisy.lastBackward.nodes).to.equal(fresh.lastBackward.nodes);
      got.y.backward({ accumulate: true });
      // Inputs add this pass's contributions to the last pass's total: 2·want up to the rounding
      // of a few dozen additions of numbers below ~10 (≲ 1e-14); 1e-12 leaves room.
      got.xs.forEach((x, i) => expect(x.grad).to.be.closeTo(2 * want[i], 1e-12 * Math.max(1, Math.abs(want[i]))));
      expect(before.every((g) => g === 0)).to.equal(true);
      expect(want.every(Number.isFinite)).to.equal(true);
    }
  });

  it("jvp(out, …) leaves the tangents of unrelated nodes alone; tape.jvp(seeds) still sweeps the whole tape", () => {
    const tape = new Tape();
    const a = tape.input(1), b = tape.input(2);
    const ya = a.mul(3), yb = b.mul(5);
    tape.jvp([[a, 1], [b, 1]]);
    expect([ya.tangent, yb.tangent]).to.deep.equal([3, 5]);
    jvp(ya, [[a, 2]]);
    expect([ya.tangent, yb.tangent]).to.deep.equal([6, 5]);
    expect(tape.lastTangent.nodes).to.equal(3); // a, the constant 3, ya
  });

  it("resetTape() empties the current tape for the next cell; old values then throw a clear error", () => {
    const t = new Tape();
    withTape(t, () => {
      const old = value(2, "old");
      old.mul(3);
      expect(currentTape().length).to.equal(3);
      expect(resetTape()).to.equal(t);
      expect(t.length).to.equal(0);
      expect(() => old.mul(2)).to.throw(AutodiffTapeError, /dropped/);
      const x = value(5, "x");
      expect(gradients(x.mul(x), [x])).to.deep.equal([10]);
    });
  });

  it("a tape with warnAbove warns once, with the way out; the default tape warns at DEFAULT_WARN_NODES", () => {
    const messages: string[] = [];
    const saved = console.warn;
    console.warn = (m: string) => void messages.push(m);
    try {
      const t = new Tape({ capacity: 16, warnAbove: 100 });
      let z = t.input(1);
      for (let k = 0; k < 1000; k++) z = z.sin();
    } finally {
      console.warn = saved;
    }
    expect(messages).to.have.length(1);
    expect(messages[0]).to.contain("resetTape()").and.contain("rewind");
    expect(DEFAULT_WARN_NODES).to.be.within(1e6, 1e7);
  });
});
