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

/**
 * Writes the lower triangle of G = CᵀC (p×p, row-major with row stride p; the upper triangle is
 * not touched) for C given column by column: column j is `C[j·n .. j·n+n)`.
 *
 * The loop works on 4×2 blocks of G: rows a..a+3 against columns c, c+1, loading six entries per
 * row i of C for eight multiply-adds into eight accumulators held in registers, where a dot
 * product of two columns ({@link gramInto}) needs two loads per multiply-add. Measured on this
 * machine for p = 21, n = 100 (the ridge bench's [X y]): 4×2 blocks took about half the time of
 * 2×2 blocks and a third of the dot-product loop. The 4×4 blocks on the diagonal take ten
 * accumulators; the last p mod 4 rows go two columns at a time. Appending y to X as the last
 * column gives XᵀX (the leading block), Xᵀy (the last row) and yᵀy in one pass; `RidgeSolver`
 * does that.
 */
export function gramColumnsLowerInto(C: Float64Array, n: number, p: number, G: Float64Array): void {
  if (C.length < n * p) throw new RangeError(`gramColumnsLowerInto: C holds ${C.length} numbers, fewer than n·p = ${n}·${p}; pass p columns of length n, one after the other.`);
  if (G.length < p * p) throw new RangeError(`gramColumnsLowerInto: G holds ${G.length} numbers, needs p² = ${p * p}.`);
  const p4 = p - (p % 4);
  for (let a = 0; a < p4; a += 4) {
    const o0 = a * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    const r0 = a * p, r1 = r0 + p, r2 = r1 + p, r3 = r2 + p;
    for (let c = 0; c < a; c += 2) {
      const oc = c * n, od = oc + n;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (let i = 0; i < n; i++) {
        const xc = C[oc + i], xd = C[od + i];
        const x0 = C[o0 + i], x1 = C[o1 + i], x2 = C[o2 + i], x3 = C[o3 + i];
        s00 += x0 * xc; s01 += x0 * xd;
        s10 += x1 * xc; s11 += x1 * xd;
        s20 += x2 * xc; s21 += x2 * xd;
        s30 += x3 * xc; s31 += x3 * xd;
      }
      G[r0 + c] = s00; G[r0 + c + 1] = s01;
      G[r1 + c] = s10; G[r1 + c + 1] = s11;
      G[r2 + c] = s20; G[r2 + c + 1] = s21;
      G[r3 + c] = s30; G[r3 + c + 1] = s31;
    }
    // The 4×4 block on the diagonal: its ten lower entries in one pass.
    let d00 = 0, d10 = 0, d11 = 0, d20 = 0, d21 = 0, d22 = 0, d30 = 0, d31 = 0, d32 = 0, d33 = 0;
    for (let i = 0; i < n; i++) {
      const x0 = C[o0 + i], x1 = C[o1 + i], x2 = C[o2 + i], x3 = C[o3 + i];
      d00 += x0 * x0;
      d10 += x1 * x0; d11 += x1 * x1;
      d20 += x2 * x0; d21 += x2 * x1; d22 += x2 * x2;
      d30 += x3 * x0; d31 += x3 * x1; d32 += x3 * x2; d33 += x3 * x3;
    }
    G[r0 + a] = d00;
    G[r1 + a] = d10; G[r1 + a + 1] = d11;
    G[r2 + a] = d20; G[r2 + a + 1] = d21; G[r2 + a + 2] = d22;
    G[r3 + a] = d30; G[r3 + a + 1] = d31; G[r3 + a + 2] = d32; G[r3 + a + 3] = d33;
  }
  // The last p mod 4 rows: each against columns 0..a, two columns at a time.
  for (let a = p4; a < p; a++) {
    const oa = a * n, ra = a * p;
    let c = 0;
    for (; c + 1 <= a; c += 2) {
      const oc = c * n, od = oc + n;
      let s0 = 0, s1 = 0;
      for (let i = 0; i < n; i++) {
        const x = C[oa + i];
        s0 += x * C[oc + i];
        s1 += x * C[od + i];
      }
      G[ra + c] = s0;
      G[ra + c + 1] = s1;
    }
    if (c === a) {
      let s = 0;
      for (let i = 0; i < n; i++) s += C[oa + i] * C[oa + i];
      G[ra + a] = s;
    }
  }
}
