// Public graded tests for question "empirical-risk" (lesson 1): solutions/risk.ts empiricalRisk.
import { expectClose, expectNotMutated, expectThrows } from "../expect";
import { load, sendAsSource } from "../impl";
import { LinearGaussian } from "../../../lib/risk/linear-gaussian";

type Risk = typeof import("../../../exercises/risk");

const squared = (p: number, t: number) => (p - t) ** 2;

describe("empirical-risk", () => {
  it("averages the squared loss over a small dataset worked by hand [2 pts]", () => {
    const { empiricalRisk } = load<Risk>("risk");
    // f(x) = 2x₀ on targets (1, 2, 7): errors 1, 0, −1 → losses 1, 0, 1 → mean 2/3. 1e-12: one division.
    const got = empiricalRisk((x) => 2 * x[0], [[1], [1], [3]], [1, 2, 7], squared);
    expectClose(got, 2 / 3, 1e-12, "empiricalRisk(x ↦ 2x₀, [[1], [1], [3]], [1, 2, 7], squared loss)");
  });

  it("is close to the true risk for a large sample of a known distribution [1 pt]", () => {
    const { empiricalRisk } = load<Risk>("risk");
    const dist = new LinearGaussian({ slope: 2, intercept: 1, noise: 0.5 });
    // 5,000 examples: large enough for the law of large numbers to show, small enough that
    // sending them to the sandbox and back stays far inside the 3 s limit on a loaded machine.
    const s = dist.sample(5000, 9);
    const X = s.x.map((v) => [v]);
    // Model f(x) = x: R = (2 − 1)² + 1² + 0.25 = 2.25; the sd of the mean is √(Var[ℓ]/N) = √(8.125/5000) ≈ 0.04,
    // so ±0.15 is about 3.7 sd (this seed's sample gives 2.331, 2 sd off); a wrong loss or mean misses by far more.
    // 10,000 callback calls: both callbacks are self-contained, so they run in the sandbox.
    expectClose(empiricalRisk(sendAsSource((x: number[]) => x[0]), X, s.y, sendAsSource(squared)), dist.risk(1, 0), 0.15, "empiricalRisk of f(x) = x on 5,000 samples (true risk 2.25)");
  });

  it("leaves the dataset unchanged and works with any loss [1 pt]", () => {
    const { empiricalRisk } = load<Risk>("risk");
    const X = [[0], [1]], y = [1, 1];
    const absolute = (p: number, t: number) => Math.abs(p - t);
    const got = expectNotMutated("empiricalRisk", { X, y }, () => empiricalRisk((x) => x[0], X, y, absolute));
    expectClose(got, 0.5, 1e-12, "empiricalRisk(x ↦ x₀, [[0], [1]], [1, 1], absolute loss)");
  });

  it("rejects X and y of different lengths, and an empty dataset [1 pt]", () => {
    const { empiricalRisk } = load<Risk>("risk");
    expectThrows(() => empiricalRisk((x) => x[0], [[1], [2]], [1], squared), "empiricalRisk with 2 inputs and 1 target", /length|target/);
    expectThrows(() => empiricalRisk((x) => x[0], [], [], squared), "empiricalRisk on an empty dataset", /empty/);
  });
});
