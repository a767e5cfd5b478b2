/**
 * `npm run bench`: every benchmark of the pack, side by side in one run on this machine.
 *
 *   npm run bench                         all sections
 *   npm run bench -- --only optim,ridge   some sections (autodiff, optim, kappa, ridge)
 *   npm run bench -- --json               machine-readable output
 *
 * Sections: autodiff (engine speed and memory, bench/autodiff.ts), optim (one step of each
 * optimizer on 10⁶ parameters beside a fused loop, bench/optim.ts), kappa (iterations to ε as κ
 * grows, wall time of the sweep, bench/kappa.ts), ridge (10,000 ridge fits beside numpy,
 * bench/ridge.ts). Exit code 1 when a section misses its goal. Speed is measured here and only
 * here: no test depends on the machine's speed.
 */
import { runAutodiffBench } from "./autodiff";
import { runKappaBench } from "./kappa";
import { machine } from "./measure";
import { runOptimBench } from "./optim";
import { runRidgeBench } from "./ridge";

interface Section {
  json: unknown;
  text: string;
  ok: boolean;
}

const SECTIONS: Record<string, () => Section> = {
  autodiff: () => {
    const r = runAutodiffBench();
    return { json: r.result, text: r.text, ok: r.ok };
  },
  optim: () => {
    const r = runOptimBench();
    return { json: r, text: r.text, ok: r.rows.every((row) => row.withinTarget) };
  },
  kappa: () => {
    const r = runKappaBench();
    return { json: r, text: r.text, ok: r.summary.met };
  },
  ridge: () => {
    const r = runRidgeBench();
    return { json: r, text: r.text, ok: r.goals.underHalfSecond && r.goals.aheadOfNumpy !== false };
  },
};

function parse(argv: string[]): { json: boolean; only: string[] } {
  const json = argv.includes("--json");
  const at = argv.indexOf("--only");
  const only = at >= 0 ? (argv[at + 1] ?? "").split(",").filter(Boolean) : Object.keys(SECTIONS);
  const unknown = only.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0 || (at >= 0 && only.length === 0)) {
    throw new Error(`--only: unknown section ${unknown.join(", ") || "(none given)"}; choose from ${Object.keys(SECTIONS).join(", ")}`);
  }
  return { json, only };
}

function main(): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(process.argv.slice(2));
  } catch (e) {
    console.error(`bench: ${(e as Error).message}`);
    return 2;
  }
  const m = machine();
  if (!args.json) console.log(`Descent benchmarks — ${m.cpu}, ${m.cores} cores, Node ${m.node}, load average ${m.loadAverage1min.toFixed(2)} at the start\n`);
  const results: Record<string, unknown> = {};
  let ok = true;
  for (const name of args.only) {
    const section = SECTIONS[name]();
    results[name] = section.json;
    ok &&= section.ok;
    if (!args.json) console.log(`== ${name}${section.ok ? "" : "  (a goal was missed)"}\n${section.text}\n`);
  }
  if (args.json) console.log(JSON.stringify({ machine: m, ...results }, null, 2));
  return ok ? 0 : 1;
}

process.exitCode = main();
