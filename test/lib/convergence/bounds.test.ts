/**
 * Each theorem of lib/convergence/bounds.ts holds at every iterate where its hypotheses hold
 * (several seeded problems and dimensions), and fails, at an iterate the test derives on its own,
 * where one hypothesis is broken.
 */
import { expect } from "chai";
import { minimize, type RunHistory } from "../../../lib/optim/minimize";
import { SGD } from "../../../lib/optim/sgd";
import { Quadratic } from "../../../lib/problems/quadratic";
import { Valley } from "../../../lib/problems/valley";
import { Rosenbrock } from "../../../lib/problems/rosenbrock";
import type { Problem } from "../../../lib/problems/problem";
import { rng } from "../../../lib/random";
import { descentLemma, convexRate, stronglyConvexRate, nesterovRate, lineSearchRate, subgradientBound } from "../../../lib/convergence/bounds";
import { checkBound } from "../../../lib/convergence/check";
import { PlainGD, wavyBowl, ExactLineSearchGD, BacktrackingGD, absValue, diagQuadratic } from "./helpers";

/** Seeded quadratics: dims 2, 10, 50; κ 1, 10, 1000; diagonal and rotated; random starts. */
function quadratics(): Quadratic[] {
  const out: Quadratic[] = [];
  let seed = 1;
  for (const dim of [2, 10, 50]) {
    for (const kappa of [1, 10, 1000]) {
      for (const rotation of [false, seed] as const) {
        const r = rng(seed++);
        out.push(new Quadratic({ dim, kappa, L: 0.5 + 4 * r.uniform(), rotation, x0: r.normals(dim, 0, 3), xStar: r.normals(dim), fStar: r.normal(0, 5) }));
      }
    }
  }
  return out;
}

const run = (p: Problem, lr: number, steps: number, extra: object = {}): RunHistory =>
  minimize(p, new SGD(Float64Array.from(p.x0), { lr }), { steps, ...extra });

function firstIndex(n: number, bad: (k: number) => boolean): number {
  for (let k = 0; k < n; k++) if (bad(k)) return k;
  return -1;
}

describe("descent lemma: f(x₊) ≤ f(x) − ‖∇f(x)‖²/(2L) with η = 1/L", () => {
  it("holds at every step on seeded quadratics, the convex valley and a non-convex function (it needs no convexity)", () => {
    const problems: Problem[] = [...quadratics(), new Valley(), wavyBowl(3), wavyBowl(-1.2)];
    for (const p of problems) {
      const h = run(p, 1 / (p.L as number), 200);
      const c = checkBound(h, descentLemma(p));
      expect(c.ok, `${p.name}: ${c.toString()}`).to.equal(true);
      expect(c.checked).to.equal(200);
      expect(c.unmet).to.deep.equal([]);
    }
  });

  it("holds with equality on ½Lx² (one step lands on x* = 0) without a false alarm from rounding", () => {
    const p = diagQuadratic([3], [0.7]);
    const c = checkBound(run(p, 1 / 3, 1), descentLemma(p));
    expect(c.ok).to.equal(true);
    // Both sides are ½·3·0.49 = 0.735 up to rounding.
    expect(c.series.measured[0]).to.be.closeTo(0.735, 1e-15);
    expect(c.series.bound[0]).to.be.closeTo(0.735, 1e-15);
  });

  it("fails where η ≠ 1/L: η = 1.9/L on ½Σλᵢxᵢ², at the step the closed form predicts", () => {
    // x_{k,i} = (1 − ηλᵢ)^k x₀ᵢ; decrease_k = ½Σλᵢx_{k,i}²(1 − (1 − ηλᵢ)²), guaranteed ½Σλᵢ²x_{k,i}²/L.
    // With η = c/L a direction with λ/L > (2c − 1)/c² falls short of the promised decrease: here only
    // λ = 3, which starts small but decays slowest (|1 − ηλ| = 0.9), so the failure comes a few steps in.
    const lam = [0.2, 1, 3], x0 = [0.3, 1, 0.05], L = 3, eta = 1.9 / L;
    const p = diagQuadratic(lam, x0);
    const xk = (k: number, i: number) => Math.pow(1 - eta * lam[i], k) * x0[i];
    const expected = firstIndex(50, (k) => {
      let dec = 0, guar = 0;
      lam.forEach((l, i) => {
        dec += 0.5 * l * xk(k, i) ** 2 * (1 - (1 - eta * l) ** 2);
        guar += (0.5 * l * l * xk(k, i) ** 2) / L;
      });
      return dec < guar * (1 - 1e-9);
    });
    expect(expected).to.be.at.least(1);
    const c = checkBound(run(p, eta, 50), descentLemma(p));
    expect(c.ok).to.equal(false);
    expect(c.violation!.k).to.equal(expected);
    expect(c.unmet.join(" ")).to.match(/1\/L = 0\.333.*lr = 0\.633/);
    expect(c.toString()).to.contain(`VIOLATED first at k = ${expected}`);
  });
});

describe("convex rate: f(x_t) − f* ≤ 2L‖x₀ − x*‖²/(t + 4) with η = 1/L", () => {
  it("holds at every iterate on seeded quadratics (also μ = 0) and the convex narrow valley", () => {
    const singular = new Quadratic({ eigenvalues: [0, 0.5, 2], allowSingular: true, x0: [1, -2, 3] });
    for (const p of [...quadratics(), singular, new Valley(), new Valley({ a: 2, b: 50, x0: [5, -3] })]) {
      const c = checkBound(run(p, 1 / (p.L as number), 300), convexRate(p));
      expect(c.ok, `${p.name}: ${c.toString()}`).to.equal(true);
      expect(c.checked).to.equal(301);
    }
  });

  it("fails on a non-convex f: gradient descent from x₀ = 3 stops in a local minimum and the bound passes under it", () => {
    const p = wavyBowl(3);
    const h = run(p, 1 / 9, 200);
    // Independently: the first t with f(x_t) − 0 > 2·9·3²/(t + 4).
    const expected = firstIndex(201, (t) => h.f[t] > (2 * 9 * 9) / (t + 4));
    expect(expected).to.be.within(10, 100); // a real, late failure, not an artefact of t = 0
    const c = checkBound(h, convexRate(p));
    expect(c.violation?.k).to.equal(expected);
    expect(c.unmet).to.deep.equal([`f is convex, but "wavy bowl" is not`]);
    // The iterate is stuck near the local minimum x ≈ 2.76, not at x* = 0.
    expect(h.xLast[0]).to.be.within(2.7, 2.8);
  });

  it("fails when η > 2/L: the iterates diverge and the bound is passed at the step the closed form gives", () => {
    // ½x² (L = 1), η = 2.2: x_t = (−1.2)^t, f_t = 1.44^t/2; bound 2/(t + 4) (t = 0: 0.5 = 0.5, equality).
    const p = diagQuadratic([1], [1]);
    const expected = firstIndex(40, (t) => Math.pow(1.44, t) / 2 > (2 / (t + 4)) * (1 + 1e-9));
    const h = run(p, 2.2, 40, { onDivergence: "stop" });
    const c = checkBound(h, convexRate(p));
    expect(expected).to.equal(1);
    expect(c.violation?.k).to.equal(expected);
  });
});

describe("strongly convex rate: f(θ_k) − f* ≤ (L/2)((κ−1)/(κ+1))^{2k}‖θ₀ − θ*‖² with α = 2/(L+μ)", () => {
  it("holds at every iterate on seeded quadratics", () => {
    for (const p of quadratics()) {
      const c = checkBound(run(p, 2 / (p.L + p.mu), 300), stronglyConvexRate(p));
      expect(c.ok, `${p.name}: ${c.toString()}`).to.equal(true);
    }
  });

  it("refuses μ = 0, naming μ and the convex rate to use instead", () => {
    const p = new Quadratic({ eigenvalues: [0, 1], allowSingular: true });
    expect(() => stronglyConvexRate(p)).to.throw(RangeError, /needs μ > 0.*μ = 0.*convexRate/);
  });

  it("fails where f has μ = 0 but a μ > 0 is claimed: x⁴ converges sublinearly and the linear bound passes under it", () => {
    // f = x⁴ on [−1, 1]: L = 12 there (f'' = 12x²), μ = 0 at x* = 0. Claim μ = 1.
    const quartic: Problem = {
      name: "x⁴", dim: 1, x0: Float64Array.of(1), xStar: Float64Array.of(0), fStar: 0, L: 12, convex: true,
      f: (x) => x[0] ** 4,
      grad: (x, out) => { const g = out ?? new Float64Array(1); g[0] = 4 * x[0] ** 3; return g; },
    };
    const alpha = 2 / 13, rho = 11 / 13;
    // Independently: x_{k+1} = x_k − α·4x_k³; the first k with x_k⁴ > 6ρ^{2k}.
    let x = 1, expected = -1;
    for (let k = 0; k < 200 && expected < 0; k++) {
      if (x ** 4 > 6 * Math.pow(rho, 2 * k) * (1 + 1e-9)) expected = k;
      x -= alpha * 4 * x ** 3;
    }
    expect(expected).to.be.greaterThan(1);
    const c = checkBound(run(quartic, alpha, 200), stronglyConvexRate(quartic, { mu: 1 }));
    expect(c.violation?.k).to.equal(expected);
  });
});

describe("Nesterov, tuned: f − f* ≤ L(1 − 1/√κ)^k‖θ₀ − θ*‖²", () => {
  const nesterov = (p: Quadratic, mu = p.mu) => {
    const q = Math.sqrt(mu / p.L);
    return minimize(p, new SGD(Float64Array.from(p.x0), { lr: 1 / p.L, momentum: (1 - q) / (1 + q), nesterov: true }), { steps: 300 });
  };
  it("holds at every iterate on seeded quadratics (κ > 1), at the theorem's points and at torch's look-ahead iterates", () => {
    for (const p of quadratics().filter((p) => p.kappa > 1)) {
      const h = nesterov(p);
      const a = checkBound(h, nesterovRate(p));
      const b = checkBound(h, nesterovRate(p, { at: "iterates" }));
      expect(a.ok, `${p.name}: ${a.toString()}`).to.equal(true);
      expect(b.ok, `${p.name}: ${b.toString()}`).to.equal(true);
    }
  });

  it("fails when μ is overestimated tenfold (momentum tuned for κ/10): at the iterate found by re-running the bound by hand", () => {
    const p = new Quadratic({ dim: 20, kappa: 1000, rotation: 5, x0: rng(5).normals(20) });
    const claimed = 10 * p.mu;
    const h = nesterov(p, claimed);
    const q = Math.sqrt(claimed / p.L);
    const r2 = p.x0.reduce((s, v, i) => s + (v - p.xStar[i]) ** 2, 0);
    const expected = firstIndex(h.f.length, (k) => h.f[k] - p.fStar > p.L * Math.pow(1 - q, k) * r2 * (1 + 1e-9));
    expect(expected).to.be.greaterThan(0);
    const c = checkBound(h, nesterovRate(p, { mu: claimed, at: "iterates" }));
    expect(c.violation?.k).to.equal(expected);
  });
});

describe("line search: f(x_k) − p* ≤ c^k(f(x₀) − p*)", () => {
  it("exact line search (c = 1 − μ/L) and backtracking (c = 1 − min(2μαt₀, 2βαμ/L)) hold at every iterate", () => {
    for (const p of quadratics().filter((p) => p.kappa <= 10)) {
      const exact = minimize(p, new ExactLineSearchGD(Float64Array.from(p.x0), p), { steps: 100 });
      const c1 = checkBound(exact, lineSearchRate(p));
      expect(c1.ok, `${p.name}: ${c1.toString()}`).to.equal(true);
      expect(c1.constants.c).to.be.closeTo(1 - p.mu / p.L, 1e-15);
      const bt = minimize(p, new BacktrackingGD(Float64Array.from(p.x0), p, 0.3, 0.8, 1), { steps: 100 });
      const c2 = checkBound(bt, lineSearchRate(p, { search: "backtracking", alpha: 0.3, beta: 0.8, t0: 1 }));
      expect(c2.ok, `${p.name}: ${c2.toString()}`).to.equal(true);
    }
  });

  it("fails when μ is claimed for a function without strong convexity (x⁴)", () => {
    const quartic: Problem = {
      name: "x⁴", dim: 1, x0: Float64Array.of(1), xStar: Float64Array.of(0), fStar: 0, L: 12, convex: true, hvp: (x, v, out) => { const o = out ?? new Float64Array(1); o[0] = 12 * x[0] ** 2 * v[0]; return o; },
      f: (x) => x[0] ** 4,
      grad: (x, out) => { const g = out ?? new Float64Array(1); g[0] = 4 * x[0] ** 3; return g; },
    };
    // Backtracking accepts t = 1 once x is small, so x_{k+1} ≈ x_k − 4x_k³ and f ≈ 1/(64k²): below
    // 0.96^k for a few hundred steps, above it after that.
    const h = minimize(quartic, new BacktrackingGD(Float64Array.of(1), quartic, 0.3, 0.8, 1), { steps: 1000 });
    const c = checkBound(h, lineSearchRate(quartic, { mu: 1, search: "backtracking", alpha: 0.3, beta: 0.8 }));
    const cc = 1 - Math.min(2 * 0.3, (2 * 0.8 * 0.3) / 12);
    const expected = firstIndex(h.f.length, (k) => h.f[k] > Math.pow(cc, k) * h.f[0] * (1 + 1e-9));
    expect(expected).to.be.greaterThan(0);
    expect(c.violation?.k).to.equal(expected);
  });
});

describe("subgradient method: min_{i<k} f(x_i) − f* ≤ (R² + G²Ση_i²)/(2Ση_i)", () => {
  it("holds on |x| in 1-D and 5-D with constant and 1/√(k+1) steps; with η = R/(G√K) the bound at K is RG/√K", () => {
    for (const x0 of [[1], [2, -1, 0.5, 3, -0.2]]) {
      const p = absValue(x0);
      const R = Math.hypot(...x0), G = Math.sqrt(x0.length), K = 400;
      const constant = run(p, R / (G * Math.sqrt(K)), K);
      const c = checkBound(constant, subgradientBound(p, { G }));
      expect(c.ok, c.toString()).to.equal(true);
      expect(c.series.bound[K - 1]).to.be.closeTo((R * G) / Math.sqrt(K), 1e-12);
      const decaying = minimize(p, new SGD(Float64Array.from(p.x0), { lr: 1 }), { steps: K, schedule: (k) => 0.5 / Math.sqrt(k + 1) });
      expect(checkBound(decaying, subgradientBound(p)).ok).to.equal(true);
    }
  });

  it("holds on the hinge loss of separable data (f* = 0 at a separating w* with margins ≥ 1)", () => {
    const r = rng(11);
    const A: number[][] = [], y: number[] = [];
    while (A.length < 40) {
      const a = [r.normal(0, 2), r.normal(0, 2)];
      const s = a[0] + 2 * a[1];
      if (Math.abs(s) >= 0.5) { A.push(a); y.push(Math.sign(s)); }
    }
    const wStar = Float64Array.of(2, 4); // y·aᵀw* = 2|a₁ + 2a₂| ≥ 1
    const hinge: Problem = {
      name: "hinge", dim: 2, x0: new Float64Array(2), xStar: wStar, fStar: 0, convex: true,
      f: (w) => A.reduce((s, a, i) => s + Math.max(0, 1 - y[i] * (a[0] * w[0] + a[1] * w[1])), 0) / A.length,
      grad: (w, out) => {
        const g = out ?? new Float64Array(2);
        g.fill(0);
        A.forEach((a, i) => { if (1 - y[i] * (a[0] * w[0] + a[1] * w[1]) > 0) { g[0] -= (y[i] * a[0]) / A.length; g[1] -= (y[i] * a[1]) / A.length; } });
        return g;
      },
    };
    const h = minimize(hinge, new SGD(new Float64Array(2), { lr: 1 }), { steps: 500, schedule: (k) => 1 / Math.sqrt(k + 1) });
    const c = checkBound(h, subgradientBound(hinge));
    expect(c.ok, c.toString()).to.equal(true);
    expect(c.constants.R).to.be.closeTo(Math.hypot(2, 4), 1e-12);
  });

  it("fails on a non-convex f: min(|x − 3|, ½ + |x + 3|) from x₀ = −2 settles in the local minimum at −3", () => {
    const p: Problem = {
      name: "two valleys", dim: 1, x0: Float64Array.of(-2), xStar: Float64Array.of(3), fStar: 0, convex: false,
      f: (x) => Math.min(Math.abs(x[0] - 3), 0.5 + Math.abs(x[0] + 3)),
      grad: (x, out) => {
        const g = out ?? new Float64Array(1);
        g[0] = Math.abs(x[0] - 3) <= 0.5 + Math.abs(x[0] + 3) ? Math.sign(x[0] - 3) : Math.sign(x[0] + 3);
        return g;
      },
    };
    const steps = 3000;
    const h = minimize(p, new SGD(Float64Array.of(-2), { lr: 1 }), { steps, schedule: (k) => 0.3 / Math.sqrt(k + 1) });
    // Independently: R = 5, G = 1; the first k ≥ 1 with min_{i<k} f(x_i) > (25 + Σ_{i<k} η_i²)/(2Σ_{i<k} η_i).
    let best = Infinity, s1 = 0, s2 = 0, expected = -1;
    for (let k = 1; k <= steps && expected < 0; k++) {
      const eta = 0.3 / Math.sqrt(k);
      best = Math.min(best, h.f[k - 1]);
      s1 += eta;
      s2 += eta * eta;
      if (best > ((25 + s2) / (2 * s1)) * (1 + 1e-9)) expected = k;
    }
    expect(expected).to.be.greaterThan(1);
    const c = checkBound(h, subgradientBound(p, { G: 1 }));
    expect(c.violation?.k).to.equal(expected);
    expect(c.unmet[0]).to.match(/not/);
  });
});

describe("missing facts and bad input", () => {
  it("a bound asked of a problem without L, x* or f* throws naming the fact and how to supply it", () => {
    const r = new Rosenbrock({ dim: 3, a: 2 });
    expect(() => convexRate(r)).to.throw(RangeError, /smoothness constant L.*pass \{ L \}.*curvature/);
    expect(() => descentLemma(r)).to.throw(RangeError, /L/);
    expect(() => convexRate(r, { L: 10 })).to.throw(RangeError, /minimiser x\*.*pass \{ xStar \}/);
    expect(() => convexRate(r, { L: 10, xStar: [1, 1, 1] })).to.throw(RangeError, /minimum value f\*.*pass \{ fStar \}/);
    expect(() => convexRate(r, { L: 10, xStar: [1, 1] })).to.throw(RangeError, /3 finite numbers/);
    expect(() => nesterovRate(new Valley())).to.throw(RangeError, /μ > 0/);
    expect(() => lineSearchRate(new Quadratic(), { search: "backtracking", alpha: 0.7 })).to.throw(RangeError, /alpha must be in \(0, 0.5\)/);
  });

  it("a history without what the bound needs is refused with the record option to fix it", () => {
    const p = diagQuadratic([1, 2], [1, 1]);
    const h = minimize(p, new PlainGD(Float64Array.from(p.x0), 0.5), { steps: 3, record: ["f"] });
    expect(() => checkBound(h, descentLemma(p))).to.throw(RangeError, /gradNorm/);
    const h2 = minimize(p, new PlainGD(Float64Array.from(p.x0), 0.5), { steps: 3, record: ["gradNorm"] });
    expect(() => checkBound(h2, convexRate(p))).to.throw(RangeError, /record including "f"/);
    expect(() => checkBound(h, nesterovRate(p))).to.throw(RangeError, /"x"/);
    expect(() => checkBound(h, convexRate(p), { rtol: -1 })).to.throw(RangeError, /rtol/);
  });

  it("a NaN in the measured values is a violation, never a pass", () => {
    const p = diagQuadratic([1], [1]);
    const h = run(p, 0.5, 5);
    h.f[3] = NaN;
    const c = checkBound(h, convexRate(p));
    expect(c.ok).to.equal(false);
    expect(c.violation?.k).to.equal(3);
  });
});
