// Independent expectations for the backprop questions: the pack's autodiff engine (lib/autodiff,
// tested on its own in test/lib/autodiff) and central finite differences. Nothing here comes
// from solutions/, so a test compares a student's hand-written backprop with a different method.
// Engine modules imported one by one, not through lib/autodiff/index: the barrel also loads the
// graph pictures (Observable Plot, a DOM, resvg), which would slow every check() for nothing.
import { Tape, withTape } from "../../../lib/autodiff/tape";
import { value, dot } from "../../../lib/autodiff/functions";
import type { Value } from "../../../lib/autodiff/value";
import { crossEntropyLoss } from "../../../lib/nn/losses";
import { rng } from "../../../lib/random";

export type Matrix = number[][];

export interface TanhMlpParams {
  Wh: Matrix;
  bh: number[];
  Wy: Matrix;
  by: number[];
}

/**
 * Central difference of f at x in every coordinate: (f(x + heᵢ) − f(x − heᵢ)) / 2h.
 * Truncation error h²|f‴|/6, rounding error about ε|f|/h (ε = 2.2e-16): with h = 1e-5 and
 * f, f‴ of order 1 both are ~1e-11.
 */
export function centralDifference(f: (x: number[]) => number, x: readonly number[], h = 1e-5): number[] {
  return x.map((_, i) => {
    const plus = x.slice();
    const minus = x.slice();
    plus[i] += h;
    minus[i] -= h;
    return (f(plus) - f(minus)) / (2 * h);
  });
}

/**
 * Cross-entropy of softmax(z) against a probability vector y, stably:
 * ℓ = −Σᵢ yᵢ log softmax(z)ᵢ = logsumexp(z) − Σᵢ yᵢzᵢ when Σᵢ yᵢ = 1.
 */
export function softmaxCrossEntropy(z: readonly number[], y: readonly number[]): number {
  const m = z.reduce((a, b) => Math.max(a, b), -Infinity);
  const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
  return lse - z.reduce((s, v, i) => s + y[i] * v, 0);
}

/** A seeded matrix with N(0, std²) entries. */
export function randomMatrix(seed: number, rows: number, cols: number, std = 1): Matrix {
  const r = rng(seed);
  return Array.from({ length: rows }, () => r.normals(cols, 0, std));
}

/** Seeded tanh-MLP parameters with N(0, std²) weights and biases. */
export function randomTanhMlp(seed: number, nx: number, nh: number, ny: number, std = 1): TanhMlpParams {
  const r = rng(seed);
  const m = (rows: number, cols: number) => Array.from({ length: rows }, () => r.normals(cols, 0, std));
  return { Wh: m(nh, nx), bh: r.normals(nh, 0, std), Wy: m(ny, nh), by: r.normals(ny, 0, std) };
}

/** A one-hot vector of length k with a 1 at `label`. */
export function oneHotOf(label: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => (i === label ? 1 : 0));
}

/**
 * A dense layer's gradients by the engine: z = W·input + b recorded on a fresh tape, then the
 * scalar S = Σᵢ δᵢzᵢ differentiated, so ∂S/∂z = δ exactly and ∂S/∂W, ∂S/∂b, ∂S/∂input are what
 * backprop through the layer must give for that δ.
 */
export function engineDense(W: Matrix, b: readonly number[], input: readonly number[], delta: readonly number[]) {
  return withTape(new Tape(), () => {
    const Wv = W.map((row) => row.map((w) => value(w)));
    const bv = b.map((v) => value(v));
    const xv = input.map((v) => value(v));
    const z = Wv.map((row, i) => dot(row, xv).add(bv[i]));
    const S = dot(z, delta as number[]);
    S.backward();
    return { dW: Wv.map((row) => row.map((w) => w.grad)), db: bv.map((v) => v.grad), dInput: xv.map((v) => v.grad) };
  });
}

/**
 * The Lecture 8 notes' tanh MLP on the engine: h̃ = Wʰx + bʰ, h = tanh h̃, ỹ = Wʸh + bʸ, ℓ = the library's
 * stable softmax cross-entropy. Returns ℓ, the adjoints of ỹ and h̃ (δʸ and δʰ) and of every
 * parameter.
 */
export function engineTanhMlp(p: TanhMlpParams, x: readonly number[], y: readonly number[]) {
  return withTape(new Tape(), () => {
    const mat = (M: Matrix) => M.map((row) => row.map((w) => value(w)));
    const Wh = mat(p.Wh), Wy = mat(p.Wy);
    const bh = p.bh.map((v) => value(v)), by = p.by.map((v) => value(v));
    const hTilde = Wh.map((row, i) => dot(row, x as number[]).add(bh[i]));
    const h = hTilde.map((v) => v.tanh());
    const yTilde = Wy.map((row, i) => dot(row, h).add(by[i]));
    const loss = crossEntropyLoss(yTilde, y);
    loss.backward();
    const g = (vs: Value[]) => vs.map((v) => v.grad);
    return {
      loss: loss.data,
      deltaY: g(yTilde),
      deltaH: g(hTilde),
      grads: { Wh: Wh.map(g), bh: g(bh), Wy: Wy.map(g), by: g(by) },
    };
  });
}

/** The loss of the tanh MLP on plain numbers (for finite differences). */
export function tanhMlpLoss(p: TanhMlpParams, x: readonly number[], y: readonly number[]): number {
  const h = p.Wh.map((row, i) => Math.tanh(row.reduce((s, w, j) => s + w * x[j], p.bh[i])));
  const z = p.Wy.map((row, i) => row.reduce((s, w, j) => s + w * h[j], p.by[i]));
  return softmaxCrossEntropy(z, y);
}

/**
 * Every parameter's central-difference gradient, in the parameters' shapes. Each entry is
 * moved by ±h in a copy of the parameters; the rest stay put.
 */
export function numericTanhMlpGrads(p: TanhMlpParams, x: readonly number[], y: readonly number[], h = 1e-5): TanhMlpParams {
  const copy = (): TanhMlpParams => ({ Wh: p.Wh.map((r) => r.slice()), bh: p.bh.slice(), Wy: p.Wy.map((r) => r.slice()), by: p.by.slice() });
  const at = (edit: (q: TanhMlpParams, d: number) => void) => {
    const plus = copy(), minus = copy();
    edit(plus, h);
    edit(minus, -h);
    return (tanhMlpLoss(plus, x, y) - tanhMlpLoss(minus, x, y)) / (2 * h);
  };
  return {
    Wh: p.Wh.map((row, i) => row.map((_, j) => at((q, d) => (q.Wh[i][j] += d)))),
    bh: p.bh.map((_, i) => at((q, d) => (q.bh[i] += d))),
    Wy: p.Wy.map((row, i) => row.map((_, j) => at((q, d) => (q.Wy[i][j] += d)))),
    by: p.by.map((_, i) => at((q, d) => (q.by[i] += d))),
  };
}
