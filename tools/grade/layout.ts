// Where things live in a pack. Every convention the grader relies on is spelled here once.
import * as fs from "fs";
import * as path from "path";

/** Public graded tests: test/graded/<lesson>/**\/*.test.ts (they ship to students). */
export const PUBLIC_TESTS_DIR = "test/graded";
/** Hidden graded tests: test/hidden/<lesson>/**\/*.test.ts (never shipped). */
export const HIDDEN_TESTS_DIR = "test/hidden";
/** Environment variable read by test/graded/impl.ts: the folder whose modules are graded. */
export const TARGET_ENV = "DESCENT_TARGET";
/** Environment variable set while test files are only listed (their tests are not run). */
export const LISTING_ENV = "DESCENT_LISTING";
/** Default output of `npm run grade`. */
export const DEFAULT_RESULTS = "build/grade/results.json";
/** Default output folder of batch grading. */
export const DEFAULT_BATCH_OUT = "build/grade/batch";

/**
 * The pack's root folder: the nearest folder above `from` holding package.json and tools/grade.
 * Found by walking up rather than assumed, so the grader works from a student release, a
 * copy in /tmp, or a notebook kernel whose working directory is the root.
 */
export function packRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "tools", "grade"))) {
      return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`could not find the pack root (a folder with package.json and tools/grade) above ${from}`);
    dir = up;
  }
}

/** Every graded test file (public, and hidden when present), relative to `root`, sorted. */
export function gradedTestFiles(root: string, includeHidden = true): string[] {
  const dirs = includeHidden ? [PUBLIC_TESTS_DIR, HIDDEN_TESTS_DIR] : [PUBLIC_TESTS_DIR];
  const files: string[] = [];
  for (const dir of dirs) walk(path.join(root, dir), (file) => {
    if (file.endsWith(".test.ts")) files.push(path.relative(root, file).split(path.sep).join("/"));
  });
  return files.sort();
}

/**
 * The grader's own fixture questions (test/fixtures/grader/<name>/*.judge.ts): never discovered
 * by `npm run grade`, only run by the grader's tests, which name their files.
 */
export const FIXTURE_TESTS_DIR = "test/fixtures/grader";

/** The lesson a graded test file belongs to: the folder right under test/graded or test/hidden. */
export function lessonOf(file: string): string | undefined {
  const parts = file.split("/");
  if (file.startsWith(FIXTURE_TESTS_DIR + "/") && parts.length >= 5) return parts[3];
  if (parts.length < 4) return undefined; // test/graded/x.test.ts has no lesson
  return `${parts[0]}/${parts[1]}` === PUBLIC_TESTS_DIR || `${parts[0]}/${parts[1]}` === HIDDEN_TESTS_DIR
    ? parts[2]
    : undefined;
}

/** True for a test file under test/hidden/. */
export function isHiddenFile(file: string): boolean {
  return file.startsWith(HIDDEN_TESTS_DIR + "/");
}

function walk(dir: string, visit: (file: string) => void): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, visit);
    else if (entry.isFile()) visit(full);
  }
}
