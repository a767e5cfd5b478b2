// Batch grading: every sub-folder of a submissions folder is one student.
import * as fs from "fs";
import * as path from "path";
import { points } from "./report";
import type { Target } from "./grade";
import type { GradeReport, QuestionInfo } from "./types";

/**
 * One target per sub-folder, sorted by name. A sub-folder holding exercises/ is a whole pack
 * copy and its exercises/ is graded; any other sub-folder is itself exercises-shaped.
 */
export function submissionTargets(dir: string): Target[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort()
    .map((name) => ({ name, dir: exercisesIn(path.join(dir, name)), label: "exercises" }));
}

/** The folder to grade inside `dir`: its exercises/ when it is a whole pack copy, else `dir` itself. */
export function exercisesIn(dir: string): string {
  const inner = path.join(dir, "exercises");
  return fs.existsSync(inner) && fs.statSync(inner).isDirectory() ? inner : dir;
}

/** The class sheet: a header row of question ids, then one row per student with points and total. */
export function toCsv(reports: GradeReport[], questions: QuestionInfo[]): string {
  const rows = [["student", ...questions.map((q) => q.id), "total"]];
  for (const r of reports) {
    const byId = new Map(r.questions.map((q) => [q.id, q.score]));
    rows.push([r.target, ...questions.map((q) => points(byId.get(q.id) ?? 0)), points(r.score)]);
  }
  return rows.map((row) => row.map(csvCell).join(",")).join("\n") + "\n";
}

/** Where one student's results.json goes: a folder per student, safe for any name. */
export function studentResultsFile(outDir: string, student: string): string {
  return path.join(outDir, student.replace(/[^\w.@-]+/g, "_"), "results.json");
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
