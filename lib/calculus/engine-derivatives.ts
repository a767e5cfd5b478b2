/**
 * Gradients, Jacobians and matrix gradients from the autodiff engine (lesson 9), in the same
 * layout as `finite-differences.ts`, so lesson 3 can put a formula, the engine and finite
 * differences side by side:
 *
 * - `engineGradient`: one reverse pass gives ∇f, the shape of x;
 * - `engineJacobian`: one reverse pass per output gives one row of J each, J[i][j] = ∂Fᵢ/∂xⱼ
 *   (a reverse pass with output adjoint eᵢ computes eᵢᵀJ, row i);
 * - `engineMatrixGradient`: the inputs are the entries of a matrix, and so is the answer.
 *
 * Each call records on a fresh tape of its own, so it neither reads nor disturbs the current one.
 */
import { Tape, withTape } from "../autodiff/tape";
import { Value } from "../autodiff/value";
import { checkPoint, checkRect } from "./finite-differences";

function checkOutput(fn: string, out: unknown, tape: Tape, what: string): Value {
  if (out instanceof Value && out.tape === tape) return out;
  const got = typeof out === "number" ? `the number ${out} (use the engine's operations, e.g. dot(xs, xs), not plain arithmetic)` : out instanceof Value ? "a Value from another tape" : String(out);
  throw new TypeError(`${fn}: ${what} must be a Value computed from the given inputs, got ${got}.`);
}

/**
 * ∇f(x) by one reverse pass of the engine. `f` receives one input node per entry of x.
 * @example engineGradient((xs) => dot(xs, xs), [1, 2]) // [2, 4] = 2x
 */
export function engineGradient(f: (xs: Value[]) => Value, x: readonly number[]): number[] {
  const fn = "engineGradient";
  checkPoint(fn, "x", x);
  const tape = new Tape();
  return withTape(tape, () => {
    const xs = x.map((v, i) => tape.input(v, `x${i + 1}`));
    checkOutput(fn, f(xs), tape, "f's result").backward();
    return xs.map((v) => v.grad);
  });
}

/**
 * The Jacobian of F at x in numerator layout (rows = outputs), one reverse pass per output.
 * @example engineJacobian((xs) => [xs[0].mul(xs[1]), xs[0]], [2, 3]) // [[3, 2], [1, 0]]
 */
export function engineJacobian(F: (xs: Value[]) => Value[], x: readonly number[]): number[][] {
  const fn = "engineJacobian";
  checkPoint(fn, "x", x);
  const tape = new Tape();
  return withTape(tape, () => {
    const xs = x.map((v, i) => tape.input(v, `x${i + 1}`));
    const outs = F(xs);
    if (!Array.isArray(outs) || outs.length === 0) {
      throw new TypeError(`${fn}: F must return a non-empty array of Values (its m outputs), got ${Array.isArray(outs) ? "[]" : String(outs)}.`);
    }
    return outs.map((out, i) => {
      // Zero the inputs first: an output that does not read some input must report 0 for it,
      // not the adjoint the previous row's pass left there (a pass may visit only the nodes
      // its output depends on).
      for (const v of xs) v.grad = 0;
      checkOutput(fn, out, tape, `F's output ${i}`).backward();
      return xs.map((v) => v.grad);
    });
  });
}

/**
 * ∇_A f(A) by one reverse pass: `f` receives the matrix as rows of input nodes, and the
 * gradient comes back with A's shape, [i][j] = ∂f/∂Aᵢⱼ.
 * @example engineMatrixGradient((A) => A[0][1].mul(3), [[1, 2]]) // [[0, 3]]
 */
export function engineMatrixGradient(f: (A: Value[][]) => Value, A: readonly (readonly number[])[]): number[][] {
  const fn = "engineMatrixGradient";
  checkRect(fn, "A", A);
  const tape = new Tape();
  return withTape(tape, () => {
    const As = A.map((row, i) => row.map((v, j) => tape.input(v, `A${i + 1}${j + 1}`)));
    checkOutput(fn, f(As), tape, "f's result").backward();
    return As.map((row) => row.map((v) => v.grad));
  });
}
