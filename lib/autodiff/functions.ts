/**
 * Free-function forms of every operation, accepting numbers or `Value`s:
 * `add(x, 1)`, `log(x)`, `pow(2, x)`, plus `sum` and `dot`, which record many terms as one
 * node (one edge per term) instead of a chain of additions.
 *
 * Numbers become constant nodes on the tape of the `Value` operand, or on the current tape
 * (see `withTape`) when every operand is a number.
 */
import { Value } from "./value";
import { currentTape, type Tape, type BackwardOptions } from "./tape";
import { OP } from "./ops";

/** A scalar operand: a node, or a plain number (recorded as a constant). */
export type Scalar = Value | number;

/** A new input on the current tape: `value(2, "x1")`. Inputs are what `.grad` is about. */
export function value(x: number, label?: string): Value {
  return currentTape().input(x, label);
}

/** A new constant on the current tape (never differentiated). */
export function constant(x: number, label?: string): Value {
  return currentTape().constant(x, label);
}

function tapeOf(...xs: Scalar[]): Tape {
  return tapeOfList(xs);
}

/** The tape of the first `Value` in the lists, else the current tape (no array copies: sum and dot are hot). */
function tapeOfList(...lists: (readonly Scalar[])[]): Tape {
  for (const list of lists) for (let i = 0; i < list.length; i++) if (list[i] instanceof Value) return (list[i] as Value).tape;
  return currentTape();
}

/** `x` as a node of `tape`: a number becomes a constant; anything else must be a live node of it (else a clear error). */
function lift(x: Scalar, tape: Tape, what: string): Value {
  return tape.operand(x, what);
}

/** a + b */
export function add(a: Scalar, b: Scalar): Value {
  return lift(a, tapeOf(a, b), "add").add(b);
}
/** a − b */
export function sub(a: Scalar, b: Scalar): Value {
  return lift(a, tapeOf(a, b), "sub").sub(b);
}
/** a · b */
export function mul(a: Scalar, b: Scalar): Value {
  return lift(a, tapeOf(a, b), "mul").mul(b);
}
/** a / b (division by 0 throws `AutodiffDomainError`) */
export function div(a: Scalar, b: Scalar): Value {
  return lift(a, tapeOf(a, b), "div").div(b);
}
/** aᵇ (see `Value.pow` for the domain) */
export function pow(a: Scalar, b: Scalar): Value {
  return lift(a, tapeOf(a, b), "pow").pow(b);
}
/** −a */
export function neg(a: Scalar): Value {
  return lift(a, tapeOf(a), "neg").neg();
}
/** eᵃ */
export function exp(a: Scalar): Value {
  return lift(a, tapeOf(a), "exp").exp();
}
/** ln a (a > 0) */
export function log(a: Scalar): Value {
  return lift(a, tapeOf(a), "log").log();
}
/** sin a */
export function sin(a: Scalar): Value {
  return lift(a, tapeOf(a), "sin").sin();
}
/** cos a */
export function cos(a: Scalar): Value {
  return lift(a, tapeOf(a), "cos").cos();
}
/** tanh a */
export function tanh(a: Scalar): Value {
  return lift(a, tapeOf(a), "tanh").tanh();
}
/** σ(a) = 1/(1 + e⁻ᵃ) */
export function sigmoid(a: Scalar): Value {
  return lift(a, tapeOf(a), "sigmoid").sigmoid();
}
/** max(a, 0), with relu′(0) = 0 */
export function relu(a: Scalar): Value {
  return lift(a, tapeOf(a), "relu").relu();
}
/** √a (a > 0) */
export function sqrt(a: Scalar): Value {
  return lift(a, tapeOf(a), "sqrt").sqrt();
}
/** |a|, with the subgradient 0 at a = 0 */
export function abs(a: Scalar): Value {
  return lift(a, tapeOf(a), "abs").abs();
}

/**
 * Σᵢ xᵢ as one node with one edge per term (∂/∂xᵢ = 1). Cheaper than a chain of `add`s: one
 * node instead of n−1. The empty sum is the constant 0.
 */
export function sum(xs: readonly Scalar[]): Value {
  const tape = tapeOfList(xs);
  if (xs.length === 0) return tape.constant(0);
  const ids: number[] = new Array(xs.length);
  const ones: number[] = new Array(xs.length).fill(1);
  let total = 0;
  for (let i = 0; i < xs.length; i++) {
    const id = tape.operand(xs[i], `sum: xs[${i}]`).id;
    ids[i] = id;
    total += tape.values[id];
  }
  return tape.pushN(OP.sum, ids, total, ones);
}

/**
 * Σᵢ aᵢbᵢ as one node whose edges go a₀, b₀, a₁, b₁, … (∂/∂aᵢ = bᵢ, ∂/∂bᵢ = aᵢ): a neuron's
 * weighted input w·x in one node. Throws if the lengths differ.
 */
export function dot(a: readonly Scalar[], b: readonly Scalar[]): Value {
  if (a.length !== b.length) {
    throw new RangeError(`dot: the two vectors need the same length, got ${a.length} and ${b.length}.`);
  }
  const tape = tapeOfList(a, b);
  if (a.length === 0) return tape.constant(0);
  const ids: number[] = new Array(2 * a.length);
  const partials: number[] = new Array(2 * a.length);
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const ia = tape.operand(a[i], `dot: a[${i}]`).id, ib = tape.operand(b[i], `dot: b[${i}]`).id;
    const va = tape.values[ia], vb = tape.values[ib];
    ids[2 * i] = ia;
    ids[2 * i + 1] = ib;
    partials[2 * i] = vb;
    partials[2 * i + 1] = va;
    total += va * vb;
  }
  return tape.pushN(OP.dot, ids, total, partials);
}

/** `out.backward(options)`, as a function. */
export function backward(out: Value, options?: BackwardOptions): void {
  out.backward(options);
}

/**
 * Reverse mode, returning ∂out/∂xᵢ for the given inputs (one backward pass); 0 for an input
 * `out` does not depend on (whose `.grad` the pass leaves alone).
 * @example gradients(f, [x1, x2]) // [5.5, 1.716] for Baydin's example
 */
export function gradients(out: Value, inputs: readonly Value[]): number[] {
  if (!Array.isArray(inputs)) throw new TypeError(`gradients: inputs must be an array of Values, got ${typeof inputs}.`);
  out.backward();
  const tape = out.tape;
  return inputs.map((x) => (tape.reached(x) ? x.grad : 0));
}
