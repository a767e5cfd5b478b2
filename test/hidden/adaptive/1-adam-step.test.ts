// Hidden graded tests for question "adam-step" (lesson 6): other values than the public ones.
import { expectClose, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";
import { Adam } from "../../../lib/optim/adam";
import { Lecture8Adam } from "../../../lib/optim/lecture-forms";

type Adaptive = typeof import("../../../exercises/adaptive");

// Rounding-level differences only (see the public tests): 1e-12 for one step, 1e-9 for runs.
describe("adam-step", () => {
  it("three coordinates, eps > 0, betas (0.8, 0.99), from the middle of a run [1 pt]", () => {
    const { adamStep } = load<Adaptive>("adaptive");
    const theta = [1, -2, 0.5], m = [0.3, -0.1, 0], v = [0.2, 0.05, 0], g = [-1, 0.5, 0];
    const t = 5, b1 = 0.8, b2 = 0.99, lr = 0.05, eps = 1e-3;
    const m1 = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
    const v1 = v.map((vi, i) => b2 * vi + (1 - b2) * g[i] * g[i]);
    const want = theta.map((th, i) => th - (lr * (m1[i] / (1 - b1 ** t))) / (Math.sqrt(v1[i] / (1 - b2 ** t)) + eps));
    expectClose(adamStep(theta, m, v, g, t, { lr, betas: [b1, b2], eps }), [want, m1, v1], 1e-12, "adamStep(3 coordinates, t = 5, eps = 1e-3)");
  });

  it("without bias correction, 25 steps are Lecture 8's Adam with ε moved outside the root (eps = 0 there) [1 pt]", () => {
    const { adamStep } = load<Adaptive>("adaptive");
    const grad = (x: number[]) => [3 * x[0] + 1.2 * x[1] - 1, 1.2 * x[0] + x[1] + 1];
    const lecture = new Lecture8Adam(Float64Array.from([2, 3]), { lr: 0.05, betas: [0.9, 0.99], eps: 0 });
    let theta = [2, 3], m = [0, 0], v = [0, 0];
    for (let t = 1; t <= 25; t++) {
      [theta, m, v] = adamStep(theta, m, v, grad(theta), t, { lr: 0.05, betas: [0.9, 0.99], eps: 0, biasCorrection: false });
      lecture.step(Float64Array.from(grad(Array.from(lecture.params))));
    }
    expectClose(theta, Array.from(lecture.params), 1e-9, "25 uncorrected adamStep calls vs Lecture 8's Adam");
  });

  it("a zero gradient from zero averages leaves θ where it is (no 0/0) when eps > 0 [1 pt]", () => {
    const { adamStep } = load<Adaptive>("adaptive");
    expectClose(adamStep([1, 2], [0, 0], [0, 0], [0, 0], 1, { lr: 0.1, betas: [0.9, 0.999], eps: 1e-8 }), [[1, 2], [0, 0], [0, 0]], 0, "adamStep with g = 0");
  });

  it("matches torch's Adam over 40 steps with betas (0.5, 0.9) on a skewed quadratic [1 pt]", () => {
    const { adamStep } = load<Adaptive>("adaptive");
    const grad = (x: number[]) => [3 * x[0] + 1.2 * x[1] - 1, 1.2 * x[0] + x[1] + 1];
    const settings = { lr: 0.1, betas: [0.5, 0.9] as [number, number], eps: 1e-6 };
    const torch = new Adam(Float64Array.from([2, 3]), settings);
    let theta = [2, 3], m = [0, 0], v = [0, 0];
    for (let t = 1; t <= 40; t++) {
      [theta, m, v] = adamStep(theta, m, v, grad(theta), t, settings);
      torch.step(Float64Array.from(grad(Array.from(torch.params))));
    }
    expectClose(theta, Array.from(torch.params), 1e-9, "θ after 40 steps vs torch's Adam");
  });

  it("rejects eps < 0, a fractional t and a NaN lr [1 pt]", () => {
    const { adamStep } = load<Adaptive>("adaptive");
    const ok = { lr: 0.1, betas: [0.9, 0.999] as [number, number], eps: 1e-8 };
    expectThrows(() => adamStep([1], [0], [0], [2], 1, { ...ok, eps: -1 }), "adamStep(..., { eps: -1 })", /eps/);
    expectThrows(() => adamStep([1], [0], [0], [2], 1.5, ok), "adamStep(..., t = 1.5)", /\bt\b/);
    expectThrows(() => adamStep([1], [0], [0], [2], 1, { ...ok, lr: NaN }), "adamStep(..., { lr: NaN })", /\blr\b/);
  });
});
