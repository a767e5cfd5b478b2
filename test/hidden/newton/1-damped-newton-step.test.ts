// Hidden graded tests for question "damped-newton-step": never shipped to students (tools/release).
import { expectClose, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";
import { rng } from "../../../lib/random";

type Newton = typeof import("../../../exercises/newton");

describe("damped-newton-step", () => {
  it("solves (H + λI)d = −g on seeded random 5 × 5 positive definite systems (residual checked) [2 pts]", () => {
    const { dampedNewtonStep } = load<Newton>("newton");
    const r = rng(707);
    for (let trial = 0; trial < 5; trial++) {
      const n = 5;
      const B = Array.from({ length: n }, () => r.normals(n));
      // H = BᵀB/n − 0.3I can be indefinite; λ = 1 makes H + λI ⪰ 0.7I ≻ 0.
      const H = B.map((_, i) => B.map((__, j) => B.reduce((s, row) => s + row[i] * row[j], 0) / n - (i === j ? 0.3 : 0)));
      const theta = r.normals(n), g = r.normals(n);
      const out = dampedNewtonStep(theta, g, H, 1);
      const d = out.map((v, i) => v - theta[i]);
      // Residual (H + I)d + g: condition number ≤ ~20 here, so ~1e-14; 1e-9 is generous.
      const res = H.map((row, i) => row.reduce((s, h, j) => s + h * d[j], 0) + d[i] + g[i]);
      expectClose(res, Array(n).fill(0), 1e-9, `residual (H + λI)d + g, trial ${trial}`);
    }
  });

  it("a 1 × 1 case and a singular H with λ = 0 [1 pt]", () => {
    const { dampedNewtonStep } = load<Newton>("newton");
    // θ⁺ = 3 − 6/(2 + 1) = 1.
    expectClose(dampedNewtonStep([3], [6], [[2]], 1), [1], 1e-12, "dampedNewtonStep([3], [6], [[2]], 1)");
    expectThrows(() => dampedNewtonStep([0, 0], [1, 1], [[1, 1], [1, 1]], 0), "dampedNewtonStep with a singular H and λ = 0", /positive definite/i);
    expectThrows(() => dampedNewtonStep([0, 0], [1], [[1, 0], [0, 1]], 0), "dampedNewtonStep with a short gradient", /length|size|dimension|match/i);
  });
});
