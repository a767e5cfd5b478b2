// Shapes shared by the grader's parent process, its child processes and its writers.

/** How a single graded test ended. Every kind except "passed" scores 0 for that test. */
export type Outcome =
  | "passed"
  | "failed" // an assertion failed: wrong value, NaN, wrong shape, mutated input...
  | "not-implemented" // the stub still throws "not implemented yet"
  | "error" // the code under test threw something else
  | "load-error" // the exercise file is missing or does not compile
  | "timeout" // did not finish before the deadline (an infinite loop?)
  | "memory" // went over the memory cap (a runaway allocation?)
  | "flooded" // printed more console output than the limit (a print inside a hot loop?)
  | "crash" // the test process died for another reason
  | "not-run"; // never started: an earlier test of the question timed out or crashed, or grading was interrupted

/** One graded test as the test files declare it. */
export interface TestInfo {
  /** Title inside its question, without the points tag, e.g. "moves against the gradient". */
  title: string;
  /** Points the test is worth, from its `[N pts]` tag. */
  points: number;
  /** Test file, relative to the pack root. */
  file: string;
  /** True for tests under test/hidden/: their details never reach students. */
  hidden: boolean;
}

/** A question: the top-level `describe("<id>", ...)` in test/graded/<lesson>/ or test/hidden/<lesson>/. */
export interface QuestionInfo {
  id: string;
  lesson: string;
  /** Every test file (public and hidden) that declares part of this question. */
  files: string[];
  tests: TestInfo[];
}

/** The result of one graded test. */
export interface TestResult extends TestInfo {
  question: string;
  outcome: Outcome;
  /** Points earned: `points` when passed, else 0. Always finite. */
  score: number;
  /** One explanation of a failure (may span lines); empty when passed. */
  message: string;
  /** What the code under test printed while this test ran (capped). */
  output: string;
  /** True when `output` was cut at the cap. */
  outputTruncated: boolean;
  /** Bytes the code printed in total, including the part that was cut. */
  outputBytes: number;
  durationMs: number;
}

/** All results for one question. */
export interface QuestionResult {
  id: string;
  lesson: string;
  score: number;
  maxScore: number;
  tests: TestResult[];
}

/** All results for one target folder (one student). */
export interface GradeReport {
  /** The folder that was graded, as given. */
  target: string;
  questions: QuestionResult[];
  score: number;
  maxScore: number;
  /** Wall time in seconds. */
  executionTime: number;
  /** True when grading was cut short (Ctrl-C): unfinished tests are "not-run". */
  interrupted: boolean;
}

/** Limits applied to every child process that runs student code. */
export interface Limits {
  /** Deadline per question, in milliseconds, counted once the test files are loaded. */
  timeoutMs: number;
  /**
   * Limit per test, in milliseconds. A test that needs longer says so with mocha's
   * `this.timeout(ms)`, which raises both its own limit and its question's deadline.
   */
  testTimeoutMs: number;
  /** V8 heap cap (--max-old-space-size) in MB; the whole process is also killed at this plus 256 MB resident. */
  memoryMb: number;
  /** Cap on the console output kept per test, in bytes. */
  outputCapBytes: number;
  /**
   * Console output per test above which the test fails as "flooded". Ordinary printing never
   * costs points (nbgrader's pain); megabytes of it mean a print inside a hot loop.
   */
  outputLimitBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  timeoutMs: 10_000,
  testTimeoutMs: 3_000,
  memoryMb: 512,
  outputCapBytes: 64 * 1024,
  outputLimitBytes: 1024 * 1024,
};
