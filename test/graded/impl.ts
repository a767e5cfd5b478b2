// The one seam between the graded tests and the code they grade.
//
// Graded tests never import solutions/ or exercises/ directly; they call load("welcome") inside
// each test. Which folder that reads from is chosen by the DESCENT_TARGET environment variable:
//   unset           solutions/ when it exists (the instructor's `npm run test:unit`),
//                   else exercises/ (a student release, which has no solutions/)
//   "exercises"     a folder name, relative to the pack root
//   "/abs/path"     any folder shaped like exercises/
//
// Under the grader and check() this process is the *judge*: it never runs a student's code.
// load() then returns stand-ins whose calls go to a separate sandbox process and come back as
// plain data (tools/grade/remote.ts); arguments the code changed are changed here too, and a
// result that is an argument comes back as that very object, so expectNotMutated and
// expectFresh keep their meaning. Callbacks a test passes run here, in the judge, on data.
import * as fs from "fs";
import * as path from "path";
import { AS_SOURCE } from "../../tools/grade/peer";
import { callEachRemote, LoadError, remoteModule, sandboxConnected } from "../../tools/grade/remote";

export { LoadError };

const ROOT = path.resolve(__dirname, "..", "..");

/** The folder whose modules load() returns. */
export function targetDir(): string {
  const chosen = process.env.DESCENT_TARGET;
  if (chosen) return path.resolve(ROOT, chosen);
  const solutions = path.join(ROOT, "solutions");
  return fs.existsSync(solutions) ? solutions : path.join(ROOT, "exercises");
}

/**
 * Loads `<target>/<module>.ts`, typed by the caller:
 *
 *   type Welcome = typeof import("../../../exercises/welcome");
 *   const { gdStep } = load<Welcome>("welcome");
 *
 * Call it inside `it(...)`, never at the top of a test file: then a missing or broken
 * exercise file fails only the tests that need it.
 */
export function load<T>(module: string): T {
  if (process.env.DESCENT_LISTING) {
    throw new Error(`load("${module}") was called while the graded tests were being listed: call load() inside it(...), not at the top of a test file`);
  }
  if (sandboxConnected()) return remoteModule<T>(module);
  const dir = targetDir();
  const file = path.join(dir, `${module}.ts`);
  const shown = path.join(path.basename(dir), `${module}.ts`);
  if (!fs.existsSync(file)) throw new LoadError(`${shown} was not found: the file must exist with this name`);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as T;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    // A transform error is a syntax error; anything else was thrown while the module ran.
    const kind = /Transform failed|ERROR:|SyntaxError/.test(why) || (err instanceof SyntaxError) ? "does not compile" : "threw while loading";
    throw new LoadError(`${shown} ${kind}: ${why.replace(/\s+/g, " ").slice(0, 600)}`);
  }
}

/**
 * Marks a callback as self-contained, so under the grader it is sent to the sandbox as its
 * source and runs there, instead of each call crossing back to the judge (about 50 µs a call).
 * Use it for a callback a student's function calls thousands of times (a loss over 20,000
 * examples). The function may use only its parameters and JavaScript's globals (Math, …), not
 * variables of the test file: a closure over `dist` would fail in the sandbox with a
 * ReferenceError. Returns `fn` itself; outside the grader it changes nothing.
 *
 *   empiricalRisk(sendAsSource((x: number[]) => x[0]), X, y, sendAsSource(squared))
 */
export function sendAsSource<F extends (...args: never[]) => unknown>(fn: F): F {
  Object.defineProperty(fn, AS_SOURCE, { value: true });
  return fn;
}

/**
 * `fn(...args)` for each of `argLists`, as `argLists.map((a) => fn(...a))` would, but in one
 * round trip to the sandbox instead of one per call: use it when a test compares hundreds of
 * values (a schedule over 500 steps). The first call that throws makes it throw that error.
 *
 *   expectClose(callEach(warmupCosine, ts.map((t) => [t, s])), want, 1e-16, "warmupCosine(t = 0…500)")
 */
export function callEach<A extends unknown[], R>(fn: (...args: A) => R, argLists: A[]): R[] {
  return callEachRemote(fn as unknown as (...args: never[]) => R, argLists);
}
