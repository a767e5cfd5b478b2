/**
 * Argument checks shared by {@link trace} and {@link gradCheck}: the function's declared
 * parameter count must match the point, and it must return a `Value` on the given tape.
 * @internal
 */
import type { Tape } from "./tape";
import { Value } from "./value";

/**
 * Throws when `f` declares a parameter count (`f.length > 0`) different from the number of
 * keys of the point; `f.length` is 0 for rest parameters (`(...xs) => …`), which take any count.
 */
export function checkArity(fn: string, f: unknown, names: readonly string[]): void {
  if (typeof f !== "function") throw new TypeError(`${fn}: f must be a function of Values, got ${describe(f)}.`);
  const declared = f.length;
  if (declared > 0 && declared !== names.length) {
    throw new RangeError(
      `${fn}: f takes ${declared} parameter${declared === 1 ? "" : "s"} but the point has ${names.length} input${names.length === 1 ? "" : "s"} (${names.join(", ")}). ` +
        `Give the point one key per parameter, in order, e.g. { x1: 2, x2: 5 } for (x1, x2) => ….`,
    );
  }
}

/** Throws unless `out` is a `Value` recorded on `tape`, naming what f returned instead. */
export function checkReturned(fn: string, out: unknown, tape: Tape): Value {
  if (out instanceof Value && out.tape === tape) return out;
  const what = out instanceof Value ? "a Value from another tape (made outside f's arguments)" : describe(out);
  throw new TypeError(`${fn}: f must return a Value computed from its arguments (e.g. (x1, x2) => x1.mul(x2)), but it returned ${what}.`);
}

function describe(x: unknown): string {
  if (x === undefined) return "undefined (did the arrow function use braces without return?)";
  if (x === null) return "null";
  if (typeof x === "number") return `the number ${x} (use the Value methods, e.g. x.mul(y), not x * y)`;
  if (typeof x === "string") return `the string ${JSON.stringify(x)}`;
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (typeof x === "object") return `an object (${(x as object).constructor?.name ?? "Object"})`;
  return `a ${typeof x}`;
}
