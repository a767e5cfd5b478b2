// The per-question table printed by `npm run grade` and shown by check() in a notebook.
import type { GradeReport, Outcome, QuestionResult, TestResult } from "./types";

/** Words for each outcome, as the table's status column shows them. */
export const OUTCOME_LABEL: Record<Outcome, string> = {
  passed: "passed",
  failed: "failed",
  "not-implemented": "not implemented",
  error: "error",
  "load-error": "cannot load",
  timeout: "timed out",
  memory: "out of memory",
  flooded: "too much output",
  crash: "crashed",
  "not-run": "not run",
};

/** Longest "first failure" shown in a table cell; results.json keeps the whole message. */
const MAX_CELL = 200;

export interface TableOptions {
  /** Show hidden tests' titles and messages (instructors only). */
  revealHidden?: boolean;
}

/** Status of a question: "passed", or how its first failing test failed. */
export function questionStatus(q: QuestionResult): string {
  const failing = q.tests.find((t) => t.outcome !== "passed");
  return failing ? OUTCOME_LABEL[failing.outcome] : "passed";
}

/** The first failure of a question as one line ("" when it passed); public tests are preferred. */
export function firstFailure(q: QuestionResult, options: TableOptions = {}): string {
  const failing = q.tests.filter((t) => t.outcome !== "passed");
  const shown = failing.find((t) => !t.hidden) ?? failing[0];
  if (!shown) return "";
  if (shown.hidden && !options.revealHidden) return "a hidden test failed (its details are not shown)";
  return oneLine(`${shown.title}: ${shown.message}${outputNote(shown)}`);
}

/** " (console output: 5.1 MB printed, only the first 64 kB kept)" when the output was cut, else "". */
export function outputNote(t: TestResult): string {
  return t.outputTruncated ? ` (console output: ${truncation(t)})` : "";
}

/** "5.1 MB printed, only the first 64 kB kept". */
export function truncation(t: TestResult): string {
  return `${kb(t.outputBytes)} printed, only the first ${kb(Buffer.byteLength(t.output))} kept`;
}

/** The plain-text table: question, points, status, first failure; then the total. */
export function formatTable(report: GradeReport, options: TableOptions = {}): string {
  const rows = report.questions.map((q) => [q.id, `${points(q.score)}/${points(q.maxScore)}`, questionStatus(q), firstFailure(q, options)]);
  rows.push(["total", `${points(report.score)}/${points(report.maxScore)}`, report.interrupted ? "interrupted" : "", ""]);
  return table(["question", "points", "status", "first failure"], rows);
}

/** Aligns columns; the last column is left ragged. */
export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Points without float noise: 3, 2.5, 0.33. */
export function points(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : "0";
}

function oneLine(s: string): string {
  const flat = s.replace(/\s*\n\s*/g, " ").trim();
  return flat.length > MAX_CELL ? flat.slice(0, MAX_CELL - 1) + "…" : flat;
}

function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
