// The momentum methods exactly as the three lectures write them, for the graded tests to compare
// a student's torch-form step against. Written out here (not imported from lib/) so each test
// states the formula it trusts. Vectors are plain arrays; every function returns the path of
// iterates θ₀ … θ_K the lecture's own variable names produce.

/** A gradient function ∇f. */
export type Grad = (theta: number[]) => number[];

/**
 * Lecture 8 notes (Université Côte d'Azur): v ← λv − η∇L(W); W ← W + v, with v₀ = 0.
 * Returns the W path and the movements v₁ … v_K.
 */
export function lecture001(grad: Grad, w0: number[], eta: number, lambda: number, steps: number): { path: number[][]; v: number[][] } {
  const path = [w0.slice()];
  const vs: number[][] = [];
  let v = w0.map(() => 0);
  for (let k = 0; k < steps; k++) {
    const w = path[k], g = grad(w);
    v = v.map((vi, i) => lambda * vi - eta * g[i]);
    vs.push(v);
    path.push(w.map((wi, i) => wi + v[i]));
  }
  return { path, v: vs };
}

/**
 * CS 182 Discussion 2 (Berkeley) §3.4, heavy ball: v ← m·v + ∇L(θ); θ ← θ − αv, with v = 0
 * before the first step. Returns the θ path and the accumulated gradients v after each step.
 */
export function lecture003(grad: Grad, theta0: number[], alpha: number, m: number, steps: number): { path: number[][]; v: number[][] } {
  const path = [theta0.slice()];
  const vs: number[][] = [];
  let v = theta0.map(() => 0);
  for (let k = 0; k < steps; k++) {
    const t = path[k], g = grad(t);
    v = v.map((vi, i) => m * vi + g[i]);
    vs.push(v);
    path.push(t.map((ti, i) => ti - alpha * v[i]));
  }
  return { path, v: vs };
}

/**
 * Topic 4 slides (Deep Learning and Neural Networks), Nesterov's variant:
 * v ← ηv − ∇h(θ + αηv); θ ← θ + αv, with v₀ = 0. Returns the θ path, the look-ahead points
 * θₖ + αηvₖ (where the gradient is taken) and the velocities v₀ … v_K.
 */
export function lecture002Nesterov(grad: Grad, theta0: number[], alpha: number, eta: number, steps: number): { path: number[][]; lookahead: number[][]; v: number[][] } {
  const path = [theta0.slice()];
  let v = theta0.map(() => 0);
  const vs = [v];
  const lookahead = [theta0.slice()];
  for (let k = 0; k < steps; k++) {
    const t = path[k];
    const ahead = t.map((ti, i) => ti + alpha * eta * v[i]);
    const g = grad(ahead);
    v = v.map((vi, i) => eta * vi - g[i]);
    vs.push(v);
    const next = t.map((ti, i) => ti + alpha * v[i]);
    path.push(next);
    lookahead.push(next.map((ti, i) => ti + alpha * eta * v[i]));
  }
  return { path, lookahead, v: vs };
}

/** ∇ of f(θ) = ½ Σᵢ aᵢθᵢ², an axis-aligned quadratic with curvatures aᵢ. */
export function quadraticGrad(curvatures: number[]): Grad {
  return (theta) => theta.map((t, i) => curvatures[i] * t);
}
