/**
 * Finding Jupyter on the user's machine: its commands, its data directory, and a Python that
 * has nbclient. Shared by the kernel installer, `npm start` and the notebook runner's
 * nbclient pass. Nothing here starts a server or changes a file.
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The pack's root folder, from this file's own location (never from the cwd). */
export const packRoot: string = path.resolve(__dirname, "..", "..");

/** The launcher every kernelspec of the pack points at. */
export const launcherPath: string = path.join(packRoot, "tools", "kernel", "launch.js");

/** The exact commands we suggest when Jupyter is missing (shown by `npm start`). */
export const jupyterInstallHelp: string = [
  "Install JupyterLab (any system with Python 3):",
  "    pip install jupyterlab",
  "or, on Debian/Ubuntu, the classic Notebook from the system packages:",
  "    sudo apt-get install jupyter-notebook python3-nbclient python3-nbconvert",
  "then run `npm start` again.",
].join("\n");

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The absolute path of an executable named `name` on `PATH` (honouring `PATHEXT` on
 * Windows), or null. `env` defaults to this process's environment.
 */
export function findCommand(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const dirs = (env.PATH ?? env.Path ?? "").split(path.delimiter).filter((d) => d !== "");
  const exts = process.platform === "win32" ? ["", ...(env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";")] : [""];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext.toLowerCase());
      if (isFile(candidate)) return candidate;
      if (ext !== "") {
        const upper = path.join(dir, name + ext);
        if (isFile(upper)) return upper;
      }
    }
  }
  return null;
}

/** Windows batch files (`jupyter.cmd` from some installers) can only be started through a shell. */
export function needsShell(command: string): boolean {
  return process.platform === "win32" && /\.(cmd|bat)$/i.test(command);
}

/**
 * A Jupyter subcommand (`lab`, `notebook`) is a separate executable `jupyter-<sub>`, looked
 * up the way `jupyter` itself does: next to the `jupyter` command first, then on PATH.
 */
export function findJupyterSubcommand(jupyter: string, sub: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const beside = findCommand(`jupyter-${sub}`, { ...env, PATH: path.dirname(jupyter) });
  return beside ?? findCommand(`jupyter-${sub}`, env);
}

/** Jupyter's per-user data directory when neither Jupyter nor JUPYTER_DATA_DIR says otherwise. */
export function defaultJupyterDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  if (platform === "win32") {
    const appData = env.APPDATA ?? path.join(home, "AppData", "Roaming");
    return path.join(appData, "jupyter");
  }
  if (platform === "darwin") return path.join(home, "Library", "Jupyter");
  const xdg = env.XDG_DATA_HOME;
  return path.join(xdg && xdg !== "" ? xdg : path.join(home, ".local", "share"), "jupyter");
}

/** Where the data directory came from, for the installer's message. */
export type DataDirSource = "JUPYTER_DATA_DIR" | "jupyter --data-dir" | "platform default";

/**
 * Jupyter's per-user data directory: `JUPYTER_DATA_DIR` if set, else what `jupyter --data-dir`
 * answers if a `jupyter` command exists, else the platform default.
 */
export function jupyterDataDir(env: NodeJS.ProcessEnv = process.env): { dir: string; source: DataDirSource } {
  if (env.JUPYTER_DATA_DIR && env.JUPYTER_DATA_DIR !== "") {
    return { dir: path.resolve(env.JUPYTER_DATA_DIR), source: "JUPYTER_DATA_DIR" };
  }
  const jupyter = findCommand("jupyter", env);
  if (jupyter !== null) {
    const answer = spawnSync(jupyter, ["--data-dir"], { env, encoding: "utf8", timeout: 15000, shell: needsShell(jupyter) });
    const dir = answer.status === 0 ? answer.stdout.trim().split(/\r?\n/).pop() ?? "" : "";
    if (dir !== "" && path.isAbsolute(dir)) return { dir, source: "jupyter --data-dir" };
  }
  return { dir: defaultJupyterDataDir(env), source: "platform default" };
}

/**
 * A Python interpreter that can `import nbclient`, or null. Debian installs Jupyter under
 * /usr/bin/python3, which is often not the `python3` first on PATH (pyenv, conda), so that
 * one is tried first.
 */
export function findPythonWithNbclient(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = ["/usr/bin/python3", findCommand("python3", env), findCommand("python", env)];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (candidate === null || seen.has(candidate) || !existsSync(candidate)) continue;
    seen.add(candidate);
    const probe = spawnSync(candidate, ["-c", "import nbclient, nbformat"], { env, stdio: "ignore", timeout: 20000 });
    if (probe.status === 0) return candidate;
  }
  return null;
}
