// check("gd-step") from a lesson notebook: runs that question's public tests against the
// student's current exercises/ file, in a fresh child process (so every edit counts and a
// loop cannot hang the kernel), shows a small pass/fail table and returns the result.
//
//   import { check } from "./tools/grade/check";
//   await check("gd-step");
import * as fs from "fs";
import * as path from "path";
import { inspect } from "util";
import { displayBundle } from "../../lib/plot/display";
import { gradedTestFiles, lessonOf, packRoot } from "./layout";
import { loadErrorHeadline, loadErrors, outputNote, points, savedNote, table } from "./report";
import { gradeQuestion, UnknownQuestionError } from "./runner";
import { stageTarget } from "./stage";
import type { QuestionResult } from "./types";
import { DEFAULT_LIMITS } from "./types";

/**
 * Set by `npm run notebooks:run -- --check-solutions` (and by `npm run test:notebooks` in the
 * instructor's repository) in the kernel's environment: the folder every check() grades instead
 * of exercises/, and "1" to make a check that does not pass throw, so the runner fails that
 * lesson. A student's kernel has neither, and a failing check is then an ordinary output.
 */
export const CHECK_TARGET_ENV = "DESCENT_CHECK_TARGET";
export const CHECK_STRICT_ENV = "DESCENT_CHECK_STRICT";

export interface CheckOptions {
  /** Deadline in seconds for the whole question (default 10; each test also has 3 s unless it asks for more). */
  timeout?: number;
  /** Folder to check instead of exercises/ (relative to the pack root, or absolute; default $DESCENT_CHECK_TARGET, else exercises/). */
  target?: string;
  /** Show the table (default true). */
  display?: boolean;
}

/** What check() returns: the question's public results, and whether all of them passed. */
export interface CheckResult extends QuestionResult {
  passed: boolean;
}

/**
 * Runs the public tests of `question` against exercises/ and displays a table of them.
 * Throws when no question has that id, listing the ones that exist.
 */
export async function check(question: string, options: CheckOptions = {}): Promise<CheckResult> {
  const root = packRoot(__dirname);
  const targetDir = path.resolve(root, options.target ?? (process.env[CHECK_TARGET_ENV] || "exercises"));
  // The lesson that declares the question, found by its describe() in the test files' text:
  // then only that lesson is compiled and type-checked and only its tests are loaded (about
  // half a second saved per check). Not found: every file, and the judge lists the known ids.
  const all = gradedTestFiles(root, false);
  const lesson = lessonDeclaring(root, all, question);
  const files = lesson ? all.filter((f) => lessonOf(f) === lesson) : all;
  const stage = stageTarget(targetDir, root, lesson ? { modules: [lesson] } : {});
  let result: QuestionResult;
  try {
    result = await gradeQuestion(
      { id: question, files },
      {
        root,
        stage,
        targetLabel: path.relative(root, targetDir) || ".",
        limits: {
          ...DEFAULT_LIMITS,
          timeoutMs: 1000 * (options.timeout ?? DEFAULT_LIMITS.timeoutMs / 1000),
          testTimeoutMs: Math.min(DEFAULT_LIMITS.testTimeoutMs, 1000 * (options.timeout ?? Number.POSITIVE_INFINITY)),
        },
      },
    );
  } catch (err) {
    if (err instanceof UnknownQuestionError) {
      throw new Error(`check: no question "${question}". Known questions: ${[...err.known].sort().join(", ")}`);
    }
    throw err;
  } finally {
    stage.cleanup();
  }
  const checked: CheckResult = Object.assign(result, { passed: result.tests.every((t) => t.outcome === "passed") });
  // A notebook prints the value of a cell's last expression: keep that to one line.
  Object.defineProperty(checked, inspect.custom, { value: () => summary(checked), enumerable: false });
  const note = testedNote(checked, root, targetDir);
  if (options.display !== false) displayBundle({ "text/html": toHtml(checked, note), "text/plain": toText(checked, note) });
  if (!checked.passed && process.env[CHECK_STRICT_ENV] === "1") {
    const failing = checked.tests.find((t) => t.outcome !== "passed")!;
    throw new Error(`check("${question}") failed against ${path.relative(root, targetDir) || "."}/ (strict mode): ${failing.title}: ${failing.message}`);
  }
  return checked;
}

function lessonDeclaring(root: string, files: string[], question: string): string | undefined {
  const needle = [`describe("${question}"`, `describe('${question}'`];
  for (const f of files) {
    const text = fs.readFileSync(path.join(root, f), "utf8");
    if (needle.some((n) => text.includes(n))) return lessonOf(f);
  }
  return undefined;
}

/**
 * The line under a check's table: which file was tested and when it was last saved (a
 * forgotten save shows), and that check() counts public tests only.
 */
function testedNote(r: CheckResult, root: string, targetDir: string): string {
  const file = path.join(targetDir, `${r.lesson}.ts`);
  return `tested ${savedNote(file, path.relative(root, file))}. Public tests only: npm run grade in the instructor's copy also counts hidden tests.`;
}

function summary(r: CheckResult): string {
  return `${r.id}: ${points(r.score)}/${points(r.maxScore)} points, ${r.passed ? "all tests passed" : `${r.tests.filter((t) => t.outcome !== "passed").length} of ${r.tests.length} tests failing`}`;
}

/** The plain-text table (also the fallback a front end without HTML shows). */
export function toText(r: CheckResult, note = ""): string {
  const rows = r.tests.map((t) => [t.outcome === "passed" ? "✓" : "✗", t.title, `${points(t.score)}/${points(t.points)}`, cellMessage(t)]);
  const errors = loadErrors([r]);
  return `check("${r.id}"): ${summary(r)}\n` + (errors.length ? errors.join("\n") + "\n" : "") + table(["", "test", "points", "message"], rows, 100) + (note ? `\n${note}` : "");
}

/** A row's message; a file that cannot be loaded is explained once, above the table (issue 11 items 1–2). */
function cellMessage(t: CheckResult["tests"][number]): string {
  if (t.outcome === "passed") return "";
  if (t.outcome === "load-error") return `${loadErrorHeadline(t.message)} (see above)`;
  return `${t.message}${outputNote(t)}`;
}

/** The HTML table shown in the notebook. */
export function toHtml(r: CheckResult, note = ""): string {
  const row = (t: CheckResult["tests"][number]) => {
    const ok = t.outcome === "passed";
    const mark = `<span style="color:${ok ? "#1a7f37" : "#cf222e"};font-weight:bold">${ok ? "✓" : "✗"}</span>`;
    const message = esc(cellMessage(t));
    return `<tr><td>${mark}</td><td style="text-align:left">${esc(t.title)}</td><td>${points(t.score)}/${points(t.points)}</td><td style="text-align:left;white-space:pre-wrap">${message}</td></tr>`;
  };
  const errors = loadErrors([r]);
  return [
    `<div><b>check("${esc(r.id)}")</b>: ${esc(summary(r))}`,
    ...errors.map((e) => `<pre style="color:#cf222e">${esc(e)}</pre>`),
    `<table><thead><tr><th></th><th style="text-align:left">test</th><th>points</th><th style="text-align:left">message</th></tr></thead>`,
    `<tbody>${r.tests.map(row).join("")}</tbody></table>`,
    note ? `<div style="color:#57606a;font-size:90%">${esc(note)}</div></div>` : `</div>`,
  ].join("\n");
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
