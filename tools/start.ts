/**
 * `npm start`: registers the pack's kernel, then opens Jupyter on `notebooks/`.
 *
 * JupyterLab when it is installed, else the classic Notebook; the server's root is the pack's
 * root (so `lib/`, `exercises/` are one click away) and the browser opens on `notebooks/`.
 * Arguments after `--` go to Jupyter unchanged (`npm start -- --no-browser --port 8899`).
 * `--dry-run` prints the command instead of running it and writes nothing.
 */
import { spawn, spawnSync } from "node:child_process";
import { describeInstall, installKernel } from "./kernel/install";
import { findCommand, findJupyterSubcommand, jupyterInstallHelp, needsShell, packRoot } from "./kernel/jupyter";

/** What `npm start` would run. */
export interface StartPlan {
  /** `lab` (JupyterLab) or `notebook` (classic Notebook). */
  app: "lab" | "notebook";
  command: string;
  args: string[];
  cwd: string;
}

/** The major version of `jupyter notebook` (6 = classic server, 7+ = jupyter_server based). */
function notebookMajorVersion(jupyter: string, env: NodeJS.ProcessEnv): number {
  const answer = spawnSync(jupyter, ["notebook", "--version"], { env, encoding: "utf8", timeout: 20000, shell: needsShell(jupyter) });
  const match = /^(\d+)\./m.exec(answer.stdout ?? "");
  return match ? Number(match[1]) : 6;
}

/**
 * The Jupyter command to run, or null when neither JupyterLab nor Notebook is installed.
 * `extra` is appended as given.
 */
export function planStart(given: string[], env: NodeJS.ProcessEnv = process.env, isRoot = runningAsRoot()): StartPlan | null {
  // Jupyter refuses to start as root (containers, CI) unless told; say it for the user.
  const extra = isRoot && !given.includes("--allow-root") ? [...given, "--allow-root"] : given;
  const jupyter = findCommand("jupyter", env);
  if (jupyter === null) return null;
  if (findJupyterSubcommand(jupyter, "lab", env) !== null) {
    return {
      app: "lab",
      command: jupyter,
      args: ["lab", `--ServerApp.root_dir=${packRoot}`, "--LabApp.default_url=/lab/tree/notebooks", ...extra],
      cwd: packRoot,
    };
  }
  if (findJupyterSubcommand(jupyter, "notebook", env) !== null) {
    // Notebook 7 runs on jupyter_server (ServerApp); Notebook 6 has its own NotebookApp.
    const classic = notebookMajorVersion(jupyter, env) < 7;
    const rootFlag = classic ? `--NotebookApp.notebook_dir=${packRoot}` : `--ServerApp.root_dir=${packRoot}`;
    const urlFlag = classic ? "--NotebookApp.default_url=/tree/notebooks" : "--JupyterNotebookApp.default_url=/tree/notebooks";
    return { app: "notebook", command: jupyter, args: ["notebook", rootFlag, urlFlag, ...extra], cwd: packRoot };
  }
  return null;
}

function runningAsRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function main(argv: string[]): number {
  // `npm start --dry-run` is swallowed by npm as its own flag and arrives as npm_config_dry_run.
  const dryRun = argv.includes("--dry-run") || process.env.npm_config_dry_run === "true";
  const extra = argv.filter((a) => a !== "--dry-run");
  if (extra.includes("--help") || extra.includes("-h")) {
    console.log("usage: npm start [-- --dry-run] [-- <jupyter options, e.g. --no-browser --port 8899>]");
    return 0;
  }

  try {
    console.log(describeInstall(installKernel({ dryRun }), dryRun));
  } catch (e) {
    console.error(`npm start: could not register the kernel: ${(e as Error).message}`);
    return 1;
  }

  const plan = planStart(extra);
  if (plan === null) {
    console.error("npm start: Jupyter was not found (no `jupyter` with `lab` or `notebook` on your PATH).\n");
    console.error(jupyterInstallHelp);
    return 1;
  }
  const line = [plan.command, ...plan.args].map(quote).join(" ");
  if (dryRun) {
    console.log(`would run (in ${plan.cwd}):\n  ${line}`);
    return 0;
  }
  console.log(`Starting ${plan.app === "lab" ? "JupyterLab" : "Jupyter Notebook"} on ${plan.cwd}/notebooks ...\n  ${line}`);
  const child = spawn(plan.command, plan.args, { cwd: plan.cwd, stdio: "inherit", shell: needsShell(plan.command) });
  // Ctrl-C reaches Jupyter directly (same process group); it asks to confirm and shuts down.
  // We only wait for it, so the terminal is handed back when the server has really stopped.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  child.on("error", (e) => {
    console.error(`npm start: could not run ${plan.command}: ${e.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return -1;
}

if (require.main === module) {
  const code = main(process.argv.slice(2));
  if (code >= 0) process.exit(code);
}
