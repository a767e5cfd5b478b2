/**
 * Small text helpers for traces and pictures: numbers to 3 decimals the way Baydin et al.
 * 2018 print them, Unicode subscripts for v₋₁, and column alignment that ignores combining
 * marks (the dot of v̇ and the bar of v̄ take no width).
 */

/**
 * A number rounded to `digits` decimals with trailing zeros dropped and a real minus sign:
 * 0.6931 → "0.693", 10 → "10", −0.9589 → "−0.959". −0 and anything that rounds to 0 (such as
 * a 1e−16 rounding residue) print as "0"; |x| ≥ 10⁶ prints in exponent form.
 */
export function formatNumber(x: number, digits = 3): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (Math.abs(x) < 0.5 * Math.pow(10, -digits)) return "0";
  const s = Math.abs(x) >= 1e6 ? x.toExponential(digits) : x.toFixed(digits).replace(/\.?0+$/, "");
  return s.replace("-", "−");
}

const SUBSCRIPT: Record<string, string> = {
  "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉", "-": "₋",
};

/** An integer as Unicode subscript digits: −1 → "₋₁". */
export function subscript(n: number): string {
  return String(n).split("").map((c) => SUBSCRIPT[c] ?? c).join("");
}

/** A label with trailing digits written as a subscript: "x1" → "x₁", "w12" → "w₁₂". */
export function prettyLabel(label: string): string {
  return label.replace(/(\d+)$/, (d) => subscript(Number(d)));
}

/** Display width of a string: code points, not counting combining marks (U+0300–U+036F). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) if (!/[\u0300-\u036f]/.test(ch)) w++;
  return w;
}

/** Pads `s` on the right (or left) to `width` display columns. */
export function pad(s: string, width: number, alignRight = false): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return alignRight ? fill + s : s + fill;
}

/**
 * Lays out rows of cells in aligned columns (two spaces apart); columns listed in
 * `rightAligned` are right-aligned.
 */
export function alignColumns(rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, j) => (widths[j] = Math.max(widths[j] ?? 0, displayWidth(c))));
  return rows
    .map((row) => row.map((c, j) => pad(c, widths[j], rightAligned.includes(j))).join(" ").trimEnd())
    .join("\n");
}

/** Escapes &, <, > and quotes for HTML text and attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
