// Lists the graded questions by loading the test files in a child (their tests are not run).
import * as fs from "fs";
import * as path from "path";
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
    job: { mode: "list", root, files, targetLabel: "exercises", timeoutMs: DEFAULT_LIMITS.testTimeoutMs, outputCapBytes: DEFAULT_LIMITS.outputCapBytes, outputLimitBytes: DEFAULT_LIMITS.outputLimitBytes },
    limits: { ...DEFAULT_LIMITS, timeoutMs: 60_000 },
    onMessage: (msg) => {
      if (msg.type === "list") ({ questions, problems } = msg);
      else if (msg.type === "fatal") fatal = msg.message;
    },
  });
  if (fatal) throw new GraderError(fatal);
  if (!questions) throw new GraderError(`listing the graded tests failed (${run.end}): ${run.stderrTail.trim().slice(-1000)}`);
  if (problems.length) throw new GraderError(`the graded tests need fixing:\n  ${problems.join("\n  ")}`);
  return inLessonOrder(questions, root);
}

/**
 * Questions ordered by lesson number (the `@lesson <n>` tag of exercises/<lesson>.ts, or of
 * solutions/<lesson>.ts), then by file order within a lesson. Lessons without a number go last.
 */
function inLessonOrder(questions: QuestionInfo[], root: string): QuestionInfo[] {
  const numbers = new Map<string, number>();
  const numberOf = (lesson: string): number => {
    if (!numbers.has(lesson)) {
      let n = Number.POSITIVE_INFINITY;
      for (const dir of ["exercises", "solutions"]) {
        const file = path.join(root, dir, `${lesson}.ts`);
        const m = fs.existsSync(file) ? /@lesson\s+(\d+(?:\.\d+)?)/.exec(fs.readFileSync(file, "utf8")) : null;
        if (m) {
          n = Number(m[1]);
          break;
        }
      }
      numbers.set(lesson, n);
    }
    return numbers.get(lesson) as number;
  };
  return questions
    .map((q, i) => ({ q, i }))
    .sort((a, b) => numberOf(a.q.lesson) - numberOf(b.q.lesson) || a.i - b.i)
    .map(({ q }) => q);
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
