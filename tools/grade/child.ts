// The judge: the process that runs one question's tests (or lists the questions) with mocha.
// Started by tools/grade/isolate.ts with tsx registered and a heap cap; it reports over IPC
// and is killed by its parent at the deadline, so nothing here needs to defend against a
// synchronous infinite loop: that is the parent's job. It never loads a student's code: the
// tests' load() reaches the sandbox process over two pipe fds (remote.ts), and only plain
// data comes back.
import * as path from "path";
import { Worker } from "worker_threads";
import { OutputCapture } from "./capture";
import { explain } from "./explain";
import { LISTING_ENV } from "./layout";
import { connectSandbox } from "./remote";
import type { ChildJob, ChildMessage, SandboxReady } from "./protocol";
import { collectQuestions, testsOfQuestion, titleInQuestion } from "./questions";

// mocha's package entry is ESM; its CommonJS build is the same API without the interop. It is
// normally loaded already, from one bundled file, by judge-preload.js (faster outside tsx).
const Mocha: typeof import("mocha") =
  (globalThis as Record<symbol, unknown>)[Symbol.for("descent.judge.mocha")] as typeof import("mocha") ??
  require("mocha/lib/mocha.cjs"); // eslint-disable-line @typescript-eslint/no-require-imports

const job: ChildJob = JSON.parse(process.argv[2] ?? "{}");
const send = privateChannel();
const capture = new OutputCapture(job.outputCapBytes);
const realExit = process.exit.bind(process);
/** The test now running (for timeout changes it makes itself). */
let running: unknown;
/** The sandbox's process group, for the watchdog (0 until the grader says). */
const sandboxPid = new Int32Array(new SharedArrayBuffer(4));
/** The staged submission's folder, to show its paths as the student's. */
let stageDir = "";

function main(): void {
  // The grader sends the compiled modules while this process loads mocha and the tests.
  let ready: SandboxReady | undefined;
  let onReady: (() => void) | undefined;
  process.on("message", (msg: unknown) => {
    if (ready || !isSandboxReady(msg)) return;
    ready = msg;
    onReady?.();
  });
  dieWithParent();
  capture.install();

  const mocha = new Mocha({ reporter: Silent as never, timeout: job.timeoutMs });
  for (const f of job.files) mocha.addFile(path.resolve(job.root, f));
  if (job.mode === "list") process.env[LISTING_ENV] = "1";
  try {
    (mocha as unknown as { loadFiles(): void }).loadFiles(); // synchronous: tsx handles .ts through require
  } catch (err) {
    return finish({ type: "fatal", message: `a test file could not be loaded: ${err instanceof Error ? err.stack ?? err.message : String(err)}` });
  } finally {
    delete process.env[LISTING_ENV];
  }

  if (job.mode === "list") {
    const { questions, problems } = collectQuestions(mocha.suite, job.root);
    return finish({ type: "list", questions, problems });
  }
  if (!job.sandbox) return runQuestion(mocha, job.question ?? "");
  const fds = job.sandbox;
  const go = () => {
    const r = ready as SandboxReady;
    Atomics.store(sandboxPid, 0, r.pid);
    stageDir = r.stageDir;
    connectSandbox(fds.readFd, fds.writeFd, r.modules, job.targetLabel, (text, bytes) => {
      capture.write(text);
      capture.count(bytes - Buffer.byteLength(text));
    });
    runQuestion(mocha, job.question ?? "");
  };
  if (ready) go();
  else onReady = go;
}

function isSandboxReady(msg: unknown): msg is SandboxReady {
  const m = msg as Partial<SandboxReady> | null;
  return !!m && m.type === "sandbox" && typeof m.pid === "number" && typeof m.stageDir === "string" && !!m.modules && typeof m.modules === "object";
}

function runQuestion(mocha: InstanceType<typeof Mocha>, id: string): void {
  const tests = testsOfQuestion(mocha.suite, id, job.root);
  if (tests.length === 0) {
    const known = collectQuestions(mocha.suite, job.root).questions.map((q) => q.id);
    return finish({ type: "unknown-question", known });
  }
  send({ type: "ready", tests });

  const targetDir = stageDir;
  const reported = new Set<string>();
  let hookFailure: { outcome: ReturnType<typeof explain>["outcome"]; message: string } | undefined;
  let started = 0;

  mocha.grep(new RegExp(`^${id} `));
  const runner = mocha.run(() => {
    // Tests skipped because a before/beforeEach hook failed still owe a result.
    for (const t of tests) {
      if (reported.has(t.title)) continue;
      const why = hookFailure ?? { outcome: "error" as const, message: "the test did not run" };
      // The parent accepts a result only for the test it was told had started.
      send({ type: "start", title: t.title, timeoutMs: 0 });
      send({ type: "result", title: t.title, outcome: why.outcome, message: `a setup hook failed: ${why.message}`, output: "", outputTruncated: false, outputBytes: 0, durationMs: 0 });
    }
    finish({ type: "done" });
  });
  reportTimeoutChanges();
  runner.on("test", (test) => {
    running = test;
    capture.reset();
    started = Date.now();
    send({ type: "start", title: titleInQuestion(test.titlePath().slice(1)), timeoutMs: test.timeout() });
  });
  runner.on("fail", (runnable, err) => {
    if ((runnable as { type?: string }).type === "hook") hookFailure = explain(err, targetDir, job.targetLabel);
    else (runnable as { graderError?: unknown }).graderError = err;
  });
  runner.on("test end", (test) => {
    const title = titleInQuestion(test.titlePath().slice(1));
    const err = (test as { graderError?: unknown }).graderError;
    if (err instanceof Error && err.name === "ChannelError" && /closed the channel/.test(err.message)) {
      // The sandbox died (out of memory, killed): the grader sees its exit and explains it for
      // this test; a result from here would say less, and the next test would blame itself.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    }
    const { output, truncated, bytes } = capture.take();
    const failed = test.state !== "passed";
    const { outcome, message } = failed
      ? explain((test as { graderError?: unknown }).graderError ?? new Error("the test failed without an error"), targetDir, job.targetLabel)
      : { outcome: "passed" as const, message: "" };
    const verdict = outcome === "passed" && bytes > job.outputLimitBytes ? flooded(bytes) : { outcome, message };
    reported.add(title);
    send({ type: "result", title, outcome: verdict.outcome, message: verdict.message, output, outputTruncated: truncated, outputBytes: bytes, durationMs: Date.now() - started });
  });
}

/**
 * A test that calls this.timeout(ms) in its own body changes its limit after "start" was
 * sent: tell the parent, whose clock is the one that can stop a synchronous loop.
 */
function reportTimeoutChanges(): void {
  const proto = (Mocha as unknown as { Runnable: { prototype: { timeout(ms?: number | string): unknown } } }).Runnable.prototype;
  const original = proto.timeout;
  proto.timeout = function (this: { type?: string; title: string; titlePath?: () => string[] }, ms?: number | string) {
    const result = original.apply(this, ms === undefined ? [] : [ms]);
    if (ms !== undefined && this.type === "test" && running === this) {
      send({ type: "start", title: titleInQuestion((this.titlePath?.() ?? []).slice(1)), timeoutMs: Number(original.call(this)) });
    }
    return result;
  };
}

/** Sends the last message, then exits once it has left (the parent also kills us on "done"). */
function finish(msg: ChildMessage): void {
  if (!send(msg, () => realExit(0))) realExit(0);
}

type RawSend = (msg: unknown, handle: undefined, options: object, callback?: (err: Error | null) => void) => boolean;

/** The IPC channel to the grader (the judge runs no student code; the sandbox has no channel at all). */
function privateChannel(): (msg: ChildMessage, callback?: () => void) => boolean {
  const proc = process as unknown as { _send?: RawSend };
  const raw = proc._send;
  if (typeof raw !== "function") return () => false;
  return (msg, callback) => {
    try {
      raw.call(process, msg, undefined, {}, callback ? () => callback() : undefined);
      return true;
    } catch {
      return false;
    }
  };
}

/**
 * A watchdog thread that kills this process if the grader disappears. It runs beside the
 * main thread, so it still works while student code spins in a synchronous loop.
 */
function dieWithParent(): void {
  const source = `
    const { workerData } = require("worker_threads");
    setInterval(() => {
      if (process.ppid === workerData.ppid) return;
      const sandbox = Atomics.load(workerData.sandbox, 0);
      try { if (sandbox > 0) process.kill(-sandbox, "SIGKILL"); } catch {}
      process.kill(workerData.pid, "SIGKILL");
    }, 500);`;
  new Worker(source, { eval: true, workerData: { ppid: process.ppid, pid: process.pid, sandbox: sandboxPid } }).unref();
}

/** A reporter that prints nothing: results travel over IPC. */
class Silent {
  constructor(_runner: unknown) {}
}

main();

/** A test whose answer was right but which printed megabytes: fail it, saying why and how to fix it. */
function flooded(bytes: number): { outcome: "flooded"; message: string } {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return {
    outcome: "flooded",
    message: `printed ${mb(bytes)} MB of console output, over the ${mb(job.outputLimitBytes)} MB limit per test: is there a console.log inside a loop? Remove it or print less (ordinary printing costs no points)`,
  };
}
