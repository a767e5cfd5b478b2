// Hidden graded tests for question "gd-step": never shipped to students (tools/release).
import { expectClose, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";
import { rng } from "../../../lib/random";

type Welcome = typeof import("../../../exercises/welcome");

describe("gd-step", () => {
  it("matches θ − lr·g on seeded random 10-dimensional points [1 pt]", () => {
    const { gdStep } = load<Welcome>("welcome");
    const r = rng(2024);
    for (let trial = 0; trial < 5; trial++) {
      const theta = r.normals(10);
      const grad = r.normals(10);
      const lr = r.uniform(0.01, 1);
      // Entries are O(1), so one multiply-subtract is exact to ~1e-16; 1e-12 is generous.
      expectClose(gdStep(theta, grad, lr), theta.map((t, i) => t - lr * grad[i]), 1e-12, `gdStep(random point ${trial}, lr = ${lr})`);
    }
  });

  it("rejects a step size that is NaN or infinite [1 pt]", () => {
    const { gdStep } = load<Welcome>("welcome");
    expectThrows(() => gdStep([1], [1], Number.NaN), "gdStep([1], [1], NaN)", /\blr\b/);
    expectThrows(() => gdStep([1], [1], Number.POSITIVE_INFINITY), "gdStep([1], [1], Infinity)", /\blr\b/);
  });
});
