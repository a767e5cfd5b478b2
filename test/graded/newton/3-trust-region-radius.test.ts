// Public graded tests for question "trust-region-radius" (lesson 7): solutions/newton.ts
// updateRadius, the radius rule of Nocedal & Wright Algorithm 4.1.
import { expectClose } from "../expect";
import { load } from "../impl";

type Newton = typeof import("../../../exercises/newton");

// A handful of multiply-adds on O(1) numbers: 1e-12 is far above rounding.
const TOL = 1e-12;

describe("trust-region-radius", () => {
  it("shrinks to Δ/4 when ρ < 1/4 [1 pt]", () => {
    const { updateRadius } = load<Newton>("newton");
    expectClose(updateRadius(0.1, 2, 2, 100), 0.5, TOL, "updateRadius(0.1, 2, 2, 100)");
    expectClose(updateRadius(-3, 2, 1, 100), 0.5, TOL, "updateRadius(−3, 2, 1, 100)");
  });

  it("doubles (up to Δ_max) only when ρ > 3/4 and the step reached the boundary [2 pts]", () => {
    const { updateRadius } = load<Newton>("newton");
    expectClose(updateRadius(0.9, 2, 2, 100), 4, TOL, "updateRadius(0.9, 2, 2, 100)");
    expectClose(updateRadius(0.9, 2, 1.2, 100), 2, TOL, "updateRadius(0.9, 2, 1.2, 100): an interior step keeps Δ");
    expectClose(updateRadius(0.9, 60, 60, 100), 100, TOL, "updateRadius(0.9, 60, 60, 100): capped at Δ_max");
    expectClose(updateRadius(0.5, 2, 2, 100), 2, TOL, "updateRadius(0.5, 2, 2, 100): a fair model keeps Δ");
  });
});
