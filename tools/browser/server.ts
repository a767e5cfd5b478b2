/**
 * A private Jupyter Notebook 6 server for the browser test: 127.0.0.1 only, a port chosen at
 * run time, a random token, its own data/config/runtime folders (so neither the user's
 * configuration nor their trusted-notebook database takes part), the pack's kernelspec
 * written into its data folder, and the pack root as its root folder.
 *
 * The server runs in its own process group. `stop()` asks it to shut its kernels down
 * (REST, then SIGTERM, which makes Notebook stop its kernels), then kills the group, then
 * kills any process still holding one of this server's connection files: Jupyter starts
 * kernels in their own sessions, so a killed server could otherwise leave a kernel behind.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { installKernel } from "../kernel/install";
import { findCommand, packRoot } from "../kernel/jupyter";

/** How to start Jupyter Notebook 6 here: a command and its leading arguments. */
export interface NotebookCommand {
  command: string;
  args: string[];
}

/**
 * Debian installs Notebook 6 under /usr/bin/python3, often not the python3 first on PATH; so
 * that one is tried first, then `jupyter-notebook` on PATH. Null when neither works.
 */
export function findNotebookCommand(): NotebookCommand | null {
  for (const python of ["/usr/bin/python3", findCommand("python3")]) {
    if (python === null || !existsSync(python)) continue;
    const probe = spawnSync(python, ["-c", "import notebook, sys; sys.exit(0 if notebook.__version__.startswith('6.') else 3)"], {
      stdio: "ignore",
      timeout: 20000,
    });
    if (probe.status === 0) return { command: python, args: ["-m", "notebook"] };
  }
  const bin = findCommand("jupyter-notebook");
  return bin === null ? null : { command: bin, args: [] };
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  /** Short name used in folder and log names, e.g. "run" or "view". */
  name: string;
  /** Folder for this server's data, config and runtime folders (keep the path short: sockets). */
  workDir: string;
  /** The server's log file. */
  logFile: string;
  notebook: NotebookCommand;
  /** Keep trusted-notebook signatures in memory only (nothing read from or written to disk). */
  memoryNotary?: boolean;
  /** Milliseconds to wait for the server to answer; default 60000. */
  startTimeoutMs?: number;
  /**
   * Serve the pack's own JupyterLab build (tools/jupyterlab, on Debian's jupyter-server) with
   * this Python instead of Notebook 6; `notebook` is then ignored.
   */
  lab?: LabCommand;
}

/** How to start the pack's JupyterLab build: a Python that has jupyterlab_server, and serve.py. */
export interface LabCommand {
  python: string;
  serve: string;
}

/** tools/jupyterlab/serve.py and the build it serves. */
export const labServe = path.join(packRoot, "tools", "jupyterlab", "serve.py");
export const labBundle = path.join(packRoot, "tools", "jupyterlab", "build", "bundle.js");

/**
 * A Python with jupyter_server and jupyterlab_server (Debian: python3-jupyter-server,
 * python3-jupyterlab-server, installed under /usr/bin/python3), or null.
 */
export function findLabPython(): string | null {
  for (const python of ["/usr/bin/python3", findCommand("python3")]) {
    if (python === null || !existsSync(python)) continue;
    const probe = spawnSync(python, ["-c", "import jupyter_server, jupyterlab_server"], { stdio: "ignore", timeout: 20000 });
    if (probe.status === 0) return python;
  }
  return null;
}

/**
 * JupyterLab user settings for a test server: every cell kept in the page (JupyterLab 4 leaves
 * off-screen cells out of the DOM by default, so they could be neither checked nor
 * photographed), and no update checks or news toasts (jupyterlab_server 2.16 has no such API).
 */
const labTestSettings: Record<string, object> = {
  "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": { windowingMode: "none" },
  // (fetchNews cannot be set: jupyterlab-server 2.16's jsonschema rejects its oneOf of consts;
  // do-not-disturb keeps its question out of the screenshots instead.)
  "@jupyterlab/apputils-extension/notification.jupyterlab-settings": { checkForUpdates: false, doNotDisturbMode: true },
};

export interface SessionInfo {
  id: string;
  path: string;
  kernel: { id: string; name: string; execution_state?: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A running Notebook server. Create with {@link startServer}. */
export class NotebookServer {
  readonly baseUrl: string;
  private exited = false;
  private exitCode: number | null = null;

  constructor(
    readonly name: string,
    readonly port: number,
    readonly token: string,
    readonly proc: ChildProcess,
    readonly dirs: { data: string; config: string; runtime: string },
    readonly logFile: string,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    proc.on("exit", (code, signal) => {
      this.exited = true;
      this.exitCode = code ?? (signal ? 128 : null);
    });
  }

  get running(): boolean {
    return !this.exited;
  }

  /** The page URL of a notebook, given its path relative to the pack root. */
  notebookUrl(relPath: string): string {
    const encoded = relPath.split(path.sep).map(encodeURIComponent).join("/");
    return `${this.baseUrl}/notebooks/${encoded}?token=${this.token}`;
  }

  /**
   * JupyterLab's URL of a notebook in a workspace of its own (a workspace nobody has used
   * opens with just this notebook, whatever an earlier lesson left open).
   */
  labUrl(relPath: string, workspace: string): string {
    const encoded = relPath.split(path.sep).map(encodeURIComponent).join("/");
    return `${this.baseUrl}/lab/workspaces/${encodeURIComponent(workspace)}/tree/${encoded}?token=${this.token}`;
  }

  /** Calls the server's REST API with the token. */
  async api(method: string, route: string, timeoutMs = 10000): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers: { Authorization: `token ${this.token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const textBody = await res.text();
    let body: unknown = textBody;
    try {
      body = textBody === "" ? null : JSON.parse(textBody);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body };
  }

  async sessions(): Promise<SessionInfo[]> {
    const r = await this.api("GET", "/api/sessions");
    return Array.isArray(r.body) ? (r.body as SessionInfo[]) : [];
  }

  /** Interrupts, then shuts down, the kernel of every session on `relPath` (all sessions if omitted). */
  async closeSessions(relPath?: string): Promise<void> {
    if (!this.running) return;
    const wanted = relPath?.split(path.sep).join("/");
    for (const s of await this.sessions()) {
      if (wanted !== undefined && s.path !== wanted) continue;
      await this.api("POST", `/api/kernels/${s.kernel.id}/interrupt`).catch(() => undefined);
      await this.api("DELETE", `/api/sessions/${s.id}`, 20000).catch(() => undefined);
    }
  }

  /** Stops the server, its kernels, and anything left holding its connection files. */
  async stop(): Promise<void> {
    if (this.running) {
      await this.closeSessions().catch(() => undefined);
      this.signalGroup("SIGTERM");
      for (let i = 0; i < 50 && this.running; i++) await sleep(100);
      // Notebook asks "Shutdown this notebook server (y/[n])?" on SIGINT only; SIGTERM is final.
    }
    this.killNow();
  }

  /** Synchronous last resort (also used from process.on("exit")): SIGKILL the group and strays. */
  killNow(): void {
    if (this.running) this.signalGroup("SIGKILL");
    for (const pid of processesMentioning(this.dirs.runtime)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.proc.pid === undefined) return;
    try {
      process.kill(-this.proc.pid, signal);
    } catch {
      /* group already gone */
    }
  }

  /** The last lines of the server's log, for error messages. */
  logTail(lines = 20): string {
    try {
      return readFileSync(this.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }

  describeExit(): string {
    return this.exited ? `exited with code ${this.exitCode}` : "running";
  }
}

/**
 * Pids (other than ours) whose command line mentions `needle`, read from /proc. Used only with
 * this run's own temporary folder, so it never matches anyone else's process.
 */
export function processesMentioning(needle: string): number[] {
  if (process.platform !== "linux" || needle.length < 8) return [];
  const found: number[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync("/proc");
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes(needle)) found.push(pid);
    } catch {
      /* exited meanwhile, or not ours to read */
    }
  }
  return found;
}

/** Starts a server and waits until its REST API answers. Retries on a port clash. */
export async function startServer(opts: ServerOptions): Promise<NotebookServer> {
  const dirs = {
    data: path.join(opts.workDir, `${opts.name}-data`),
    config: path.join(opts.workDir, `${opts.name}-config`),
    runtime: path.join(opts.workDir, `${opts.name}-runtime`),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  const labSettings = path.join(opts.workDir, `${opts.name}-lab-settings`);
  const labWorkspaces = path.join(opts.workDir, `${opts.name}-lab-workspaces`);
  if (opts.lab) {
    for (const [file, settings] of Object.entries(labTestSettings)) {
      mkdirSync(path.dirname(path.join(labSettings, file)), { recursive: true });
      writeFileSync(path.join(labSettings, file), JSON.stringify(settings));
    }
    mkdirSync(labWorkspaces, { recursive: true });
  }
  // The pack's own installer, aimed at this server's private data folder: the kernel under
  // test is exactly this checkout's launcher, run by this node, whatever the user installed.
  installKernel({ dataDir: dirs.data });

  let lastError = "";
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const token = randomBytes(24).toString("hex");
    const logFile = opts.logFile;
    const log = createWriteStream(logFile, { flags: "a" });
    const notebookArgs = [
      ...opts.notebook.args,
      "--no-browser",
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--port-retries=0",
      `--NotebookApp.token=${token}`,
      `--notebook-dir=${packRoot}`,
      "--NotebookApp.open_browser=False",
      "--NotebookApp.quit_button=False",
    ];
    // jupyter-server's own spelling of the same settings, plus the lab's private folders.
    const labArgs = [
      opts.lab?.serve ?? labServe,
      "--ServerApp.ip=127.0.0.1",
      `--ServerApp.port=${port}`,
      "--ServerApp.port_retries=0",
      `--ServerApp.token=${token}`,
      `--ServerApp.root_dir=${packRoot}`,
      "--ServerApp.open_browser=False",
      `--DescentLab.user_settings_dir=${labSettings}`,
      `--DescentLab.workspaces_dir=${labWorkspaces}`,
    ];
    const args = opts.lab ? labArgs : notebookArgs;
    if (typeof process.getuid === "function" && process.getuid() === 0) args.push(opts.lab ? "--ServerApp.allow_root=True" : "--allow-root");
    if (opts.memoryNotary) args.push("--NotebookNotary.db_file=:memory:");
    const proc = spawn(opts.lab ? opts.lab.python : opts.notebook.command, args, {
      cwd: packRoot,
      detached: true, // own process group: Ctrl-C in the terminal reaches us, and we stop it
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        JUPYTER_DATA_DIR: dirs.data,
        JUPYTER_CONFIG_DIR: dirs.config,
        JUPYTER_RUNTIME_DIR: dirs.runtime,
        JUPYTER_PATH: "",
        BROWSER: "true",
        PYTHONUNBUFFERED: "1",
      },
    });
    proc.stdout?.pipe(log);
    proc.stderr?.pipe(log);
    const server = new NotebookServer(opts.name, port, token, proc, dirs, logFile);
    live.add(server);

    const deadline = Date.now() + (opts.startTimeoutMs ?? 60000);
    while (Date.now() < deadline && server.running) {
      try {
        const r = await server.api("GET", "/api/status", 2000);
        if (r.status === 200) return server;
      } catch {
        /* not listening yet */
      }
      await sleep(200);
    }
    lastError = server.running
      ? `did not answer on port ${port} within ${(opts.startTimeoutMs ?? 60000) / 1000} s`
      : `${server.describeExit()}`;
    lastError += `\n--- ${logFile} ---\n${server.logTail()}`;
    await server.stop();
    if (!/address already in use/i.test(server.logTail(50))) break;
  }
  throw new Error(`${opts.lab ? "JupyterLab" : "Jupyter Notebook"} server "${opts.name}" ${lastError}`);
}

const live = new Set<NotebookServer>();

/** Every server started by this process (for the exit handlers). */
export function startedServers(): NotebookServer[] {
  return [...live];
}
