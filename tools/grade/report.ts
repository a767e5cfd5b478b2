// The per-question table printed by `npm run grade` and shown by check() in a notebook.
import * as fs from "fs";
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
  // A file that cannot be loaded fails every test the same way: its error is printed once, above.
  if (shown.outcome === "load-error") return oneLine(`${loadErrorHeadline(shown.message)} (the error is shown above the table)`);
  if (shown.hidden && !options.revealHidden) return "a hidden test failed (its details are not shown)";
  return oneLine(`${shown.title}: ${shown.message}${outputNote(shown)}`);
}

/**
 * Every distinct reason a submission's file could not be loaded (a syntax or type error with its
 * line, a missing file, a throw at import), each once, in the order first met.
 */
export function loadErrors(questions: QuestionResult[]): string[] {
  const seen = new Set<string>();
  for (const q of questions) for (const t of q.tests) if (t.outcome === "load-error") seen.add(t.message);
  return [...seen];
}

/** "exercises/welcome.ts has a type error" from a load error's first words, for a table cell. */
export function loadErrorHeadline(message: string): string {
  const m = /^(\S+\.ts) (does not compile|has a type error|was not found|threw while loading|imports)/.exec(message);
  if (!m) return "cannot load the file";
  const what = { "does not compile": "has a syntax error", "has a type error": "has a type error", "was not found": "was not found", "threw while loading": "threw while loading", imports: "imports a file it may not" }[m[2]];
  return `${m[1]} ${what}`;
}

/** " (console output: 5.1 MB printed, only the first 64 kB kept)" when the output was cut, else "". */
export function outputNote(t: TestResult): string {
  return t.outputTruncated ? ` (console output: ${truncation(t)})` : "";
}

/** "5.1 MB printed, only the first 64 kB kept". */
export function truncation(t: TestResult): string {
  return `${kb(t.outputBytes)} printed, only the first ${kb(Buffer.byteLength(t.output))} kept`;
}

/** The plain-text table: question, points, status, first failure; then the total. `width`: the terminal's columns. */
export function formatTable(report: GradeReport, options: TableOptions = {}, width?: number): string {
  const rows = report.questions.map((q) => [q.id, `${points(q.score)}/${points(q.maxScore)}`, questionStatus(q), firstFailure(q, options)]);
  rows.push(["total", `${points(report.score)}/${points(report.maxScore)}`, report.interrupted ? "interrupted" : "", ""]);
  const errors = loadErrors(report.questions);
  const above = errors.length ? errors.join("\n") + "\n\n" : "";
  return above + table(["question", "points", "status", "first failure"], rows, width);
}

/**
 * "12 hidden tests (9 points) are counted here; check() runs the public tests only" when the
 * report holds hidden tests, else "": so nobody reads the difference as a lost point.
 */
export function hiddenNote(report: GradeReport): string {
  const hidden = report.questions.flatMap((q) => q.tests.filter((t) => t.hidden));
  if (hidden.length === 0) return "";
  const pts = hidden.reduce((sum, t) => sum + t.points, 0);
  return `${hidden.length} hidden test${hidden.length === 1 ? "" : "s"} (${points(pts)} point${pts === 1 ? "" : "s"}) are counted here; check() in a notebook runs the public tests only`;
}

/**
 * Aligns columns; the last column is left ragged. With `width` (a terminal's columns), the last
 * column wraps onto indented continuation lines so no line is longer than `width`.
 */
export function table(header: string[], rows: string[][], width?: number): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const indent = widths.slice(0, -1).reduce((sum, w) => sum + w + 2, 0);
  const room = width === undefined ? Infinity : Math.max(20, width - indent);
  const line = (r: string[]) => {
    const head = r.slice(0, -1).map((cell, i) => cell.padEnd(widths[i])).join("  ");
    const [first, ...rest] = wrap(r[r.length - 1] ?? "", room);
    return [(r.length > 1 ? `${head}  ${first}` : first).trimEnd(), ...rest.map((part) => " ".repeat(indent) + part)].join("\n");
  };
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Splits text into lines of at most `room` characters, at spaces where it can. */
export function wrap(text: string, room: number): string[] {
  if (text.length <= room) return [text];
  const lines: string[] = [];
  let rest = text;
  while (rest.length > room) {
    const cut = rest.lastIndexOf(" ", room);
    const at = cut > room / 3 ? cut : room;
    lines.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) lines.push(rest);
  return lines;
}

/** "exercises/welcome.ts, saved 2 min ago" (or "… was not found"), so a forgotten save shows. */
export function savedNote(file: string, shownAs: string, now = Date.now()): string {
  let mtime: number;
  try {
    mtime = fs.statSync(file).mtimeMs;
  } catch {
    return `${shownAs} was not found`;
  }
  return `${shownAs}, saved ${ago(now - mtime)}`;
}

/** "just now", "45 s ago", "2 min ago", "3 h ago", "4 days ago". */
export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 5) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  const days = Math.round(s / 86400);
  return `${days} day${days === 1 ? "" : "s"} ago`;
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
