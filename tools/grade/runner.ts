// Grades one question in one isolated child, and turns however the child ended into a
// result for every test of the question: nothing a submission does can lose a test.
import { runIsolated, STARTUP_MS, type ChildRun } from "./isolate";
import { lessonOf } from "./layout";
import type { ChildMessage } from "./protocol";
import type { Stage } from "./stage";
import type { Limits, Outcome, QuestionResult, TestInfo, TestResult } from "./types";

/** Thrown when a question id matches no test; `known` lists the ids that exist. */
export class UnknownQuestionError extends Error {
  constructor(readonly question: string, readonly known: string[]) {
    super(`unknown question "${question}". Known questions: ${known.length ? known.join(", ") : "(none)"}`);
    this.name = "UnknownQuestionError";
  }
}

/** Where and how to run questions. */
export interface RunContext {
  root: string;
  /** The staged, compiled submission the sandbox runs (see stage.ts). */
  stage: Stage;
  /** How that folder is named in messages, e.g. "exercises". */
  targetLabel: string;
  limits: Limits;
  signal?: AbortSignal;
}

/** A question to run: its id, the test files declaring it, and (when known) its tests. */
export interface QuestionJob {
  id: string;
  lesson?: string;
  files: string[];
  /** From discovery; used when the child dies before it can list the tests itself. */
  expected?: TestInfo[];
}

/** Runs every test of one question in a fresh child process and scores it. */
export async function gradeQuestion(q: QuestionJob, ctx: RunContext): Promise<QuestionResult> {
  let tests: TestInfo[] | undefined;
  let unknown: string[] | undefined;
  let fatal: string | undefined;
  let running: string | undefined;
  const results = new Map<string, TestResult>();

  let doneEarly = false;
  let done = false;

  // The child runs student code, so its messages are checked against the protocol: one
  // "ready", then per test a "start" (repeated when the test changes its timeout) and exactly
  // one "result" for that test, then "done". Anything else is ignored; a "done" that arrives
  // while tests still owe results ends the run with those tests failed (see doneEarly).
  const onMessage = (msg: ChildMessage) => {
    if (done) return;
    if (msg.type === "ready") {
      if (tests === undefined) tests = msg.tests;
    } else if (msg.type === "unknown-question") unknown = msg.known;
    else if (msg.type === "fatal") fatal = msg.message;
    else if (msg.type === "start") {
      const known = (tests ?? []).some((t) => t.title === msg.title);
      if (known && !results.has(msg.title)) running = msg.title;
    } else if (msg.type === "result") {
      if (running === undefined || msg.title !== running || results.has(msg.title)) return;
      const info = (tests ?? []).find((t) => t.title === msg.title);
      if (!info) return;
      results.set(msg.title, scored(q.id, info, msg.outcome, msg.message, msg));
      running = undefined;
    } else if (msg.type === "done") {
      done = true;
      doneEarly = tests === undefined || running !== undefined || tests.some((t) => !results.has(t.title));
    }
  };

  const run = await runIsolated({
    job: { mode: "run", root: ctx.root, files: q.files, question: q.id, targetLabel: ctx.targetLabel, timeoutMs: ctx.limits.testTimeoutMs, outputCapBytes: ctx.limits.outputCapBytes, outputLimitBytes: ctx.limits.outputLimitBytes },
    limits: ctx.limits,
    stage: ctx.stage,
    targetLabel: ctx.targetLabel,
    onMessage,
    signal: ctx.signal,
  });
  if (unknown) throw new UnknownQuestionError(q.id, unknown);

  const all = tests ?? q.expected ?? [];
  // The test that was running when the child was stopped, else the first one never reported.
  const culprit = running ?? all.find((t) => !results.has(t.title))?.title;
  const why = fatal
    ? { outcome: "crash" as const, message: `the test files could not be loaded: ${fatal}`, short: "crashed" }
    : doneEarly && run.end === "done"
      ? {
          outcome: "error" as const,
          message: "the test process said it had finished before this test reported a result (did the code under test write to the grader's IPC channel?)",
          short: "ended the run early",
        }
      : endExplanation(run, ctx.limits);
  for (const t of all) {
    if (results.has(t.title)) continue;
    if (t.title === culprit || fatal) results.set(t.title, scored(q.id, t, why.outcome, why.message));
    else if (run.end === "interrupted") results.set(t.title, scored(q.id, t, "not-run", "not run: grading was interrupted"));
    else results.set(t.title, scored(q.id, t, "not-run", `not run: an earlier test of this question ${why.short}`));
  }

  const ordered = all.map((t) => results.get(t.title) as TestResult);
  const score = ordered.reduce((s, t) => s + t.score, 0);
  const maxScore = all.reduce((s, t) => s + t.points, 0);
  if (!Number.isFinite(score) || !Number.isFinite(maxScore)) throw new Error(`internal error: a non-finite score for ${q.id}`);
  return { id: q.id, lesson: q.lesson ?? lessonOf(all[0]?.file ?? "") ?? "", score, maxScore, tests: ordered };
}

/** Why a child stopped before reporting a test, in words a student can act on. */
function endExplanation(run: ChildRun, limits: Limits): { outcome: Outcome; message: string; short: string } {
  switch (run.end) {
    case "test-timeout":
      return {
        outcome: "timeout",
        message: `timed out: this test did not finish within ${(run.testLimitMs ?? limits.testTimeoutMs) / 1000} s (an infinite loop, or a loop that runs far too long?)`,
        short: "timed out",
      };
    case "timeout":
      return {
        outcome: "timeout",
        message: `timed out: this question's tests did not finish within ${limits.timeoutMs / 1000} s (an infinite loop, or a loop that runs far too long?)`,
        short: "timed out",
      };
    case "memory":
      return {
        outcome: "memory",
        message: `ran out of memory: used more than the ${limits.memoryMb} MB allowed (a runaway allocation, e.g. an array that grows in a loop that never stops?)`,
        short: "ran out of memory",
      };
    case "interrupted":
      return { outcome: "not-run", message: "not run: grading was interrupted", short: "was interrupted" };
    case "stuck":
      return { outcome: "crash", message: `the test process did not finish loading the tests within ${STARTUP_MS / 1000} s (is the machine overloaded?)`, short: "could not start" };
    default: {
      const lastLine = run.stderrTail.trim().split("\n").filter(Boolean).pop() ?? "";
      const how = run.signal ? `signal ${run.signal}` : `exit code ${run.exitCode}`;
      return {
        outcome: "crash",
        message: `the test process crashed (${how})${lastLine ? `: ${lastLine.slice(0, 300)}` : ""}`,
        short: "crashed the test process",
      };
    }
  }
}

function scored(
  question: string,
  info: TestInfo,
  outcome: Outcome,
  message: string,
  printed?: { output: string; outputTruncated: boolean; outputBytes: number; durationMs: number },
): TestResult {
  const score = outcome === "passed" ? info.points : 0;
  return {
    ...info,
    question,
    outcome,
    score: Number.isFinite(score) ? score : 0,
    message,
    output: printed?.output ?? "",
    outputTruncated: printed?.outputTruncated ?? false,
    outputBytes: printed?.outputBytes ?? 0,
    durationMs: printed?.durationMs ?? 0,
  };
}
