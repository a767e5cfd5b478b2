/**
 * Small text helpers for traces and pictures: numbers to 3 decimals the way Baydin et al.
 * 2018 print them, Unicode subscripts for v₋₁, and column alignment that ignores combining
 * marks (the dot of v̇ and the bar of v̄ take no width), and the HTML tables of traces and
 * lessons (14 px, no horizontal scrolling in a notebook column).
 */
import { displayBundle } from "../plot/display";

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

/** Font size of every table the lessons show, in CSS px: Notebook 6 sets tables in 12 px, too small for a trace. */
export const TABLE_FONT_PX = 14;
/** Horizontal padding of a table cell, CSS px each side. */
const CELL_PAD_PX = 6;

/** Options of {@link htmlTable} and {@link tableWidth}. */
export interface TableOptions {
  /** Column headings (bold, allowed to wrap at spaces so a long heading does not widen its column). */
  header?: readonly string[];
  /** A bold line above the table. */
  caption?: string;
  /** Columns (0-based) aligned right, such as numbers; the others are left-aligned. */
  right?: readonly number[];
}

/**
 * An HTML table set at {@link TABLE_FONT_PX} with tabular figures. Body cells never wrap (a
 * trace row must stay one line); header cells wrap at spaces. Inline styles, because the
 * front end's own table style (Notebook 6: 12 px, centred, right-aligned) would otherwise win.
 */
export function htmlTable(rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const right = options.right ?? [];
  const align = (j: number) => (right.includes(j) ? "right" : "left");
  const cell = (tag: "td" | "th", s: string, j: number) =>
    `<${tag} style="padding:1px ${CELL_PAD_PX}px;text-align:${align(j)};white-space:${tag === "th" ? "normal" : "nowrap"};vertical-align:bottom;border:none">${escapeHtml(s)}</${tag}>`;
  const head = options.header ? `<tr style="border-bottom:1px solid #bbb">${options.header.map((h, j) => cell("th", h, j)).join("")}</tr>\n` : "";
  const body = rows.map((r) => `<tr>${r.map((c, j) => cell("td", c, j)).join("")}</tr>`).join("\n");
  const caption = options.caption ? `<caption style="text-align:left;font-weight:bold;padding:0 0 2px ${CELL_PAD_PX}px">${escapeHtml(options.caption)}</caption>\n` : "";
  return (
    `<table style="font-size:${TABLE_FONT_PX}px;line-height:1.35;font-family:'DejaVu Sans',sans-serif;font-variant-numeric:tabular-nums;` +
    `border-collapse:collapse;table-layout:auto;margin:0 0 1em 0">\n${caption}${head}${body}\n</table>`
  );
}

/**
 * Estimated width in CSS px of {@link htmlTable}'s table: per column the widest body cell or
 * the longest word of its heading, at 0.64 em per character (DejaVu Sans's digits are 0.636 em
 * and its mean advance about 0.61 em, so this errs wide), plus the cells' padding. Tests use it
 * to keep a lesson's tables inside a notebook column (about 940 px at a 1280 px window).
 */
export function tableWidth(rows: readonly (readonly string[])[], options: TableOptions = {}): number {
  const px = (s: string) => displayWidth(s) * TABLE_FONT_PX * 0.64;
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, j) => (widths[j] = Math.max(widths[j] ?? 0, px(c))));
  options.header?.forEach((h, j) => (widths[j] = Math.max(widths[j] ?? 0, ...h.split(/\s+/).map(px))));
  const caption = options.caption ? px(options.caption) * 1.08 : 0; // bold runs ~8 % wider
  return Math.max(caption, widths.reduce((a, w) => a + w + 2 * CELL_PAD_PX, 0));
}

/**
 * Shows a table in the notebook: {@link htmlTable} with an aligned plain-text version for front
 * ends without HTML (and for `console` outside a kernel).
 */
export function showTable(header: readonly string[], rows: readonly (readonly (string | number)[])[], options: Omit<TableOptions, "header"> = {}): void {
  const cells = rows.map((r) => r.map(String));
  const right = options.right ?? header.map((_, j) => j);
  const text = (options.caption ? options.caption + "\n" : "") + alignColumns([[...header], ...cells], right);
  displayBundle({ "text/html": htmlTable(cells, { ...options, header, right }), "text/plain": text });
}

/**
 * `text` broken at spaces into lines of at most `width` characters (a longer word stays whole),
 * existing line breaks kept. Notebook 6 does not wrap printed text: a 300-character error
 * message scrolls sideways, so lessons print long messages through this.
 */
export function wrapText(text: string, width = 100): string {
  if (!(Number.isInteger(width) && width > 0)) throw new RangeError(`wrapText: width must be a positive whole number of characters, got ${width}`);
  return text
    .split("\n")
    .map((para) => {
      const lines: string[] = [];
      let line = "";
      for (const word of para.split(" ")) {
        if (line && displayWidth(line) + 1 + displayWidth(word) > width) {
          lines.push(line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      lines.push(line);
      return lines.join("\n");
    })
    .join("\n");
}
