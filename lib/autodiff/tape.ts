/**
 * The tape: every scalar node of a computation, recorded in creation order.
 *
 * Creation order is already a topological order (a node can only use nodes that exist), so
 * the reverse pass is a plain loop from the output down to index 0: no recursion, no sort,
 * and the same order on every run (micrograd's recursive, set-based sort has neither
 * property; GUIDE §5). One structure serves the three passes of seed 004 and Baydin et al.
 * 2018 (Tables 2–3): the primal values, the tangents (forward mode) and the adjoints
 * (reverse mode).
 *
 * Storage is struct-of-arrays: node i has `values[i]`, `grads[i]`, `ops[i]`, and its ordered
 * input edges `firstEdge[i] … firstEdge[i+1]−1`, each edge e holding the input's index
 * `edgeSrc[e]` and the local partial ∂vᵢ/∂v_src in `edgePartial[e]`. Partials are computed
 * when the node is created (a "linearised" tape), so
 *
 *   reverse:  v̄_src += v̄ᵢ · ∂vᵢ/∂v_src   for i = out … 0, for each edge of i
 *   forward:  v̇ᵢ = Σ_edges ∂vᵢ/∂v_src · v̇_src   for i = 0 … length−1
 *
 * are both one multiply-add per edge. `Value` objects are thin handles (tape, index, epoch).
 *
 * **Scoping.** Free functions such as `value(2, "x1")` put nodes on the *current* tape, a
 * default tape unless {@link withTape} selected another. Numbers mixed into an operation
 * become constant nodes on the tape of the `Value` operand. Memory grows with every node, so a
 * training loop creates its parameters first, takes `const m = tape.mark()`, and calls
 * `tape.rewind(m)` at the start of every step: the parameters survive, the step's graph is
 * dropped and its storage reused. `tape.reset()` drops everything, `tape.free()` also
 * releases the storage. Using a dropped node afterwards throws {@link AutodiffTapeError}.
 */
import { Value } from "./value";
import { OP, OP_NAMES, isLeafOp, type OpName } from "./ops";
import { AutodiffNaNError, AutodiffTapeError } from "./errors";

/** Options for `new Tape(...)`. */
export interface TapeOptions {
  /**
   * Let IEEE 754 results through (log 0 = −Infinity, 0/0 = NaN, ...) instead of throwing
   * `AutodiffDomainError` / `AutodiffNaNError`. Default false: every value, local partial,
   * tangent and adjoint is checked to be finite.
   */
  ieee?: boolean;
  /** Initial room for this many nodes (grows by doubling). Default 1024. */
  capacity?: number;
}

/** Options for `backward`. */
export interface BackwardOptions {
  /**
   * Add this pass's gradient to the inputs' current `.grad` instead of replacing it
   * (PyTorch's behaviour, useful to sum the gradients of several losses). Default false:
   * every `.grad` on the tape is reset first, so calling `backward()` twice gives the same
   * gradients (micrograd doubles them). Intermediate nodes always get this pass's adjoint.
   */
  accumulate?: boolean;
}

/** Counts of the last reverse pass: nodes visited and edges visited (one multiply-add each). */
export interface PassCounts {
  nodes: number;
  edges: number;
}

const EMPTY_F64 = new Float64Array(0);

/** A growable, linearised record of scalar operations. See the module comment. */
export class Tape {
  /** True if IEEE mode is on (no domain or NaN checks). */
  readonly ieee: boolean;
  /** Number of nodes recorded. */
  length = 0;
  /** Number of edges recorded. */
  edgeCount = 0;
  /** Primal values v, by node index. Storage: read through `Value.data`. */
  values: Float64Array;
  /** Adjoints v̄ = ∂out/∂v of the last backward pass, by node index. */
  grads: Float64Array;
  /** Tangents v̇ of the last forward-mode pass (allocated by the first one). */
  tangents: Float64Array = EMPTY_F64;
  /** Op code by node index (see `OP`). */
  ops: Uint8Array;
  /** Node i's edges are firstEdge[i] … firstEdge[i+1]−1. Always firstEdge[length] = edgeCount. */
  firstEdge: Int32Array;
  /** Input node index of every edge. */
  edgeSrc: Int32Array;
  /** Local partial ∂v_node/∂v_src of every edge (0 when the input is a constant). */
  edgePartial: Float64Array;
  /**
   * The epoch each slot was written in. A `Value` remembers its node's epoch; every rewind
   * starts a new epoch, so a handle to a dropped node no longer matches its slot, while nodes
   * kept below the mark still do. (The tape keeps no handle objects: intermediate handles the
   * program drops are garbage at once, which keeps big graphs cheap for the GC.)
   */
  epochs: Int32Array;
  private epoch = 0;
  /** Counts of the last reverse pass. */
  readonly lastBackward: PassCounts = { nodes: 0, edges: 0 };
  private readonly labels = new Map<number, string>();
  private freed = false;

  constructor(options: TapeOptions = {}) {
    this.ieee = options.ieee ?? false;
    const cap = Math.max(16, Math.floor(options.capacity ?? 1024));
    this.values = new Float64Array(cap);
    this.grads = new Float64Array(cap);
    this.ops = new Uint8Array(cap);
    this.firstEdge = new Int32Array(cap + 1);
    this.epochs = new Int32Array(cap);
    this.edgeSrc = new Int32Array(2 * cap);
    this.edgePartial = new Float64Array(2 * cap);
  }

  // ---- creating nodes -------------------------------------------------------------------

  /** A new input (a variable we differentiate with respect to), e.g. `tape.input(2, "x1")`. */
  input(x: number, label?: string): Value {
    return this.leaf(OP.input, x, label);
  }

  /** A new constant: part of the graph, but never differentiated (its grad stays 0). */
  constant(x: number, label?: string): Value {
    return this.leaf(OP.const, x, label);
  }

  /** `v` itself if it is a live node of this tape, or a new constant if it is a number. */
  operand(v: Value | number): Value {
    if (typeof v === "number") return this.leaf(OP.const, v, undefined);
    this.check(v);
    return v;
  }

  /** Throws unless `v` is a live node of this tape; returns its index. */
  check(v: Value): number {
    if (v.tape === this && v.id < this.length && this.epochs[v.id] === v.epoch) return v.id;
    if (v.tape !== this) {
      throw new AutodiffTapeError(
        `${this.describe(v.id)}: this node lives on another tape. Build every operand of an expression on the same tape (see withTape).`,
      );
    }
    throw new AutodiffTapeError(
      this.freed
        ? `node #${v.id}: its tape was freed. Create new inputs on a live tape.`
        : `node #${v.id}: it was dropped by tape.reset() or tape.rewind(). Rebuild the expression after resetting the tape.`,
    );
  }

  /** True if `v` is a live node of this tape. */
  isLive(v: Value): boolean {
    return v.tape === this && v.id < this.length && this.epochs[v.id] === v.epoch;
  }

  /** A handle to live node i (handles are interchangeable: compare them by `id`). */
  node(i: number): Value {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) {
      throw new RangeError(`tape.node: index must be an integer in [0, ${this.length - 1}], got ${i}.`);
    }
    return new Value(this, i, this.epochs[i]);
  }

  private leaf(op: number, x: number, label: string | undefined): Value {
    if (typeof x !== "number") {
      throw new TypeError(`${OP_NAMES[op]}: expected a number, got ${typeof x}. Pass a plain JavaScript number.`);
    }
    const id = this.beginNode(op, 0);
    if (!this.ieee && !Number.isFinite(x)) {
      const where = `#${id} (${OP_NAMES[op]})`;
      throw new AutodiffNaNError("forward", id, label === undefined ? where : `"${label}" ${where}`, x);
    }
    this.values[id] = x;
    if (label !== undefined) this.labels.set(id, label);
    return this.endNode(id);
  }

  /** Records a node with one input `a` (checked by the caller), value `x`, partial `pa`. */
  push1(op: number, a: number, x: number, pa: number): Value {
    const id = this.beginNode(op, 1);
    const e = this.edgeCount;
    this.edgeSrc[e] = a;
    this.edgePartial[e] = this.ops[a] === OP.const ? 0 : pa;
    this.edgeCount = e + 1;
    this.values[id] = x;
    if (!this.ieee) this.checkFinite(id, op, x, pa, 0);
    return this.endNode(id);
  }

  /** Records a node with inputs `a`, `b` (checked by the caller), value `x`, partials `pa`, `pb`. */
  push2(op: number, a: number, b: number, x: number, pa: number, pb: number): Value {
    const id = this.beginNode(op, 2);
    const e = this.edgeCount;
    const ops = this.ops;
    this.edgeSrc[e] = a;
    this.edgePartial[e] = ops[a] === OP.const ? 0 : pa;
    this.edgeSrc[e + 1] = b;
    this.edgePartial[e + 1] = ops[b] === OP.const ? 0 : pb;
    this.edgeCount = e + 2;
    this.values[id] = x;
    if (!this.ieee) this.checkFinite(id, op, x, pa, pb);
    return this.endNode(id);
  }

  /** Records a node with any number of inputs (indices already checked) and their partials. */
  pushN(op: number, inputs: ArrayLike<number>, x: number, partials: ArrayLike<number>): Value {
    const k = inputs.length;
    const id = this.beginNode(op, k);
    const e0 = this.edgeCount;
    for (let j = 0; j < k; j++) {
      const a = inputs[j];
      this.edgeSrc[e0 + j] = a;
      this.edgePartial[e0 + j] = this.ops[a] === OP.const ? 0 : partials[j];
      if (!this.ieee) this.checkFinite(id, op, x, partials[j], 0);
    }
    this.edgeCount = e0 + k;
    this.values[id] = x;
    if (!this.ieee) this.checkFinite(id, op, x, 0, 0);
    return this.endNode(id);
  }

  private beginNode(op: number, edges: number): number {
    if (this.freed) throw new AutodiffTapeError("this tape was freed. Create a new Tape().");
    const id = this.length;
    if (id === this.ops.length) this.growNodes();
    if (this.edgeCount + edges > this.edgeSrc.length) this.growEdges(this.edgeCount + edges);
    this.ops[id] = op;
    return id;
  }

  private endNode(id: number): Value {
    this.epochs[id] = this.epoch;
    // A slot freed by rewind() keeps its old adjoint/tangent; a new node starts from 0.
    this.grads[id] = 0;
    if (id < this.tangents.length) this.tangents[id] = 0;
    this.length = id + 1;
    this.firstEdge[id + 1] = this.edgeCount;
    return new Value(this, id, this.epoch);
  }

  private checkFinite(id: number, op: number, x: number, pa: number, pb: number): void {
    const bad = !Number.isFinite(x) ? x : !Number.isFinite(pa) ? pa : !Number.isFinite(pb) ? pb : 0;
    if (bad === 0) return;
    this.edgeCount = this.firstEdge[id]; // forget the half-built node's edges
    throw new AutodiffNaNError("forward", id, this.describe(id, op), bad);
  }

  private growNodes(): void {
    const cap = this.ops.length * 2;
    this.values = grow(this.values, cap);
    this.grads = grow(this.grads, cap);
    if (this.tangents.length > 0) this.tangents = grow(this.tangents, cap);
    this.ops = grow(this.ops, cap);
    this.firstEdge = grow(this.firstEdge, cap + 1);
    this.epochs = grow(this.epochs, cap);
  }

  private growEdges(needed: number): void {
    let cap = this.edgeSrc.length * 2;
    while (cap < needed) cap *= 2;
    this.edgeSrc = grow(this.edgeSrc, cap);
    this.edgePartial = grow(this.edgePartial, cap);
  }

  // ---- passes -----------------------------------------------------------------------------

  /**
   * Reverse mode (seed 004, "Reverse Mode of Automatic Differentiation"; Baydin Table 3):
   * sets `grads[i] = ∂out/∂vᵢ` for every node, by
   * v̄_out = 1, then for i = out, out−1, …, 0 and each edge (i ← j): v̄ⱼ += v̄ᵢ · ∂vᵢ/∂vⱼ.
   * Any live node can be `out`: every node is a scalar, and nodes created after it get
   * grad 0 because `out` does not depend on them. Cost: one multiply-add per edge, O(V+E).
   */
  backward(out: Value, options: BackwardOptions = {}): void {
    const o = this.check(out);
    const g = this.grads, ops = this.ops;
    if (options.accumulate) {
      for (let i = 0; i < this.length; i++) if (!isLeafOp(ops[i])) g[i] = 0;
    } else {
      g.fill(0, 0, this.length);
    }
    g[o] += 1;
    const src = this.edgeSrc, partial = this.edgePartial, first = this.firstEdge;
    const strict = !this.ieee;
    for (let i = o; i >= 0; i--) {
      const gi = g[i];
      if (strict && !Number.isFinite(gi)) throw new AutodiffNaNError("backward", i, this.describe(i), gi);
      for (let e = first[i], end = first[i + 1]; e < end; e++) g[src[e]] += gi * partial[e];
    }
    this.lastBackward.nodes = o + 1;
    this.lastBackward.edges = first[o + 1];
  }

  /**
   * Forward mode (Baydin Table 2, right): sets `tangents[i] = v̇ᵢ = Σⱼ ∂vᵢ/∂vⱼ · v̇ⱼ` for
   * every node in creation order, starting from the given input tangents (other inputs and
   * constants get 0). One pass gives the directional derivative ∇f·ẋ of every node.
   * @param seeds pairs [input node, its tangent ẋ]
   */
  jvp(seeds: Iterable<readonly [Value, number]>): void {
    if (this.tangents.length < this.ops.length) this.tangents = new Float64Array(this.ops.length);
    const t = this.tangents, ops = this.ops;
    t.fill(0, 0, this.length);
    for (const [v, s] of seeds) {
      const i = this.check(v);
      if (ops[i] !== OP.input) {
        throw new AutodiffTapeError(`jvp: seed tangents go on inputs, but ${this.describe(i)} is a ${OP_NAMES[ops[i]]} node.`);
      }
      t[i] = s;
    }
    const src = this.edgeSrc, partial = this.edgePartial, first = this.firstEdge;
    const strict = !this.ieee;
    for (let i = 0; i < this.length; i++) {
      if (isLeafOp(ops[i])) continue;
      let s = 0;
      for (let e = first[i], end = first[i + 1]; e < end; e++) s += partial[e] * t[src[e]];
      if (strict && !Number.isFinite(s)) throw new AutodiffNaNError("tangent", i, this.describe(i), s);
      t[i] = s;
    }
  }

  // ---- lifetime ---------------------------------------------------------------------------

  /** The current length, to pass to {@link rewind} later. */
  mark(): number {
    return this.length;
  }

  /** Drops every node created after `mark` (from {@link mark}); earlier nodes stay valid. */
  rewind(mark: number): void {
    if (!Number.isInteger(mark) || mark < 0 || mark > this.length) {
      throw new RangeError(`tape.rewind: mark must be an integer in [0, ${this.length}], got ${mark}. Use tape.mark().`);
    }
    this.length = mark;
    this.edgeCount = this.firstEdge[mark];
    this.epoch++;
    for (const id of this.labels.keys()) if (id >= mark) this.labels.delete(id);
  }

  /** Drops every node (storage is kept for reuse). Old `Value`s then throw when used. */
  reset(): void {
    this.rewind(0);
  }

  /** Drops every node and releases the storage; the tape cannot be used afterwards. */
  free(): void {
    this.reset();
    this.freed = true;
    this.values = this.grads = this.tangents = this.edgePartial = EMPTY_F64;
    this.ops = new Uint8Array(0);
    this.epochs = new Int32Array(0);
    this.firstEdge = new Int32Array(1);
    this.edgeSrc = new Int32Array(0);
  }

  // ---- inspection (for traces, pictures and cost accounting) ------------------------------

  /** The op name of node i. */
  opName(i: number): OpName {
    return OP_NAMES[this.ops[i]];
  }

  /** The input indices of node i, in order, duplicates kept (`a+a` lists a twice). */
  inputsOf(i: number): number[] {
    return Array.from(this.edgeSrc.subarray(this.firstEdge[i], this.firstEdge[i + 1]));
  }

  /** The local partials ∂vᵢ/∂v_input of node i, in the order of {@link inputsOf}. */
  partialsOf(i: number): number[] {
    return Array.from(this.edgePartial.subarray(this.firstEdge[i], this.firstEdge[i + 1]));
  }

  /** The label of node i, or undefined. */
  labelOf(i: number): string | undefined {
    return this.labels.get(i);
  }

  /** Sets (or with undefined, clears) the label of node i. */
  setLabel(i: number, label: string | undefined): void {
    if (label === undefined) this.labels.delete(i);
    else this.labels.set(i, label);
  }

  /** How error messages name node i: `"x1" (#0 input)` or `#7 (mul)`. */
  describe(i: number, op = this.ops[i]): string {
    const label = i < this.length ? this.labels.get(i) : undefined;
    const where = `#${i} (${OP_NAMES[op] ?? "?"})`;
    return label === undefined ? where : `"${label}" ${where}`;
  }

  /** A short summary for console.log / tslab. */
  toString(): string {
    return `Tape(${this.length} nodes, ${this.edgeCount} edges${this.ieee ? ", ieee" : ""}${this.freed ? ", freed" : ""})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

let current = new Tape();

/** The tape that free functions such as `value(2, "x1")` record on. */
export function currentTape(): Tape {
  return current;
}

/**
 * Runs `fn` with `tape` as the current tape (restored afterwards, even on error).
 * @example withTape(new Tape(), () => value(2).mul(3))
 */
export function withTape<T>(tape: Tape, fn: () => T): T {
  const saved = current;
  current = tape;
  try {
    return fn();
  } finally {
    current = saved;
  }
}
