// Turns whatever a failing test threw into an outcome and one explanation a student can act on.
import type { Outcome } from "./types";

/** Longest explanation kept; a student's error message can be arbitrarily long. */
const MAX_MESSAGE = 2000;

/**
 * Classifies a thrown value. `targetDir` is the staged folder of the code under test: paths
 * inside it are shown as `targetLabel` (e.g. "exercises/welcome.ts:12:7") so the student sees
 * their own file, not a temporary copy.
 */
export function explain(err: unknown, targetDir: string, targetLabel: string): { outcome: Outcome; message: string } {
  const shorten = (s: string) => cap(s.split(targetDir).join(targetLabel));
  // A sandbox's throw of a non-Error (a string, say) arrives as an Error marked isError: false.
  if (!(err instanceof Error) || (err as { isError?: unknown }).isError === false) {
    const value = err instanceof Error ? err.message : safeString(err);
    return { outcome: "error", message: shorten(`threw a value that is not an Error: ${value}`) };
  }
  const message = String(err.message);
  if (message.startsWith("not implemented yet")) return { outcome: "not-implemented", message: shorten(message) };
  if (err.name === "LoadError") return { outcome: "load-error", message: shorten(message) };
  if (err.name === "AssertionError") return { outcome: "failed", message: shorten(message) };
  if ((err as { code?: unknown }).code === "ERR_MOCHA_TIMEOUT") {
    const ms = /Timeout of (\d+)ms/.exec(message)?.[1];
    return { outcome: "timeout", message: `timed out: this asynchronous test did not finish${ms ? ` within ${Number(ms) / 1000} s` : ""} (a promise that never settles?)` };
  }
  const hint = /Maximum call stack size exceeded/.test(message) ? " (infinite recursion?)" : "";
  const where = locate(err.stack, targetDir, targetLabel);
  return { outcome: "error", message: shorten(`threw ${err.name}: ${message}${hint}${where ? ` (at ${where})` : ""}`) };
}

/** The first stack frame inside the code under test, e.g. "exercises/welcome.ts:12:7". */
function locate(stack: string | undefined, targetDir: string, targetLabel: string): string | undefined {
  for (const line of (stack ?? "").split("\n")) {
    const i = line.indexOf(targetDir);
    if (i < 0) continue;
    const end = line.lastIndexOf(")") > i ? line.lastIndexOf(")") : line.length;
    return targetLabel + line.slice(i + targetDir.length, end);
  }
  return undefined;
}

function safeString(value: unknown): string {
  try {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
  } catch {
    return "(unprintable)";
  }
}

function cap(s: string): string {
  return s.length > MAX_MESSAGE ? s.slice(0, MAX_MESSAGE) + ` … (${s.length - MAX_MESSAGE} more characters cut)` : s;
}
