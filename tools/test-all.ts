/**
 * `npm test`: every check the pack has, in one command, each stage reported with its time.
 *
 * Stages: typecheck, unit, notebooks, browser (Notebook 6), jupyterlab (the pack's own
 * JupyterLab build). They run in order and all of them run even when one fails, so one red stage does not
 * hide the others. Stages that need software a laptop may lack (Jupyter's nbclient, a
 * Chromium for the browser test) say so and are left out locally; under CI (CI=true) a
 * missing prerequisite fails instead, so a green CI always means every stage ran.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

interface Stage {
  name: string;
  command: string[];
  /** Why the stage cannot run here, or null when it can. */
  missing?: () => string | null;
}

const root = path.resolve(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function hasCommand(file: string): boolean {
  return existsSync(file);
}

/** The Python the JupyterLab stage serves with has jupyter_server and jupyterlab_server. */
function hasLabServer(): boolean {
  if (!existsSync("/usr/bin/python3")) return false;
  const probe = spawnSync("/usr/bin/python3", ["-c", "import jupyter_server, jupyterlab_server"], { stdio: "ignore", timeout: 20000 });
  return probe.status === 0;
}

const stages: Stage[] = [
  { name: "typecheck", command: [npm, "run", "-s", "typecheck"] },
  { name: "unit", command: [npm, "run", "-s", "test:unit"] },
  { name: "notebooks", command: [npm, "run", "-s", "test:notebooks"] },
  {
    name: "browser",
    command: [npm, "run", "-s", "test:browser"],
    missing: () =>
      hasCommand("/usr/bin/chromium") && hasCommand("/usr/bin/jupyter-notebook")
        ? null
        : "needs /usr/bin/chromium and /usr/bin/jupyter-notebook (Debian: apt-get install chromium jupyter-notebook)",
  },
  {
    // Builds the pack's JupyterLab when needed (tools/jupyterlab: npm ci + webpack, about
    // 3 minutes the first time, nothing when up to date), then runs every lesson in it.
    name: "jupyterlab",
    command: [npm, "run", "-s", "test:jupyterlab"],
    missing: () =>
      hasCommand("/usr/bin/chromium") && hasLabServer()
        ? null
        : "needs /usr/bin/chromium and Debian's jupyter-server + jupyterlab-server (apt-get install chromium python3-jupyter-server python3-jupyterlab-server)",
  },
];

const only = process.argv.slice(2);
const results: { name: string; status: "passed" | "failed" | "not run"; seconds: number; note: string }[] = [];

for (const stage of stages) {
  if (only.length > 0 && !only.includes(stage.name)) continue;
  const missing = stage.missing?.() ?? null;
  if (missing !== null) {
    const status = process.env.CI ? "failed" : "not run";
    results.push({ name: stage.name, status, seconds: 0, note: missing });
    console.log(`\n=== ${stage.name}: ${status}: ${missing}`);
    continue;
  }
  console.log(`\n=== ${stage.name}: ${stage.command.join(" ")}`);
  const start = Date.now();
  const run = spawnSync(stage.command[0], stage.command.slice(1), { cwd: root, stdio: "inherit" });
  const seconds = (Date.now() - start) / 1000;
  const ok = run.status === 0;
  results.push({ name: stage.name, status: ok ? "passed" : "failed", seconds, note: ok ? "" : `exit ${run.status ?? run.signal}` });
}

console.log("\nstage        status    seconds  note");
for (const r of results) {
  console.log(`${r.name.padEnd(12)} ${r.status.padEnd(9)} ${r.seconds.toFixed(1).padStart(7)}  ${r.note}`);
}
const passed = results.filter((r) => r.status === "passed").length;
const failed = results.filter((r) => r.status === "failed").length;
console.log(`stages: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
