// Messages between the grader and its child processes (tools/grade/child.ts), over Node's IPC channel.
import type { ModuleInfo } from "./compile";
import type { Outcome, QuestionInfo, TestInfo } from "./types";

/** What a child is asked to do; passed as JSON in its first argument. */
export interface ChildJob {
  /** "list": load the test files and report their questions. "run": run one question. */
  mode: "list" | "run";
  /** Pack root; test files are relative to it. */
  root: string;
  /** Test files to load, relative to root. */
  files: string[];
  /** The question to run (mode "run"). */
  question?: string;
  /** How the target folder is named in messages, e.g. "exercises". */
  targetLabel: string;
  /** Mocha's default per-test timeout (a test may raise its own with this.timeout(ms)). */
  timeoutMs: number;
  outputCapBytes: number;
  /** Output per test above which a test fails as "flooded". */
  outputLimitBytes: number;
  /** The sandbox this judge calls (mode "run"): its pipe fds; the rest arrives as a SandboxReady message. */
  sandbox?: { readFd: number; writeFd: number };
}

/** Sent by the grader to the judge once the submission is compiled and the sandbox started. */
export interface SandboxReady {
  type: "sandbox";
  /** The sandbox's process (and process group) id. */
  pid: number;
  /** The staged copy of the submission (paths in its stack traces are shown as targetLabel). */
  stageDir: string;
  modules: Record<string, ModuleInfo>;
}

export type ChildMessage =
  | { type: "list"; questions: QuestionInfo[]; problems: string[] }
  | { type: "ready"; tests: TestInfo[] }
  | { type: "unknown-question"; known: string[] }
  /** A test started; timeoutMs is its mocha timeout (0: none). */
  | { type: "start"; title: string; timeoutMs: number }
  | {
      type: "result";
      title: string;
      outcome: Outcome;
      message: string;
      output: string;
      outputTruncated: boolean;
      outputBytes: number;
      durationMs: number;
    }
  | { type: "fatal"; message: string }
  | { type: "done" };
