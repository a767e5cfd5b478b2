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

/**
 * Writes G = XᵀX (d×d, row-major, both triangles filled) and, when given, b = Xᵀy.
 *
 * X is n×d in row-major order (row i at `X[i*d .. i*d+d)`). Each row adds its outer product
 * xᵢxᵢᵀ to the lower triangle (symmetric, so half the work), then the upper triangle is
 * mirrored. `G` and `b` are overwritten, not accumulated.
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
  G.fill(0, 0, d * d);
  if (withY) b!.fill(0, 0, d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    const yi = withY ? y![i] : 0;
    for (let a = 0; a < d; a++) {
      const xa = X[row + a];
      if (withY) b![a] += xa * yi;
      const ga = a * d;
      for (let c = 0; c <= a; c++) G[ga + c] += xa * X[row + c];
    }
  }
  for (let a = 0; a < d; a++) for (let c = 0; c < a; c++) G[c * d + a] = G[a * d + c];
}
