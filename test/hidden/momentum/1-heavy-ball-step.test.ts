// Hidden graded tests for question "heavy-ball-step": never shipped to students (tools/release).
import { expectClose, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";
import { lecture001, quadraticGrad } from "../../graded/momentum/lecture-forms";
import { rng } from "../../../lib/random";

type Momentum = typeof import("../../../exercises/momentum");

describe("heavy-ball-step", () => {
  it("matches b⁺ = βb + g, θ⁺ = θ − lr·b⁺ on seeded random 6-dimensional inputs [1 pt]", () => {
    const { heavyBallStep } = load<Momentum>("momentum");
    const r = rng(505);
    for (let trial = 0; trial < 5; trial++) {
      const theta = r.normals(6), b = r.normals(6), g = r.normals(6);
      const lr = r.uniform(0.01, 1), beta = r.uniform(0, 0.99);
      const nb = b.map((bi, i) => beta * bi + g[i]);
      // O(1) entries, two multiply-adds each: 1e-12 is far above rounding.
      expectClose(heavyBallStep(theta, b, g, lr, beta), [theta.map((t, i) => t - lr * nb[i]), nb], 1e-12, `heavyBallStep(random inputs ${trial}, lr = ${lr}, momentum = ${beta})`);
    }
  });

  it("with momentum 0 it is gradient descent, and it follows Lecture 8's form for 30 steps on a random quadratic [1 pt]", () => {
    const { heavyBallStep } = load<Momentum>("momentum");
    // momentum 0: b⁺ = g, θ⁺ = θ − lr·g. By hand: 3 − 0.5·2 = 2.
    expectClose(heavyBallStep([3], [7], [2], 0.5, 0), [[2], [2]], 1e-12, "heavyBallStep([3], [7], [2], 0.5, 0)");
    const r = rng(2025);
    const curv = Array.from({ length: 5 }, () => r.uniform(0.1, 10));
    const grad = quadraticGrad(curv);
    const theta0 = r.normals(5);
    const lr = 0.08, beta = 0.7;
    const want = lecture001(grad, theta0, lr, beta, 30).path;
    let theta = theta0, b = theta0.map(() => 0);
    const path = [theta];
    for (let k = 0; k < 30; k++) {
      [theta, b] = heavyBallStep(theta, b, grad(theta), lr, beta);
      path.push(theta);
    }
    // 30 steps of a contracting recursion on O(1) values: rounding stays ~1e-14; 1e-10 is ample.
    expectClose(path, want, 1e-10, "30 heavyBallStep iterates vs Lecture 8's W ← W + v (random curvatures, seed 2025)");
  });

  it("rejects NaN and infinite lr or momentum [1 pt]", () => {
    const { heavyBallStep } = load<Momentum>("momentum");
    expectThrows(() => heavyBallStep([1], [0], [1], Number.NaN, 0.9), "heavyBallStep([1], [0], [1], NaN, 0.9)", /\blr\b/);
    expectThrows(() => heavyBallStep([1], [0], [1], Number.POSITIVE_INFINITY, 0.9), "heavyBallStep([1], [0], [1], Infinity, 0.9)", /\blr\b/);
    expectThrows(() => heavyBallStep([1], [0], [1], 0.1, Number.NaN), "heavyBallStep([1], [0], [1], 0.1, NaN)", /momentum/);
  });
});
