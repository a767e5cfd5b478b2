// Tapes for the lesson 9 graded tests, and expectations computed without the code under test:
// by hand, by the lib/autodiff engine, or by the chain rule written as a plain recursion.
// Not a test file itself (no .test.ts): the graded and hidden tests import it.
// Engine files are imported one by one, not through lib/autodiff/index: the barrel also loads
// the plotting stack (Plot, linkedom, resvg), which would slow every check() by about a second.
import { Tape } from "../../../lib/autodiff/tape";
import type { Value } from "../../../lib/autodiff/value";
import { dot } from "../../../lib/autodiff/functions";
import { Rng } from "../../../lib/random";

/** The plain-data node of the exercises (same shape as `TapeNode` in exercises/autodiff.ts). */
export interface PlainNode {
  inputs: number[];
  partials: number[];
}

/**
 * Baydin et al.'s y = ln x₁ + x₁x₂ − sin x₂ at (2, 5), written out by hand, nodes in the
 * paper's order: 0 x₁, 1 x₂, 2 ln x₁, 3 x₁x₂, 4 sin x₂, 5 (2)+(3), 6 (5)−(4) = y.
 */
export function baydinTape(): PlainNode[] {
  return [
    { inputs: [], partials: [] },
    { inputs: [], partials: [] },
    { inputs: [0], partials: [1 / 2] }, // ∂ ln x₁/∂x₁ = 1/x₁
    { inputs: [0, 1], partials: [5, 2] }, // ∂x₁x₂/∂x₁ = x₂, ∂/∂x₂ = x₁
    { inputs: [1], partials: [Math.cos(5)] }, // ∂ sin x₂/∂x₂ = cos x₂
    { inputs: [2, 3], partials: [1, 1] },
    { inputs: [5, 4], partials: [1, -1] },
  ];
}

/** A deep copy, to check afterwards that a function left its tape alone. */
export function copyTape(tape: PlainNode[]): PlainNode[] {
  return tape.map((n) => ({ inputs: n.inputs.slice(), partials: n.partials.slice() }));
}

/**
 * The engine's record of `out` and everything it depends on, as plain data. Constant nodes are
 * dropped (their edges carry partial 0 in the engine), so the leaves of the plain tape are
 * exactly the engine's inputs. `index` maps an engine node id to its plain index.
 */
export function fromEngine(out: Value): { tape: PlainNode[]; index: Map<number, number>; ids: number[] } {
  const t = out.tape;
  const index = new Map<number, number>();
  const ids: number[] = [];
  const tape: PlainNode[] = [];
  for (let i = 0; i <= out.id; i++) {
    const op = t.opName(i);
    if (op === "const") continue;
    const inputs: number[] = [], partials: number[] = [];
    t.inputsOf(i).forEach((j, k) => {
      if (t.opName(j) === "const") return;
      inputs.push(index.get(j) as number);
      partials.push(t.partialsOf(i)[k]);
    });
    index.set(i, tape.length);
    ids.push(i);
    tape.push({ inputs, partials });
  }
  return { tape, index, ids };
}

/**
 * ∂v_node/∂v_wrt by the chain rule as a recursion on the definition (memoised per call):
 * D(wrt) = 1, and D(i) = Σₖ partials[k]·D(inputs[k]) for every other node, with D(leaf) = 0.
 * This sums the products of partials over every path from `wrt` to `node`: the answer both
 * passes must reproduce, computed without either.
 */
export function chainRule(tape: PlainNode[], node: number, wrt: number): number {
  const memo = new Map<number, number>();
  const d = (i: number): number => {
    if (i === wrt) return 1;
    const hit = memo.get(i);
    if (hit !== undefined) return hit;
    const { inputs, partials } = tape[i];
    let s = 0;
    for (let k = 0; k < inputs.length; k++) s += partials[k] * d(inputs[k]);
    memo.set(i, s);
    return s;
  };
  return d(node);
}

/**
 * A seeded random tape with `leaves` leaves and `computed` nodes that each read 1–3 earlier
 * nodes (repeats allowed, so some nodes read the same input twice) with partials in
 * [−1.5, 1.5). Node 0 is a leaf; the other leaves sit at random places among the computed
 * nodes (a leaf need not come first: x₂ may be created after ln x₁).
 */
export function randomTape(r: Rng, leaves: number, computed: number): PlainNode[] {
  const tape: PlainNode[] = [{ inputs: [], partials: [] }];
  let leavesLeft = leaves - 1, computedLeft = computed;
  while (leavesLeft + computedLeft > 0) {
    if (r.int(1, leavesLeft + computedLeft) <= leavesLeft) {
      tape.push({ inputs: [], partials: [] });
      leavesLeft--;
      continue;
    }
    const i = tape.length;
    const inputs = Array.from({ length: r.int(1, 3) }, () => r.int(0, i - 1));
    tape.push({ inputs, partials: inputs.map(() => r.uniform(-1.5, 1.5)) });
    computedLeft--;
  }
  return tape;
}

/**
 * The same linear tape rebuilt in the engine: node i = Σₖ partials[k]·v_{inputs[k]}, one `dot`
 * node whose edges to the (constant) partials carry 0 and whose edges to the inputs carry the
 * partials. Returns the engine tape, its inputs (one per leaf, at the given values) and the
 * engine node of every plain node.
 */
export function toEngine(tape: PlainNode[]): { engine: Tape; inputs: Value[]; nodes: Value[] } {
  const engine = new Tape();
  const nodes: Value[] = [];
  const inputs: Value[] = [];
  for (const { inputs: ins, partials } of tape) {
    if (ins.length === 0) {
      const x = engine.input(0);
      inputs.push(x);
      nodes.push(x);
    } else {
      nodes.push(dot(partials, ins.map((j) => nodes[j])));
    }
  }
  return { engine, inputs, nodes };
}

/** A tolerance that is relative for results above 1 and absolute below. */
export function scaled(tol: number, want: readonly number[]): number {
  return tol * Math.max(1, ...want.map(Math.abs));
}
