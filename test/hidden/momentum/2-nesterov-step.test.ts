// Hidden graded tests for question "nesterov-step": never shipped to students (tools/release).
import { expectClose, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";
import { lecture002Nesterov, quadraticGrad } from "../../graded/momentum/lecture-forms";
import { rng } from "../../../lib/random";

type Momentum = typeof import("../../../exercises/momentum");

describe("nesterov-step", () => {
  it("matches θ⁺ = θ − lr·(g + βb⁺) on seeded random 6-dimensional inputs [1 pt]", () => {
    const { nesterovStep } = load<Momentum>("momentum");
    const r = rng(506);
    for (let trial = 0; trial < 5; trial++) {
      const theta = r.normals(6), b = r.normals(6), g = r.normals(6);
      const lr = r.uniform(0.01, 1), beta = r.uniform(0, 0.99);
      const nb = b.map((bi, i) => beta * bi + g[i]);
      // O(1) entries, three multiply-adds each: 1e-12 is far above rounding.
      expectClose(nesterovStep(theta, b, g, lr, beta), [theta.map((t, i) => t - lr * (g[i] + beta * nb[i])), nb], 1e-12, `nesterovStep(random inputs ${trial}, lr = ${lr}, momentum = ${beta})`);
    }
  });

  it("follows the slides' look-ahead Nesterov for 30 steps on a random quadratic [1 pt]", () => {
    const { nesterovStep } = load<Momentum>("momentum");
    const r = rng(2026);
    const curv = Array.from({ length: 5 }, () => r.uniform(0.1, 10));
    const grad = quadraticGrad(curv);
    const theta0 = r.normals(5);
    const lr = 0.08, beta = 0.85;
    const want = lecture002Nesterov(grad, theta0, lr, beta, 30).lookahead;
    let theta = theta0, b = theta0.map(() => 0);
    const path = [theta];
    for (let k = 0; k < 30; k++) {
      [theta, b] = nesterovStep(theta, b, grad(theta), lr, beta);
      path.push(theta);
    }
    // 30 steps of a contracting recursion on O(1) values: rounding stays ~1e-14; 1e-10 is ample.
    expectClose(path, want, 1e-10, "30 nesterovStep iterates vs the slides' look-ahead points (random curvatures, seed 2026)");
  });

  it("rejects NaN and infinite lr or momentum [1 pt]", () => {
    const { nesterovStep } = load<Momentum>("momentum");
    expectThrows(() => nesterovStep([1], [0], [1], Number.NaN, 0.9), "nesterovStep([1], [0], [1], NaN, 0.9)", /\blr\b/);
    expectThrows(() => nesterovStep([1], [0], [1], 0.1, Number.POSITIVE_INFINITY), "nesterovStep([1], [0], [1], 0.1, Infinity)", /momentum/);
  });
});
