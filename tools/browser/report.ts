/**
 * The browser test's summary table, and the self-test's verdict on its fixtures: each
 * fixture says in its metadata whether it must pass or fail and with which problem lines.
 */
import type { LessonResult } from "./lesson";

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

/** One row per lesson: lesson, cells, images, plotly charts, time, status. */
export function summaryTable(results: LessonResult[], statuses?: string[]): string {
  const head = ["lesson", "cells", "code", "images", "plotly", "run s", "total s", "status"];
  const rows = results.map((r, i) => [
    r.source,
    String(r.cells),
    String(r.codeCells),
    String(r.images),
    String(r.plotly),
    r.runSeconds.toFixed(1),
    r.totalSeconds.toFixed(1),
    statuses?.[i] ?? (r.status === "passed" ? "passed" : `FAILED (${r.problems.length})`),
  ]);
  const total = results.reduce((s, r) => s + r.totalSeconds, 0);
  rows.push(["total", "", "", "", "", results.reduce((s, r) => s + r.runSeconds, 0).toFixed(1), total.toFixed(1), ""]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cols: string[]) => cols.map((v, c) => pad(v, widths[c], c > 0 && c < 7)).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export interface Verdict {
  name: string;
  /** What the table shows for the fixture. */
  verdict: string;
  /** Empty when the fixture behaved exactly as its metadata says. */
  mismatches: string[];
}

/**
 * Compares each fixture with `metadata.descent_browser_test`: `expect: "pass"` must pass with
 * no problem; `expect: "fail"` must fail, every expected message must appear (as a substring)
 * among the problems, and every problem must be one of the expected messages, so a check
 * that fires wrongly is caught as surely as one that stays silent.
 */
export function checkExpectations(results: LessonResult[]): Verdict[] {
  return results.map((r) => {
    const expect = r.metadata.expect;
    const mismatches: string[] = [];
    if (expect !== "pass" && expect !== "fail") {
      mismatches.push(`metadata.descent_browser_test.expect must be "pass" or "fail"`);
    } else if (expect === "pass") {
      for (const p of r.problems) mismatches.push(`expected to pass, but: ${p}`);
    } else {
      const messages = r.metadata.messages ?? [];
      if (r.status === "passed") mismatches.push("expected to fail, but it passed");
      for (const m of messages) {
        if (!r.problems.some((p) => p.includes(m))) mismatches.push(`expected a problem containing: ${m}`);
      }
      for (const p of r.problems) {
        if (!messages.some((m) => p.includes(m))) mismatches.push(`unexpected problem: ${p}`);
      }
    }
    const verdict = mismatches.length === 0 ? `ok (${expect === "fail" ? `failed as expected, ${r.problems.length} problems` : "passed"})` : "SELF-TEST MISMATCH";
    return { name: r.name, verdict, mismatches };
  });
}
