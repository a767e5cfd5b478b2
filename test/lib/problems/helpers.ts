/**
 * Finite-difference checks shared by the problem tests.
 *
 * Central differences (f(x + he) − f(x − he)) / 2h have truncation error h²·|f'''|/6 and
 * rounding error about ε·|f|/h (ε = 2.2e-16). With h = 1e-5·max(1, |xᵢ|) both are below
 * ~1e-9 relative for the smooth, O(1)-scaled problems here, so a relative tolerance of 1e-6
 * leaves three orders of margin while still catching any wrong term (a wrong factor of 2, a
 * missing regulariser or a sign error is an O(1) relative error).
 */
import { expect } from "chai";
import type { Problem } from "../../../lib/problems/problem";

/** Central-difference gradient of f at x. */
export function fdGrad(f: (x: Float64Array) => number, x: Float64Array, h = 1e-5): Float64Array {
  const g = new Float64Array(x.length);
  const y = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const s = h * Math.max(1, Math.abs(x[i]));
    y[i] = x[i] + s;
    const fp = f(y);
    y[i] = x[i] - s;
    const fm = f(y);
    y[i] = x[i];
    g[i] = (fp - fm) / (2 * s);
  }
  return g;
}

/** max |a − b| / (1 + max |b|): an error relative to the size of the reference. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0, den = 0;
  expect(a.length).to.equal(b.length);
  for (let i = 0; i < a.length; i++) {
    expect(Number.isFinite(a[i]), `entry ${i} is ${a[i]}`).to.equal(true);
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / (1 + den);
}

/** A seeded point near x0 (x0 + a deterministic perturbation), so checks are not only at x0. */
export function around(x0: Float64Array, scale = 0.5): Float64Array {
  return x0.map((v, i) => v + scale * Math.sin(1.7 * i + 0.3));
}

/** The gradient agrees with central differences of f at x (tolerance: see the module comment). */
export function expectGradientMatches(p: Problem, x: Float64Array, tol = 1e-6): void {
  const g = p.grad(x);
  const fd = fdGrad((y) => p.f(y), x);
  expect(relErr(g, fd), `${p.name}: ∇f vs central differences`).to.be.below(tol);
}

/** The Hessian agrees with central differences of the gradient, column by column, and is symmetric. */
export function expectHessianMatches(p: Problem, x: Float64Array, tol = 1e-6): void {
  const H = p.hessian!(x);
  expect(H.rows).to.equal(p.dim);
  expect(H.columns).to.equal(p.dim);
  const n = p.dim;
  for (let j = 0; j < n; j++) {
    const col = fdGrad((y) => p.grad(y)[j], x); // row j of H = ∇(∂f/∂xⱼ)
    const row = Array.from({ length: n }, (_, k) => H.get(j, k));
    expect(relErr(row, col), `${p.name}: Hessian row ${j} vs differences of ∇f`).to.be.below(tol);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(H.get(i, j)).to.equal(H.get(j, i));
}

/** hvp(x, v) equals hessian(x)·v for a few seeded directions. */
export function expectHvpMatchesHessian(p: Problem, x: Float64Array, tol = 1e-12): void {
  const H = p.hessian!(x);
  for (let k = 0; k < 3; k++) {
    const v = new Float64Array(p.dim).map((_, i) => Math.cos(2.3 * i + k));
    const hv = p.hvp!(x, v);
    const ref = Array.from({ length: p.dim }, (_, i) => {
      let s = 0;
      for (let j = 0; j < p.dim; j++) s += H.get(i, j) * v[j];
      return s;
    });
    expect(relErr(hv, ref), `${p.name}: hvp vs H·v`).to.be.below(tol);
  }
}
