import { expect } from "chai";
import { minimize, DivergenceError } from "../../../lib/optim/minimize";
import { withDisplaySink, type DisplayMessage } from "../../../lib/plot/display";
import { PlainGD, diagQuadratic, leastSquares } from "../convergence/helpers";
import { cosineAnnealing, CosineAnnealingLR } from "../../../lib/optim/schedules";

/** A seeded-free least-squares set: 10 examples in 2-D, y = 2a₁ − a₂ + small offsets. */
function data(): { A: number[][]; y: number[] } {
  const A: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 10; i++) {
    const a = [Math.cos(i), Math.sin(1.7 * i) + 0.5];
    A.push(a);
    y.push(2 * a[0] - a[1] + 0.01 * (i % 3));
  }
  return { A, y };
}

describe("minimize: full batch", () => {
  it("records x_k, f(x_k), ‖∇f(x_k)‖ and lr exactly as gradient descent defines them", () => {
    const p = diagQuadratic([1, 4], [1, -2]);
    const run = minimize(p, new PlainGD(Float64Array.from(p.x0), 0.2), { steps: 5 });
    expect(run.steps).to.equal(5);
    expect(run.stopReason).to.equal("steps");
    expect(run.x).to.have.length(6);
    expect(run.f).to.have.length(6);
    expect(run.gradNorm).to.have.length(6);
    expect(run.lr).to.deep.equal([0.2, 0.2, 0.2, 0.2, 0.2]);
    // By hand: on ½(x₁² + 4x₂²), x_k = ((1 − 0.2)^k, −2(1 − 0.8)^k). Exact to rounding of k products (1e-14).
    for (let k = 0; k <= 5; k++) {
      const a = Math.pow(0.8, k), b = -2 * Math.pow(0.2, k);
      expect(run.x[k][0]).to.be.closeTo(a, 1e-14);
      expect(run.x[k][1]).to.be.closeTo(b, 1e-14);
      expect(run.f[k]).to.be.closeTo(0.5 * a * a + 2 * b * b, 1e-14);
      expect(run.gradNorm[k]).to.be.closeTo(Math.hypot(a, 4 * b), 1e-14);
    }
    expect(Array.from(run.x0)).to.deep.equal([1, -2]);
    expect(Array.from(run.xLast)).to.deep.equal(Array.from(run.x[5]));
    // Full batch on a problem that is not a finite sum counts one "example" per gradient.
    expect(run.examples).to.deep.equal([0, 1, 2, 3, 4, 5]);
  });

  it("stops at the first iterate with ‖∇f‖ ≤ tol, and with tolOn 'gap' at the first with f − f* ≤ tol", () => {
    const p = diagQuadratic([1, 4], [1, -2], 3);
    const run = minimize(p, new PlainGD(Float64Array.from(p.x0), 0.2), { steps: 1000, tol: 1e-6 });
    expect(run.stopReason).to.equal("tol");
    const K = run.steps;
    expect(run.gradNorm[K]).to.be.at.most(1e-6);
    expect(run.gradNorm[K - 1]).to.be.above(1e-6);
    expect(run.message).to.contain(`step ${K}`);
    const gap = minimize(p, new PlainGD(Float64Array.from(p.x0), 0.2), { steps: 1000, tol: 1e-9, tolOn: "gap" });
    expect(gap.f[gap.steps] - 3).to.be.at.most(1e-9);
    expect(gap.f[gap.steps - 1] - 3).to.be.above(1e-9);
  });

  it("keeps only what record asks for, and always x₀ and the last iterate", () => {
    const p = diagQuadratic([1, 4], [1, -2]);
    const run = minimize(p, new PlainGD(Float64Array.from(p.x0), 0.1), { steps: 3, record: ["f"] });
    expect(run.x).to.have.length(0);
    expect(run.gradNorm).to.have.length(0);
    expect(run.lr).to.have.length(0);
    expect(run.f).to.have.length(4);
    expect(run.xLast[0]).to.be.closeTo(Math.pow(0.9, 3), 1e-15);
  });

  it("a function schedule sets lr before each step; a scheduler's step() runs once after each", () => {
    const p = diagQuadratic([1], [1]);
    const run = minimize(p, new PlainGD(Float64Array.from(p.x0), 0.5), { steps: 4, schedule: (k) => 1 / (k + 2) });
    expect(run.lr).to.deep.equal([1 / 2, 1 / 3, 1 / 4, 1 / 5]);
    // x₄ = Π (1 − 1/(k+2)) = 1/2 · 2/3 · 3/4 · 4/5 = 1/5.
    expect(run.xLast[0]).to.be.closeTo(0.2, 1e-15);
    const opt = new PlainGD(Float64Array.from(p.x0), 0.4);
    let calls = 0;
    const halve = { step: () => { calls++; opt.lr /= 2; } };
    const r2 = minimize(p, opt, { steps: 3, schedule: halve });
    expect(calls).to.equal(3);
    expect(r2.lr).to.deep.equal([0.4, 0.2, 0.1]);
  });

  it("takes lib/optim/schedules.ts as it is: a Schedule (t, η₀) => lr, or a scheduler bound to the optimizer", () => {
    const p = diagQuadratic([1, 4], [1, -2]);
    // Cosine annealing from η₀ = 0.2 over T = 4: η_t = 0.2·(1 + cos(πt/4))/2, by hand.
    const want = [0, 1, 2, 3].map((t) => 0.2 * (1 + Math.cos((Math.PI * t) / 4)) / 2);
    const a = minimize(p, new PlainGD(Float64Array.from(p.x0), 0.2), { steps: 4, schedule: cosineAnnealing({ tMax: 4 }) });
    const opt = new PlainGD(Float64Array.from(p.x0), 0.2);
    const b = minimize(p, opt, { steps: 4, schedule: new CosineAnnealingLR(opt, { tMax: 4 }) });
    a.lr.forEach((lr, i) => expect(lr).to.be.closeTo(want[i], 1e-15));
    b.lr.forEach((lr, i) => expect(lr).to.be.closeTo(want[i], 1e-15));
    expect(Array.from(a.xLast)).to.deep.equal(Array.from(b.xLast));
  });

  it("onStep sees each new iterate and can stop the run", () => {
    const p = diagQuadratic([1], [1]);
    const seen: number[] = [];
    const run = minimize(p, new PlainGD(Float64Array.from(p.x0), 0.5), {
      steps: 100,
      onStep: (s) => { seen.push(s.k); return s.k === 3 ? "stop" : undefined; },
    });
    expect(seen).to.deep.equal([1, 2, 3]);
    expect(run.stopReason).to.equal("callback");
    expect(run.steps).to.equal(3);
  });
});

describe("minimize: divergence", () => {
  it("η > 2/L: throws DivergenceError naming the first step where f passes the bound, and the value", () => {
    // 1-D, f = x²/2 (L = 1), lr = 2.5: x_k = (−1.5)^k, f_k = 2.25^k / 2. Bound 100 is passed first
    // at the smallest k with 2.25^k/2 > 100: computed here independently.
    const p = diagQuadratic([1], [1]);
    let expected = 0;
    while (Math.pow(2.25, expected) / 2 <= 100) expected++;
    let err: unknown;
    try {
      minimize(p, new PlainGD(Float64Array.from(p.x0), 2.5), { steps: 100, divergeAbove: 100 });
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(DivergenceError);
    const d = err as DivergenceError;
    expect(d.step).to.equal(expected);
    expect(d.value).to.be.closeTo(Math.pow(2.25, expected) / 2, 1e-9);
    expect(d.message).to.contain(`step ${expected}`);
    expect(d.message).to.contain("2/L = 2");
    expect(d.history.f).to.have.length(expected + 1);
    expect(d.history.stopReason).to.equal("diverged");
  });

  it("the default bound (10⁸·max(1,|f₀|) above f₀) catches exponential growth; NaN is caught at its step", () => {
    const p = diagQuadratic([1], [1]);
    expect(() => minimize(p, new PlainGD(Float64Array.from(p.x0), 3), { steps: 1000 })).to.throw(DivergenceError, /diverged at step \d+/);
    const nanAt3 = { ...p, f: (x: Float64Array) => (Math.abs(x[0] - 0.125) < 1e-12 ? NaN : p.f(x)) };
    let err: DivergenceError | undefined;
    try {
      minimize(nanAt3, new PlainGD(Float64Array.from(p.x0), 0.5), { steps: 10 });
    } catch (e) {
      err = e as DivergenceError;
    }
    expect(err, "expected a DivergenceError").to.be.instanceOf(DivergenceError);
    // x_k = 0.5^k: x₃ = 0.125 is where f gives NaN.
    expect(err!.step).to.equal(3);
    expect(Number.isNaN(err!.value)).to.equal(true);
    expect(err!.message).to.match(/f\(x_3\) = NaN/);
  });

  it("onDivergence 'stop' returns the history up to the bad iterate instead of throwing", () => {
    const p = diagQuadratic([1], [1]);
    const run = minimize(p, new PlainGD(Float64Array.from(p.x0), 2.5), { steps: 100, divergeAbove: 100, onDivergence: "stop" });
    expect(run.stopReason).to.equal("diverged");
    expect(run.divergence?.what).to.equal("f");
    expect(run.f[run.f.length - 1]).to.be.above(100);
    expect(run.f.slice(0, -1).every((v) => v <= 100)).to.equal(true);
  });
});

describe("minimize: minibatches", () => {
  it("without replacement, each epoch visits every example once (last batch shorter); examples count them", () => {
    const { A, y } = data();
    const p = leastSquares(A, y);
    const run = minimize(p, new PlainGD(new Float64Array(2), 0.1), { steps: 8, batchSize: 4, seed: 7 });
    // 10 examples, batches of 4: 4, 4, 2 per epoch.
    expect(p.batches.map((b) => b.length)).to.deep.equal([4, 4, 2, 4, 4, 2, 4, 4]);
    const epoch1 = p.batches.slice(0, 3).flat().sort((a, b) => a - b);
    const epoch2 = p.batches.slice(3, 6).flat().sort((a, b) => a - b);
    expect(epoch1).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epoch2).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(run.examples).to.deep.equal([0, 4, 8, 10, 14, 18, 20, 24, 28]);
    expect(run.gradNorm).to.have.length(0); // not computed by default in a minibatch run
  });

  it("is reproducible for a seed, differs across seeds, and with replacement repeats examples", () => {
    const { A, y } = data();
    const p1 = leastSquares(A, y), p2 = leastSquares(A, y), p3 = leastSquares(A, y);
    minimize(p1, new PlainGD(new Float64Array(2), 0.1), { steps: 5, batchSize: 3, seed: 1 });
    minimize(p2, new PlainGD(new Float64Array(2), 0.1), { steps: 5, batchSize: 3, seed: 1 });
    minimize(p3, new PlainGD(new Float64Array(2), 0.1), { steps: 5, batchSize: 3, seed: 2 });
    expect(p1.batches).to.deep.equal(p2.batches);
    expect(p1.batches).to.not.deep.equal(p3.batches);
    const p4 = leastSquares(A, y);
    minimize(p4, new PlainGD(new Float64Array(2), 0.1), { steps: 50, batchSize: 5, replacement: true, seed: 3 });
    expect(p4.batches.every((b) => b.length === 5)).to.equal(true);
    // 50 batches of 5 draws from 10 with replacement: some batch repeats an index (P(no repeat) = (0.3024)^50).
    expect(p4.batches.some((b) => new Set(b).size < b.length)).to.equal(true);
  });

  it("SGD on least squares with a small step gets close to the full-batch minimiser", () => {
    const { A, y } = data();
    const p = leastSquares(A, y);
    const full = minimize(p, new PlainGD(new Float64Array(2), 0.5), { steps: 2000, tol: 1e-12 });
    const sgd = minimize(p, new PlainGD(new Float64Array(2), 0.05), { steps: 3000, batchSize: 2, seed: 0, record: ["f"] });
    // The fit is almost exact (offsets ≤ 0.02), so the noise floor of constant-step SGD is tiny:
    // within 1e-3 of the minimum value is a loose, safe margin.
    expect(sgd.f[sgd.f.length - 1] - full.f[full.f.length - 1]).to.be.below(1e-3);
  });
});

describe("minimize: live progress", () => {
  it("sends frames to a notebook display when asked, none when not", () => {
    const p = diagQuadratic([1, 4], [1, -2]);
    const msgs: DisplayMessage[] = [];
    withDisplaySink((m) => msgs.push(m), () => {
      minimize(p, new PlainGD(Float64Array.from(p.x0), 0.2), { steps: 20, live: { interval: 0 } });
    });
    expect(msgs.length).to.be.greaterThan(1);
    expect(msgs[0].msgType).to.equal("display_data");
    expect(msgs[msgs.length - 1].msgType).to.equal("update_display_data");
    expect(String(msgs[msgs.length - 1].data["text/plain"])).to.contain("20/20");
    const none: DisplayMessage[] = [];
    withDisplaySink((m) => none.push(m), () => {
      minimize(p, new PlainGD(Float64Array.from(p.x0), 0.2), { steps: 20 });
    });
    expect(none).to.have.length(0);
  });
});

describe("minimize: bad input", () => {
  const p = diagQuadratic([1, 4], [1, -2]);
  const gd = () => new PlainGD(Float64Array.from(p.x0), 0.1);
  it("names the option, the value and a fix", () => {
    expect(() => minimize(p, gd(), { steps: -1 })).to.throw(RangeError, /steps must be a whole number ≥ 0.*-1/);
    expect(() => minimize(p, gd(), { steps: 1.5 })).to.throw(RangeError, /steps/);
    expect(() => minimize(p, gd(), { steps: 5, tol: NaN })).to.throw(RangeError, /tol/);
    expect(() => minimize(p, gd(), { steps: 5, batchSize: 2 })).to.throw(RangeError, /finite-sum/);
    expect(() => minimize(p, new PlainGD(new Float64Array(3), 0.1), { steps: 5 })).to.throw(RangeError, /3 parameters.*dimension 2/);
    expect(() => minimize(p, gd(), { steps: 5, stpes: 3 } as never)).to.throw(TypeError, /unknown option stpes/);
    expect(() => minimize(p, gd(), { steps: 5, record: ["iterates"] } as never)).to.throw(RangeError, /"iterates"/);
    expect(() => minimize(p, gd(), { steps: 5, schedule: () => -1 })).to.throw(RangeError, /lr = -1 for step 0/);
    expect(() => minimize(p, gd(), { steps: 5, seed: -2 })).to.throw(RangeError, /seed/);
    const noStar = { ...p, fStar: undefined };
    expect(() => minimize(noStar, gd(), { steps: 5, tol: 1e-3, tolOn: "gap" })).to.throw(RangeError, /fStar/);
    const { A, y } = data();
    expect(() => minimize(leastSquares(A, y), gd(), { steps: 5, batchSize: 11 })).to.throw(RangeError, /from 1 to the number of examples \(10\), got 11/);
  });
});
