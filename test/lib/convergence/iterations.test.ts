import { expect } from "chai";
import { fitLogLogSlope, iterationsToEpsilon, kappaSweep, logSpace, lowerBoundIterations, tunedOptimizer } from "../../../lib/convergence/iterations";
import { Quadratic, spectrum } from "../../../lib/problems/quadratic";

describe("fitLogLogSlope", () => {
  it("recovers the exponent and constant of an exact power law", () => {
    const x = [2, 5, 10, 40, 300];
    const fit = fitLogLogSlope(x, x.map((v) => 3 * Math.pow(v, 0.7)));
    // Exact data: only rounding of logs and sums, far below 1e-12.
    expect(fit.slope).to.be.closeTo(0.7, 1e-12);
    expect(fit.intercept).to.be.closeTo(Math.log(3), 1e-12);
    expect(fit.r2).to.be.closeTo(1, 1e-12);
  });
  it("refuses non-positive or infinite values, mismatched lengths and a single x", () => {
    expect(() => fitLogLogSlope([1, 2], [1, Infinity])).to.throw(RangeError, /point 1.*raise maxSteps/);
    expect(() => fitLogLogSlope([1, 2], [1])).to.throw(RangeError, /same length/);
    expect(() => fitLogLogSlope([3, 3], [1, 2])).to.throw(RangeError, /all x are equal/);
  });
});

describe("lowerBoundIterations", () => {
  it("is ln(1/(κε)) / (2 ln((√κ+1)/(√κ−1))), e.g. 34.42 at κ = 100, ε = 1e-8", () => {
    // By hand: ln(10⁶) = 13.8155, ln(11/9) = 0.200671 → 13.8155/0.401342 = 34.423.
    expect(lowerBoundIterations(100, 1e-8)).to.be.closeTo(34.423, 1e-3);
    expect(lowerBoundIterations(1, 1e-8)).to.equal(0);
    expect(lowerBoundIterations(1e9, 1e-8)).to.equal(0); // κε > 1: x₀ itself may already be good enough
    expect(() => lowerBoundIterations(0.5, 1e-8)).to.throw(RangeError, /kappa/);
  });
});

describe("iterationsToEpsilon", () => {
  it("counts the first k with f(x_k) − f* ≤ ε(f(x₀) − f*), as a plain loop does", () => {
    const p = new Quadratic({ eigenvalues: [0.1, 0.5, 1], x0: [1, 2, -1] });
    const eta = 2 / 1.1;
    const gap = (x: number[]) => 0.5 * (0.1 * x[0] ** 2 + 0.5 * x[1] ** 2 + x[2] ** 2);
    let x = [1, 2, -1], k = 0;
    const g0 = gap(x);
    while (gap(x) > 1e-6 * g0) {
      x = [x[0] * (1 - eta * 0.1), x[1] * (1 - eta * 0.5), x[2] * (1 - eta)];
      k++;
    }
    expect(iterationsToEpsilon("gd", p, { eps: 1e-6 })).to.equal(k);
    expect(iterationsToEpsilon("gd", p, { eps: 1e-6, maxSteps: k - 1 })).to.equal(Infinity);
  });

  it("never needs more iterations than the theorems promise (GD with 2/(L+μ), Nesterov tuned)", () => {
    for (const kappa of [10, 100, 1000]) {
      const p = new Quadratic({ dim: 50, kappa, rotation: 3 });
      const r2 = p.x0.reduce((s, v, i) => s + (v - p.xStar[i]) ** 2, 0);
      const gap0 = p.f(p.x0) - p.fStar;
      const eps = 1e-8;
      // (L/2)ρ^{2k}r² ≤ ε·gap0 and L(1 − 1/√κ)^k r² ≤ ε·gap0, solved for k.
      const gdPromise = Math.ceil(Math.log((eps * gap0) / ((p.L / 2) * r2)) / (2 * Math.log((kappa - 1) / (kappa + 1))));
      const nesterovPromise = Math.ceil(Math.log((eps * gap0) / (p.L * r2)) / Math.log(1 - 1 / Math.sqrt(kappa)));
      expect(iterationsToEpsilon("gd", p, { eps })).to.be.at.most(gdPromise);
      expect(iterationsToEpsilon("nesterov", p, { eps })).to.be.at.most(nesterovPromise);
    }
  });

  it("CG ends after as many steps as A has distinct eigenvalues (finite termination), whatever κ", () => {
    // 40 dimensions, 4 distinct eigenvalues 1 … 1000: exact arithmetic reaches x* in 4 steps; the
    // gap left by rounding (~1e-16 relative) is far below ε = 1e-10.
    const eigenvalues = Array.from({ length: 40 }, (_, i) => [1, 10, 100, 1000][i % 4]);
    const p = new Quadratic({ eigenvalues, rotation: 4 });
    expect(iterationsToEpsilon("cg", p, { eps: 1e-10 })).to.be.at.most(4);
    expect(iterationsToEpsilon("gd", p, { eps: 1e-10 })).to.be.above(1000);
  });

  it("tuned optimizers carry the textbook parameters", () => {
    const p = new Quadratic({ dim: 5, kappa: 100, L: 4 });
    // μ = 0.04, √κ = 10: heavy ball α = 4/(2 + 0.2)², β = (9/11)²; Nesterov lr 1/4, β = 9/11.
    const hb = tunedOptimizer("heavyBall", p) as unknown as { lr: number; momentum: number };
    expect(hb.lr).to.be.closeTo(4 / 2.2 ** 2, 1e-15);
    expect(hb.momentum).to.be.closeTo((9 / 11) ** 2, 1e-15);
    const nag = tunedOptimizer("nesterov", p) as unknown as { lr: number; momentum: number; nesterov: boolean };
    expect([nag.lr, nag.nesterov]).to.deep.equal([0.25, true]);
    expect(nag.momentum).to.be.closeTo(9 / 11, 1e-15);
    expect(tunedOptimizer("gd", p).lr).to.be.closeTo(2 / 4.04, 1e-15);
    expect(tunedOptimizer("gd", p, { gdStep: "1/L" }).lr).to.equal(0.25);
    expect(() => tunedOptimizer("adam" as never, p)).to.throw(RangeError, /"gd", "heavyBall", "nesterov", "cg"/);
  });
});

describe("kappaSweep: iterations grow like κ for gradient descent and like √κ for the accelerated methods", () => {
  // Tolerance ±0.15 on the exponents: the counts are k ≈ C·κ^s·(ln(1/ε) + O(ln κ)) (the log factor
  // and, for the momentum methods, the k·ρ^k transient of a double root shift the local slope by
  // about 1/ln(1/ε) ≈ 0.05–0.1 over κ = 10 … 10⁴); a method with the other exponent is 0.5 away.
  it("gradient descent ≈ 1 and Nesterov ≈ ½ on 100-dimensional quadratics (the benchmark's setting)", () => {
    const s = kappaSweep({ methods: ["gd", "nesterov"], kappas: logSpace(10, 1e4, 8) });
    expect(s.slopes.gd!.slope).to.be.within(0.85, 1.15);
    expect(s.slopes.nesterov!.slope).to.be.within(0.35, 0.65);
    expect(s.iterations.gd!.every((k, i) => i === 0 || k > s.iterations.gd![i - 1])).to.equal(true);
  });

  it("heavy ball, Nesterov and CG ≈ ½ on 2000-dimensional quadratics (n above CG's iteration count)", () => {
    const s = kappaSweep({ methods: ["heavyBall", "nesterov", "cg"], kappas: logSpace(10, 1e4, 7), dim: 2000 });
    for (const m of ["heavyBall", "nesterov", "cg"] as const) {
      expect(s.slopes[m]!.slope, m).to.be.within(0.35, 0.65);
    }
    // CG is a first-order method: on this spectrum it does not beat Nesterov's lower bound.
    s.kappas.forEach((_, i) => expect(s.iterations.cg![i]).to.be.at.least(s.lowerBound[i]));
    const text = s.toString();
    expect(text).to.contain("log–log slope");
    expect(JSON.parse(JSON.stringify(s)).slopes.cg.slope).to.equal(s.slopes.cg!.slope);
  });

  it("refuses bad settings with the argument named", () => {
    expect(() => kappaSweep({ kappas: [1, 10] })).to.throw(RangeError, /kappas/);
    expect(() => kappaSweep({ methods: ["sgd" as never] })).to.throw(RangeError, /methods/);
    expect(() => kappaSweep({ dim: 1 })).to.throw(RangeError, /dim/);
    expect(Array.from(spectrum(3, 100, 1))).to.have.length(3);
  });
});
