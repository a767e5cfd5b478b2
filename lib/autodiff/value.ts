/**
 * `Value`: a scalar node of the computation graph, micrograd-style. Every operation records a
 * new node on the tape together with its local partial derivatives (the formulas below), so
 * `backward()` only multiplies and adds. A `Value` is a thin handle: its number, gradient and
 * tangent live in the tape's arrays (see `tape.ts`).
 */
import type { Tape, BackwardOptions } from "./tape";
import { OP, OP_NAMES, type OpName } from "./ops";
import { AutodiffDomainError, AutodiffTapeError } from "./errors";

/** A scalar node: an input, a constant, or the result of an elementary operation. */
export class Value {
  /** @internal Made by the tape only: use `value(x, label)` or `tape.input(x, label)`. */
  constructor(
    /** The tape the node is recorded on. */
    readonly tape: Tape,
    /** The node's index on its tape (creation order). */
    readonly id: number,
    /** @internal The tape epoch the node was made in (to detect use after rewind). */
    readonly epoch: number,
  ) {}

  /**
   * The primal value v. Settable on inputs and constants only (e.g. `p.data -= lr * p.grad`).
   *
   * **Assigning does not recompute anything.** Nodes already built from this one keep the
   * numbers (values and local partials) of the old point, so their `.data`, and any
   * `backward()` through them, describe the old point. Rebuild the expression after assigning
   * (a training loop: assign, `tape.rewind(mark)`, build again). `backward()` and `jvp(out, …)`
   * throw an `AutodiffTapeError` when the output was computed from this node before the
   * assignment; a computed node's `.data` cannot check that cheaply, so it does not.
   */
  get data(): number {
    return this.tape.values[this.tape.check(this)];
  }
  set data(x: number) {
    const i = this.tape.check(this);
    if (typeof x !== "number") {
      throw new TypeError(`${this.tape.describe(i)}: data must be a number, got ${typeof x} ${String(x)}. Convert it with Number(...).`);
    }
    if (this.tape.ops[i] > OP.const) {
      throw new AutodiffTapeError(
        `${this.tape.describe(i)}: only inputs and constants can be assigned; a computed node's value follows from its inputs. Rebuild the expression instead.`,
      );
    }
    if (!Number.isFinite(x) && !this.tape.ieee) {
      throw new RangeError(`${this.tape.describe(i)}: data must be a finite number, got ${x}.`);
    }
    if (this.tape.values[i] === x) return;
    this.tape.values[i] = x;
    this.tape.noteAssigned(i);
  }

  /**
   * The adjoint ∂out/∂v from the last `out.backward()` whose output depends on this node (0
   * before any). A backward pass from an output that does not depend on it leaves it alone
   * (`gradients(out, xs)` reports 0 for those). Settable, e.g. to 0.
   */
  get grad(): number {
    return this.tape.grads[this.tape.check(this)];
  }
  set grad(g: number) {
    this.tape.grads[this.tape.check(this)] = g;
  }

  /** The tangent v̇ from the last forward-mode pass (`jvp`), 0 before any. */
  get tangent(): number {
    const i = this.tape.check(this);
    return i < this.tape.tangents.length ? this.tape.tangents[i] : 0;
  }

  /** A name for traces, pictures and error messages (optional). */
  get label(): string | undefined {
    return this.tape.labelOf(this.tape.check(this));
  }
  set label(label: string | undefined) {
    this.tape.setLabel(this.tape.check(this), label);
  }

  /** Sets the label and returns this node, for chaining: `x.mul(w).named("z")`. */
  named(label: string): this {
    this.label = label;
    return this;
  }

  /** The op that made this node: `"input"`, `"const"`, `"add"`, `"mul"`, ... */
  get op(): OpName {
    return OP_NAMES[this.tape.ops[this.tape.check(this)]];
  }

  /** Handles to the input nodes, in order, duplicates kept (`a.add(a).inputs` lists a twice). */
  get inputs(): Value[] {
    return this.tape.inputsOf(this.tape.check(this)).map((j) => this.tape.node(j));
  }

  // ---- type 1: affine -----------------------------------------------------------------

  /** a + b; ∂/∂a = 1, ∂/∂b = 1. */
  add(other: Value | number): Value {
    const t = this.tape, a = t.check(this), b = t.operand(other, "add", a).id;
    return t.push2(OP.add, a, b, t.values[a] + t.values[b], 1, 1);
  }

  /** a − b; ∂/∂a = 1, ∂/∂b = −1. */
  sub(other: Value | number): Value {
    const t = this.tape, a = t.check(this), b = t.operand(other, "sub", a).id;
    return t.push2(OP.sub, a, b, t.values[a] - t.values[b], 1, -1);
  }

  /** −a; ∂/∂a = −1. */
  neg(): Value {
    const t = this.tape, a = t.check(this);
    return t.push1(OP.neg, a, -t.values[a], -1);
  }

  // ---- type 2: products and powers ----------------------------------------------------

  /** a·b; ∂/∂a = b, ∂/∂b = a. */
  mul(other: Value | number): Value {
    const t = this.tape, a = t.check(this), b = t.operand(other, "mul", a).id;
    const va = t.values[a], vb = t.values[b];
    return t.push2(OP.mul, a, b, va * vb, vb, va);
  }

  /** a/b; ∂/∂a = 1/b, ∂/∂b = −a/b². Division by 0 is an `AutodiffDomainError`. */
  div(other: Value | number): Value {
    const t = this.tape, a = t.check(this), b = t.operand(other, "div", a).id;
    const va = t.values[a], vb = t.values[b];
    if (vb === 0 && !t.ieee) {
      domainError(t, "div", b, "division by zero (the divisor is 0)", "Guard the case, or add a small epsilon to the divisor.");
    }
    const x = va / vb;
    return t.push2(OP.div, a, b, x, 1 / vb, -x / vb);
  }

  /**
   * aᵇ. With a constant exponent c (a number): ∂/∂a = c·a^(c−1); a < 0 needs an integer c, and
   * a = 0 needs c = 0 or c ≥ 1 (else 1/0 or an infinite slope). With a variable exponent b:
   * also ∂/∂b = aᵇ·ln a, which needs a > 0.
   */
  pow(exponent: Value | number): Value {
    const t = this.tape, a = t.check(this), b = t.operand(exponent, "pow", a).id;
    const va = t.values[a], c = t.values[b];
    if (!t.ieee) checkPowDomain(t, a, b, va, c);
    const x = Math.pow(va, c);
    const pa = c === 0 ? 0 : c * Math.pow(va, c - 1);
    const pb = t.ops[b] === OP.const || x === 0 ? 0 : x * Math.log(va);
    return t.push2(OP.pow, a, b, x, pa, pb);
  }

  // ---- type 3: one-dimensional functions ----------------------------------------------

  /** eᵃ; ∂/∂a = eᵃ. */
  exp(): Value {
    const t = this.tape, a = t.check(this);
    const x = Math.exp(t.values[a]);
    return t.push1(OP.exp, a, x, x);
  }

  /** ln a; ∂/∂a = 1/a. Needs a > 0. */
  log(): Value {
    const t = this.tape, a = t.check(this);
    const va = t.values[a];
    if (!(va > 0) && !t.ieee) {
      domainError(t, "log", a, "needs x > 0", "Keep the argument positive, e.g. log(x + 1e-12) or clip x away from 0.");
    }
    return t.push1(OP.log, a, Math.log(va), 1 / va);
  }

  /** sin a; ∂/∂a = cos a. */
  sin(): Value {
    const t = this.tape, a = t.check(this);
    const va = t.values[a];
    return t.push1(OP.sin, a, Math.sin(va), Math.cos(va));
  }

  /** cos a; ∂/∂a = −sin a. */
  cos(): Value {
    const t = this.tape, a = t.check(this);
    const va = t.values[a];
    return t.push1(OP.cos, a, Math.cos(va), -Math.sin(va));
  }

  /** tanh a; ∂/∂a = 1 − tanh²a. */
  tanh(): Value {
    const t = this.tape, a = t.check(this);
    const x = Math.tanh(t.values[a]);
    return t.push1(OP.tanh, a, x, 1 - x * x);
  }

  /** σ(a) = 1/(1 + e⁻ᵃ), computed without overflow; ∂/∂a = σ(a)(1 − σ(a)). */
  sigmoid(): Value {
    const t = this.tape, a = t.check(this);
    const va = t.values[a];
    const x = va >= 0 ? 1 / (1 + Math.exp(-va)) : Math.exp(va) / (1 + Math.exp(va));
    return t.push1(OP.sigmoid, a, x, x * (1 - x));
  }

  /** max(a, 0); ∂/∂a = 1 if a > 0, else 0 (so relu′(0) = 0, as in PyTorch). */
  relu(): Value {
    const t = this.tape, a = t.check(this);
    const va = t.values[a];
    return t.push1(OP.relu, a, va > 0 ? va : 0, va > 0 ? 1 : 0);
  }

  /** √a; ∂/∂a = 1/(2√a). Needs a > 0: at 0 the slope is infinite. */
  sqrt(): Value {
    const t = this.tape, a = t.check(this);
    const va = t.values[a];
    if (!(va > 0) && !t.ieee) {
      if (va === 0) {
        domainError(t, "sqrt", a, "is not differentiable at 0 (its slope 1/(2√x) is infinite)", "Use sqrt(x + 1e-12) if x can be 0.");
      }
      domainError(t, "sqrt", a, "needs x ≥ 0", "Keep the argument non-negative, e.g. sqrt of a square or of x + epsilon.");
    }
    const x = Math.sqrt(va);
    return t.push1(OP.sqrt, a, x, 0.5 / x);
  }

  /** |a|; ∂/∂a = sign a, with the subgradient 0 chosen at a = 0 (as PyTorch does). */
  abs(): Value {
    const t = this.tape, a = t.check(this);
    const va = t.values[a];
    return t.push1(OP.abs, a, Math.abs(va), va > 0 ? 1 : va < 0 ? -1 : 0);
  }

  // ---- passes -----------------------------------------------------------------------------

  /**
   * Reverse mode from this node: afterwards every node this one depends on has
   * `.grad` = ∂this/∂node; other nodes keep theirs. Replaces previous gradients unless
   * `{ accumulate: true }` (see `BackwardOptions`). Visits only this node's graph, however
   * much else the tape holds.
   */
  backward(options?: BackwardOptions): void {
    this.tape.backward(this, options);
  }

  /** `Value(data=…, grad=…, label=…)`, like micrograd's repr. */
  toString(): string {
    if (!this.tape.isLive(this)) return `Value(#${this.id}, dropped from its tape)`;
    const label = this.label === undefined ? "" : `, label="${this.label}"`;
    return `Value(data=${this.data}, grad=${this.grad}, op=${this.op}${label})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

function domainError(t: Tape, op: string, operand: number, problem: string, fix: string): never {
  throw new AutodiffDomainError(op, t.values[operand], t.describe(operand), problem, fix);
}

function checkPowDomain(t: Tape, a: number, b: number, va: number, c: number): void {
  if (t.ops[b] !== OP.const) {
    if (!(va > 0)) {
      domainError(t, "pow", a, "with a variable exponent needs a base > 0 (∂/∂b = aᵇ·ln a)", "If the exponent is fixed, pass it as a number: x.pow(2).");
    }
    return;
  }
  if (va < 0 && !Number.isInteger(c)) {
    domainError(t, "pow", a, `a negative base needs an integer exponent (exponent ${c})`, "Use an integer exponent or make the base positive (e.g. x.abs()).");
  }
  if (va === 0 && c < 0) {
    domainError(t, "pow", a, `0 to the power ${c} divides by zero`, "Keep the base away from 0, e.g. x + 1e-12.");
  }
  if (va === 0 && c > 0 && c < 1) {
    domainError(t, "pow", a, `x^${c} is not differentiable at 0 (infinite slope)`, "Keep the base away from 0, e.g. x + 1e-12.");
  }
}
