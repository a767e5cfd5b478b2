/**
 * A lesson's check of its own claims ("training reaches 95 %"), shown to the student as a check
 * line, never as a raw `throw` (issue 11 item 14).
 *
 * In a student's notebook a failed self-check prints one line saying what was expected and what
 * happened, and the lesson goes on. Under the pack's own test of the lessons (`npm run
 * test:notebooks`, `npm run notebooks:run -- --check-solutions`) the runner sets
 * `DESCENT_CHECK_STRICT=1` in the kernel's environment; a failed self-check then throws, so the
 * lesson fails the test instead of passing with a wrong claim in its text. lib/ reads the
 * variable by name and does not import the runner.
 *
 * @module
 */

/** The environment variable that turns a failed self-check into an error (set by the notebook runner). */
export const SELF_CHECK_STRICT_ENV = "DESCENT_CHECK_STRICT";

/** Thrown by {@link selfCheck} in strict mode only. */
export class SelfCheckError extends Error {
  override name = "SelfCheckError";
}

/**
 * Prints `✓ <claim>` when `passed`, else `✗ <claim>: <detail>` and a note that the lesson's text
 * assumed it; throws {@link SelfCheckError} instead when `DESCENT_CHECK_STRICT=1`. Returns nothing, so
 * a cell ending in a self-check shows only its line (tslab prints a cell's last value).
 *
 * @param claim What the lesson asserts, e.g. "training accuracy ≥ 95 %".
 * @param passed Whether it holds (must be a boolean: a NaN comparison is already `false`).
 * @param detail What was measured, shown in both cases, e.g. "measured 98.0 %".
 */
export function selfCheck(claim: string, passed: boolean, detail = "", log: (line: string) => void = (l) => console.log(l)): void {
  if (typeof passed !== "boolean") {
    throw new TypeError(`selfCheck("${claim}"): passed must be true or false, got ${typeof passed}; compare explicitly, e.g. accuracy >= 0.95`);
  }
  const tail = detail ? ` (${detail})` : "";
  if (passed) {
    log(`✓ check: ${claim}${tail}`);
    return;
  }
  if (process.env[SELF_CHECK_STRICT_ENV] === "1") throw new SelfCheckError(`lesson self-check failed: ${claim}${tail}`);
  log(`✗ check failed: ${claim}${tail}. The text around this cell assumes it; if you changed nothing, please tell your instructor.`);
}
