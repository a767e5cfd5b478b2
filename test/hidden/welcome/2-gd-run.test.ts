// Hidden graded tests for question "gd-run": never shipped to students (tools/release).
import { expectClose, expectFresh, expectNotMutated, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";

type Welcome = typeof import("../../../exercises/welcome");

describe("gd-run", () => {
  it("with steps = 0 returns just a copy of θ₀ [1 pt]", () => {
    const { gdRun } = load<Welcome>("welcome");
    const theta0 = [3, 1];
    const path = expectNotMutated("gdRun", { theta0 }, () => gdRun((t) => t, theta0, 0.1, 0));
    // No arithmetic happens, so the copy is exact.
    expectClose(path, [[3, 1]], 0, "gdRun(θ ↦ θ, [3, 1], 0.1, 0)");
    expectFresh(path[0], theta0, "gdRun(θ ↦ θ, theta0, 0.1, 0)[0]");
  });

  it("leaves θ₀ untouched and rejects a negative or fractional number of steps [1 pt]", () => {
    const { gdRun } = load<Welcome>("welcome");
    const theta0 = [1, 2];
    expectNotMutated("gdRun", { theta0 }, () => gdRun((t) => t.map((x) => 2 * x), theta0, 0.1, 5));
    expectThrows(() => gdRun((t) => t, [1], 0.1, -1), "gdRun(θ ↦ θ, [1], 0.1, -1)", /steps/);
    expectThrows(() => gdRun((t) => t, [1], 0.1, 2.5), "gdRun(θ ↦ θ, [1], 0.1, 2.5)", /steps/);
  });
});
