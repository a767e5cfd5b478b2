// Assertions for graded tests. Each failure message is one line a student can act on:
// what was called, what was expected (with its tolerance), and what came back, naming the
// problem when it is NaN/Infinity, a wrong shape, a mutated input or a missing error.
import { AssertionError } from "chai";

/** A number, or arrays of them nested to any depth (a vector, a matrix, a path of points). */
export type Numbers = number | readonly Numbers[];

/**
 * Asserts `got` matches `want` entry by entry within an absolute tolerance `tol`, with the
 * same shape, and with every entry finite. `what` names the call, e.g. "gdStep([1, 2], [3, 4], 0.1)".
 * Checks Number.isFinite explicitly: chai's deep equality would call NaN equal to NaN.
 */
export function expectClose(got: unknown, want: Numbers, tol: number, what: string): void {
  compare(got, want, tol, what);
}

function compare(got: unknown, want: Numbers, tol: number, where: string): void {
  if (typeof want === "number") {
    if (typeof got !== "number") fail(`${where}: expected a number close to ${show(want)}, got ${summarize(got)}`);
    if (!Number.isFinite(got)) fail(`${where}: expected ${show(want)} ± ${tol}, got ${got} (not a finite number)`);
    if (!(Math.abs(got - want) <= tol)) fail(`${where}: expected ${show(want)} ± ${tol}, got ${show(got)} (off by ${show(Math.abs(got - want))})`);
    return;
  }
  if (!isArrayLike(got)) fail(`${where}: expected an array of ${want.length}, got ${summarize(got)}`);
  if (got.length !== want.length) {
    fail(`${where}: wrong shape: expected an array of ${want.length}, got an array of ${got.length}: ${show(got)}`);
  }
  for (let i = 0; i < want.length; i++) compare(got[i], want[i], tol, `${where}[${i}]`);
}

/**
 * Calls `call` and asserts it left every named input unchanged (compared with a deep copy
 * taken before the call). Returns what `call` returned.
 *
 *   const out = expectNotMutated("gdStep", { theta, grad }, () => gdStep(theta, grad, 0.1));
 */
export function expectNotMutated<R>(what: string, inputs: Record<string, unknown>, call: () => R): R {
  const before = Object.entries(inputs).map(([name, value]) => [name, structuredClone(value)] as const);
  const result = call();
  for (const [name, copy] of before) {
    const change = firstDifference(copy, inputs[name], name);
    if (change) fail(`${what} changed its input ${name} (${change}): it must return a new value and leave its inputs alone`);
  }
  return result;
}

/**
 * Asserts `call` throws, and that the error's message matches `mentions` (so the error
 * explains itself). A "not implemented yet" error does not count.
 */
export function expectThrows(call: () => unknown, what: string, mentions?: RegExp): void {
  let returned: unknown;
  try {
    returned = call();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message.startsWith("not implemented yet")) throw err;
    if (mentions && !mentions.test(message)) {
      fail(`${what}: threw "${message}", but the message should mention ${mentions.source.replace(/\\b|\^|\$/g, "")} so the caller knows what to fix`);
    }
    return;
  }
  fail(`${what}: should throw an error, but returned ${summarize(returned)}`);
}

/** Asserts `got` is a different object from `original` (a fresh array, not the input itself). */
export function expectFresh(got: unknown, original: unknown, what: string): void {
  if (got === original) fail(`${what}: returned its input array itself; return a new array instead`);
}

function firstDifference(before: unknown, after: unknown, where: string): string | undefined {
  if (Object.is(before, after)) return undefined;
  if (isArrayLike(before) && isArrayLike(after)) {
    if (before.length !== after.length) return `${where}.length was ${before.length}, now ${after.length}`;
    for (let i = 0; i < before.length; i++) {
      const d = firstDifference(before[i], after[i], `${where}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (before && after && typeof before === "object" && typeof after === "object") {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const d = firstDifference((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], `${where}.${key}`);
      if (d) return d;
    }
    return undefined;
  }
  return `${where} was ${show(before)}, now ${show(after)}`;
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || ArrayBuffer.isView(x);
}

/** A value as a student would recognise it, cut short when long. */
export function show(x: unknown): string {
  if (typeof x === "number") return Number.isInteger(x) || !Number.isFinite(x) ? String(x) : String(Number(x.toPrecision(12)));
  if (isArrayLike(x)) {
    const items = Array.from(x as ArrayLike<unknown>);
    const head = items.slice(0, 6).map(show).join(", ");
    return `[${head}${items.length > 6 ? `, … (${items.length} entries)` : ""}]`;
  }
  if (typeof x === "string") return JSON.stringify(x.length > 60 ? x.slice(0, 60) + "…" : x);
  return String(x);
}

function summarize(x: unknown): string {
  if (x === undefined) return "undefined (did the function forget to return?)";
  if (x === null) return "null";
  if (typeof x === "number") return Number.isFinite(x) ? `the number ${show(x)}` : `${x} (not a finite number)`;
  if (isArrayLike(x)) return `an array of ${x.length}: ${show(x)}`;
  return `${typeof x} ${show(x)}`;
}

function fail(message: string): never {
  throw new AssertionError(message);
}
