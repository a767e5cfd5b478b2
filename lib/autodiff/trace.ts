/**
 * Evaluation traces laid out like Baydin et al. 2018, Tables 2 and 3 (the NN optimization slides,
 * "Auto-differentiation"): the forward primal trace, the forward tangent trace for one input
 * direction, and the reverse adjoint trace.
 *
 * Naming follows the paper: n inputs are v₁₋ₙ … v₀, the computed nodes v₁, v₂, … in creation
 * order (constants are not numbered; they print as numbers), the output is y (or, when an
 * input is already called y, the first of f, z, out that no input uses; the titles then say
 * so). Adjoint rows come in execution order, from v̄_y = ȳ = 1 back to the inputs; a node
 * feeding several others first gets "=", then "+=" rows, the running total after the arrow.
 * A computed node the output does not depend on is marked "(unused)" in the primal and
 * tangent tables and has no adjoint rows (its adjoint is 0 and contributes nothing).
 *
 * `trace(f, point)` returns a {@link Trace}: print it (`console.log`, or the last line of a
 * cell) for aligned text, or `.show()` it for an HTML table with a text alternative.
 */
import { Tape, withTape } from "./tape";
import { Value } from "./value";
import { checkArity, checkReturned } from "./check-fn";
import { OP, OP_NAMES, isLeafOp } from "./ops";
import { expression, partial, type Operands, type PartialText } from "./notation";
import { formatNumber, prettyLabel, alignColumns, htmlTable } from "./format";
import { displayBundle, type MimeBundle } from "../plot/display";

/** Options of {@link trace}. */
export interface TraceOptions {
  /**
   * The tangent direction ẋ: an input name (ẋ = that unit vector) or tangents by name
   * (missing names get 0). Default: the first input's unit vector, as in Baydin Table 2 (ẋ₁ = 1).
   */
  direction?: string | Record<string, number>;
  /** Decimals printed (default 3, as in the paper). Row values keep full precision. */
  digits?: number;
  /**
   * The output's name in the tables. Default: the output's label if it has one, else y; if an
   * input already has that name, the first of f, z, out that no input has.
   */
  output?: string;
}

/** One line of a trace table. */
export interface TraceRow {
  /** Left-hand side: "v₂", "v̇₂", "v̄₀", "y", "ẏ", "x̄₁". */
  target: string;
  /** "=" or, for a later contribution to an adjoint, "+=". */
  assign: "=" | "+=";
  /** Adjoint rows only: the chain-rule factor, e.g. "v̄₂ ∂v₂/∂v₀". */
  chain?: string;
  /** The formula in node names, e.g. "v₋₁ × v₀". */
  formula: string;
  /** The formula with numbers substituted, e.g. "2 × 5" ("" when it would repeat the value). */
  numbers: string;
  /** The row's number: a primal value, a tangent, or an adjoint contribution. */
  value: number;
  /** "+=" rows: the adjoint after adding this contribution. */
  total?: number;
  /** Tape index of the node the row is about. */
  node: number;
  /** A remark printed after the row, e.g. "(unused)" for a node the output does not depend on. */
  note?: string;
}

/** One of the three tables: a title and its rows, printable as text or HTML. */
export class TraceTable {
  constructor(
    readonly title: string,
    readonly rows: readonly TraceRow[],
    private readonly digits = 3,
  ) {}

  private cells(r: TraceRow): string[] {
    const f = (x: number) => formatNumber(x, this.digits);
    const chain = r.chain === undefined ? [] : [r.chain, "="];
    const numbers = r.numbers === "" ? ["", ""] : [r.numbers, "="];
    const total = r.total === undefined ? [] : ["→", f(r.total)];
    return [r.target, r.assign, ...chain, r.formula, "=", ...numbers, f(r.value), ...total];
  }

  /** The table as a grid of cells (every row the same length) and its right-aligned columns. */
  grid(): { cells: string[][]; right: number[] } {
    const rows = this.rows.map((r) => this.cells(r));
    const width = Math.max(...rows.map((r) => r.length));
    const padded = rows.map((r) => [...r.slice(0, -1), ...Array(width - r.length).fill(""), r[r.length - 1]]);
    const hasTotal = this.rows.some((r) => r.total !== undefined);
    const fixed = fixTotals(padded, this.rows);
    const cells = this.rows.some((r) => r.note !== undefined) ? fixed.map((c, i) => [...c, this.rows[i].note ?? ""]) : fixed;
    return { cells, right: hasTotal ? [width - 3, width - 1] : [width - 1] };
  }

  /** Aligned plain text, one row per line, under the title. */
  toString(): string {
    const { cells, right } = this.grid();
    return `${this.title}\n${alignColumns(cells, right)}`;
  }

  /** An HTML table with the title as caption, the same cells as the text, at 14 px ({@link htmlTable}). */
  toHTML(): string {
    const { cells, right } = this.grid();
    return htmlTable(cells, { caption: this.title, right });
  }

  /** Shows this one table in the notebook (HTML with a text/plain alternative); prints it outside a kernel. */
  show(): void {
    displayBundle({ "text/html": this.toHTML(), "text/plain": this.toString() });
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** Rows without a total keep their value in the value column (not under the total). */
function fixTotals(padded: string[][], rows: readonly TraceRow[]): string[][] {
  if (!rows.some((r) => r.total !== undefined)) return padded;
  return padded.map((cells, i) => {
    if (rows[i].total !== undefined) return cells;
    const w = cells.length;
    return [...cells.slice(0, w - 3), cells[w - 1], "", ""];
  });
}

/** The three traces of one function at one point. Print it, or `.show()` it in a notebook. */
export class Trace {
  constructor(
    /** The output node y (on the trace's own tape); draw the trace with `drawGraph(trace)` (the picture for notebooks). */
    readonly output: Value,
    /** The input nodes, in the order of the point's keys. */
    readonly inputs: readonly Value[],
    /** Input names (the point's keys). */
    readonly names: readonly string[],
    /** The tangent direction ẋ used by the tangent trace. */
    readonly direction: readonly number[],
    /** Forward primal trace (Baydin Table 2, left). */
    readonly primal: TraceTable,
    /** Forward tangent trace (Baydin Table 2, right). */
    readonly tangent: TraceTable,
    /** Reverse adjoint trace (Baydin Table 3, right), in execution order. */
    readonly adjoint: TraceTable,
    /** The trace's name of every node up to the output (v₋₁, v₀, v₁, …; constants have none). */
    readonly nodeNames: ReadonlyMap<number, string>,
  ) {}

  /** y = f(x). */
  get value(): number {
    return this.output.data;
  }

  /** ∇f(x) by reverse mode: x̄ᵢ in the order of `names`. */
  get gradient(): number[] {
    return this.inputs.map((x) => x.grad);
  }

  /** ẏ = ∇f(x)·ẋ from the tangent trace. */
  get directional(): number {
    return this.output.tangent;
  }

  /** The three tables as aligned plain text. */
  toString(): string {
    return [this.primal, this.tangent, this.adjoint].map((t) => t.toString()).join("\n\n");
  }

  /** The three tables as HTML. */
  toHTML(): string {
    return `<div>\n${[this.primal, this.tangent, this.adjoint].map((t) => t.toHTML()).join("\n")}\n</div>`;
  }

  /** HTML with a plain-text alternative (for `display` in `lib/plot/display`). */
  mimeBundle(): MimeBundle {
    return { "text/html": this.toHTML(), "text/plain": this.toString() };
  }

  /** Shows the tables as one notebook output (HTML + text); prints the text outside a kernel. */
  show(): void {
    displayBundle(this.mimeBundle());
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * Runs `f` on fresh inputs named by `point`'s keys (in key order, as positional arguments)
 * and builds the primal, tangent and adjoint traces.
 * @example
 * trace((x1, x2) => log(x1).add(x1.mul(x2)).sub(sin(x2)), { x1: 2, x2: 5 })
 */
export function trace(f: (...xs: Value[]) => Value, point: Record<string, number>, options: TraceOptions = {}): Trace {
  const names = Object.keys(point);
  if (names.length === 0) throw new RangeError("trace: the point has no inputs. Pass e.g. { x1: 2, x2: 5 }.");
  checkArity("trace", f, names);
  const direction = directionVector(names, options.direction);
  const digits = options.digits ?? 3;
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError(`trace: digits must be a whole number from 0 to 20, got ${String(digits)}.`);
  }
  const tape = new Tape();
  const inputs = names.map((n) => tape.input(point[n], n));
  const out = checkReturned("trace", withTape(tape, () => f(...inputs)), tape);
  out.backward();
  tape.jvp(inputs.map((x, k) => [x, direction[k]] as const));
  const ctx = new TraceContext(tape, inputs, out, digits, outputName(names, out, options.output));
  return new Trace(out, inputs, names, direction, ctx.primalTable(), ctx.tangentTable(), ctx.adjointTable(), ctx.name);
}

/** The output's name: the caller's, else its label, else y, f, z or out, whichever no input has. */
function outputName(names: readonly string[], out: Value, wanted: string | undefined): string {
  const taken = new Set(names.flatMap((n) => [n, prettyLabel(n)]));
  if (wanted !== undefined) {
    if (typeof wanted !== "string" || wanted.trim() === "") throw new TypeError(`trace: output must be a non-empty name, got ${String(wanted)}.`);
    if (taken.has(wanted) || taken.has(prettyLabel(wanted))) {
      throw new RangeError(`trace: the output name "${wanted}" is also an input's name; inputs are ${names.join(", ")}. Choose another name.`);
    }
    return prettyLabel(wanted);
  }
  const label = out.label;
  if (label !== undefined && label !== "" && !taken.has(label) && !taken.has(prettyLabel(label))) return prettyLabel(label);
  return ["y", "f", "z", "out", "output"].find((n) => !taken.has(n)) ?? "y′";
}

function directionVector(names: readonly string[], d: TraceOptions["direction"]): number[] {
  if (d === undefined) return names.map((_, k) => (k === 0 ? 1 : 0));
  if (typeof d === "string") {
    if (!names.includes(d)) throw new RangeError(`trace: direction "${d}" is not an input; inputs are ${names.join(", ")}.`);
    return names.map((n) => (n === d ? 1 : 0));
  }
  if (typeof d !== "object" || d === null || Array.isArray(d)) {
    throw new TypeError(`trace: direction must be an input name or tangents by name such as { ${names[0]}: 1 }, got ${String(d)}.`);
  }
  for (const k of Object.keys(d)) {
    if (!names.includes(k)) throw new RangeError(`trace: direction names "${k}", which is not an input; inputs are ${names.join(", ")}.`);
  }
  return names.map((n) => {
    const t = d[n] ?? 0;
    if (typeof t !== "number" || !Number.isFinite(t)) {
      throw new RangeError(`trace: direction.${n} must be a finite number, got ${String(t)}.`);
    }
    return t;
  });
}

const DOT = "\u0307", BAR = "\u0304";

/** Puts a combining mark on a name's letter part: ("v₋₁", dot) → "v̇₋₁", ("x₁", bar) → "x̄₁". */
function accent(name: string, mark: string): string {
  const m = /^(.*?)([₀-₉₋]*)$/u.exec(name);
  const [base, sub] = m ? [m[1], m[2]] : [name, ""];
  return base + mark + sub;
}

/** Names the nodes and renders the rows of the three tables. */
class TraceContext {
  readonly name = new Map<number, string>();
  /** used[i] = 1 if the output depends on node i (or is node i). */
  private readonly used: Uint8Array;

  constructor(
    private readonly tape: Tape,
    private readonly inputs: readonly Value[],
    private readonly out: Value,
    private readonly digits: number,
    private readonly outName: string,
  ) {
    const n = inputs.length;
    inputs.forEach((x, k) => this.name.set(x.id, `v${subscriptOf(k - (n - 1))}`));
    let next = 1;
    for (let i = 0; i <= out.id; i++) if (!isLeafOp(tape.ops[i])) this.name.set(i, `v${subscriptOf(next++)}`);
    this.used = new Uint8Array(out.id + 1);
    this.used[out.id] = 1;
    for (let i = out.id; i >= 0; i--) if (this.used[i]) for (const j of tape.inputsOf(i)) this.used[j] = 1;
  }

  /** The titles say the output's name when it is not the paper's y. */
  title(base: string): string {
    if (this.outName === "y") return base;
    const clash = this.inputs.some((x) => x.label === "y");
    return `${base} (output ${this.outName}${clash ? ", since an input is called y" : ""})`;
  }

  /** The note of a computed node the output does not depend on. */
  private note(i: number): { note?: string } {
    return this.used[i] ? {} : { note: `(unused: ${this.outName} does not depend on it)` };
  }

  private fmt(x: number): string {
    return formatNumber(x, this.digits);
  }

  /** Computed nodes up to the output, in creation order. */
  private computed(): number[] {
    const ids: number[] = [];
    for (let i = 0; i <= this.out.id; i++) if (this.name.has(i) && !isLeafOp(this.tape.ops[i])) ids.push(i);
    return ids;
  }

  private operands(i: number, numbers: boolean): Operands {
    const t = this.tape, srcs = t.inputsOf(i);
    const isNumber = (k: number) => numbers || !this.name.has(srcs[k]);
    const val = (k: number) => t.values[srcs[k]];
    const text = (k: number) => (isNumber(k) ? this.fmt(val(k)) : (this.name.get(srcs[k]) as string));
    const negative = (k: number) => isNumber(k) && text(k).startsWith("−");
    const self = numbers ? this.fmt(t.values[i]) : (this.name.get(i) as string);
    return {
      count: srcs.length,
      arg: (k) => (negative(k) ? `(${text(k)})` : text(k)),
      term: text,
      negative,
      magnitude: (k) => (negative(k) ? this.fmt(-val(k)) : text(k)),
      self: self.startsWith("−") ? `(${self})` : self,
    };
  }

  private partialOf(i: number, k: number, numbers: boolean): PartialText {
    const t = this.tape, op = OP_NAMES[t.ops[i]];
    const srcs = t.inputsOf(i);
    const c = op === "pow" && t.ops[srcs[1]] === OP.const ? t.values[srcs[1]] : undefined;
    return partial(op, k, this.operands(i, numbers), c);
  }

  /** Edges of node i whose input is named (not a constant): [k, input index]. */
  private namedEdges(i: number): [number, number][] {
    return this.tape.inputsOf(i).map((j, k) => [k, j] as [number, number]).filter(([, j]) => this.name.has(j));
  }

  primalTable(): TraceTable {
    const t = this.tape, rows: TraceRow[] = [];
    for (const x of this.inputs) {
      rows.push({ target: this.name.get(x.id) as string, assign: "=", formula: prettyLabel(x.label ?? ""), numbers: "", value: x.data, node: x.id });
    }
    for (const i of this.computed()) {
      const op = OP_NAMES[t.ops[i]];
      rows.push({
        target: this.name.get(i) as string, assign: "=",
        formula: expression(op, this.operands(i, false)),
        numbers: expression(op, this.operands(i, true)),
        value: t.values[i], node: i, ...this.note(i),
      });
    }
    rows.push({ target: this.outName, assign: "=", formula: this.name.get(this.out.id) ?? this.fmt(this.out.data), numbers: "", value: this.out.data, node: this.out.id });
    return new TraceTable(this.title("Forward primal trace"), rows, this.digits);
  }

  tangentTable(): TraceTable {
    const t = this.tape, rows: TraceRow[] = [];
    for (const x of this.inputs) {
      rows.push({ target: accent(this.name.get(x.id) as string, DOT), assign: "=", formula: accent(prettyLabel(x.label ?? ""), DOT), numbers: "", value: x.tangent, node: x.id });
    }
    for (const i of this.computed()) {
      const edges = this.namedEdges(i);
      const combine = (numbers: boolean) =>
        linearCombination(edges.map(([k, j]) => ({
          seed: numbers ? this.seedNumber(t.tangents[j]) : this.seedName(accent(this.name.get(j) as string, DOT)),
          p: this.partialOf(i, k, numbers),
        })));
      rows.push({ target: accent(this.name.get(i) as string, DOT), assign: "=", formula: combine(false), numbers: combine(true), value: t.tangents[i], node: i, ...this.note(i) });
    }
    rows.push({ target: accent(this.outName, DOT), assign: "=", formula: accent(this.name.get(this.out.id) ?? "0", DOT), numbers: "", value: this.out.tangent, node: this.out.id });
    return new TraceTable(this.title("Forward tangent trace"), rows, this.digits);
  }

  adjointTable(): TraceTable {
    const t = this.tape, rows: TraceRow[] = [];
    const adj = new Float64Array(t.length), seen = new Set<number>([this.out.id]);
    adj[this.out.id] = 1;
    const bar = (i: number) => accent(this.name.get(i) as string, BAR);
    if (this.name.has(this.out.id)) {
      rows.push({ target: bar(this.out.id), assign: "=", formula: accent(this.outName, BAR), numbers: "", value: 1, node: this.out.id });
    }
    for (const i of this.computed().reverse()) {
      if (!this.used[i]) continue; // its adjoint is 0: rows "… = 0 × 7.389 = 0" would only be noise
      const partials = t.partialsOf(i);
      for (const [k, j] of this.namedEdges(i)) {
        const contribution = adj[i] * partials[k];
        const assign = seen.has(j) ? "+=" : "=";
        adj[j] += contribution;
        seen.add(j);
        rows.push({
          target: bar(j), assign,
          chain: `${bar(i)} ∂${this.name.get(i)}/∂${this.name.get(j)}`,
          formula: adjointTerm(this.seedName(bar(i)), this.partialOf(i, k, false)),
          numbers: adjointTerm(this.seedNumber(adj[i]), this.partialOf(i, k, true)),
          value: contribution,
          ...(assign === "+=" ? { total: adj[j] } : {}),
          node: j,
        });
      }
    }
    for (const x of this.inputs) {
      rows.push({ target: accent(prettyLabel(x.label ?? ""), BAR), assign: "=", formula: bar(x.id), numbers: "", value: adj[x.id], node: x.id });
    }
    return new TraceTable(this.title("Reverse adjoint trace"), rows, this.digits);
  }

  private seedName(name: string): Seed {
    return { term: name, factor: name, negative: false, magnitude: name };
  }

  private seedNumber(x: number): Seed {
    const s = this.fmt(x), negative = s.startsWith("−");
    return { term: s, factor: negative ? `(${s})` : s, negative, magnitude: negative ? this.fmt(-x) : s };
  }
}

/** A tangent or adjoint as it enters a formula: by name (v̇₀) or by number. */
interface Seed {
  term: string;
  factor: string;
  negative: boolean;
  magnitude: string;
}

/** Σⱼ v̇ⱼ·∂vᵢ/∂vⱼ as text: "v̇₋₁ × v₀ + v̇₀ × v₋₁", "v̇₄ − v̇₃", "1/2". */
function linearCombination(terms: { seed: Seed; p: PartialText }[]): string {
  if (terms.length === 0) return "0";
  return terms
    .map(({ seed, p }, n) => {
      const first = n === 0;
      switch (p.kind) {
        case "one": return first ? seed.term : seed.negative ? ` − ${seed.magnitude}` : ` + ${seed.term}`;
        case "minusOne": return first ? `−${seed.factor}` : seed.negative ? ` + ${seed.magnitude}` : ` − ${seed.term}`;
        case "times": return `${first ? "" : " + "}${seed.factor} × ${p.text}`;
        case "over": return `${first ? "" : " + "}${seed.factor}/${p.text}`;
      }
    })
    .join("");
}

/** v̄ᵢ·∂vᵢ/∂vⱼ as text, as Baydin writes it: "v̄₅ × 1", "v̄₅ × (−1)", "v̄₁/v₋₁", "v̄₃ × cos v₀". */
function adjointTerm(seed: Seed, p: PartialText): string {
  switch (p.kind) {
    case "one": return `${seed.factor} × 1`;
    case "minusOne": return `${seed.factor} × (−1)`;
    case "times": return `${seed.factor} × ${p.text}`;
    case "over": return `${seed.factor}/${p.text}`;
  }
}

function subscriptOf(n: number): string {
  return String(n).replace(/-/g, "₋").replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[Number(d)]);
}
