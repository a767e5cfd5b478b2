// Runs one question in two processes: the judge (tools/grade/child.ts: mocha and the tests)
// and the sandbox (tools/grade/sandbox.ts: the student's compiled code, locked down), joined
// by two pipes, with a deadline, heap caps, a resident-memory watchdog and capped output
// capture. Whatever the code under test does (loop forever, allocate without end, print
// megabytes, call process.exit, kill itself), this returns how the question ended.
import { execFileSync, fork, spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ChildJob, ChildMessage } from "./protocol";
import type { Stage } from "./stage";
import type { Limits } from "./types";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { judgeMochaPath } = require("./judge-mocha.js") as { judgeMochaPath(root: string): string | null };

/** How long a child may take to load tsx, mocha and the test files before it counts as stuck. */
export const STARTUP_MS = 60_000;
/** Resident memory allowed above the heap cap (code, buffers, typed arrays) before the kill. */
const RSS_SLACK_MB = 256;
/** How much of the child's raw stderr is kept for diagnosing a crash. */
const STDERR_TAIL = 4096;
/** Head start given to mocha's own per-test timeout, which reports async hangs more precisely. */
const GRACE_MS = 500;

export type ChildEnd =
  | "done" // the child reported "done" (or another final message)
  | "timeout" // the question's deadline passed
  | "test-timeout" // one test ran past its own limit
  | "stuck" // it never finished loading mocha and the test files
  | "memory" // the heap cap or the resident-memory watchdog stopped it
  | "crash" // it exited on its own before finishing
  | "interrupted"; // the caller aborted (Ctrl-C)

export interface ChildRun {
  end: ChildEnd;
  exitCode: number | null;
  signal: string | null;
  /** The last few kB of what the process wrote to stderr outside the per-test capture. */
  stderrTail: string;
  /** For "test-timeout": the limit the running test had, in ms. */
  testLimitMs?: number;
  /** True when the sandbox (not the judge) ended first: a crash or memory end is the student code's. */
  sandboxEnded?: boolean;
}

/** The longest a test may give itself with this.timeout(ms), whatever it asks. */
export const MAX_TEST_MS = 60_000;

export interface IsolateOptions {
  job: ChildJob;
  limits: Limits;
  /** The staged submission whose compiled modules the sandbox runs (mode "run"). */
  stage?: Stage;
  /** How the submission's folder is named in messages. */
  targetLabel?: string;
  onMessage: (msg: ChildMessage) => void;
  signal?: AbortSignal;
}

/** Starts the child, feeds its messages to onMessage, and resolves when it has ended. */
export function runIsolated(options: IsolateOptions): Promise<ChildRun> {
  const { job, limits, onMessage, signal } = options;
  const root = job.root;
  // The judge runs no student code, but it needs no more of the caller's environment than the
  // sandbox does either: nothing names the folder under grading (DESCENT_TARGET is gone).
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DESCENT_TARGET;
  delete env.NODE_OPTIONS; // the parent's flags (a debugger, another loader) are not the child's business

  let sandbox: Sandbox | undefined;
  let pipes: Pipes | undefined;
  let judgeFds: number[] = [];
  if (job.mode === "run" && options.stage) {
    try {
      pipes = openPipes();
    } catch (err) {
      return Promise.resolve({ end: "crash", exitCode: null, signal: null, stderrTail: `could not open the sandbox's pipes: ${err instanceof Error ? err.message : String(err)}` });
    }
    judgeFds = [pipes.judgeWrite, pipes.judgeRead];
    // fds 4 and 5 in the judge: after stdin, stdout, stderr and the IPC channel. The rest of
    // what it needs (the compiled modules, the sandbox's pid) follows over IPC, so the judge
    // starts loading mocha and the tests while the submission compiles.
    job.sandbox = { writeFd: 4, readFd: 5 };
  }

  // mocha is loaded from one bundled file before tsx registers (judge-preload.js, judge-mocha.js).
  const mocha = judgeMochaPath(root);
  if (mocha) env.DESCENT_JUDGE_MOCHA = mocha;
  const child = fork(path.join(__dirname, "child.ts"), [JSON.stringify(job)], {
    cwd: root,
    env,
    execArgv: ["--require", path.join(__dirname, "judge-preload.js"), "--require", require.resolve("tsx/cjs", { paths: [root] }), `--max-old-space-size=${Math.max(limits.memoryMb, 512)}`],
    stdio: ["ignore", "pipe", "pipe", "ipc", ...judgeFds],
    serialization: "json",
  });
  // Each process now holds its own ends; keeping ours would hide the other side's death.
  for (const fd of judgeFds) fs.closeSync(fd);

  return new Promise((resolve) => {
    let end: ChildEnd | undefined;
    let sandboxEnded = false;
    let stderrTail = "";
    // Until the tests are loaded only the startup limit runs; then the question's deadline,
    // and for each test its own limit (the --test-timeout default, or more when the test asks
    // for more with mocha's this.timeout(ms), up to MAX_TEST_MS, which also extends the
    // question's deadline).
    let questionEndsAt = Number.POSITIVE_INFINITY;
    let testLimitMs: number | undefined;
    let deadline = setTimeout(() => stop("stuck"), STARTUP_MS);
    let testDeadline: NodeJS.Timeout | undefined;
    const armQuestion = (endsAt: number) => {
      questionEndsAt = endsAt;
      clearTimeout(deadline);
      deadline = setTimeout(() => stop("timeout"), Math.max(0, endsAt - Date.now()));
    };
    const rssTimer = setInterval(() => {
      if (residentMb(sandbox?.child.pid) > limits.memoryMb + RSS_SLACK_MB) {
        sandboxEnded = true;
        stop("memory");
      } else if (residentMb(child.pid) > Math.max(limits.memoryMb, 512) + RSS_SLACK_MB) stop("memory");
    }, 200);

    function stop(why: ChildEnd): void {
      if (end === undefined) end = why;
      child.kill("SIGKILL");
      sandbox?.kill();
    }

    child.stdout?.resume(); // the judge prints nothing of its own; per-test output is captured
    child.stderr?.on("data", (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString("utf8")).slice(-STDERR_TAIL);
    });
    function watchSandbox(box: Sandbox): void {
      box.child.on("exit", (code, sig) => {
        // The sandbox lives as long as the question: ending before the judge is the code under test's doing.
        if (end !== undefined || settled) return;
        sandboxEnded = true;
        const oom = /heap out of memory|Reached heap limit|Allocation failed/.test(box.stderrTail());
        stderrTail = `${box.stderrTail()}\nthe process running the code under test ended (${sig ? `signal ${sig}` : `exit code ${code}`})`;
        stop(oom ? "memory" : "crash");
      });
    }
    if (pipes && options.stage) {
      const stage = options.stage;
      const label = options.targetLabel ?? "exercises";
      try {
        const modules = stage.modules(label); // esbuild and the type check, once per stage
        sandbox = spawnSandbox(stage, limits, pipes);
        watchSandbox(sandbox);
        child.send({ type: "sandbox", pid: sandbox.child.pid ?? 0, stageDir: stage.dir, modules });
      } catch (err) {
        stderrTail = `could not start the sandbox: ${err instanceof Error ? err.message : String(err)}`;
        stop("crash");
      } finally {
        closeQuietly(pipes.sandboxRead, pipes.sandboxWrite);
      }
    }
    child.on("message", (msg: ChildMessage) => {
      if (end !== undefined) return;
      if (!isMessage(msg)) return; // the judge is ours, but a malformed message still changes nothing
      if (msg.type === "ready") armQuestion(Date.now() + limits.timeoutMs);
      if (msg.type === "start") {
        clearTimeout(testDeadline);
        // mocha's timeout 0 means "no limit": then only the question's deadline applies.
        const asked = Number.isFinite(msg.timeoutMs) && msg.timeoutMs >= 0 ? msg.timeoutMs : limits.testTimeoutMs;
        const own = asked === 0 ? undefined : Math.min(MAX_TEST_MS, Math.max(limits.testTimeoutMs, asked));
        if (own !== undefined) {
          testLimitMs = own;
          testDeadline = setTimeout(() => stop("test-timeout"), own + GRACE_MS);
          if (own > limits.testTimeoutMs) armQuestion(Math.max(questionEndsAt, Date.now() + own + GRACE_MS));
        }
      }
      if (msg.type === "result") clearTimeout(testDeadline);
      onMessage(msg);
      if (msg.type === "done" || msg.type === "list" || msg.type === "unknown-question" || msg.type === "fatal") stop("done");
    });
    const onAbort = () => stop("interrupted");
    signal?.addEventListener("abort", onAbort);
    if (signal?.aborted) onAbort();

    let settled = false;
    const settle = (code: number | null, sig: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(testDeadline);
      clearInterval(rssTimer);
      sandbox?.kill();
      signal?.removeEventListener("abort", onAbort);
      if (end === undefined) end = /heap out of memory|Reached heap limit|Allocation failed/.test(stderrTail) ? "memory" : "crash";
      resolve({ end, exitCode: code, signal: sig, stderrTail, testLimitMs, sandboxEnded });
    };
    child.on("exit", settle);
    // Spawning itself failed (no exit event follows): report it as a crash with the reason.
    child.on("error", (err) => {
      stderrTail += `\n${err.message}`;
      stop("crash");
      if (child.pid === undefined) settle(null, null);
    });
  });
}

const MESSAGE_TYPES = new Set(["list", "ready", "unknown-question", "start", "result", "fatal", "done"]);

function isMessage(msg: unknown): msg is ChildMessage {
  return !!msg && typeof msg === "object" && !Array.isArray(msg) && MESSAGE_TYPES.has((msg as { type?: unknown }).type as string);
}

interface Sandbox {
  child: ChildProcess;
  /** Kills the sandbox's whole process group (idempotent). */
  kill(): void;
  stderrTail(): string;
}

/** The user the sandbox runs as when the grader is root: nobody (65534) on Linux and in containers. */
export const SANDBOX_UID = 65534;

/** Node's flags for the sandbox: the permission model (read run/ only), frozen intrinsics, a heap cap. */
export function sandboxArgs(stage: Stage, limits: Limits): string[] {
  return [
    "--experimental-permission",
    `--allow-fs-read=${stage.runDir}`,
    "--frozen-intrinsics",
    "--enable-source-maps",
    "--no-warnings",
    `--max-old-space-size=${limits.memoryMb}`,
    path.join(stage.runDir, "sandbox.js"),
    String(limits.outputCapBytes),
  ];
}

interface Pipes {
  judgeWrite: number;
  judgeRead: number;
  sandboxRead: number;
  sandboxWrite: number;
}

/**
 * The two pipes between judge and sandbox: named FIFOs in a private folder, opened here so
 * every end blocks (fs.readSync must wait, not fail with EAGAIN), then unlinked. Each process
 * gets only its own ends, so either one's death is the other's end of file.
 */
function openPipes(): Pipes {
  const fifoDir = fs.mkdtempSync(path.join(os.tmpdir(), "descent-pipe-"));
  const fds: number[] = [];
  try {
    const req = path.join(fifoDir, "req");
    const rep = path.join(fifoDir, "rep");
    // stdio given explicitly: by default execFileSync copies the child's stderr to ours, and in a
    // kernel even an empty copy shows as an empty red stderr box above every check() table.
    execFileSync("mkfifo", ["-m", "600", req, rep], { stdio: "pipe" });
    const open = (file: string) => {
      // A FIFO's read end opens at once with O_NONBLOCK; then the write end opens without
      // waiting, then a blocking read end (a writer exists), and the temporary end is closed.
      const tmp = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      const w = fs.openSync(file, fs.constants.O_WRONLY);
      const r = fs.openSync(file, fs.constants.O_RDONLY);
      fs.closeSync(tmp);
      fds.push(w, r);
      return { r, w };
    };
    const request = open(req);
    const reply = open(rep);
    return { judgeWrite: request.w, judgeRead: reply.r, sandboxRead: request.r, sandboxWrite: reply.w };
  } catch (err) {
    closeQuietly(...fds);
    throw err;
  } finally {
    fs.rmSync(fifoDir, { recursive: true, force: true });
  }
}

function closeQuietly(...fds: number[]): void {
  for (const fd of fds) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
  }
}

/**
 * Starts the sandbox on the staged, compiled submission: the request read end as fd 3 and the
 * reply write end as fd 4, in its own process group, as an unprivileged user when the grader is root.
 */
function spawnSandbox(stage: Stage, limits: Limits, pipes: Pipes): Sandbox {
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const child = spawn(process.execPath, sandboxArgs(stage, limits), {
    cwd: stage.runDir,
    // Only what node needs: no DESCENT_*, no tokens, no NODE_OPTIONS from the caller.
    env: { TMPDIR: stage.tmpDir, HOME: stage.tmpDir, PATH: "/usr/bin:/bin", LANG: "C.UTF-8" },
    stdio: ["ignore", "pipe", "pipe", pipes.sandboxRead, pipes.sandboxWrite],
    detached: true,
    ...(asRoot ? { uid: SANDBOX_UID, gid: SANDBOX_UID } : {}),
  });
  let tail = "";
  child.stdout?.resume(); // raw writes around the console capture are drained, never kept
  child.stderr?.on("data", (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-STDERR_TAIL);
  });
  child.on("error", () => undefined); // reported through "exit" or the judge's broken channel
  let killed = false;
  return {
    child,
    kill: () => {
      if (killed || child.pid === undefined) return;
      killed = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    },
    stderrTail: () => tail,
  };
}

/** Resident set size of a process in MB, from /proc (0 where /proc is not available). */
function residentMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const pages = Number(fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
    return Number.isFinite(pages) ? (pages * 4096) / (1024 * 1024) : 0;
  } catch {
    return 0;
  }
}
