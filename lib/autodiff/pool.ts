/**
 * Spare tape storage, so that a new `Tape` can build on the memory of a tape freed before it.
 *
 * Why it exists (issue 12, item 4): building the benchmark MLP (65,000 nodes) on a `new Tape()`
 * took 5–10× as long as on a reused tape when the machine was busy. Profiling put the time in
 * `grow` and in the first writes to new arrays: a fresh ArrayBuffer is memory the allocator
 * must obtain and zero (and the garbage collector must later release), and a tape that doubles
 * its seven arrays from 1,024 to 131,072 nodes allocates about twice its final size on the
 * way (≈ 12 MB for that MLP; measured here, about 0.5–3 ms per megabyte under load against
 * ~0.1 ms to overwrite memory already in use). A reused tape allocates nothing.
 *
 * So `tape.free()` hands its whole storage to this pool, and `new Tape()` takes the most
 * recently freed storage that is big enough, before allocating any: a tape freed and replaced
 * by a new one costs what a reused tape costs, and skips the growth too. (Pooling the arrays a
 * tape outgrows as well was measured and made new tapes slower: the pool then pins memory
 * that the allocator would otherwise have reused.) Pooled arrays keep old contents; the tape
 * writes every slot before reading it, and clears its pass stamps. The pool holds at most
 * {@link POOL_BYTES} bytes and {@link POOL_SETS} storages.
 */

/** The arrays of one tape (see `tape.ts` for what each holds). */
export interface TapeStorage {
  values: Float64Array;
  grads: Float64Array;
  tangents: Float64Array;
  ops: Uint8Array;
  firstEdge: Int32Array;
  epochs: Int32Array;
  edgeSrc: Int32Array;
  edgePartial: Float64Array;
  visit: Int32Array;
  found: Int32Array;
  order: Int32Array;
}

/** Most bytes the pool keeps (beyond that, freed storage is left to the garbage collector). */
export const POOL_BYTES = 64 * 1024 * 1024;
/** Most storages the pool keeps. */
export const POOL_SETS = 4;

const spare: TapeStorage[] = [];
let pooledBytes = 0;

/** Bytes of all the arrays of a storage. */
export function storageBytes(s: TapeStorage): number {
  return Object.values(s).reduce((n: number, a: ArrayBufferView) => n + a.byteLength, 0);
}

/**
 * The most recently freed storage whose node capacity (`ops.length`) is at least `minNodes`,
 * removed from the pool, or undefined if there is none.
 */
export function takeStorage(minNodes: number): TapeStorage | undefined {
  for (let k = spare.length - 1; k >= 0; k--) {
    if (spare[k].ops.length >= minNodes) {
      const [s] = spare.splice(k, 1);
      pooledBytes -= storageBytes(s);
      return s;
    }
  }
  return undefined;
}

/**
 * Gives a freed tape's storage back for reuse. The caller must drop every reference to its
 * arrays: the next tape that takes them overwrites them. The oldest storages are dropped to
 * stay within {@link POOL_SETS} and {@link POOL_BYTES}; a storage bigger than the budget is ignored.
 */
export function giveStorage(s: TapeStorage): void {
  const bytes = storageBytes(s);
  if (s.ops.length === 0 || bytes > POOL_BYTES || spare.includes(s)) return;
  spare.push(s);
  pooledBytes += bytes;
  while (spare.length > POOL_SETS || pooledBytes > POOL_BYTES) pooledBytes -= storageBytes(spare.shift() as TapeStorage);
}

/** Bytes currently held by the pool (for tests and the benchmark). */
export function pooledByteCount(): number {
  return pooledBytes;
}

/** Empties the pool (the arrays go to the garbage collector). */
export function clearPool(): void {
  spare.length = 0;
  pooledBytes = 0;
}
