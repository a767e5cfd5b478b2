// Hidden graded tests for question "tuned-momentum": never shipped to students (tools/release).
import { expectClose, expectThrows } from "../../graded/expect";
import { load } from "../../graded/impl";

type Momentum = typeof import("../../../exercises/momentum");

describe("tuned-momentum", () => {
  it("κ = 9 (L = 9, μ = 1): heavy ball 1/4 and 1/4, Nesterov 1/9 and 1/2 [1 pt]", () => {
    const { tunedMomentum } = load<Momentum>("momentum");
    // By hand: √L = 3, √μ = 1; 4/(3 + 1)² = 1/4; (3 − 1)/(3 + 1) = 1/2, squared 1/4.
    const got = tunedMomentum(9, 1);
    // A square root, a division and a square: 1e-12 is far above rounding.
    expectClose([got.heavyBall.lr, got.heavyBall.momentum, got.nesterov.lr, got.nesterov.momentum], [0.25, 0.25, 1 / 9, 0.5], 1e-12, "tunedMomentum(9, 1) [hb lr, hb momentum, nesterov lr, nesterov momentum]");
  });

  it("tuned Nesterov (torch form) stays under the slides' bound L(1 − 1/√κ)ᵏ‖θ₀ − θ*‖² for 400 steps, κ = 10, 100, 1000 [1 pt]", () => {
    const { tunedMomentum } = load<Momentum>("momentum");
    for (const kappa of [10, 100, 1000]) {
      const L = kappa, mu = 1;
      const { lr, momentum } = tunedMomentum(L, mu).nesterov;
      const a = [mu, L];
      let x = [1, 1], b = [0, 0];
      for (let k = 0; k <= 400; k++) {
        const f = 0.5 * (a[0] * x[0] ** 2 + a[1] * x[1] ** 2);
        const bound = L * (1 - 1 / Math.sqrt(kappa)) ** k * 2; // ‖θ₀ − θ*‖² = 2
        // The theorem's bound, no tolerance: tuned correctly the ratio f/bound stays ≤ 0.28 here.
        if (!(f <= bound)) throw new Error(`tunedMomentum(${L}, ${mu}).nesterov = { lr: ${lr}, momentum: ${momentum} }: f(θ_${k}) = ${f} exceeds the bound ${bound}`);
        const g = x.map((xi, i) => a[i] * xi);
        b = b.map((bi, i) => momentum * bi + g[i]);
        x = x.map((xi, i) => xi - lr * (g[i] + momentum * b[i]));
      }
    }
  });

  it("rejects NaN and infinite L or mu [1 pt]", () => {
    const { tunedMomentum } = load<Momentum>("momentum");
    expectThrows(() => tunedMomentum(Number.NaN, 1), "tunedMomentum(NaN, 1)", /\bL\b/);
    expectThrows(() => tunedMomentum(10, Number.NaN), "tunedMomentum(10, NaN)", /\bmu\b|μ/);
    expectThrows(() => tunedMomentum(Number.POSITIVE_INFINITY, 1), "tunedMomentum(Infinity, 1)", /\bL\b/);
  });
});
