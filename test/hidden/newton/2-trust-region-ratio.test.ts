// Hidden graded tests for question "trust-region-ratio".
import { expectClose } from "../../graded/expect";
import { load } from "../../graded/impl";

type Newton = typeof import("../../../exercises/newton");

describe("trust-region-ratio", () => {
  it("on Rosenbrock at (−1.2, 1) for a small step along −g: ρ close to 1 [1 pt]", () => {
    const { trustRegionRatio } = load<Newton>("newton");
    const f = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const x = [-1.2, 1];
    const g = [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)];
    const H = [[2 - 400 * (x[1] - x[0] ** 2) + 800 * x[0] ** 2, -400 * x[0]], [-400 * x[0], 200]];
    const gn = Math.hypot(g[0], g[1]);
    const p = g.map((v) => (-1e-4 * v) / gn);
    // For a step of length 1e-4 the model error is O(‖p‖³·f‴) ≈ 1e-12·2400 vs a decrease ~1e-4·‖g‖ ≈ 2e-2: ρ = 1 ± 1e-6.
    expectClose(trustRegionRatio(f(x), f(x.map((v, i) => v + p[i])), g, H, p), 1, 1e-5, "trustRegionRatio on Rosenbrock, ‖p‖ = 1e-4");
  });
});
