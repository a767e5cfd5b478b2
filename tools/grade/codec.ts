// The plain-data encoding that crosses between the judge (mocha, the tests, the assertions)
// and the sandbox (the student's code). Both sides run this file; each decodes with its own
// intrinsics, so nothing the other side built (a getter, a prototype, a patched method) is
// ever touched: only JSON text crosses, and the decoder checks its shape before using it.
//
// Wire form (JSON):
//   a finite number, a string, true/false, null        themselves
//   NaN, ±Infinity, −0                                  {"$n": "NaN" | "Infinity" | "-Infinity" | "-0"}
//   undefined                                           {"$u": 0}
//   an array                                            [items]           (gets the next object id)
//   a typed array                                       {"$t": "Float64Array", "v": [numbers]} (id)
//   a plain object                                      {"$o": {key: value}}                   (id)
//   an object met before (shared or cyclic)            {"$r": id}
//   a function (called back on its owner's side)        {"$f": id}
//   the receiver's own function, passed back to it      {"$h": id}
//   a self-contained function marked by the judge      {"$s": "source"}  (rebuilt in the sandbox;
//                                                        only the sandbox's decoder accepts it)
//   an Error                                            {"$e": {"name": s, "message": s}}
//   anything else (Map, Date, BigInt, a class with no data) {"$x": "a description"}
// Object ids count arrays, typed arrays and plain objects in the order a depth-first walk meets
// them, on both sides, so ids need not be written out.

/** JSON value as parsed. */
export type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };

/** Typed arrays that may cross (all of them hold plain numbers). */
const TYPED = ["Float64Array", "Float32Array", "Int32Array", "Int16Array", "Int8Array", "Uint32Array", "Uint16Array", "Uint8Array", "Uint8ClampedArray"] as const;
type TypedName = (typeof TYPED)[number];
type AnyTyped = Float64Array | Float32Array | Int32Array | Int16Array | Int8Array | Uint32Array | Uint16Array | Uint8Array | Uint8ClampedArray;

/** Limits on what a decoder accepts: a message past them is refused, not half-read. */
export const WIRE_LIMITS = {
  /** Nesting of arrays and objects. */
  depth: 64,
  /** Values in one message (numbers, strings, arrays…). */
  nodes: 4_000_000,
  /** Characters of one string or object key. */
  stringChars: 1_000_000,
};

/** A value that could not cross the boundary, shown in failure messages as what it was. */
export class Opaque {
  constructor(readonly description: string) {}
  toString(): string {
    return `[${this.description}]`;
  }
}

/** The message of a malformed wire value: which part is wrong. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WireError";
  }
}

/** Turns local values into wire form; `functions` receives each function met and returns its id. */
export class Encoder {
  private ids = new Map<object, number>();
  private next = 0;
  /** The known object whose state is being written (expanded once instead of referenced). */
  private expanding: object | undefined;

  constructor(private readonly functionWire: (fn: (...args: unknown[]) => unknown) => Wire) {}

  /** Objects already known to the other side under ids 0..n−1 (the arguments of a call being answered). */
  seed(objects: readonly object[]): void {
    objects.forEach((o, i) => this.ids.set(o, i));
    this.next = objects.length;
    this.objects.push(...objects);
  }

  /** Every object written so far, in id order. */
  get table(): readonly object[] {
    return this.objects;
  }
  private objects: object[] = [];

  encode(value: unknown, depth = 0): Wire {
    switch (typeof value) {
      case "number":
        if (Number.isNaN(value)) return { $n: "NaN" };
        if (value === Infinity) return { $n: "Infinity" };
        if (value === -Infinity) return { $n: "-Infinity" };
        if (value === 0 && 1 / value < 0) return { $n: "-0" };
        return value;
      case "string":
      case "boolean":
        return value;
      case "undefined":
        return { $u: 0 };
      case "function":
        return this.functionWire(value as (...args: unknown[]) => unknown);
      case "bigint":
        return { $x: `the BigInt ${String(value).slice(0, 40)}n` };
      case "symbol":
        return { $x: "a Symbol" };
    }
    if (value === null) return null;
    const obj = value as object;
    const seen = this.ids.get(obj);
    if (seen !== undefined && obj !== this.expanding) return { $r: seen };
    if (obj === this.expanding) this.expanding = undefined;
    if (depth > WIRE_LIMITS.depth) return { $x: `a value nested deeper than ${WIRE_LIMITS.depth} levels` };
    if (obj instanceof Error) return { $e: { name: String(obj.name).slice(0, 200), message: String(obj.message).slice(0, 4000) } };
    if (Array.isArray(obj)) {
      this.register(obj, seen);
      if (plainNumbers(obj)) return obj.slice(); // the common case: a vector of finite numbers
      const out: Wire[] = new Array(obj.length);
      for (let i = 0; i < obj.length; i++) out[i] = this.encode(obj[i], depth + 1);
      return out;
    }
    if (ArrayBuffer.isView(obj)) {
      const name = obj.constructor?.name as TypedName;
      if (!TYPED.includes(name)) return { $x: `a ${String(name)}` };
      this.register(obj, seen);
      const arr = obj as AnyTyped;
      const v: Wire[] = new Array(arr.length);
      for (let i = 0; i < arr.length; i++) v[i] = this.encode(arr[i], depth + 1);
      return { $t: name, v };
    }
    const proto = Object.getPrototypeOf(obj);
    if (obj instanceof Map || obj instanceof Set || obj instanceof Date || obj instanceof RegExp || obj instanceof Promise) {
      return { $x: `a ${obj.constructor.name}` };
    }
    // A plain object, or a class instance sent as its own data (methods stay behind).
    this.register(obj, seen);
    const out: { [key: string]: Wire } = {};
    for (const key of Object.keys(obj)) {
      out[key] = this.encode((obj as Record<string, unknown>)[key], depth + 1);
    }
    return proto === Object.prototype || proto === null ? { $o: out } : { $o: out, $c: String(proto?.constructor?.name ?? "").slice(0, 100) };
  }

  /** An object already known to the other side, written out (its children by reference when known). */
  encodeState(obj: object): Wire {
    this.expanding = obj;
    return this.encode(obj);
  }

  private register(obj: object, known: number | undefined): void {
    if (known !== undefined) return;
    this.ids.set(obj, this.next++);
    this.objects.push(obj);
  }
}

/**
 * Turns wire form back into local values, checking every node. `callable(id)` makes the local
 * stand-in for the other side's function number `id`.
 */
export class Decoder {
  private objects: object[] = [];
  private nodes = 0;

  constructor(
    private readonly callable: (id: number) => (...args: unknown[]) => unknown,
    /** Rebuilds a function sent as source; absent on the judge's side, which never runs what the sandbox sends. */
    private readonly compile?: (source: string) => unknown,
    /** This side's own exported function `id`, handed back by the other side. */
    private readonly own?: (id: number) => unknown,
  ) {}

  /** Objects this side sent under ids 0..n−1, which the reply refers to and updates. */
  seed(objects: readonly object[]): void {
    this.objects = [...objects];
  }

  /** The objects met so far, in id order (the arguments of a request, for the reply). */
  get table(): readonly object[] {
    return this.objects;
  }

  decode(wire: unknown, depth = 0): unknown {
    if (++this.nodes > WIRE_LIMITS.nodes) throw new WireError(`more than ${WIRE_LIMITS.nodes} values in one message`);
    if (wire === null || typeof wire === "boolean") return wire;
    if (typeof wire === "number") {
      if (!Number.isFinite(wire)) throw new WireError("a bare non-finite number");
      return wire;
    }
    if (typeof wire === "string") {
      if (wire.length > WIRE_LIMITS.stringChars) throw new WireError(`a string of ${wire.length} characters`);
      return wire;
    }
    if (typeof wire !== "object") throw new WireError(`a value of type ${typeof wire}`);
    if (depth > WIRE_LIMITS.depth + 1) throw new WireError(`nesting deeper than ${WIRE_LIMITS.depth}`);
    if (Array.isArray(wire)) {
      if (wireNumbers(wire)) {
        this.nodes += wire.length;
        if (this.nodes > WIRE_LIMITS.nodes) throw new WireError(`more than ${WIRE_LIMITS.nodes} values in one message`);
        const copy = wire.slice();
        this.objects.push(copy);
        return copy;
      }
      const out: unknown[] = [];
      this.objects.push(out);
      for (let i = 0; i < wire.length; i++) out.push(this.decode(wire[i], depth + 1));
      return out;
    }
    return this.decodeTagged(wire as Record<string, unknown>, depth, undefined);
  }

  /** Decodes the state of `target` (an object this side sent) and writes it into `target` in place. */
  decodeInto(target: object, wire: unknown): void {
    if (Array.isArray(target)) {
      if (!Array.isArray(wire)) throw new WireError("the state of an array is not an array");
      const items = wire.map((w) => this.decode(w, 1));
      if (items.length !== target.length || items.some((v, i) => !Object.is(v, target[i]))) {
        target.length = items.length;
        for (let i = 0; i < items.length; i++) target[i] = items[i];
      }
      return;
    }
    if (ArrayBuffer.isView(target)) {
      const w = wire as Record<string, unknown>;
      if (!w || typeof w !== "object" || Array.isArray(w) || !Array.isArray(w.v)) throw new WireError("the state of a typed array is not a typed array");
      checkKeys(w, ["$t", "v"]);
      const t = target as AnyTyped;
      const v = w.v.map((x) => this.decode(x, 1));
      if (v.length !== t.length) throw new WireError("a typed array changed length");
      for (let i = 0; i < v.length; i++) if (typeof v[i] === "number" && !Object.is(t[i], v[i])) t[i] = v[i] as number;
      return;
    }
    const w = wire as Record<string, unknown>;
    if (!w || typeof w !== "object" || Array.isArray(w) || typeof w.$o !== "object" || w.$o === null || Array.isArray(w.$o)) {
      throw new WireError("the state of an object is not an object");
    }
    checkKeys(w, ["$o", "$c"]);
    const fields = w.$o as Record<string, unknown>;
    const rec = target as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      checkKey(key);
      const v = this.decode(fields[key], 1);
      if (!Object.is(rec[key], v)) defineValue(rec, key, v);
    }
    for (const key of Object.keys(rec)) if (!(key in fields) && typeof rec[key] !== "function") delete rec[key];
  }

  private decodeTagged(w: Record<string, unknown>, depth: number, _into: object | undefined): unknown {
    const keys = Object.keys(w);
    const tag = keys.find((k) => k.startsWith("$"));
    switch (tag) {
      case "$n": {
        checkKeys(w, ["$n"]);
        const n = ({ NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 } as Record<string, number>)[String(w.$n)];
        if (n === undefined) throw new WireError(`an unknown number tag ${JSON.stringify(w.$n).slice(0, 40)}`);
        return n;
      }
      case "$u":
        checkKeys(w, ["$u"]);
        return undefined;
      case "$r": {
        checkKeys(w, ["$r"]);
        const id = w.$r;
        if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id >= this.objects.length) throw new WireError(`a reference to unknown object ${String(id).slice(0, 20)}`);
        return this.objects[id];
      }
      case "$f": {
        checkKeys(w, ["$f"]);
        if (typeof w.$f !== "number" || !Number.isInteger(w.$f) || w.$f < 0) throw new WireError("a malformed function reference");
        return this.callable(w.$f);
      }
      case "$h": {
        checkKeys(w, ["$h"]);
        const fn = typeof w.$h === "number" && this.own ? this.own(w.$h) : undefined;
        if (typeof fn !== "function") throw new WireError("a reference to a function this side does not have");
        return fn;
      }
      case "$s": {
        checkKeys(w, ["$s"]);
        if (!this.compile || typeof w.$s !== "string") throw new WireError("a function sent as source, which this side does not accept");
        return this.compile(w.$s);
      }
      case "$e": {
        checkKeys(w, ["$e"]);
        const e = w.$e as Record<string, unknown>;
        if (!e || typeof e !== "object" || typeof e.name !== "string" || typeof e.message !== "string") throw new WireError("a malformed error");
        const err = new Error(e.message.slice(0, 4000));
        err.name = e.name.slice(0, 200);
        return err;
      }
      case "$x":
        checkKeys(w, ["$x"]);
        return new Opaque(String(w.$x).slice(0, 200));
      case "$t": {
        checkKeys(w, ["$t", "v"]);
        const name = w.$t as TypedName;
        if (!TYPED.includes(name) || !Array.isArray(w.v)) throw new WireError("a malformed typed array");
        const Ctor = (globalThis as unknown as Record<string, new (n: number) => AnyTyped>)[name];
        const out = new Ctor(w.v.length);
        this.objects.push(out);
        for (let i = 0; i < w.v.length; i++) {
          const x = this.decode(w.v[i], depth + 1);
          if (typeof x !== "number") throw new WireError("a typed array holding a non-number");
          out[i] = x;
        }
        return out;
      }
      case "$o": {
        checkKeys(w, ["$o", "$c"]);
        const fields = w.$o as Record<string, unknown>;
        if (!fields || typeof fields !== "object" || Array.isArray(fields)) throw new WireError("a malformed object");
        const out: Record<string, unknown> = {};
        this.objects.push(out);
        for (const key of Object.keys(fields)) {
          checkKey(key);
          defineValue(out, key, this.decode(fields[key], depth + 1));
        }
        return out;
      }
      default:
        throw new WireError(`an object without a known tag (keys: ${keys.slice(0, 5).join(", ").slice(0, 100)})`);
    }
  }
}

/** True for an array holding only finite numbers other than −0 (written as they are). */
function plainNumbers(a: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== "number" || !Number.isFinite(x) || (x === 0 && 1 / x < 0)) return false;
  }
  return true;
}

/** True for a parsed JSON array holding only numbers (JSON has no NaN, so they are finite). */
function wireNumbers(a: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== "number") return false;
  return true;
}

function checkKeys(w: Record<string, unknown>, allowed: string[]): void {
  for (const k of Object.keys(w)) if (!allowed.includes(k)) throw new WireError(`an unknown field "${k.slice(0, 40)}"`);
}

function checkKey(key: string): void {
  if (key.length > 10_000) throw new WireError("an object key longer than 10000 characters");
}

/** Sets an own data property, even one named "__proto__" (plain assignment would change the prototype). */
function defineValue(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}
