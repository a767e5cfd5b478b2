/**
 * Optimizer benchmark (issue 8 item 8): one `step(grad)` of each lib/optim optimizer on 10⁶
 * parameters, in nanoseconds per parameter, beside a hand-written fused loop doing the same
 * arithmetic with every option folded into constants and no checks: the speed limit for that
 * update in plain JavaScript. Goal: each optimizer within 1.5× of its fused loop.
 *
 * The library's step pays for what the fused loop skips, above all the gradient's finiteness
 * check: one extra read pass over g before anything is written (so a NaN gradient is refused
 * with the parameters untouched). A third column times the fused loop with that same check in
 * front, which separates the check's cost from the loop's.
 *
 * Times are the CPU time of this process (`process.cpuUsage`), not wall time, so time spent
 * waiting for a core on a shared machine is not counted. The three variants run in rotating
 * order (whichever runs later finds part of g in the last-level cache). Each figure is the
 * median of REPEATS runs after WARMUP runs, with the fastest run beside it; the goal is judged
 * on the fastest runs, the least disturbed by other work. Before timing, library and fused
 * loop are run 3 steps from the same start and their parameters compared (`maxDiff`, expected
 * 0: the same float operations).
 *
 * Call `runOptimBench()` (returns `{ rows, text, ... }`: JSON-able rows and a printed table), or
 * run this file: `npx tsx bench/optim.ts [--json]`.
 */
import { SGD } from "../lib/optim/sgd";
import { Adagrad } from "../lib/optim/adagrad";
import { RMSprop } from "../lib/optim/rmsprop";
import { Adam } from "../lib/optim/adam";
import { AdamW } from "../lib/optim/adamw";
import { Adamax } from "../lib/optim/adamax";
import { NAdam } from "../lib/optim/nadam";
import { Adadelta } from "../lib/optim/adadelta";
import type { Optimizer } from "../lib/optim/optimizer";
import { rng } from "../lib/random";
import { checkStep } from "../lib/optim/base";
import { machine, median } from "./measure";

const N = 1_000_000;
const REPEATS = 31, WARMUP = 5;
/** The goal: library step time / fused loop time. */
export const OPTIM_TARGET_RATIO = 1.5;

/** One row of the result (ns per parameter: median of the runs, and the fastest run). */
export interface OptimBenchRow {
  optimizer: string;
  /** `opt.step(grad)`. */
  libraryNsPerParam: number;
  libraryMinNsPerParam: number;
  /** The fused loop alone. */
  fusedNsPerParam: number;
  fusedMinNsPerParam: number;
  /** The fused loop after the library's gradient check (length and finiteness). */
  fusedCheckedNsPerParam: number;
  fusedCheckedMinNsPerParam: number;
  /** library / fused, fastest runs: the figure judged against the goal. */
  ratio: number;
  /** library / (fused + check), fastest runs: how close the library's loop itself is. */
  ratioToChecked: number;
  withinTarget: boolean;
  /** max |θ_library − θ_fused| after 3 steps from the same start (0 when the arithmetic is the same). */
  maxDiff: number;
}

/** A fused update: state arrays it owns, and one step on (θ, g). */
interface Fused {
  step(p: Float64Array, g: Float64Array): void;
}

interface Case {
  name: string;
  make: (p: Float64Array) => Optimizer;
  fused: () => Fused;
}

const lr = 1e-3;

const CASES: Case[] = [
  {
    name: "SGD",
    make: (p) => new SGD(p, { lr }),
    fused: () => ({ step: (p, g) => { for (let i = 0; i < N; i++) p[i] -= lr * g[i]; } }),
  },
  {
    name: "SGD momentum 0.9",
    make: (p) => new SGD(p, { lr, momentum: 0.9 }),
    fused: () => {
      const b = new Float64Array(N);
      let first = true;
      return {
        step: (p, g) => {
          if (first) {
            for (let i = 0; i < N; i++) { b[i] = g[i]; p[i] -= lr * b[i]; }
            first = false;
          } else {
            for (let i = 0; i < N; i++) { const bi = 0.9 * b[i] + 1 * g[i]; b[i] = bi; p[i] -= lr * bi; }
          }
        },
      };
    },
  },
  {
    name: "SGD Nesterov 0.9",
    make: (p) => new SGD(p, { lr, momentum: 0.9, nesterov: true }),
    fused: () => {
      const b = new Float64Array(N);
      let first = true;
      return {
        step: (p, g) => {
          if (first) {
            for (let i = 0; i < N; i++) { const gi = g[i]; b[i] = gi; p[i] -= lr * (gi + 0.9 * gi); }
            first = false;
          } else {
            for (let i = 0; i < N; i++) { const gi = g[i], bi = 0.9 * b[i] + 1 * gi; b[i] = bi; p[i] -= lr * (gi + 0.9 * bi); }
          }
        },
      };
    },
  },
  {
    name: "Adagrad",
    make: (p) => new Adagrad(p, { lr }),
    fused: () => {
      const s = new Float64Array(N);
      let t = 0;
      return {
        step: (p, g) => {
          t++;
          const clr = lr / (1 + (t - 1) * 0);
          for (let i = 0; i < N; i++) { const gi = g[i], si = s[i] + gi * gi; s[i] = si; p[i] -= clr * (gi / (Math.sqrt(si) + 1e-10)); }
        },
      };
    },
  },
  {
    name: "RMSprop",
    make: (p) => new RMSprop(p, { lr }),
    fused: () => {
      const v = new Float64Array(N);
      return {
        step: (p, g) => {
          for (let i = 0; i < N; i++) { const gi = g[i], vi = 0.99 * v[i] + (1 - 0.99) * gi * gi; v[i] = vi; p[i] -= lr * (gi / (Math.sqrt(vi) + 1e-8)); }
        },
      };
    },
  },
  {
    name: "RMSprop centered, momentum 0.9",
    make: (p) => new RMSprop(p, { lr, centered: true, momentum: 0.9 }),
    fused: () => {
      const v = new Float64Array(N), ga = new Float64Array(N), b = new Float64Array(N);
      const w = 1 - 0.99;
      return {
        step: (p, g) => {
          for (let i = 0; i < N; i++) {
            const gi = g[i], vi = 0.99 * v[i] + w * gi * gi;
            v[i] = vi;
            const ai = ga[i] + w * (gi - ga[i]);
            ga[i] = ai;
            const bi = 0.9 * b[i] + gi / (Math.sqrt(vi - ai * ai) + 1e-8);
            b[i] = bi;
            p[i] -= lr * bi;
          }
        },
      };
    },
  },
  { name: "Adam", make: (p) => new Adam(p, { lr }), fused: () => fusedAdam(false, 0) },
  { name: "Adam amsgrad", make: (p) => new Adam(p, { lr, amsgrad: true }), fused: () => fusedAdam(true, 0) },
  { name: "AdamW", make: (p) => new AdamW(p, { lr }), fused: () => fusedAdam(false, 1e-2) },
  {
    name: "Adamax",
    make: (p) => new Adamax(p, { lr }),
    fused: () => {
      const m = new Float64Array(N), u = new Float64Array(N);
      let t = 0;
      return {
        step: (p, g) => {
          const clr = lr / (1 - 0.9 ** ++t), w1 = 1 - 0.9;
          for (let i = 0; i < N; i++) {
            const gi = g[i], mi = m[i] + w1 * (gi - m[i]);
            m[i] = mi;
            const d = 0.999 * u[i], f = Math.abs(gi) + 1e-8, ui = d > f ? d : f;
            u[i] = ui;
            p[i] -= clr * (mi / ui);
          }
        },
      };
    },
  },
  {
    name: "NAdam",
    make: (p) => new NAdam(p, { lr }),
    fused: () => {
      const m = new Float64Array(N), v = new Float64Array(N);
      let t = 0, prod = 1;
      return {
        step: (p, g) => {
          t++;
          const bc2 = 1 - 0.999 ** t;
          const mu = 0.9 * (1 - 0.5 * 0.96 ** (t * 4e-3)), muNext = 0.9 * (1 - 0.5 * 0.96 ** ((t + 1) * 4e-3));
          prod *= mu;
          const gc = (-lr * (1 - mu)) / (1 - prod), mc = (-lr * muNext) / (1 - prod * muNext), w1 = 1 - 0.9, w2 = 1 - 0.999;
          for (let i = 0; i < N; i++) {
            const gi = g[i], mi = m[i] + w1 * (gi - m[i]);
            m[i] = mi;
            const vi = 0.999 * v[i] + w2 * gi * gi;
            v[i] = vi;
            const d = Math.sqrt(vi / bc2) + 1e-8;
            p[i] = p[i] + gc * (gi / d) + mc * (mi / d);
          }
        },
      };
    },
  },
  {
    name: "Adadelta",
    make: (p) => new Adadelta(p, { lr: 1 }),
    fused: () => {
      const v = new Float64Array(N), u = new Float64Array(N), keep = 1 - 0.9;
      return {
        step: (p, g) => {
          for (let i = 0; i < N; i++) {
            const gi = g[i], vi = 0.9 * v[i] + keep * gi * gi;
            v[i] = vi;
            const dl = (Math.sqrt(u[i] + 1e-6) / Math.sqrt(vi + 1e-6)) * gi;
            u[i] = 0.9 * u[i] + keep * dl * dl;
            p[i] -= 1 * dl;
          }
        },
      };
    },
  },
];

/** Adam's update fused (decoupled decay λ for AdamW, 0 for Adam), the arithmetic order of lib/optim/adam.ts. */
function fusedAdam(amsgrad: boolean, decoupled: number): Fused {
  const m = new Float64Array(N), v = new Float64Array(N), vmax = new Float64Array(N);
  let t = 0;
  return {
    step: (p, g) => {
      t++;
      const stepSize = lr / (1 - 0.9 ** t), bc2Sqrt = Math.sqrt(1 - 0.999 ** t), w1 = 1 - 0.9, w2 = 1 - 0.999, shrink = 1 - lr * decoupled;
      for (let i = 0; i < N; i++) {
        const gi = g[i];
        const pi = decoupled !== 0 ? p[i] * shrink : p[i];
        const mi = m[i] + w1 * (gi - m[i]);
        m[i] = mi;
        let vi = 0.999 * v[i] + w2 * gi * gi;
        v[i] = vi;
        if (amsgrad) {
          if (vmax[i] > vi) vi = vmax[i];
          else vmax[i] = vi;
        }
        p[i] = pi - stepSize * (mi / (Math.sqrt(vi) / bc2Sqrt + 1e-8));
      }
    },
  };
}

/** CPU milliseconds (user + system) between two `process.cpuUsage()` readings. */
function cpuMs(from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number {
  return (to.user - from.user + to.system - from.system) / 1000;
}

function nsPerParam(ms: number): number {
  return (ms * 1e6) / N;
}

/** Times every optimizer against its fused loop; returns JSON-able rows and the printed table. */
export function runOptimBench(): { rows: OptimBenchRow[]; text: string; machine: ReturnType<typeof machine>; method: string } {
  const r = rng(11);
  const theta0 = Float64Array.from({ length: N }, () => r.normal(0, 1));
  const grad = Float64Array.from({ length: N }, () => r.normal(0, 1));
  const rows: OptimBenchRow[] = [];
  for (const c of CASES) {
    // Same start, 3 steps each: the two must agree (same float operations).
    const pl = Float64Array.from(theta0), pf = Float64Array.from(theta0);
    const lib = c.make(pl), fused = c.fused();
    for (let k = 0; k < 3; k++) {
      lib.step(grad);
      fused.step(pf, grad);
    }
    let maxDiff = 0;
    for (let i = 0; i < N; i++) maxDiff = Math.max(maxDiff, Math.abs(pl[i] - pf[i]));
    const pc = Float64Array.from(pf), checked = c.fused();
    for (let k = 0; k < 3; k++) checked.step(pc, grad);
    const variants: (() => void)[] = [
      () => lib.step(grad),
      () => fused.step(pf, grad),
      () => { checkStep("fused", pc, grad); checked.step(pc, grad); },
    ];
    const times: number[][] = [[], [], []];
    for (let k = 0; k < WARMUP + REPEATS; k++) {
      for (let j = 0; j < 3; j++) {
        const v = (j + k) % 3; // rotate the order
        const a = process.cpuUsage();
        variants[v]();
        const ms = cpuMs(a, process.cpuUsage());
        if (k >= WARMUP) times[v].push(ms);
      }
    }
    const med = times.map((t) => nsPerParam(median(t))), fast = times.map((t) => nsPerParam(Math.min(...t)));
    const ratio = fast[0] / fast[1];
    rows.push({
      optimizer: c.name,
      libraryNsPerParam: med[0], libraryMinNsPerParam: fast[0],
      fusedNsPerParam: med[1], fusedMinNsPerParam: fast[1],
      fusedCheckedNsPerParam: med[2], fusedCheckedMinNsPerParam: fast[2],
      ratio, ratioToChecked: fast[0] / fast[2], withinTarget: ratio <= OPTIM_TARGET_RATIO, maxDiff,
    });
  }
  const m = machine();
  const method = `one step on ${N.toLocaleString("en-US")} parameters; CPU time of this process; median and fastest of ${REPEATS} runs after ${WARMUP} warm-ups, variants in rotating order`;
  const f = (x: number) => x.toFixed(2).padStart(7);
  const lines = [
    `Optimizer step, ns per parameter — ${m.cpu}, ${m.cores} cores, Node ${m.node}, load ${m.loadAverage1min.toFixed(2)}`,
    method,
    "",
    `${"".padEnd(31)} ${"median".padStart(23)}   ${"fastest".padStart(23)}`,
    `${"optimizer".padEnd(31)} ${"library".padStart(7)} ${"fused".padStart(7)} ${"+check".padStart(7)}   ${"library".padStart(7)} ${"fused".padStart(7)} ${"+check".padStart(7)}  lib/fused  lib/+check  goal ≤ ${OPTIM_TARGET_RATIO}  max|Δθ|`,
    ...rows.map((r) =>
      `${r.optimizer.padEnd(31)} ${f(r.libraryNsPerParam)} ${f(r.fusedNsPerParam)} ${f(r.fusedCheckedNsPerParam)}   ${f(r.libraryMinNsPerParam)} ${f(r.fusedMinNsPerParam)} ${f(r.fusedCheckedMinNsPerParam)}  ` +
        `${r.ratio.toFixed(2).padStart(9)}  ${r.ratioToChecked.toFixed(2).padStart(10)}  ${r.withinTarget ? "met   " : "MISSED"}     ${r.maxDiff.toExponential(0)}`,
    ),
    "",
    "ratios from the fastest runs; +check = the fused loop after the library's gradient check (one read pass over g)",
  ];
  return { rows, text: lines.join("\n"), machine: m, method };
}

if (require.main === module) {
  const result = runOptimBench();
  console.log(process.argv.includes("--json") ? JSON.stringify(result, null, 2) : result.text);
}
