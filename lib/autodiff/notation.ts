/**
 * How each op is written in a trace: its defining expression (`v₋₁ × v₀`, `ln v₋₁`) and the
 * local partial ∂vᵢ/∂vⱼ of each input (`v₀`, `1/v₋₁`, `cos v₀`). Every formula is written
 * once and rendered twice, with node names and with numbers, through {@link Operands}.
 * The partials are the ones `value.ts` records (same formulas, the NN optimization slides computation model).
 */
import type { OpName } from "./ops";
import { formatNumber } from "./format";

/** The operands of one node, rendered either as names or as numbers. */
export interface Operands {
  /** Number of inputs. */
  count: number;
  /** Input k as a factor: a name, or a number with parentheses when negative: "(−0.959)". */
  arg(k: number): string;
  /** Input k as a term: a name or a number, without parentheses. */
  term(k: number): string;
  /** True when rendering numbers and input k's value is negative. */
  negative(k: number): boolean;
  /** Input k's magnitude as a term (numbers only; the name otherwise). */
  magnitude(k: number): string;
  /** The node itself, as a factor. */
  self: string;
}

/**
 * How a partial ∂vᵢ/∂vⱼ multiplies a tangent or adjoint s: "one" (s), "minusOne" (−s),
 * "times" (s × text) or "over" (s / text).
 */
export interface PartialText {
  kind: "one" | "minusOne" | "times" | "over";
  text: string;
}

const one: PartialText = { kind: "one", text: "1" };
const minusOne: PartialText = { kind: "minusOne", text: "−1" };
const times = (text: string): PartialText => ({ kind: "times", text });
const over = (text: string): PartialText => ({ kind: "over", text });

/** "ln 2", "ln v₋₁", but "sin(−1)" for a negative number. */
function fn(name: string, x: string): string {
  return x.startsWith("(") ? name + x : `${name} ${x}`;
}

/** a + b written so that a negative b shows as a subtraction: 0.693 − 1 rather than 0.693 + (−1). */
function plus(o: Operands, k: number): string {
  return o.negative(k) ? ` − ${o.magnitude(k)}` : ` + ${o.term(k)}`;
}

/** a − b written so that a negative b shows as an addition: 10.693 + 0.959 (Baydin Table 2). */
function minus(o: Operands, k: number): string {
  return o.negative(k) ? ` + ${o.magnitude(k)}` : ` − ${o.term(k)}`;
}

/** The right-hand side of vᵢ = … for an op, e.g. "v₋₁ × v₀" or "2 × 5". */
export function expression(op: OpName, o: Operands): string {
  switch (op) {
    case "add": return o.term(0) + plus(o, 1);
    case "sub": return o.term(0) + minus(o, 1);
    case "sum": return o.term(0) + range(1, o.count).map((k) => plus(o, k)).join("");
    case "mul": return `${o.arg(0)} × ${o.arg(1)}`;
    case "div": return `${o.arg(0)} / ${o.arg(1)}`;
    case "neg": return `−${o.arg(0)}`;
    case "pow": return `${o.arg(0)}^${o.arg(1)}`;
    case "dot": return range(0, o.count / 2).map((i) => `${o.arg(2 * i)} × ${o.arg(2 * i + 1)}`).join(" + ");
    case "exp": return fn("exp", o.arg(0));
    case "log": return fn("ln", o.arg(0));
    case "sin": return fn("sin", o.arg(0));
    case "cos": return fn("cos", o.arg(0));
    case "tanh": return fn("tanh", o.arg(0));
    case "sigmoid": return `σ(${o.term(0)})`;
    case "relu": return `relu(${o.term(0)})`;
    case "sqrt": return `√${o.arg(0)}`;
    case "abs": return `|${o.term(0)}|`;
    default: return op;
  }
}

/**
 * The local partial ∂vᵢ/∂v_k of input k, as text. `constExponent` is pow's exponent when it
 * is a constant (then only the base has a partial).
 */
export function partial(op: OpName, k: number, o: Operands, constExponent?: number): PartialText {
  switch (op) {
    case "add": case "sum": return one;
    case "sub": return k === 0 ? one : minusOne;
    case "neg": return minusOne;
    case "mul": return times(o.arg(1 - k));
    case "dot": return times(o.arg(k % 2 === 0 ? k + 1 : k - 1));
    case "div": return k === 0 ? over(o.arg(1)) : times(`(−${o.arg(0)}/${o.arg(1)}²)`);
    case "pow": return powPartial(k, o, constExponent);
    case "exp": return times(o.self);
    case "log": return over(o.arg(0));
    case "sin": return times(fn("cos", o.arg(0)));
    case "cos": return times(`(−${fn("sin", o.arg(0))})`);
    case "tanh": return times(`(1 − ${o.self}²)`);
    case "sigmoid": return times(`${o.self} × (1 − ${o.self})`);
    case "relu": return times(`[${o.term(0)} > 0]`);
    case "sqrt": return over(`(2 × ${o.self})`);
    case "abs": return times(fn("sign", o.arg(0)));
    default: return one;
  }
}

function powPartial(k: number, o: Operands, c?: number): PartialText {
  if (k === 1) return times(`${o.self} × ${fn("ln", o.arg(0))}`); // ∂aᵇ/∂b = aᵇ ln a
  if (c === undefined) return times(`${o.arg(1)} × ${o.arg(0)}^(${o.term(1)} − 1)`);
  if (c === 1) return one;
  if (c === 2) return times(`2 × ${o.arg(0)}`);
  // Negative numbers are parenthesised as factors: v̄₁ × (−1) × v₀^(−2), never v̄₁ × −1 × ….
  const e = c - 1 < 0 ? `(${formatNumber(c - 1)})` : formatNumber(c - 1);
  const coefficient = c < 0 ? `(${formatNumber(c)})` : formatNumber(c);
  return times(`${coefficient} × ${o.arg(0)}^${e}`);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
