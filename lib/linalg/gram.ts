/**
 * The normal-equation pieces XᵀX and Xᵀy in one pass over the rows of X, on flat
 * Float64Arrays: the inner loop of every least-squares fit in the pack.
 *
 * Why a hand kernel and not ml-matrix here: a ridge fit with n = 100, d = 20 spends most of
 * its time forming XᵀX (n·d²/2 multiply-adds). ml-matrix builds a transposed copy, a product
 * matrix and arrays of rows for that, which `bench/ridge.ts` measures several times slower
 * than this loop over one row-major buffer; for lessons (one fit at a time) the ml-matrix path
 * in lib/stats is fast enough and easier to read.
 */

/** Column-major copy of X reused across calls (grown on demand; JavaScript runs one call at a time). */
let scratch = new Float64Array(0);

/**
 * Writes G = XᵀX (d×d, row-major, both triangles filled) and, when given, b = Xᵀy.
 *
 * X is n×d in row-major order (row i at `X[i*d .. i*d+d)`). X is first copied column by column
 * so that each entry Gₐc = Σᵢ XᵢₐXᵢc is a dot product of two contiguous columns, summed in four
 * independent accumulators held in registers; only the lower triangle is computed (G is
 * symmetric). `bench/ridge.ts` measured this about 1.5–2× faster than adding each row's outer
 * product xᵢxᵢᵀ into G, which loads and stores G for every multiply-add. `G` and `b` are
 * overwritten, not accumulated.
 */
export function gramInto(
  X: Float64Array,
  n: number,
  d: number,
  G: Float64Array,
  y?: Float64Array | null,
  b?: Float64Array | null,
): void {
  if (X.length < n * d) throw new RangeError(`gramInto: X holds ${X.length} numbers, fewer than n·d = ${n}·${d}; pass X as n×d row-major.`);
  if (G.length < d * d) throw new RangeError(`gramInto: G holds ${G.length} numbers, needs d² = ${d * d}.`);
  const withY = y != null && b != null;
  if (withY && (y!.length < n || b!.length < d)) {
    throw new RangeError(`gramInto: y needs length n = ${n} (got ${y!.length}) and b length d = ${d} (got ${b!.length}).`);
  }
  if (scratch.length < n * d) scratch = new Float64Array(n * d);
  const C = scratch;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let a = 0; a < d; a++) C[a * n + i] = X[row + a];
  }
  for (let a = 0; a < d; a++) {
    const oa = a * n;
    if (withY) {
      let s = 0;
      for (let i = 0; i < n; i++) s += C[oa + i] * y![i];
      b![a] = s;
    }
    for (let c = 0; c <= a; c++) {
      const oc = c * n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = 0;
      for (; i + 3 < n; i += 4) {
        s0 += C[oa + i] * C[oc + i];
        s1 += C[oa + i + 1] * C[oc + i + 1];
        s2 += C[oa + i + 2] * C[oc + i + 2];
        s3 += C[oa + i + 3] * C[oc + i + 3];
      }
      for (; i < n; i++) s0 += C[oa + i] * C[oc + i];
      G[a * d + c] = G[c * d + a] = s0 + s1 + s2 + s3;
    }
  }
}
