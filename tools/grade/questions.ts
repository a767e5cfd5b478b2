// Reads questions and points out of mocha's suite tree, following the test-title conventions:
//   describe("gd-step", () => { it("moves against the gradient [2 pts]", ...) })
// The top-level describe is the question id; each test ends with its points tag.
import * as path from "path";
import { isHiddenFile, lessonOf } from "./layout";
import type { QuestionInfo, TestInfo } from "./types";

/** A question id: lower-case words joined by dashes ("gd-step", "adam-bias-correction"). */
export const QUESTION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The points tag at the end of a test title: "[1 pt]", "[2 pts]", "[0.5 pts]". */
export const POINTS_TAG = /\s*\[(\d+(?:\.\d+)?) pts?\]\s*$/;

/** The part of mocha's Suite and Test this module needs. */
export interface SuiteLike {
  title: string;
  file?: string;
  tests: { title: string; file?: string }[];
  suites: SuiteLike[];
}

/** Splits "moves against the gradient [2 pts]" into its title and points; undefined points if untagged. */
export function parseTitle(title: string): { title: string; points: number | undefined } {
  const m = POINTS_TAG.exec(title);
  if (!m) return { title: title.trim(), points: undefined };
  const points = Number(m[1]);
  return { title: title.slice(0, m.index).trim(), points: Number.isFinite(points) ? points : undefined };
}

/**
 * Every question declared by the loaded files, in run order, plus the problems an instructor
 * must fix (untagged tests, bad ids, tests outside a question, a question split over lessons).
 */
export function collectQuestions(root: SuiteLike, packRoot: string): { questions: QuestionInfo[]; problems: string[] } {
  const byId = new Map<string, QuestionInfo>();
  const problems: string[] = [];
  const rel = (file: string | undefined) => (file ? path.relative(packRoot, file).split(path.sep).join("/") : "?");

  for (const t of root.tests) problems.push(`${rel(t.file)}: test "${t.title}" is not inside a describe("<question-id>", ...) block`);
  for (const suite of root.suites) {
    const file = rel(suite.file);
    const lesson = lessonOf(file);
    if (!lesson) {
      problems.push(`${file}: graded test files belong in test/graded/<lesson>/ or test/hidden/<lesson>/`);
      continue;
    }
    if (!QUESTION_ID.test(suite.title)) {
      problems.push(`${file}: question id "${suite.title}" must be lower-case words joined by dashes, e.g. "gd-step"`);
      continue;
    }
    let q = byId.get(suite.title);
    if (!q) {
      q = { id: suite.title, lesson, files: [], tests: [] };
      byId.set(q.id, q);
    } else if (q.lesson !== lesson) {
      problems.push(`${file}: question "${q.id}" is already used by lesson "${q.lesson}"; question ids must be unique across lessons`);
      continue;
    }
    if (!q.files.includes(file)) q.files.push(file);
    for (const test of testsOf(suite, [], rel)) {
      if (test.points === undefined) {
        problems.push(`${test.file}: test "${q.id} ${test.title}" needs a points tag at the end of its title, e.g. "[1 pt]" or "[2 pts]"`);
      } else if (q.tests.some((t) => t.title === test.title)) {
        problems.push(`${test.file}: question "${q.id}" has two tests titled "${test.title}"; titles must differ`);
      } else {
        q.tests.push({ title: test.title, points: test.points, file: test.file, hidden: isHiddenFile(test.file) });
      }
    }
  }
  return { questions: [...byId.values()], problems };
}

/** The tests of one question (the matching top-level suites), in the order mocha runs them. */
export function testsOfQuestion(root: SuiteLike, id: string, packRoot: string): TestInfo[] {
  return collectQuestions({ title: "", tests: [], suites: root.suites.filter((s) => s.title === id) }, packRoot)
    .questions.flatMap((q) => q.tests);
}

/** The title a test has inside its question: nested describe titles, then its own, without the tag. */
export function titleInQuestion(fullTitleParts: string[]): string {
  return fullTitleParts.map((p) => parseTitle(p).title).join(" ");
}

// Mocha runs a suite's own tests before its child suites; this walk follows the same order.
function testsOf(
  suite: SuiteLike,
  prefix: string[],
  rel: (file: string | undefined) => string,
): { title: string; points: number | undefined; file: string }[] {
  const out: { title: string; points: number | undefined; file: string }[] = [];
  for (const t of suite.tests) {
    const { points } = parseTitle(t.title);
    out.push({ title: titleInQuestion([...prefix, t.title]), points, file: rel(t.file ?? suite.file) });
  }
  for (const s of suite.suites) out.push(...testsOf(s, [...prefix, s.title], rel));
  return out;
}
