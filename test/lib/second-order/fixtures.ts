/**
 * Small problems for the second-order tests, defined here so the tests do not depend on
 * lib/problems (written in parallel): quadratics with a prescribed spectrum, Rosenbrock, and a
 * problem wrapper that counts gradient calls.
 */
import { Matrix, QrDecomposition } from "ml-matrix";
import { rng } from "../../../lib/random";
import type { Problem } from "../../../lib/problems/problem";

/** A random orthogonal n × n matrix (Q of the QR factorisation of a seeded Gaussian matrix). */
export function randomOrthogonal(n: number, seed: number): Matrix {
  const r = rng(seed);
  const G = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) G.set(i, j, r.normal(0, 1));
  return new QrDecomposition(G).orthogonalMatrix;
}

/** f(x) = ½xᵀAx − bᵀx with A = Q diag(eigs) Qᵀ and a seeded b; x* = A⁻¹b. */
export function quadratic(eigs: readonly number[], seed = 1): Problem & { A: Matrix; b: Float64Array } {
  const n = eigs.length;
  const Q = randomOrthogonal(n, seed);
  const A = Q.mmul(Matrix.diag([...eigs])).mmul(Q.transpose());
  const S = A.clone().add(A.transpose()).mul(0.5);
  const r = rng(seed + 1000);
  const b = Float64Array.from({ length: n }, () => r.normal(0, 1));
  const Av = (v: ArrayLike<number>) => Float64Array.from(S.mmul(Matrix.columnVector(Array.from(v))).getColumn(0));
  return {
    name: `quadratic n=${n}`,
    dim: n,
    x0: new Float64Array(n),
    A: S,
    b,
    convex: eigs.every((e) => e >= 0),
    f: (x) => {
      const Ax = Av(x);
      let s = 0;
      for (let i = 0; i < n; i++) s += 0.5 * x[i] * Ax[i] - b[i] * x[i];
      return s;
    },
    grad: (x, out) => {
      const Ax = Av(x);
      const g = out ?? new Float64Array(n);
      for (let i = 0; i < n; i++) g[i] = Ax[i] - b[i];
      return g;
    },
    hessian: () => S.clone(),
    hvp: (_x, v, out) => {
      const r2 = Av(v);
      if (out) {
        out.set(r2);
        return out;
      }
      return r2;
    },
  };
}

/** Rosenbrock f(x, y) = (1 − x)² + 100(y − x²)², minimiser (1, 1), f* = 0. */
export function rosenbrock(x0: [number, number] = [-1.2, 1]): Problem {
  return {
    name: "Rosenbrock",
    dim: 2,
    x0: Float64Array.from(x0),
    xStar: Float64Array.from([1, 1]),
    fStar: 0,
    convex: false,
    f: ([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    grad: ([x, y], out) => {
      const g = out ?? new Float64Array(2);
      g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
      g[1] = 200 * (y - x * x);
      return g;
    },
    hessian: ([x, y]) =>
      new Matrix([
        [2 - 400 * (y - x * x) + 800 * x * x, -400 * x],
        [-400 * x, 200],
      ]),
    hvp: ([x, y], v, out) => {
      const o = out ?? new Float64Array(2);
      const h00 = 2 - 400 * (y - x * x) + 800 * x * x;
      o[0] = h00 * v[0] - 400 * x * v[1];
      o[1] = -400 * x * v[0] + 200 * v[1];
      return o;
    },
  };
}

/** The largest |aᵢ − bᵢ|, failing on NaN (NaN compares false, so it would otherwise pass). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!Number.isFinite(d)) return Infinity;
    m = Math.max(m, d);
  }
  return m;
}

/** ‖x‖₂. */
export function norm2(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}
