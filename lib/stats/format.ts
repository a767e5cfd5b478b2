/** Number formatting for messages and tables of lib/stats. */

/** A number in 4 significant digits (exponent form when very large or small), `∞` for Infinity. */
export function fmtNum(v: number): string {
  if (v === Infinity) return "∞";
  if (v === -Infinity) return "−∞";
  if (Number.isNaN(v)) return "NaN";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}
