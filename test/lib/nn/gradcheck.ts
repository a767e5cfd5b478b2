/**
 * Test helpers: central finite differences over every entry of a nested parameter structure,
 * a combined absolute + relative closeness check, and seeded random networks to check on.
 */
import { expect } from "chai";
import { rng } from "../../../lib/random";
import type { TanhMlpParams } from "../../../lib/nn/tanh-mlp";
import type { SigmoidNet } from "../../../lib/nn/sigmoid-net";

/** A leaf array and an index into it: one scalar parameter, read and written in place. */
export type Slot = [number[], number];

/** Every scalar slot of a vector, a matrix, or an array of matrices, in row-major order. */
export function slots(p: number[] | number[][] | number[][][]): Slot[] {
  const out: Slot[] = [];
  const visit = (a: any): void => {
    if (a.length > 0 && typeof a[0] === "number") for (let j = 0; j < a.length; j++) out.push([a, j]);
    else for (const b of a) visit(b);
  };
  visit(p);
  return out;
}

/** Central difference (f(θ + h) − f(θ − h)) / 2h in one slot, restoring the slot afterwards. */
export function centralDifference(f: () => number, [arr, j]: Slot, h: number): number {
  const old = arr[j];
  arr[j] = old + h;
  const fp = f();
  arr[j] = old - h;
  const fm = f();
  arr[j] = old;
  return (fp - fm) / (2 * h);
}

/** Asserts |a − b| ≤ tol · (1 + |b|) (absolute near 0, relative for large entries), and both finite. */
export function expectClose(a: number, b: number, tol: number, what: string): void {
  expect(Number.isFinite(a), `${what}: ${a} is not finite`).to.equal(true);
  expect(Number.isFinite(b), `${what}: ${b} is not finite`).to.equal(true);
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).to.be.at.most(tol * (1 + Math.abs(b)));
}

/** A seeded 2-4-2 network with weights and biases ~ N(0, 1.5²), far from the linear regime. */
export function randomTanhMlp(seed: number, nx = 2, nh = 4, ny = 2): TanhMlpParams {
  const r = rng(seed);
  const m = (rows: number, cols: number) => Array.from({ length: rows }, () => r.normals(cols, 0, 1.5));
  return { Wh: m(nh, nx), bh: r.normals(nh, 0, 1.5), Wy: m(ny, nh), by: r.normals(ny, 0, 1.5) };
}

/** A seeded bias-free sigmoid net with weights ~ N(0, 1.5²), indexed from 1 like seed 004. */
export function randomSigmoidNet(seed: number, sizes: number[]): SigmoidNet {
  const r = rng(seed);
  const Theta: SigmoidNet = [[]];
  for (let l = 1; l < sizes.length; l++) Theta.push(Array.from({ length: sizes[l] }, () => r.normals(sizes[l - 1], 0, 1.5)));
  return Theta;
}
