/**
 * A client for the pack's real kernel (`node tools/kernel/launch.js <connection file>`),
 * speaking the Jupyter messaging protocol over ZeroMQ, with no Python and no Jupyter server.
 *
 * The runner owns the kernel process: it picks free ports, writes the connection file,
 * starts the kernel, and always kills it (on success, on failure, on a deadline, and when
 * this process exits).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import * as zmq from "zeromq";
import { launcherPath } from "../kernel/jupyter";
import { makeHeader, parse, serialize, type Message } from "./wire";

/** The five ports and the key a kernel's connection file holds. */
export interface ConnectionInfo {
  transport: "tcp";
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: "hmac-sha256";
  kernel_name: string;
}

/** The kernel did not answer in time; `phase` says whether it was starting or running a cell. */
export class KernelTimeoutError extends Error {
  constructor(
    readonly phase: "startup" | "execute",
    readonly seconds: number,
  ) {
    super(phase === "startup" ? `the kernel did not become ready within ${seconds} s` : `the cell did not finish within ${seconds} s`);
    this.name = "KernelTimeoutError";
  }
}

/** The kernel process ended while we were waiting for it. */
export class KernelDiedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KernelDiedError";
  }
}

/** Asks the OS for `count` distinct free TCP ports on 127.0.0.1 (held open together, then freed). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
      });
    }
    return servers.map((s) => (s.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** Every kernel process still alive, so an exiting runner never leaves one behind. */
const liveKernels = new Map<ChildProcess, string>();
let exitHookInstalled = false;
function trackKernel(child: ChildProcess, dir: string): void {
  liveKernels.set(child, dir);
  child.once("exit", () => liveKernels.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", killAllKernels);
  }
}

/** How many kernel processes this process started are still running. */
export function liveKernelCount(): number {
  return liveKernels.size;
}

/** Kills every kernel this process started and still running, removes their connection files (synchronous). */
export function killAllKernels(): void {
  for (const [child, dir] of liveKernels) {
    try {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // already gone
    }
  }
  liveKernels.clear();
}

export interface KernelOptions {
  /** Seconds to wait for the first kernel_info_reply (default 60). */
  startupTimeout?: number;
  /** Environment of the kernel process (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Folder the kernel starts in, as Jupyter starts it in the notebook's folder (default: this process's). */
  cwd?: string;
}

/** The IOPub messages and the execute_reply of one execute_request. */
export interface Execution {
  reply: Message<{ status: "ok" | "error" | "abort"; execution_count?: number; ename?: string; evalue?: string; traceback?: string[] }>;
  iopub: Message[];
}

interface Waiter {
  onShell?: (msg: Message) => void;
  onIopub?: (msg: Message) => void;
  fail: (error: Error) => void;
}

/** A running kernel: start it with `Kernel.start()`, always end with `close()`. */
export class Kernel {
  private readonly session = randomUUID();
  private readonly waiters = new Map<string, Waiter>();
  private closed = false;
  private exitError: KernelDiedError | null = null;
  private output = "";

  private constructor(
    readonly connection: ConnectionInfo,
    private readonly dir: string,
    readonly process: ChildProcess,
    private readonly shell: zmq.Dealer,
    private readonly iopub: zmq.Subscriber,
  ) {
    process.stdout?.on("data", (d: Buffer) => this.keepOutput(d));
    process.stderr?.on("data", (d: Buffer) => this.keepOutput(d));
    const died = (why: string) => {
      if (this.exitError) return;
      this.exitError = new KernelDiedError(`${why}${this.output.trim() ? `; its last output:\n${this.output.trim()}` : ""}`);
      for (const waiter of this.waiters.values()) waiter.fail(this.exitError);
    };
    // "close", not "exit": by then the pipes are drained, so the report has its last words.
    process.once("close", (code, signal) => died(`the kernel process exited (${signal ? `signal ${signal}` : `code ${code}`})`));
    process.once("error", (e) => died(`the kernel process could not start: ${e.message}`));
    void this.pump(this.shell, (msg) => this.waiters.get(msg.parent_header.msg_id ?? "")?.onShell?.(msg));
    void this.pump(this.iopub, (msg) => this.waiters.get(msg.parent_header.msg_id ?? "")?.onIopub?.(msg));
  }

  /** Starts the pack's kernel and waits until it answers kernel_info_request. */
  static async start(options: KernelOptions = {}): Promise<Kernel> {
    // The ports are free when chosen but another process may take one before the kernel
    // binds it; the kernel then dies with EADDRINUSE and we try again with new ports.
    for (let attempt = 1; ; attempt++) {
      try {
        return await Kernel.startOnce(options);
      } catch (e) {
        if (attempt < 3 && e instanceof KernelDiedError && /EADDRINUSE|Address already in use/i.test(e.message)) continue;
        throw e;
      }
    }
  }

  private static async startOnce(options: KernelOptions): Promise<Kernel> {
    const [shell_port, iopub_port, stdin_port, control_port, hb_port] = await freePorts(5);
    const connection: ConnectionInfo = {
      transport: "tcp",
      ip: "127.0.0.1",
      shell_port,
      iopub_port,
      stdin_port,
      control_port,
      hb_port,
      key: randomBytes(32).toString("hex"),
      signature_scheme: "hmac-sha256",
      kernel_name: "descent",
    };
    const dir = mkdtempSync(path.join(os.tmpdir(), "descent-kernel-"));
    const file = path.join(dir, "connection.json");
    writeFileSync(file, JSON.stringify(connection, null, 1), { mode: 0o600 });

    const child = spawn(process.execPath, [launcherPath, file], {
      stdio: ["ignore", "pipe", "pipe"],
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    trackKernel(child, dir);
    const shell = new zmq.Dealer({ linger: 0 });
    const iopub = new zmq.Subscriber({ linger: 0 });
    iopub.subscribe();
    shell.connect(`tcp://127.0.0.1:${shell_port}`);
    iopub.connect(`tcp://127.0.0.1:${iopub_port}`);
    const kernel = new Kernel(connection, dir, child, shell, iopub);
    try {
      await kernel.waitReady(options.startupTimeout ?? 60);
    } catch (e) {
      await kernel.close();
      throw e;
    }
    return kernel;
  }

  private keepOutput(data: Buffer): void {
    // The kernel's own stdout/stderr (not cell output, which goes over IOPub): kept for reports.
    this.output = (this.output + data.toString("utf8")).slice(-4000);
  }

  private async pump(socket: zmq.Dealer | zmq.Subscriber, deliver: (msg: Message) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        let msg: Message;
        try {
          msg = parse(this.connection.key, frames as Buffer[]);
        } catch {
          continue; // not ours or corrupted: a client ignores it, as jupyter_client does
        }
        deliver(msg);
      }
    } catch (e) {
      if (!this.closed) for (const waiter of this.waiters.values()) waiter.fail(e as Error);
    }
  }

  private send(msgType: string, content: Record<string, unknown>): string {
    const header = makeHeader(msgType, this.session);
    void this.shell.send(serialize(this.connection.key, { header, parent_header: {}, metadata: {}, content })).catch(() => undefined);
    return header.msg_id;
  }

  /**
   * Sends `msgType` and resolves when both its shell reply and its IOPub `idle` status have
   * arrived (IOPub is ordered, so every output of the request came before that `idle`).
   */
  request(msgType: string, content: Record<string, unknown>, timeoutSeconds: number, onIopub?: (msg: Message) => void): Promise<Execution> {
    if (this.exitError) return Promise.reject(this.exitError);
    if (this.closed) return Promise.reject(new KernelDiedError("the kernel was closed"));
    return new Promise<Execution>((resolve, reject) => {
      const iopub: Message[] = [];
      let reply: Execution["reply"] | null = null;
      let idle = false;
      let id = "";
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.waiters.delete(id);
        if (error) reject(error);
        else resolve({ reply: reply!, iopub });
      };
      const timer = setTimeout(() => finish(new KernelTimeoutError("execute", timeoutSeconds)), timeoutSeconds * 1000);
      id = this.send(msgType, content);
      this.waiters.set(id, {
        onShell: (msg) => {
          reply = msg as Execution["reply"];
          if (idle) finish();
        },
        onIopub: (msg) => {
          iopub.push(msg);
          onIopub?.(msg);
          if (msg.header.msg_type === "status" && (msg.content as { execution_state?: string }).execution_state === "idle") {
            idle = true;
            if (reply) finish();
          }
        },
        fail: (error) => finish(error),
      });
    });
  }

  /**
   * Waits for kernel_info_reply. Early requests can sit unanswered while the kernel loads,
   * and the subscriber may miss their IOPub status while it is still joining (ZeroMQ's "slow
   * joiner"), so we ask again every quarter second; ready once any one request has been seen on
   * both channels.
   */
  private waitReady(timeoutSeconds: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const ids: string[] = [];
      const cleanup = () => {
        clearInterval(again);
        clearTimeout(timer);
        for (const id of ids) this.waiters.delete(id);
      };
      const ask = () => {
        if (this.exitError) {
          cleanup();
          reject(this.exitError);
          return;
        }
        // tslab logs a failed bind and then waits forever, so watch its output for it.
        if (/EADDRINUSE/.test(this.output)) {
          cleanup();
          reject(new KernelDiedError(`the kernel could not bind its ports (EADDRINUSE): ${this.output.trim()}`));
          return;
        }
        const id = this.send("kernel_info_request", {});
        ids.push(id);
        let reply = false;
        let idle = false;
        const check = () => {
          if (reply && idle) {
            cleanup();
            resolve();
          }
        };
        this.waiters.set(id, {
          onShell: () => {
            reply = true;
            check();
          },
          onIopub: (msg) => {
            if (msg.header.msg_type === "status" && (msg.content as { execution_state?: string }).execution_state === "idle") idle = true;
            check();
          },
          fail: (error) => {
            cleanup();
            reject(error);
          },
        });
      };
      const again = setInterval(ask, 250);
      const timer = setTimeout(() => {
        cleanup();
        reject(new KernelTimeoutError("startup", timeoutSeconds));
      }, timeoutSeconds * 1000);
      ask();
    });
  }

  /** Runs `code` and resolves with its reply and IOPub messages; rejects on deadline or death. */
  execute(code: string, timeoutSeconds: number, onIopub?: (msg: Message) => void): Promise<Execution> {
    return this.request(
      "execute_request",
      { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
      timeoutSeconds,
      onIopub,
    );
  }

  /**
   * Kills the kernel process, closes the sockets, removes the connection file; resolves once
   * the process has exited. Idempotent.
   */
  /**
   * CPU seconds the kernel process has used so far (user + system), its finished child processes
   * included (the grader run by `check()`), or null where /proc is missing (not Linux). Wall time
   * on a shared 2-core machine mostly measures the other jobs; CPU time measures the lesson.
   */
  cpuSeconds(): number | null {
    try {
      const stat = readFileSync(`/proc/${this.process.pid}/stat`, "utf8");
      // Fields after "pid (comm) ": state is field 3, utime/stime/cutime/cstime are 14–17,
      // in USER_HZ ticks, which Linux fixes at 100 per second for /proc.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
      return Number.isFinite(ticks) ? ticks / 100 : null;
    } catch {
      return null;
    }
  }

  close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) resolve();
      else this.process.once("exit", () => resolve());
    });
    if (!this.closed) {
      this.closed = true;
      for (const waiter of this.waiters.values()) waiter.fail(new KernelDiedError("the kernel was closed"));
      this.waiters.clear();
      if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill("SIGKILL");
      this.shell.close();
      this.iopub.close();
      rmSync(this.dir, { recursive: true, force: true });
    }
    return exited;
  }
}
