/**
 * Cost accounting: how much work each way of getting a gradient does, counted in elementary
 * operations (the NN optimization slides, "Time Complexity"; Griewank's cheap-gradient principle).
 *
 * - forward evaluation of f: one operation per computed node, except that a k-input `sum`
 *   or `dot` node does k−1 additions (so every node costs max(1, k−1));
 * - reverse mode: one multiply-add per edge, v̄ⱼ += v̄ᵢ·∂vᵢ/∂vⱼ, counted by the backward pass
 *   itself. With at most two inputs per operation this is at most 2 per node, so the ratio
 *   reverse/forward stays ≤ 2 however large the graph (Baur–Strassen, Griewank: the gradient
 *   costs a small constant, ≤ 5, times f itself; here the local partials are recorded during
 *   the forward evaluation);
 * - forward mode: one tangent pass visits every edge once, and a full gradient needs one pass
 *   per input: n·E;
 * - the naive method of the NN optimization slides (a separate forward sweep from every node t to get
 *   dz_T/dz_t): Σₜ (edges after t), which is O(L²) on a chain of L nodes against O(V+E).
 */
import { Tape } from "./tape";
import type { Value } from "./value";
import { isLeafOp, OP } from "./ops";
import { rng } from "../random";

/** Operation counts for one function and its gradient. */
export interface CostCount {
  /** n: number of inputs differentiated. */
  inputs: number;
  /** V: nodes up to the output (leaves included). */
  nodes: number;
  /** E: edges up to the output. */
  edges: number;
  /** Elementary operations to evaluate f. */
  forwardOps: number;
  /** Multiply-adds of one reverse pass (counted by `backward`). */
  reverseOps: number;
  /** reverseOps / forwardOps: bounded by a small constant (≤ 2 here). */
  ratio: number;
  /** Multiply-adds of n forward-mode passes: n·E. */
  forwardModeOps: number;
  /** Multiply-adds of the naive one-sweep-per-node method: Σₜ (edges after t). */
  naiveOps: number;
}

/** Counts the work of evaluating `out` and of its gradient by each method (runs one backward pass). */
export function countCost(out: Value, inputs: readonly Value[]): CostCount {
  const tape = out.tape, o = tape.check(out);
  let forwardOps = 0;
  for (let i = 0; i <= o; i++) {
    if (isLeafOp(tape.ops[i])) continue;
    const k = tape.firstEdge[i + 1] - tape.firstEdge[i];
    forwardOps += tape.ops[i] === OP.sum || tape.ops[i] === OP.dot ? Math.max(1, k - 1) : 1;
  }
  out.backward();
  const edges = tape.firstEdge[o + 1];
  let naiveOps = 0;
  for (let t = 0; t <= o; t++) naiveOps += edges - tape.firstEdge[t + 1];
  const reverseOps = tape.lastBackward.edges;
  return {
    inputs: inputs.length, nodes: o + 1, edges, forwardOps, reverseOps,
    ratio: forwardOps === 0 ? 0 : reverseOps / forwardOps,
    forwardModeOps: inputs.length * edges, naiveOps,
  };
}

/** A layered network and its inputs, built on its own tape. */
export interface Network {
  tape: Tape;
  inputs: Value[];
  output: Value;
}

/**
 * A dense tanh network with `width` inputs and `depth` layers of `width` units with fixed
 * seeded weights (constants), built micrograd-style from binary `mul`/`add`, summed into one
 * output: f: ℝ^width → ℝ. Its size grows like depth·width², its inputs like width.
 */
export function layeredNetwork(width: number, depth: number, seed = 0): Network {
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(depth) || depth < 1) {
    throw new RangeError(`layeredNetwork: width and depth must be integers ≥ 1, got ${width} and ${depth}.`);
  }
  const r = rng(seed);
  const tape = new Tape();
  const inputs = Array.from({ length: width }, (_, i) => tape.input(r.uniform(-1, 1), `x${i + 1}`));
  let layer = inputs;
  for (let l = 0; l < depth; l++) {
    layer = layer.map(() => {
      let z = layer[0].mul(r.uniform(-1, 1) / Math.sqrt(width));
      for (let i = 1; i < width; i++) z = z.add(layer[i].mul(r.uniform(-1, 1) / Math.sqrt(width)));
      return z.tanh();
    });
  }
  let output = layer[0];
  for (let i = 1; i < width; i++) output = output.add(layer[i]);
  return { tape, inputs, output };
}

/** A chain of `length` unary operations x ↦ sin(x) (one input, V = E + 1): the NN optimization slides' O(L²) case. */
export function chain(length: number): Network {
  const tape = new Tape();
  const x = tape.input(0.5, "x");
  let y = x;
  for (let i = 0; i < length; i++) y = y.sin();
  return { tape, inputs: [x], output: y };
}

/** One row of {@link costTable}: the shape, the counts and measured times in milliseconds. */
export interface CostRow extends CostCount {
  width: number;
  depth: number;
  /** Time to build (evaluate) the graph. */
  forwardMs: number;
  /** Time of one reverse pass. */
  reverseMs: number;
  /** Time of the n forward-mode passes. */
  forwardModeMs: number;
}

function medianMs(fn: () => void, repeats: number): number {
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * Counts and times gradients of layered networks of the given shapes: the table behind
 * "reverse mode costs a constant times f, forward mode n times that". Times are medians of
 * `repeats` runs (default 3) and vary with the machine; the counts do not.
 */
export function costTable(shapes: readonly { width: number; depth: number }[], repeats = 3): CostRow[] {
  return shapes.map(({ width, depth }) => {
    const forwardMs = medianMs(() => layeredNetwork(width, depth), repeats);
    const net = layeredNetwork(width, depth);
    const counts = countCost(net.output, net.inputs);
    const reverseMs = medianMs(() => net.output.backward(), repeats);
    const forwardModeMs = medianMs(() => net.inputs.forEach((x) => net.tape.jvp([[x, 1]])), repeats);
    return { width, depth, ...counts, forwardMs, reverseMs, forwardModeMs };
  });
}
