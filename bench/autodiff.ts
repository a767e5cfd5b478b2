/**
 * The autodiff section of `npm run bench`: speed and memory of the engine against its targets,
 * all in one run on this machine.
 *
 * 1. MLP(2, [16, 16, 1]), tanh hidden, linear output, squared error over 100 seeded points,
 *    built micrograd-style (≈ 65,000 nodes): forward (building the graph, which evaluates it)
 *    and backward times, their ratio, nodes per second, bytes per node.
 * 2. The same loss with one `dot` node per neuron (far fewer nodes).
 * 3. The same gradient by hand-written Float64Array backprop: the speed limit.
 * 4. A chain of 1,000,000 multiplications: build and backward time, and the right derivative.
 * The engine's gradient is checked against the hand-written one (max difference ≤ 1e-9).
 *
 * Times are medians of REPEATS runs after WARMUP runs (judged against the targets), with the
 * fastest run beside them (the least disturbed figure when other work shares the CPU). Memory: heap + ArrayBuffer bytes
 * retained by a fresh tape holding the graph (global.gc() before each reading; the npm script
 * runs Node with --expose-gc), divided by its node count; it includes the growable arrays'
 * unused capacity.
 */
import { Tape, type Value } from "../lib/autodiff";
import { clearPool } from "../lib/autodiff/pool";
import { makeData, initParams, engineLoss, engineLossDot, handGradient } from "./mlp";
import { timeMs, retainedBytes, canCollect, machine, type Timing } from "./measure";

const REPEATS = 31, WARMUP = 15;
const TARGETS = { fwdBwdMs: 15, ratio: 1.5, bytesPerNode: 200 };

interface EngineResult {
  name: string;
  nodes: number;
  /** Median milliseconds. */
  forwardMs: number;
  backwardMs: number;
  /** Fastest run, milliseconds. */
  forwardMinMs: number;
  backwardMinMs: number;
  ratio: number;
  nodesPerSecond: number;
  bytesPerNode: number;
  maxGradDiff: number;
  /** Median and fastest milliseconds of the same forward on a new Tape() each time (arrays allocated and grown from scratch). */
  freshForwardMs: number;
  freshForwardMinMs: number;
  /** The same with tape.free() after each build, so the next new Tape() takes its storage (lib/autodiff/pool.ts). */
  freedForwardMs: number;
  freedForwardMinMs: number;
}

type Builder = (tape: Tape, params: readonly Value[], data: ReturnType<typeof makeData>) => Value;

/** Times forward and backward of one loss builder on one reused tape (rewound between runs). */
function benchEngine(name: string, build: Builder, hand: Float64Array): EngineResult {
  const data = makeData(), p0 = initParams();
  const tape = new Tape();
  const params = Array.from(p0, (x) => tape.input(x));
  const mark = tape.mark();
  let loss = build(tape, params, data);
  const forward: Timing = timeMs(() => {
    tape.rewind(mark);
    loss = build(tape, params, data);
  }, REPEATS, WARMUP);
  const backward: Timing = timeMs(() => loss.backward(), REPEATS, WARMUP);
  // What trace(), gradCheck() or a new notebook cell do: build on a new Tape() every time.
  const fresh: Timing = timeMs(() => {
    const t = new Tape();
    build(t, Array.from(p0, (x) => t.input(x)), data);
  }, REPEATS, WARMUP);
  const freed: Timing = timeMs(() => {
    const t = new Tape();
    build(t, Array.from(p0, (x) => t.input(x)), data);
    t.free();
  }, REPEATS, WARMUP);
  clearPool(); // the memory figure below counts a new tape's own storage, not a recycled one
  const forwardMs = forward.median, backwardMs = backward.median;
  const nodes = tape.length;
  let maxGradDiff = 0;
  params.forEach((p, i) => (maxGradDiff = Math.max(maxGradDiff, Math.abs(p.grad - hand[i]))));
  const memory = retainedBytes(() => {
    const fresh = new Tape();
    const ps = Array.from(p0, (x) => fresh.input(x));
    build(fresh, ps, data);
    return fresh;
  });
  return {
    name, nodes, forwardMs, backwardMs, forwardMinMs: forward.min, backwardMinMs: backward.min, ratio: backwardMs / forwardMs,
    nodesPerSecond: nodes / ((forwardMs + backwardMs) / 1000),
    bytesPerNode: memory.bytes / memory.result.length, maxGradDiff,
    freshForwardMs: fresh.median, freshForwardMinMs: fresh.min, freedForwardMs: freed.median, freedForwardMinMs: freed.min,
  };
}

function benchHand(): { ms: number; minMs: number; grad: Float64Array } {
  const data = makeData(), p0 = initParams();
  const t = timeMs(() => handGradient(p0, data), REPEATS, WARMUP);
  return { ms: t.median, minMs: t.min, grad: handGradient(p0, data).grad };
}

/** y = x·c^(10⁶), built and differentiated once (warm-up would only add minutes of GC). */
function benchChain(length = 1_000_000) {
  const tape = new Tape();
  const c = tape.constant(1 + 1e-7), x = tape.input(1, "x");
  const t0 = performance.now();
  let y: Value = x;
  for (let i = 0; i < length; i++) y = y.mul(c);
  const t1 = performance.now();
  y.backward();
  const t2 = performance.now();
  const expected = Math.pow(1 + 1e-7, length);
  return { length, buildMs: t1 - t0, backwardMs: t2 - t1, grad: x.grad, works: Math.abs(x.grad - expected) <= 1e-9 * expected };
}

/** Runs the autodiff benchmark: the JSON-able result, the printed report, and whether every target was met. */
export function runAutodiffBench() {
  const hand = benchHand();
  const mlp = benchEngine("MLP(2,[16,16,1]) × 100 points, micrograd-style", engineLoss, hand.grad);
  const mlpDot = benchEngine("same loss, one dot() node per neuron", engineLossDot, hand.grad);
  const chain = benchChain();
  const checks = {
    fwdBwdUnder15ms: mlp.forwardMs + mlp.backwardMs < TARGETS.fwdBwdMs,
    ratioAtMost1_5: mlp.ratio <= TARGETS.ratio,
    bytesPerNodeAtMost200: mlp.bytesPerNode <= TARGETS.bytesPerNode,
    chainWorks: chain.works,
    gradientsMatchHand: mlp.maxGradDiff <= 1e-9 && mlpDot.maxGradDiff <= 1e-9,
  };
  const result = {
    machine: machine(),
    method: {
      timing: `median of ${REPEATS} runs after ${WARMUP} warm-up runs (performance.now)`,
      memory: canCollect() ? "heap + arrayBuffers retained by a fresh tape, after global.gc()" : "heap + arrayBuffers retained by a fresh tape (no --expose-gc: noisy)",
    },
    mlp, mlpDot,
    hand: { ms: hand.ms, minMs: hand.minMs, engineOverHand: (mlp.forwardMs + mlp.backwardMs) / hand.ms },
    chain, targets: TARGETS, checks,
  };
  return { result, text: report(result), ok: Object.values(checks).every(Boolean) };
}

function report(r: {
  machine: ReturnType<typeof machine>; method: { timing: string; memory: string }; mlp: EngineResult; mlpDot: EngineResult;
  hand: { ms: number; minMs: number; engineOverHand: number }; chain: ReturnType<typeof benchChain>; checks: Record<string, boolean>;
}): string {
  const out: string[] = [];
  const log = (line: string) => out.push(line);
  const f = (x: number, d = 2) => x.toFixed(d);
  const row = (e: EngineResult) =>
    `${e.name.padEnd(50)} ${String(e.nodes).padStart(7)} ${f(e.forwardMs).padStart(8)} ${f(e.backwardMs).padStart(8)} ${f(e.ratio).padStart(7)} ${f(e.nodesPerSecond / 1e6).padStart(8)} ${f(e.bytesPerNode, 0).padStart(7)}   ${f(e.forwardMinMs)} / ${f(e.backwardMinMs)}`;
  log(`Descent autodiff benchmark — ${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}, ${r.machine.platform}`);
  const load = r.machine.loadAverage1min;
  log(`load average (1 min): ${load.toFixed(2)}${load > r.machine.cores * 0.5 ? "  (busy machine: times are inflated; rerun when idle)" : ""}`);
  log(`timing: ${r.method.timing}; memory: ${r.method.memory}\n`);
  log(`${"case".padEnd(50)} ${"nodes".padStart(7)} ${"fwd ms".padStart(8)} ${"bwd ms".padStart(8)} ${"bwd/fwd".padStart(7)} ${"Mnode/s".padStart(8)} ${"B/node".padStart(7)}   fastest fwd / bwd ms`);
  log(row(r.mlp));
  log(row(r.mlpDot));
  log(`${"hand-written Float64Array backprop (same gradient)".padEnd(50)} ${"".padStart(7)} ${f(r.hand.ms).padStart(8)}  (fwd+bwd; fastest ${f(r.hand.minMs)})`);
  for (const e of [r.mlp, r.mlpDot]) {
    log(`forward on a new Tape() each time, ${e.name}: ${f(e.freshForwardMs)} ms (fastest ${f(e.freshForwardMinMs)}), ${f(e.freshForwardMs / e.forwardMs, 1)}× the reused tape; ` +
      `with free() after each: ${f(e.freedForwardMs)} ms (fastest ${f(e.freedForwardMinMs)}), ${f(e.freedForwardMs / e.forwardMs, 1)}×`);
  }
  log(`engine (micrograd-style) / hand-written time: ${f(r.hand.engineOverHand, 1)}×`);
  log(`max |engine grad − hand grad|: ${r.mlp.maxGradDiff.toExponential(1)} (micrograd-style), ${r.mlpDot.maxGradDiff.toExponential(1)} (dot)`);
  log(`chain of ${r.chain.length.toLocaleString("en-US")} muls: build ${f(r.chain.buildMs, 0)} ms, backward ${f(r.chain.backwardMs, 0)} ms, dy/dx = ${r.chain.grad.toFixed(9)} (${r.chain.works ? "correct" : "WRONG"})\n`);
  log("targets:");
  const label: Record<string, string> = {
    fwdBwdUnder15ms: `forward+backward of the MLP < ${TARGETS.fwdBwdMs} ms`,
    ratioAtMost1_5: `backward/forward ≤ ${TARGETS.ratio}`,
    bytesPerNodeAtMost200: `≤ ${TARGETS.bytesPerNode} bytes per node`,
    chainWorks: "the 10⁶ chain differentiates",
    gradientsMatchHand: "engine gradient = hand-written gradient (≤ 1e-9)",
  };
  for (const [k, ok] of Object.entries(r.checks)) log(`  ${ok ? "met " : "MISSED"}  ${label[k]}`);
  return out.join("\n");
}
