/**
 * Spare typed arrays for tapes, so that a new `Tape` can build on memory an earlier tape used.
 *
 * Why it exists (issue 12, item 4): building the benchmark MLP (65,000 nodes) on a `new Tape()`
 * took 5–10× as long as on a reused tape. Profiling put the time in allocating typed arrays:
 * a fresh ArrayBuffer is memory the operating system must map and zero page by page (and
 * unmap again when the garbage collector frees it), about 0.5–3 ms per megabyte on this
 * machine when it is busy, against ~0.1 ms to overwrite memory already in use. A tape that
 * doubles its seven arrays from 1,024 to 131,072 nodes allocates about twice its final size
 * along the way (≈ 12 MB for that MLP); a reused tape allocates nothing.
 *
 * So a tape hands the arrays it outgrows, and all of its arrays when it is freed
 * (`tape.free()`), to this pool, and takes arrays from it before allocating. A new tape then
 * grows through the arrays of the tapes before it, and a freed-then-new tape costs the same
 * as a reused one. Pooled arrays keep old contents: the tape writes every slot before reading
 * it. The pool holds at most {@link POOL_BYTES} bytes, a few arrays per size.
 */

/** The typed-array kinds a tape stores. */
export type PooledArray = Float64Array | Int32Array | Uint8Array;

/** Most bytes the pool keeps (beyond that, returned arrays are left to the garbage collector). */
export const POOL_BYTES = 64 * 1024 * 1024;
/** Most spare arrays kept per kind and length. */
const PER_SIZE = 4;

const spare = new Map<string, PooledArray[]>();
let pooledBytes = 0;

function key(kind: string, length: number): string {
  return `${kind}:${length}`;
}

function take<T extends PooledArray>(kind: string, length: number, make: (n: number) => T): T {
  const list = spare.get(key(kind, length));
  const a = list?.pop();
  if (a === undefined) return make(length);
  pooledBytes -= a.byteLength;
  return a as T;
}

/** A Float64Array of exactly `length` elements, from the pool if one is spare (contents arbitrary). */
export function takeF64(length: number): Float64Array {
  return take("f64", length, (n) => new Float64Array(n));
}

/** An Int32Array of exactly `length` elements, from the pool if one is spare (contents arbitrary). */
export function takeI32(length: number): Int32Array {
  return take("i32", length, (n) => new Int32Array(n));
}

/** A Uint8Array of exactly `length` elements, from the pool if one is spare (contents arbitrary). */
export function takeU8(length: number): Uint8Array {
  return take("u8", length, (n) => new Uint8Array(n));
}

/**
 * Gives an array back for reuse. The caller must drop every reference to it: the next tape
 * that takes it overwrites it. Empty arrays and arrays over the byte budget are ignored.
 */
export function giveBack(a: PooledArray): void {
  if (a.length === 0 || a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength) return;
  if (pooledBytes + a.byteLength > POOL_BYTES) return;
  const kind = a instanceof Float64Array ? "f64" : a instanceof Int32Array ? "i32" : "u8";
  const k = key(kind, a.length);
  let list = spare.get(k);
  if (list === undefined) spare.set(k, (list = []));
  if (list.length >= PER_SIZE || list.includes(a)) return;
  list.push(a);
  pooledBytes += a.byteLength;
}

/** Bytes currently held by the pool (for tests and the benchmark). */
export function pooledByteCount(): number {
  return pooledBytes;
}

/** Empties the pool (the arrays go to the garbage collector). */
export function clearPool(): void {
  spare.clear();
  pooledBytes = 0;
}
