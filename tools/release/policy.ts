// What a student release leaves out or changes. One list, so it is easy to audit.

/**
 * Path prefixes that never ship to students. Anything else that git tracks ships.
 * Add a folder here when you add instructor-only material.
 */
export const INSTRUCTOR_ONLY = [
  "solutions/", // reference implementations (exercises/ is regenerated from them as stubs)
  "test/hidden/", // hidden graded tests
  "test/grader/", // tests of the grader itself: they need solutions/ and the hidden tests
  "test/fixtures/grader/", // deliberately broken implementations used by those tests
];

/**
 * Path prefixes left out of the Gradescope autograder zip (tools/release/gradescope.ts), which
 * does carry test/hidden/: the graded reference, lessons (grading never opens a notebook, so no
 * output can travel), every test but the graded ones, fixtures, benchmarks and CI scripts.
 */
export const NOT_IN_AUTOGRADER = ["solutions/", "notebooks/", "test/grader/", "test/lib/", "test/tools/", "test/fixtures/", "bench/", ".ci/", ".github/"];

/**
 * Test files that a student's `npm test` must not run: the graded tests fail against fresh
 * stubs by design. Students run them through `npm run grade` and check(...) instead.
 */
export const MOCHA_IGNORE_IN_RELEASE = ["test/graded/**"];

/** An import or require of instructor-only code, in a file that would ship. */
export const LEAK = /(?:from\s+|require\(\s*|import\(\s*)["'][^"']*(?:\/|^)(?:solutions|test\/hidden)\/[^"']*["']/;

/** An import or require of the graded reference, in a file of the Gradescope autograder zip. */
export const LEAK_SOLUTIONS = /(?:from\s+|require\(\s*|import\(\s*)["'][^"']*(?:\/|^)solutions\/[^"']*["']/;

/** True when `file` (relative, forward slashes) stays out of a release. */
export function instructorOnly(file: string): boolean {
  return INSTRUCTOR_ONLY.some((prefix) => file.startsWith(prefix));
}

/** True when `file` (relative, forward slashes) stays out of the Gradescope autograder zip. */
export function notInAutograder(file: string): boolean {
  return NOT_IN_AUTOGRADER.some((prefix) => file.startsWith(prefix)) || file.endsWith(".ipynb");
}
