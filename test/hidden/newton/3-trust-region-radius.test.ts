// Hidden graded tests for question "trust-region-radius".
import { expectClose } from "../../graded/expect";
import { load } from "../../graded/impl";

type Newton = typeof import("../../../exercises/newton");

describe("trust-region-radius", () => {
  it("boundary test is relative (‖p‖ = Δ up to rounding) and ρ exactly ¼ or ¾ keeps Δ [1 pt]", () => {
    const { updateRadius } = load<Newton>("newton");
    expectClose(updateRadius(0.8, 0.3, 0.1 + 0.2, 10), 0.6, 1e-12, "updateRadius(0.8, 0.3, 0.1 + 0.2, 10)");
    expectClose(updateRadius(0.25, 1, 1, 10), 1, 1e-12, "updateRadius(0.25, 1, 1, 10)");
    expectClose(updateRadius(0.75, 1, 1, 10), 1, 1e-12, "updateRadius(0.75, 1, 1, 10)");
  });
});
