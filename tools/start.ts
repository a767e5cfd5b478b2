/**
 * `npm start`: registers the pack's kernel, then opens Jupyter on `notebooks/`.
 *
 * JupyterLab when it is installed; else the pack's own JupyterLab build (tools/jupyterlab,
 * made by `npm run lab:build`) when it is built and a python3 on PATH has jupyter-server and
 * jupyterlab-server (Debian packages both: for where `pip install jupyterlab` is impossible);
 * else the classic Notebook. `--lab-build` asks for the pack's build whatever else is
 * installed, and builds it first when needed. The server's root is the pack's root (so
 * `lib/`, `exercises/` are one click away) and the browser opens on `notebooks/`. Arguments
 * after `--` go to Jupyter unchanged (`npm start -- --no-browser --port 8899`). `--dry-run`
 * prints the command instead of running it and writes nothing.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describeInstall, installKernel } from "./kernel/install";
import { findCommand, findJupyterSubcommand, jupyterInstallHelp, needsShell, packRoot } from "./kernel/jupyter";
import { buildLab, labBuildPlan, labBundlePath, labDir } from "./jupyterlab/build";

/** What `npm start` would run. */
export interface StartPlan {
  /** `lab` (JupyterLab), `pack-lab` (the pack's own JupyterLab build) or `notebook` (classic Notebook). */
  app: "lab" | "pack-lab" | "notebook";
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
 * Each `python3` on PATH (in PATH order, not only the first: Debian's /usr/bin/python3 often
 * comes after a virtualenv's or pyenv's) that can import jupyter_server and jupyterlab_server,
 * which is what tools/jupyterlab/serve.py needs. Null when there is none.
 */
export function findLabServerPython(env: NodeJS.ProcessEnv = process.env): string | null {
  const dirs = (env.PATH ?? "").split(path.delimiter).filter((d) => d !== "");
  const seen = new Set<string>();
  for (const dir of dirs) {
    const python = findCommand("python3", { ...env, PATH: dir });
    if (python === null || seen.has(python)) continue;
    seen.add(python);
    const probe = spawnSync(python, ["-c", "import jupyter_server, jupyterlab_server"], { stdio: "ignore", timeout: 20000 });
    if (probe.status === 0) return python;
  }
  return null;
}

/** The pack's own JupyterLab (tools/jupyterlab/serve.py) run by `python`. */
function packLabPlan(python: string, extra: string[]): StartPlan {
  return {
    app: "pack-lab",
    command: python,
    args: [path.join(labDir, "serve.py"), `--ServerApp.root_dir=${packRoot}`, "--DescentLab.default_url=/lab/tree/notebooks", ...extra],
    cwd: packRoot,
  };
}

/** What to tell a user who asked for the pack's build (`--lab-build`) when no Python can serve it. */
export const labServerHelp: string = [
  "The pack's own JupyterLab build needs a python3 with jupyter-server and jupyterlab-server:",
  "    sudo apt-get install python3-jupyter-server python3-jupyterlab-server",
  "(or pip install jupyter-server jupyterlab-server), then run `npm start -- --lab-build` again.",
].join("\n");

/**
 * The Jupyter command to run, or null when neither JupyterLab nor Notebook is installed.
 * `extra` is appended as given. With `opts.labBuild` only the pack's own JupyterLab build
 * counts (null when no python3 on PATH can serve it); without it, the build is used when no
 * `jupyter lab` exists and the build is already there.
 */
export function planStart(
  given: string[],
  env: NodeJS.ProcessEnv = process.env,
  isRoot = runningAsRoot(),
  opts: { labBuild?: boolean } = {},
): StartPlan | null {
  // Jupyter refuses to start as root (containers, CI) unless told; say it for the user.
  const extra = isRoot && !given.includes("--allow-root") ? [...given, "--allow-root"] : given;
  if (opts.labBuild) {
    const python = findLabServerPython(env);
    return python === null ? null : packLabPlan(python, extra);
  }
  const jupyter = findCommand("jupyter", env);
  const hasLab = jupyter !== null && findJupyterSubcommand(jupyter, "lab", env) !== null;
  if (!hasLab && existsSync(labBundlePath)) {
    const python = findLabServerPython(env);
    if (python !== null) return packLabPlan(python, extra);
  }
  if (jupyter === null) return null;
  if (hasLab) {
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
  const labBuild = argv.includes("--lab-build");
  const extra = argv.filter((a) => a !== "--dry-run" && a !== "--lab-build");
  if (extra.includes("--help") || extra.includes("-h")) {
    console.log("usage: npm start [-- --dry-run] [-- --lab-build] [-- <jupyter options, e.g. --no-browser --port 8899>]");
    console.log("  --lab-build  the pack's own JupyterLab (tools/jupyterlab, built from npm on first use) on Debian's jupyter-server");
    return 0;
  }

  try {
    console.log(describeInstall(installKernel({ dryRun }), dryRun));
  } catch (e) {
    console.error(`npm start: could not register the kernel: ${(e as Error).message}`);
    return 1;
  }

  const plan = planStart(extra, process.env, runningAsRoot(), { labBuild });
  if (plan === null && labBuild) {
    console.error("npm start: no python3 on your PATH has jupyter-server and jupyterlab-server.\n");
    console.error(labServerHelp);
    return 1;
  }
  if (plan === null) {
    console.error("npm start: Jupyter was not found (no `jupyter` with `lab` or `notebook` on your PATH).\n");
    console.error(jupyterInstallHelp);
    console.error("\nWhere pip cannot install JupyterLab, the pack builds its own from npm:");
    console.error("    sudo apt-get install python3-jupyter-server python3-jupyterlab-server");
    console.error("    npm start -- --lab-build");
    return 1;
  }
  if (plan.app === "pack-lab") {
    const todo = labBuildPlan();
    if (dryRun) {
      if (todo.install || todo.bundle) console.log("would first build the pack's JupyterLab (npm run lab:build: npm ci and webpack in tools/jupyterlab, about 3 minutes)");
    } else {
      try {
        buildLab();
      } catch (e) {
        console.error(`npm start: could not build the pack's JupyterLab: ${(e as Error).message}`);
        return 1;
      }
    }
  }
  const line = [plan.command, ...plan.args].map(quote).join(" ");
  if (dryRun) {
    console.log(`would run (in ${plan.cwd}):\n  ${line}`);
    return 0;
  }
  const name = plan.app === "lab" ? "JupyterLab" : plan.app === "pack-lab" ? "the pack's JupyterLab build" : "Jupyter Notebook";
  console.log(`Starting ${name} on ${plan.cwd}/notebooks ...\n  ${line}`);
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
