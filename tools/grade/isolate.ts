// Runs tools/grade/child.ts in its own process with a deadline, a heap cap, a resident-memory
// watchdog and capped output capture. Whatever the code under test does (loop forever,
// allocate without end, print megabytes, call process.exit), this returns how the child ended.
import { fork } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { ChildJob, ChildMessage } from "./protocol";
import type { Limits } from "./types";

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
}

export interface IsolateOptions {
  job: ChildJob;
  limits: Limits;
  /** The folder the graded tests load modules from (test/graded/impl.ts reads it). */
  target?: string;
  onMessage: (msg: ChildMessage) => void;
  signal?: AbortSignal;
}

/** Starts the child, feeds its messages to onMessage, and resolves when it has ended. */
export function runIsolated(options: IsolateOptions): Promise<ChildRun> {
  const { job, limits, onMessage, signal } = options;
  const root = job.root;
  const env: NodeJS.ProcessEnv = { ...process.env, DESCENT_TARGET: options.target ?? "" };
  if (!options.target) delete env.DESCENT_TARGET;
  delete env.NODE_OPTIONS; // the parent's flags (a debugger, another loader) are not the child's business

  const child = fork(path.join(__dirname, "child.ts"), [JSON.stringify(job)], {
    cwd: root,
    env,
    execArgv: ["--require", require.resolve("tsx/cjs", { paths: [root] }), `--max-old-space-size=${limits.memoryMb}`],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    serialization: "json",
  });

  return new Promise((resolve) => {
    let end: ChildEnd | undefined;
    let stderrTail = "";
    // Until the tests are loaded only the startup limit runs; then the question's deadline,
    // and for each test its own limit (the --test-timeout default, or more when the test asks
    // for more with mocha's this.timeout(ms), which also extends the question's deadline).
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
      if (residentMb(child.pid) > limits.memoryMb + RSS_SLACK_MB) stop("memory");
    }, 200);

    function stop(why: ChildEnd): void {
      if (end === undefined) end = why;
      child.kill("SIGKILL");
    }

    child.stdout?.resume(); // stray raw writes are drained, not kept: per-test output is captured in the child
    child.stderr?.on("data", (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString("utf8")).slice(-STDERR_TAIL);
    });
    child.on("message", (msg: ChildMessage) => {
      if (end !== undefined) return;
      if (msg.type === "ready") armQuestion(Date.now() + limits.timeoutMs);
      if (msg.type === "start") {
        clearTimeout(testDeadline);
        // mocha's timeout 0 means "no limit": then only the question's deadline applies.
        const own = msg.timeoutMs === 0 ? undefined : Math.max(limits.testTimeoutMs, msg.timeoutMs);
        if (own !== undefined) {
          testLimitMs = own;
          testDeadline = setTimeout(() => stop("test-timeout"), own + GRACE_MS);
          if (msg.timeoutMs > limits.testTimeoutMs) armQuestion(Math.max(questionEndsAt, Date.now() + own + GRACE_MS));
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
      signal?.removeEventListener("abort", onAbort);
      if (end === undefined) end = /heap out of memory|Reached heap limit|Allocation failed/.test(stderrTail) ? "memory" : "crash";
      resolve({ end, exitCode: code, signal: sig, stderrTail, testLimitMs });
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
