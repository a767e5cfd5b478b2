/**
 * The tape: every scalar node of a computation, recorded in creation order.
 *
 * Creation order is already a topological order (a node can only use nodes that exist), so
 * the reverse pass is a plain loop from the output downwards: no recursion, no sort in the
 * usual case, and the same order on every run (micrograd's recursive, set-based sort has
 * neither property; GUIDE §5). One structure serves the three passes of the NN optimization
 * slides and Baydin et al. 2018 (Tables 2–3): the primal values, the tangents (forward mode)
 * and the adjoints (reverse mode).
 *
 * Storage is struct-of-arrays: node i has `values[i]`, `grads[i]`, `ops[i]`, and its ordered
 * input edges `firstEdge[i] … firstEdge[i+1]−1`, each edge e holding the input's index
 * `edgeSrc[e]` and the local partial ∂vᵢ/∂v_src in `edgePartial[e]`. Partials are computed
 * when the node is created (a "linearised" tape), so
 *
 *   reverse:  v̄_src += v̄ᵢ · ∂vᵢ/∂v_src   for each node i the output depends on, last to first
 *   forward:  v̇ᵢ = Σ_edges ∂vᵢ/∂v_src · v̇_src   first to last
 *
 * are both one multiply-add per edge. `Value` objects are thin handles (tape, index, epoch).
 *
 * **Only the output's sub-tape.** `backward()` and `jvp(out, …)` visit only the nodes the
 * output depends on (its ancestors), so their cost does not grow with unrelated nodes recorded
 * earlier (a notebook's default tape holds every cell's graphs), and they leave the gradients
 * and tangents of unrelated nodes alone: `ya.backward(); yb.backward()` on two separate graphs
 * keeps `a.grad`. `lastBackward` counts the nodes and edges a pass visited and the slots it
 * looked at. The walk goes down the tape from the output while the ancestors are dense; when
 * it meets a long stretch of unrelated nodes it collects the remaining ancestors through their
 * edges and sorts them instead, so a 100-node graph on top of 10⁶ unrelated nodes costs about
 * what it costs on a fresh tape.
 *
 * **Scoping and memory.** Free functions such as `value(2, "x1")` put nodes on the *current*
 * tape, a default tape unless {@link withTape} selected another. Numbers mixed into an
 * operation become constant nodes on the tape of the `Value` operand. Memory grows with every
 * node (about 50 bytes), so:
 * - in a notebook, call {@link resetTape}() at the top of a cell to drop what earlier cells
 *   recorded on the default tape (their values then throw a clear error if used again); the
 *   default tape also prints a one-time warning when it passes {@link DEFAULT_WARN_NODES} nodes;
 * - a training loop creates its parameters first, takes `const m = tape.mark()`, and calls
 *   `tape.rewind(m)` at the start of every step: the parameters survive, the step's graph is
 *   dropped and its storage reused;
 * - `tape.reset()` drops everything; `tape.free()` also hands the storage to the next
 *   `new Tape()` (see `pool.ts`: fresh typed-array memory is what makes a new tape slower to
 *   build on than a reused one).
 * Using a dropped node afterwards throws {@link AutodiffTapeError}.
 *
 * **Stale graphs.** A graph holds the numbers it was built from. Assigning an input
 * (`x.data = 3`) does not recompute the nodes that read it; `backward()` and `jvp(out, …)` then
 * throw if the output was computed before the assignment from that input, instead of silently
 * returning the old point's gradient. Rebuild the expression after changing inputs.
 */
import { Value } from "./value";
import { OP, OP_NAMES, isLeafOp, type OpName } from "./ops";
import { AutodiffNaNError, AutodiffTapeError } from "./errors";
import { takeStorage, giveStorage } from "./pool";

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
  /**
   * Print one warning (console.warn) when the tape grows past this many nodes, saying how to
   * drop old graphs. Default: off, except on the default tape ({@link DEFAULT_WARN_NODES}).
   */
  warnAbove?: number;
}

/** Options for `backward`. */
export interface BackwardOptions {
  /**
   * Add this pass's gradient to the inputs' current `.grad` instead of replacing it
   * (PyTorch's behaviour, useful to sum the gradients of several losses). Default false:
   * the `.grad` of every node the output depends on is reset first, so calling `backward()`
   * twice gives the same gradients. (micrograd accumulates into every node, intermediates
   * included: for y = (2x)·3 its second `backward()` gives dy/dx = 18 instead of 6, not even
   * twice the right value.) Intermediate nodes always get this pass's adjoint. Nodes the
   * output does not depend on keep their `.grad` either way.
   */
  accumulate?: boolean;
}

/** Counts of one pass over the sub-tape of an output. */
export interface PassCounts {
  /** Nodes visited: the output and every node it depends on. */
  nodes: number;
  /** Edges visited (one multiply-add each). */
  edges: number;
  /**
   * Tape slots looked at to find those nodes (≥ nodes): small when the output's graph is
   * dense on the tape, never the whole tape below a long run of unrelated nodes.
   */
  scanned: number;
}

/** The default tape warns once when it passes this many nodes (about 200 MB). */
export const DEFAULT_WARN_NODES = 4_000_000;

/**
 * How many more unrelated than related slots the downward walk may pass (beyond a slack of
 * 64) before it switches to collecting the remaining ancestors through their edges and sorting
 * them: the walk is cheapest while ancestors are dense, the sort when they are sparse.
 */
const SPARSE_RATIO = 2, SPARSE_SLACK = 64;

const EMPTY_F64 = new Float64Array(0), EMPTY_I32 = new Int32Array(0);

/** A growable, linearised record of scalar operations. See the module comment. */
export class Tape {
  /** True if IEEE mode is on (no domain or NaN checks). */
  readonly ieee: boolean;
  /** Number of nodes recorded. */
  length = 0;
  /** Number of edges recorded. */
  edgeCount = 0;
  /**
   * Primal values v, by node index. Storage: read through `Value.data`. The tape replaces its
   * arrays when it grows (and hands the old ones to the next tape), so read them through the
   * tape (`tape.values[i]`) rather than keeping a reference.
   */
  values: Float64Array;
  /** Adjoints v̄ = ∂out/∂v of the last backward pass that reached each node, by node index. */
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
  /** Counts of the last reverse pass (see {@link PassCounts}). */
  readonly lastBackward: PassCounts = { nodes: 0, edges: 0, scanned: 0 };
  /** Counts of the last forward-mode pass. */
  readonly lastTangent: PassCounts = { nodes: 0, edges: 0, scanned: 0 };
  private readonly labels = new Map<number, string>();
  private freed = false;
  /**
   * Pass stamps: visit[i] === pass marks node i as visited by the current (or most recent)
   * pass. Every pass and every rewind takes a new number, so no slot needs clearing.
   */
  private visit: Int32Array = EMPTY_I32;
  /** Scratch: nodes found by a pass, and the nodes it visited, in visiting order (last first). */
  private found: Int32Array = EMPTY_I32;
  private order: Int32Array = EMPTY_I32;
  private pass = 0;
  /**
   * Inputs or constants assigned (`x.data = …`) while nodes recorded after them existed:
   * input index → tape length at the assignment. Nodes between the two may hold stale values.
   */
  private readonly assigned = new Map<number, number>();
  private readonly warnAbove: number;
  private warned = false;

  constructor(options: TapeOptions = {}) {
    this.ieee = options.ieee ?? false;
    const cap = Math.max(16, Math.floor(options.capacity ?? 1024));
    this.warnAbove = options.warnAbove ?? Infinity;
    const spare = takeStorage(cap);
    if (spare !== undefined) {
      // A freed tape's arrays (see pool.ts): every slot is written before it is read, except
      // the pass stamps, which must not match this tape's pass numbers.
      ({ values: this.values, grads: this.grads, tangents: this.tangents, ops: this.ops, firstEdge: this.firstEdge } = spare);
      ({ epochs: this.epochs, edgeSrc: this.edgeSrc, edgePartial: this.edgePartial, found: this.found, order: this.order } = spare);
      this.visit = spare.visit.fill(0);
      this.firstEdge[0] = 0;
      return;
    }
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

  /**
   * `v` itself if it is a live node of this tape, or a new constant if it is a number.
   * Anything else throws an error naming `what` (e.g. `"add"`), the culprit and the fix;
   * `partner` is the node `v` is being combined with, named when `v` lives on another tape.
   */
  operand(v: Value | number, what = "operand", partner = -1): Value {
    if (typeof v === "number") return this.leaf(OP.const, v, undefined);
    if (typeof v === "object" && v !== null && v.tape === this && v.id < this.length && this.epochs[v.id] === v.epoch) return v;
    this.own(v, what, partner);
    return v;
  }

  /**
   * The index of `v` if it is a live node of this tape; otherwise throws a TypeError (not a
   * `Value`) or an {@link AutodiffTapeError} (another tape, or dropped) that names `v`.
   */
  own(v: unknown, what: string, partner = -1): number {
    if (!(v instanceof Value)) {
      throw new TypeError(`${what}: expected a Value or a number, got ${describeJs(v)}. ${fixFor(v)}`);
    }
    if (v.tape !== this) {
      const other = partner >= 0 && partner < this.length ? this.describe(partner) : "the other operands";
      throw new AutodiffTapeError(
        `${what}: ${describeNode(v)} lives on another tape than ${other}. Build every operand of an expression on ` +
          "the same tape (the same tape's input(), or one withTape(tape, ...)); to reuse only its number, pass its .data.",
      );
    }
    return this.check(v);
  }

  /** Throws unless `v` is a live node of this tape; returns its index. */
  check(v: Value): number {
    if (v.tape === this && v.id < this.length && this.epochs[v.id] === v.epoch) return v.id;
    if (!(v instanceof Value)) return this.own(v, "check");
    if (v.tape !== this) {
      throw new AutodiffTapeError(
        `${describeNode(v)} lives on another tape than this one (${this}). Build every operand of an expression on the same tape (see withTape).`,
      );
    }
    throw new AutodiffTapeError(
      this.freed
        ? `node #${v.id}: its tape was freed. Create new inputs on a live tape.`
        : `node #${v.id}: it was dropped by tape.reset() or tape.rewind() (resetTape() resets the current tape). Rebuild the expression after resetting the tape.`,
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
      throw new TypeError(`${OP_NAMES[op]}: expected a number, got ${describeJs(x)}. ${fixFor(x)}`);
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
    // A slot freed by rewind() (or taken from the pool) keeps old numbers; a new node starts from 0.
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
    const n = this.length, cap = this.ops.length * 2;
    this.values = regrow(this.values, new Float64Array(cap), n);
    this.grads = regrow(this.grads, new Float64Array(cap), n);
    if (this.tangents.length > 0) this.tangents = regrow(this.tangents, new Float64Array(cap), Math.min(n, this.tangents.length));
    if (this.visit.length > 0) this.visit = regrow(this.visit, new Int32Array(cap), Math.min(n, this.visit.length));
    this.ops = regrow(this.ops, new Uint8Array(cap), n);
    this.firstEdge = regrow(this.firstEdge, new Int32Array(cap + 1), n + 1);
    this.epochs = regrow(this.epochs, new Int32Array(cap), n);
    // Scratch of the passes: reallocated at the next pass, at the new size.
    this.found = this.order = EMPTY_I32;
    if (n >= this.warnAbove && !this.warned) {
      this.warned = true;
      console.warn(
        `Descent autodiff: a tape now holds ${n.toLocaleString("en-US")} nodes (about ${Math.round((n * 50) / 1e6)} MB): every graph ` +
          "built on it stays until it is reset. For the default tape (value(...)), call resetTape() at the top of a cell to drop the " +
          "graphs of earlier cells; in a loop, take const m = currentTape().mark() before it and call currentTape().rewind(m) at the start of each step.",
      );
    }
  }

  private growEdges(needed: number): void {
    let cap = this.edgeSrc.length * 2;
    while (cap < needed) cap *= 2;
    this.edgeSrc = regrow(this.edgeSrc, new Int32Array(cap), this.edgeCount);
    this.edgePartial = regrow(this.edgePartial, new Float64Array(cap), this.edgeCount);
  }

  // ---- passes -----------------------------------------------------------------------------

  /**
   * Reverse mode (the NN optimization slides, "Reverse Mode of Automatic Differentiation";
   * Baydin Table 3): sets `grads[i] = ∂out/∂vᵢ` for `out` and every node it depends on, by
   * v̄_out = 1, then for those nodes i from last to first and each edge (i ← j):
   * v̄ⱼ += v̄ᵢ · ∂vᵢ/∂vⱼ. Any live node can be `out`: every node is a scalar. Nodes `out` does
   * not depend on (created later, or unrelated) keep their grads. Cost: one multiply-add per
   * edge of the sub-tape, O(V+E) of the output's graph, whatever else the tape holds
   * (`lastBackward` has the counts).
   * @throws AutodiffTapeError if an input of `out` was assigned after `out` was computed (stale graph)
   */
  backward(out: Value, options: BackwardOptions = {}): void {
    const o = this.own(out, "backward");
    this.checkNotStale(o, "backward");
    this.sweep(o, true, options.accumulate === true, this.lastBackward);
  }

  /**
   * True if the most recent pass (a `backward`, or a `jvp` with an output) visited `v`,
   * i.e. that pass's output depends on `v`. `gradients(out, xs)` uses it to report 0 for an
   * input the output does not depend on (whose `.grad` is left from an earlier pass).
   */
  reached(v: Value): boolean {
    const i = this.own(v, "reached");
    return this.pass > 0 && i < this.visit.length && this.visit[i] === this.pass;
  }

  /**
   * Forward mode (Baydin Table 2, right): v̇ᵢ = Σⱼ ∂vᵢ/∂vⱼ · v̇ⱼ in creation order, starting
   * from the given input tangents (other inputs and constants get 0). One pass gives the
   * directional derivative ∇f·ẋ of every node it visits. With `out`, only `out` and the nodes
   * it depends on are visited (others keep their tangents); without, every node of the tape.
   * @param seeds pairs [input node, its tangent ẋ]; ẋ must be a finite number
   * @param out the output whose sub-tape to sweep (default: the whole tape)
   */
  jvp(seeds: Iterable<readonly [Value, number]>, out?: Value): void {
    const o = out === undefined ? -1 : this.own(out, "jvp");
    const pairs = this.checkSeeds(seeds, o);
    if (o >= 0) this.checkNotStale(o, "jvp");
    if (this.tangents.length < this.ops.length) {
      const old = this.tangents, n = Math.min(old.length, this.length);
      this.tangents = regrow(old, new Float64Array(this.ops.length), n);
    }
    const t = this.tangents, ops = this.ops;
    const src = this.edgeSrc, partial = this.edgePartial, first = this.firstEdge;
    const strict = !this.ieee;
    const tangentOf = (i: number): void => {
      let s = 0;
      for (let e = first[i], end = first[i + 1]; e < end; e++) s += partial[e] * t[src[e]];
      if (strict && !Number.isFinite(s)) throw this.tangentError(i);
      t[i] = s;
    };
    if (o < 0) {
      t.fill(0, 0, this.length);
      for (const [i, s] of pairs) t[i] = s;
      for (let i = 0; i < this.length; i++) if (ops[i] > LEAF_MAX) tangentOf(i);
      this.lastTangent.nodes = this.lastTangent.scanned = this.length;
      this.lastTangent.edges = this.edgeCount;
      return;
    }
    const r = this.sweep(o, false, false, this.lastTangent);
    const order = this.order;
    for (let k = 0; k < r; k++) if (ops[order[k]] <= LEAF_MAX) t[order[k]] = 0;
    for (const [i, s] of pairs) t[i] = s;
    for (let k = r - 1; k >= 0; k--) if (ops[order[k]] > LEAF_MAX) tangentOf(order[k]);
  }

  /** Validates jvp seeds before anything is written: live inputs of this tape, finite tangents. */
  private checkSeeds(seeds: Iterable<readonly [Value, number]>, o: number): [number, number][] {
    if (seeds === null || typeof (seeds as Partial<Iterable<unknown>>)?.[Symbol.iterator] !== "function") {
      throw new TypeError(`jvp: seeds must be a list of [input, tangent] pairs such as [[x, 1]], got ${describeJs(seeds)}.`);
    }
    const pairs: [number, number][] = [];
    for (const pair of seeds) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new TypeError(`jvp: each seed must be an [input, tangent] pair such as [x, 1], got ${describeJs(pair)}.`);
      }
      const [v, s] = pair as [unknown, unknown];
      const i = this.own(v, "jvp seed", o);
      if (this.ops[i] !== OP.input) {
        throw new AutodiffTapeError(`jvp: seed tangents go on inputs, but ${this.describe(i)} is a ${OP_NAMES[this.ops[i]]} node.`);
      }
      if (typeof s !== "number" || (!this.ieee && !Number.isFinite(s))) {
        throw new RangeError(
          `jvp: the tangent of ${this.describe(i)} must be a finite number, got ${describeJs(s)}. ` +
            "Seed a direction ẋ such as [[x, 1]] (1 for the derivative with respect to x).",
        );
      }
      pairs.push([i, s]);
    }
    return pairs;
  }

  /**
   * Visits `o` and every node it depends on, from the last to the first; without `propagate`
   * leaves them in `order[0 … count)` in that order. With `propagate`, runs the reverse pass over them
   * (v̄ reset on first visit, except inputs and constants when accumulating). Walks down the
   * tape while most slots belong to the sub-tape; after too many unrelated slots, switches to
   * {@link sparseSweep}.
   */
  private sweep(o: number, propagate: boolean, accumulate: boolean, counts: PassCounts): number {
    this.ensureScratch();
    if (this.pass >= 0x7ffffff0) {
      this.visit.fill(0);
      this.pass = 0;
    }
    const pass = ++this.pass;
    const mark = this.visit, found = this.found, order = this.order;
    const g = this.grads, ops = this.ops, src = this.edgeSrc, partial = this.edgePartial, first = this.firstEdge;
    const strict = !this.ieee;
    mark[o] = pass;
    found[0] = o;
    if (propagate) {
      if (!accumulate || ops[o] > LEAF_MAX) g[o] = 0;
      g[o] += 1;
    }
    let nFound = 1, pending = 1, nodes = 0, edges = 0, misses = 0;
    for (let i = o; pending > 0; i--) {
      if (mark[i] !== pass) {
        if (++misses > SPARSE_SLACK + SPARSE_RATIO * nodes) {
          return this.sparseSweep(o, i, nFound, nodes, edges, nodes + misses, propagate, accumulate, counts);
        }
        continue;
      }
      const e0 = first[i], e1 = first[i + 1];
      if (propagate) {
        const gi = g[i];
        if (strict && !Number.isFinite(gi)) throw this.adjointError(i, o);
        for (let e = e0; e < e1; e++) {
          const j = src[e];
          if (mark[j] !== pass) {
            mark[j] = pass;
            found[nFound++] = j;
            pending++;
            if (!accumulate || ops[j] > LEAF_MAX) g[j] = 0;
          }
          g[j] += gi * partial[e];
        }
      } else {
        for (let e = e0; e < e1; e++) {
          const j = src[e];
          if (mark[j] !== pass) {
            mark[j] = pass;
            found[nFound++] = j;
            pending++;
          }
        }
        order[nodes] = i; // only the tangent pass and the stale check need the order back
      }
      nodes++;
      edges += e1 - e0;
      pending--;
    }
    counts.nodes = nodes;
    counts.edges = edges;
    counts.scanned = nodes + misses;
    return nodes;
  }

  /**
   * The rest of {@link sweep} when the sub-tape is sparse below slot `i`: every node marked
   * above `i` has been visited, so the nodes still to visit are the found ones below `i` and
   * their ancestors. Collect those through the edges (each once), sort them, and visit them
   * from the last to the first: O(k log k) for k nodes, however far apart they lie.
   */
  private sparseSweep(
    o: number, i: number, nFound: number, nodes: number, edges: number, scanned: number,
    propagate: boolean, accumulate: boolean, counts: PassCounts,
  ): number {
    const pass = this.pass, mark = this.visit, found = this.found, order = this.order;
    const g = this.grads, ops = this.ops, src = this.edgeSrc, partial = this.edgePartial, first = this.firstEdge;
    let r = 0;
    for (let k = 0; k < nFound; k++) if (found[k] < i) found[r++] = found[k];
    for (let k = 0; k < r; k++) {
      const n = found[k];
      for (let e = first[n], end = first[n + 1]; e < end; e++) {
        const j = src[e];
        if (mark[j] !== pass) {
          mark[j] = pass;
          found[r++] = j;
          if (propagate && (!accumulate || ops[j] > LEAF_MAX)) g[j] = 0;
        }
      }
    }
    const rest = found.subarray(0, r).sort();
    const strict = !this.ieee;
    for (let k = r - 1; k >= 0; k--) {
      const n = rest[k], e0 = first[n], e1 = first[n + 1];
      if (propagate) {
        const gn = g[n];
        if (strict && !Number.isFinite(gn)) throw this.adjointError(n, o);
        for (let e = e0; e < e1; e++) g[src[e]] += gn * partial[e];
      } else {
        order[nodes] = n;
      }
      nodes++;
      edges += e1 - e0;
    }
    counts.nodes = nodes;
    counts.edges = edges;
    counts.scanned = scanned + r;
    return nodes;
  }

  private ensureScratch(): void {
    const cap = this.ops.length;
    if (this.visit.length < cap) this.visit = regrow(this.visit, new Int32Array(cap), Math.min(this.visit.length, this.length));
    if (this.found.length < cap) this.found = new Int32Array(cap);
    if (this.order.length < cap) this.order = new Int32Array(cap);
  }

  /**
   * Throws if an input `o` depends on was assigned (`x.data = …`) after `o` was computed:
   * the graph would give the old point's derivatives. Free when nothing was assigned since
   * the nodes that read it were recorded (a training loop that rewinds before rebuilding).
   */
  private checkNotStale(o: number, what: string): void {
    if (this.assigned.size === 0) return;
    const suspects: number[] = [];
    for (const [j, until] of this.assigned) if (j < o && o < until) suspects.push(j);
    if (suspects.length === 0) return;
    this.sweep(o, false, false, { nodes: 0, edges: 0, scanned: 0 });
    const j = suspects.find((s) => this.visit[s] === this.pass);
    if (j === undefined) return;
    const name = this.labels.get(j) ?? `#${j}`;
    throw new AutodiffTapeError(
      `${what}: ${this.describe(j)} was assigned a new value (${name}.data = ${this.values[j]}) after ${this.describe(o)} ` +
        `was computed from it. The graph still holds the numbers of the old point, so ${what === "jvp" ? "the tangents" : "the gradient"} ` +
        "would be the old point's. Rebuild the expression after changing an input (in a loop: tape.rewind(mark), then build again).",
    );
  }

  /** @internal Called by `Value.data`'s setter after input or constant i changed. */
  noteAssigned(i: number): void {
    if (this.length > i + 1) this.assigned.set(i, this.length);
    else this.assigned.delete(i);
  }

  /** The error for a non-finite adjoint at node i, naming the contribution that overflowed. */
  private adjointError(i: number, o: number): AutodiffNaNError {
    const g = this.grads, first = this.firstEdge, src = this.edgeSrc, partial = this.edgePartial;
    let detail = "";
    for (let c = i + 1; c <= o && detail === ""; c++) {
      if (this.visit[c] !== this.pass) continue;
      for (let e = first[c]; e < first[c + 1]; e++) {
        if (src[e] !== i) continue;
        const term = g[c] * partial[e];
        if (!Number.isFinite(term)) {
          detail =
            `It comes from ${this.describe(c)}, whose adjoint ${g[c]} times its local partial ${partial[e]} is ${term}. ` +
            (Number.isFinite(g[c]) && Number.isFinite(partial[e]) ? "The product overflows the largest double (about 1.8e308): rescale the inputs or the loss." : "");
          break;
        }
      }
    }
    if (detail === "") detail = "Each contribution is finite but their sum overflows the largest double (about 1.8e308): rescale the inputs or the loss.";
    return new AutodiffNaNError("backward", i, this.describe(i), g[i], detail);
  }

  /** The error for a non-finite tangent at node i, naming the term that overflowed. */
  private tangentError(i: number): AutodiffNaNError {
    const t = this.tangents, src = this.edgeSrc, partial = this.edgePartial;
    let detail = "Each term is finite but their sum overflows the largest double (about 1.8e308): rescale the inputs or the direction ẋ.";
    let s = 0;
    for (let e = this.firstEdge[i]; e < this.firstEdge[i + 1]; e++) {
      const term = partial[e] * t[src[e]];
      s += term;
      if (!Number.isFinite(term)) {
        detail =
          `It comes from its input ${this.describe(src[e])}, whose tangent ${t[src[e]]} times the local partial ${partial[e]} is ${term}: ` +
          "the product overflows the largest double (about 1.8e308). Rescale the inputs or the direction ẋ.";
        break;
      }
    }
    return new AutodiffNaNError("tangent", i, this.describe(i), s, detail);
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
    // Slots above the mark keep the stamp of the last pass; a new pass number keeps reached()
    // from mistaking a node later created there for one that pass visited.
    this.pass++;
    for (const id of this.labels.keys()) if (id >= mark) this.labels.delete(id);
    // Readers recorded after the mark are gone; only those below it can still be stale.
    for (const [j, until] of this.assigned) {
      const kept = Math.min(until, mark);
      if (j >= mark || kept <= j + 1) this.assigned.delete(j);
      else this.assigned.set(j, kept);
    }
  }

  /** Drops every node (storage is kept for reuse). Old `Value`s then throw when used. */
  reset(): void {
    this.rewind(0);
  }

  /**
   * Drops every node and hands the storage to the next `new Tape()` (so building on that one
   * costs what building on a reused tape costs); this tape cannot be used afterwards.
   */
  free(): void {
    if (this.freed) return;
    this.reset();
    this.freed = true;
    giveStorage({
      values: this.values, grads: this.grads, tangents: this.tangents, ops: this.ops, firstEdge: this.firstEdge,
      epochs: this.epochs, edgeSrc: this.edgeSrc, edgePartial: this.edgePartial, visit: this.visit, found: this.found, order: this.order,
    });
    this.values = this.grads = this.tangents = this.edgePartial = EMPTY_F64;
    this.ops = new Uint8Array(0);
    this.epochs = this.edgeSrc = this.visit = this.found = this.order = EMPTY_I32;
    this.firstEdge = new Int32Array(1);
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

  /** How error messages name node i: `"x1" #0 (input)` or `#7 (mul)`. */
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

/** Op codes up to this one are leaves (input 0, const 1): a comparison instead of a call in the hot loops. */
const LEAF_MAX = OP.const;

/** Copies the first `n` elements of `from` into `to` (a new, bigger array) and returns `to`. */
function regrow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T, n: number): T {
  if (n > 0) to.set(from.subarray(0, n));
  return to;
}

/** A node of some tape, named on its own tape. */
function describeNode(v: Value): string {
  return v.tape.isLive(v) ? v.tape.describe(v.id) : `node #${v.id} (dropped from its tape)`;
}

/** A JavaScript value as an error message shows it: `the string "2"`, `undefined`, `an object (Array)`. */
function describeJs(x: unknown): string {
  if (x === undefined) return "undefined";
  if (x === null) return "null";
  if (typeof x === "string") return `the string ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`;
  if (typeof x === "number" || typeof x === "boolean" || typeof x === "bigint") return `the ${typeof x} ${String(x)}`;
  if (typeof x === "function") return "a function";
  const name = (x as { constructor?: { name?: string } }).constructor?.name;
  return `an object${name ? ` (${name})` : ""}`;
}

/** What to do about a wrong operand. */
function fixFor(x: unknown): string {
  if (typeof x === "string") return `Convert it first: Number(${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}).`;
  if (x === undefined) return "A variable that was never assigned, or a missing argument? Pass a number or a Value.";
  if (typeof x === "bigint") return "Convert it with Number(...).";
  if (Array.isArray(x)) return "To combine many values use sum(xs) or dot(a, b).";
  if (typeof x === "function") return "Call the function and pass its result.";
  return "Pass a number or a Value made by value(...) or tape.input(...).";
}

let current = new Tape({ warnAbove: DEFAULT_WARN_NODES });

/** The tape that free functions such as `value(2, "x1")` record on. */
export function currentTape(): Tape {
  return current;
}

/**
 * Drops every node of the current tape (the default tape, unless inside {@link withTape}) and
 * returns it. In a notebook the default tape keeps every graph every cell built; call this at
 * the top of a cell to start from an empty tape, with its storage reused. Values made before
 * then throw a clear error if used again, so re-create inputs after it.
 * @example resetTape(); const x = value(2, "x"); // a graph of its own, on an empty tape
 */
export function resetTape(): Tape {
  current.reset();
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
