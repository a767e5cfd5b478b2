// Lists the graded questions by loading the test files in a child (their tests are not run).
import { runIsolated } from "./isolate";
import { gradedTestFiles } from "./layout";
import type { QuestionInfo } from "./types";
import { DEFAULT_LIMITS } from "./types";

/** An error in how the grader was asked to run, or in the graded tests themselves: exit code 2. */
export class GraderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GraderError";
  }
}

/**
 * Every question under test/graded (and test/hidden when `includeHidden`), in file order.
 * Throws a GraderError listing every problem an instructor must fix in the test files.
 */
export async function discoverQuestions(root: string, includeHidden = true): Promise<QuestionInfo[]> {
  const files = gradedTestFiles(root, includeHidden);
  if (files.length === 0) throw new GraderError(`no graded tests found under ${root}/test/graded`);
  let questions: QuestionInfo[] | undefined;
  let problems: string[] = [];
  let fatal: string | undefined;
  const run = await runIsolated({
    job: { mode: "list", root, files, targetLabel: "exercises", timeoutMs: DEFAULT_LIMITS.timeoutMs, outputCapBytes: DEFAULT_LIMITS.outputCapBytes },
    limits: { ...DEFAULT_LIMITS, timeoutMs: 60_000 },
    onMessage: (msg) => {
      if (msg.type === "list") ({ questions, problems } = msg);
      else if (msg.type === "fatal") fatal = msg.message;
    },
  });
  if (fatal) throw new GraderError(fatal);
  if (!questions) throw new GraderError(`listing the graded tests failed (${run.end}): ${run.stderrTail.trim().slice(-1000)}`);
  if (problems.length) throw new GraderError(`the graded tests need fixing:\n  ${problems.join("\n  ")}`);
  return questions;
}

/**
 * Keeps the questions named in `only` (question ids or lesson names). Throws a GraderError
 * naming what matched nothing.
 */
export function selectQuestions(all: QuestionInfo[], only: string[] | undefined): QuestionInfo[] {
  if (!only || only.length === 0) return all;
  const unknown = only.filter((name) => !all.some((q) => q.id === name || q.lesson === name));
  if (unknown.length) {
    const lessons = [...new Set(all.map((q) => q.lesson))];
    throw new GraderError(
      `--only: no question or lesson named ${unknown.join(", ")}. Questions: ${all.map((q) => q.id).join(", ")}. Lessons: ${lessons.join(", ")}`,
    );
  }
  return all.filter((q) => only.includes(q.id) || only.includes(q.lesson));
}
