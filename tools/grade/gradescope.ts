// Gradescope's autograder results format (results.json), written atomically.
// https://gradescope-autograders.readthedocs.io/en/latest/specs/ — score, execution_time,
// output, and tests[] of name, score, max_score, status, output, visibility.
import * as fs from "fs";
import * as path from "path";
import { firstFailure, points, truncation } from "./report";
import type { GradeReport, TestResult } from "./types";

export interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  status: "passed" | "failed";
  output: string;
  /** "visible" for public tests; "after_published" for hidden ones (shown once grades are published). */
  visibility: "visible" | "after_published";
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  tests: GradescopeTest[];
}

/**
 * Builds results.json. A hidden test is named "<question>: hidden test <n>" and its output
 * says only whether it passed: its title, its messages and what the code printed could all
 * give its inputs away.
 */
export function toGradescope(report: GradeReport): GradescopeResults {
  const tests: GradescopeTest[] = [];
  for (const q of report.questions) {
    let hiddenCount = 0;
    for (const t of q.tests) {
      const passed = t.outcome === "passed";
      const base = { score: finite(t.score), max_score: finite(t.points), status: passed ? ("passed" as const) : ("failed" as const) };
      if (t.hidden) {
        hiddenCount += 1;
        tests.push({
          ...base,
          name: `${q.id}: hidden test ${hiddenCount}`,
          output: passed ? "Passed." : "Failed. Hidden tests check cases beyond the public ones; their details are not shown.",
          visibility: "after_published",
        });
      } else {
        tests.push({ ...base, name: `${q.id}: ${t.title}`, output: publicOutput(t), visibility: "visible" });
      }
    }
  }
  const perQuestion = report.questions.map((q) => `${q.id} ${points(q.score)}/${points(q.maxScore)}${q.score < q.maxScore ? ` (${firstFailure(q)})` : ""}`);
  const output = [
    `Score: ${points(report.score)}/${points(report.maxScore)}.`,
    report.interrupted ? "Grading was interrupted: tests that did not run scored 0." : "",
    ...perQuestion,
  ].filter(Boolean).join("\n");
  return { score: finite(report.score), execution_time: finite(Math.round(report.executionTime * 100) / 100), output, tests };
}

/** Writes JSON to `file` through a temporary file and a rename, so a reader never sees half a file. */
export function writeJsonAtomic(file: string, data: unknown): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(data, null, 2) + "\n");
  fs.renameSync(tmp, file);
}

function publicOutput(t: TestResult): string {
  const head = t.outcome === "passed" ? "Passed." : t.message;
  if (!t.output) return head;
  return `${head}\n\nConsole output${t.outputTruncated ? ` (${truncation(t)})` : ""}:\n${t.output}`;
}

// NaN must never reach a score: JSON would turn it into null and Gradescope into an error.
function finite(n: number): number {
  if (!Number.isFinite(n)) throw new Error(`internal error: a non-finite number (${n}) was about to be written to results.json`);
  return n;
}
