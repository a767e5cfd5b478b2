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
 * Test files that a student's `npm test` must not run: the graded tests fail against fresh
 * stubs by design. Students run them through `npm run grade` and check(...) instead.
 */
export const MOCHA_IGNORE_IN_RELEASE = ["test/graded/**"];

/** An import or require of instructor-only code, in a file that would ship. */
export const LEAK = /(?:from\s+|require\(\s*|import\(\s*)["'][^"']*(?:\/|^)(?:solutions|test\/hidden)\/[^"']*["']/;

/** True when `file` (relative, forward slashes) stays out of a release. */
export function instructorOnly(file: string): boolean {
  return INSTRUCTOR_ONLY.some((prefix) => file.startsWith(prefix));
}
