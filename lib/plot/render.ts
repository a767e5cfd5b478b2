/**
 * Rendering core: Observable Plot in Node (DOM from linkedom), composed into one plain SVG
 * (title, legend, plot), then rasterised to PNG by resvg with a shipped font.
 *
 * Why this shape: a saved notebook opened later is untrusted, GitHub strips scripts and
 * nbconvert < 7.7 draws SVG blank, so every static chart reaches the notebook as a PNG.
 * resvg draws no text unless it is given a font file, so we ship DejaVu Sans (npm
 * `dejavu-fonts-ttf`) and never look at system fonts: the picture is the same everywhere.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { Resvg } from "@resvg/resvg-js";
import * as path from "path";
import * as fs from "fs";

/** The one font family every chart uses (shipped in npm `dejavu-fonts-ttf`). */
export const FONT_FAMILY = "DejaVu Sans";

/** Plot margins (CSS px) of the x–y charts, so line charts and histograms line up in a lesson. */
export const XY_MARGINS = { marginLeft: 60, marginRight: 20, marginTop: 12, marginBottom: 40 } as const;

/** Categorical palette for series (Observable's `observable10`, colour-blind aware). */
export const PALETTE: readonly string[] = [
  "#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951",
  "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0",
];

/** Colour of series `i` (cycles through {@link PALETTE}). */
export function seriesColor(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

let cachedFontFiles: string[] | undefined;

/**
 * Absolute paths of the shipped font files (DejaVu Sans regular and bold).
 * Throws a clear error when the npm package is missing instead of rendering blank text.
 */
export function fontFiles(): string[] {
  if (cachedFontFiles) return cachedFontFiles;
  let dir: string;
  try {
    dir = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  } catch (e) {
    throw new Error(
      "lib/plot: the font package `dejavu-fonts-ttf` is not installed; run `npm ci` in the pack root " +
        "(charts need a font file, resvg draws no text without one)",
    );
  }
  const files = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => path.join(dir, f));
  for (const f of files) {
    if (!fs.existsSync(f)) throw new Error(`lib/plot: font file missing: ${f}; run \`npm ci\` in the pack root`);
  }
  cachedFontFiles = files;
  return files;
}

// DOM types are spelled out here because tslab compiles lib/ without the DOM type library.
type PlotDocument = Plot.PlotOptions["document"];
interface SvgElementLike {
  tagName: string;
  outerHTML: string;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

let cachedDocument: PlotDocument | undefined;

/** A DOM document from linkedom for Observable Plot (about 6x faster to load than jsdom). */
export function plotDocument(): PlotDocument {
  if (!cachedDocument) {
    const window = parseHTML("<!doctype html><html><head></head><body></body></html>") as unknown as { document: unknown };
    cachedDocument = window.document as PlotDocument;
  }
  return cachedDocument;
}

/** Escape text for use inside SVG/HTML text nodes and attribute values. */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * A user string made safe for an attribute Plot sets (e.g. `ariaDescription`): linkedom escapes
 * `"` in attribute values but not `<`, `>` or `&`, which resvg then rejects as bad XML.
 */
export function attrSafe(s: string): string {
  return s.replace(/</g, "\u2039").replace(/>/g, "\u203a").replace(/&/g, "+");
}

/**
 * Draw a Plot specification in Node and return a standalone SVG string (with `xmlns` and the
 * shipped font family), ready for {@link svgToPng}.
 *
 * Plot's own `title`, `subtitle`, `caption` and `legend` options wrap the SVG in an HTML
 * `<figure>` that resvg cannot read, so they are rejected here: use {@link composeSvg}.
 */
export function plotSvg(options: Plot.PlotOptions): string {
  const o = options as Record<string, unknown>;
  for (const k of ["title", "subtitle", "caption"]) {
    if (o[k] != null) throw new Error(`plotSvg: option "${k}" makes Plot return HTML; put it in composeSvg instead`);
  }
  const el = Plot.plot({ ...options, document: plotDocument() }) as unknown as SvgElementLike;
  if (el.tagName.toLowerCase() !== "svg") {
    throw new Error(
      "plotSvg: Plot returned an HTML <figure> (a legend or title was requested); draw legends with composeSvg",
    );
  }
  el.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  el.setAttribute("font-family", FONT_FAMILY);
  el.setAttribute("font-size", "11");
  el.removeAttribute("style");
  return el.outerHTML;
}

/** One legend entry: a line sample (optionally dashed), a dot, or a filled square. */
export interface LegendItem {
  label: string;
  color: string;
  /** How the swatch looks: "line" (default), "dot" or "square". */
  shape?: "line" | "dot" | "square";
  /** SVG stroke-dasharray for a dashed line swatch, e.g. "6,4". */
  dash?: string;
}

/** Options of {@link composeSvg}. */
export interface ComposeOptions {
  /** The inner plot, an SVG string from {@link plotSvg}. */
  plot: string;
  /** Width of the inner plot in CSS pixels (the composed picture has the same width). */
  width: number;
  /** Height of the inner plot in CSS pixels. */
  height: number;
  title?: string;
  subtitle?: string;
  legend?: LegendItem[];
  /** Text under the plot (source, notes). */
  caption?: string;
  /** A progress bar row under the title: `fraction` in [0, 1] and a label drawn after it. */
  progress?: { fraction: number; label: string };
}

const TITLE_SIZE = 16;
const SUBTITLE_SIZE = 12.5;
const LEGEND_SIZE = 12;
const CAPTION_SIZE = 11;
/** DejaVu Sans is wide: its mean advance is about 0.6 em for mixed text. Used for layout only. */
const CHAR_EM = 0.61;

/** Approximate width in pixels of `text` set in DejaVu Sans at `size` px (for layout). */
export function textWidth(text: string, size: number): number {
  return text.length * size * CHAR_EM;
}

/** Break `text` into lines no wider than `width` pixels at font size `size`. */
function wrap(text: string, size: number, width: number): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    const next = line ? line + " " + w : w;
    if (line && textWidth(next, size) > width) {
      lines.push(line);
      line = w;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Put a title, subtitle, legend row(s) and caption around an inner Plot SVG, all in one plain
 * SVG (white background) so resvg can rasterise it. Returns the SVG and its total size.
 */
export function composeSvg(o: ComposeOptions): { svg: string; width: number; height: number } {
  const pad = 10;
  const parts: string[] = [];
  let y = 6;
  if (o.title) {
    for (const line of wrap(o.title, TITLE_SIZE, o.width - 2 * pad)) {
      y += TITLE_SIZE * 1.25;
      parts.push(
        `<text x="${pad}" y="${y.toFixed(1)}" font-size="${TITLE_SIZE}" font-weight="bold" fill="#111">${escapeXml(line)}</text>`,
      );
    }
  }
  if (o.subtitle) {
    for (const line of wrap(o.subtitle, SUBTITLE_SIZE, o.width - 2 * pad)) {
      y += SUBTITLE_SIZE * 1.35;
      parts.push(
        `<text x="${pad}" y="${y.toFixed(1)}" font-size="${SUBTITLE_SIZE}" fill="#444">${escapeXml(line)}</text>`,
      );
    }
  }
  if (o.progress) {
    const f = Math.max(0, Math.min(1, Number.isFinite(o.progress.fraction) ? o.progress.fraction : 0));
    const barW = Math.min(160, Math.round(o.width * 0.3));
    y += 10;
    parts.push(`<rect x="${pad}" y="${y}" width="${barW}" height="12" rx="3" fill="#e6e6e6"/>`);
    if (f > 0) parts.push(`<rect x="${pad}" y="${y}" width="${(barW * f).toFixed(1)}" height="12" rx="3" fill="#3ca951"/>`);
    const lines = wrap(o.progress.label, LEGEND_SIZE, o.width - barW - 10 - 2 * pad);
    lines.forEach((line, k) => {
      parts.push(
        `<text x="${pad + barW + 10}" y="${y + 6 + k * LEGEND_SIZE * 1.35}" dy="0.35em" font-size="${LEGEND_SIZE}" fill="#222">${escapeXml(line)}</text>`,
      );
    });
    // Always room for two lines, so a live chart keeps its height from frame to frame.
    y += 12 + Math.max(1, lines.length - 1) * LEGEND_SIZE * 1.35;
  }
  if (o.legend && o.legend.length > 0) {
    y += 8;
    const rowH = LEGEND_SIZE * 1.6;
    let x = pad;
    let rowY = y + rowH / 2;
    for (const item of o.legend) {
      const w = 26 + textWidth(item.label, LEGEND_SIZE) + 16;
      if (x > pad && x + w > o.width - pad) {
        x = pad;
        rowY += rowH;
      }
      const c = escapeXml(item.color);
      const shape = item.shape ?? "line";
      if (shape === "line") {
        const dash = item.dash ? ` stroke-dasharray="${escapeXml(item.dash)}"` : "";
        parts.push(
          `<line x1="${x}" x2="${x + 20}" y1="${rowY}" y2="${rowY}" stroke="${c}" stroke-width="2.5"${dash}/>`,
        );
      } else if (shape === "dot") {
        parts.push(`<circle cx="${x + 10}" cy="${rowY}" r="4.5" fill="${c}" stroke="white" stroke-width="1"/>`);
      } else {
        parts.push(`<rect x="${x + 3}" y="${rowY - 7}" width="14" height="14" fill="${c}"/>`);
      }
      parts.push(
        `<text x="${x + 26}" y="${rowY}" dy="0.35em" font-size="${LEGEND_SIZE}" fill="#222">${escapeXml(item.label)}</text>`,
      );
      x += w;
    }
    y = rowY + rowH / 2;
  }
  if (parts.length > 0) y += 6;
  const plotY = Math.round(y);
  // Nested <svg> keeps Plot's own viewBox and <style>; resvg supports it.
  const inner = o.plot.replace(/^<svg\b/, `<svg x="0" y="${plotY}"`);
  let height = plotY + o.height;
  const after: string[] = [];
  if (o.caption) {
    for (const line of wrap(o.caption, CAPTION_SIZE, o.width - 2 * pad)) {
      height += CAPTION_SIZE * 1.4;
      after.push(
        `<text x="${pad}" y="${height.toFixed(1)}" font-size="${CAPTION_SIZE}" fill="#555">${escapeXml(line)}</text>`,
      );
    }
    height += 6;
  }
  height = Math.ceil(height);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${o.width}" height="${height}" ` +
    `viewBox="0 0 ${o.width} ${height}" font-family="${FONT_FAMILY}">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    parts.join("") +
    inner +
    after.join("") +
    `</svg>`;
  return { svg, width: o.width, height };
}

/** Options of {@link svgToPng}. */
export interface PngOptions {
  /** Pixel density: 2 (default) draws 2 device pixels per CSS pixel, crisp on HiDPI screens. */
  density?: number;
  /** Background colour behind transparent parts (default "white"). */
  background?: string;
}

/**
 * Rasterise an SVG string to PNG bytes with resvg, using only the shipped DejaVu Sans font
 * (no system fonts, so output is identical on every machine and text is never dropped).
 */
export function svgToPng(svg: string, opts: PngOptions = {}): Uint8Array {
  const density = opts.density ?? 2;
  if (!(density > 0) || !Number.isFinite(density)) {
    throw new Error(`svgToPng: density must be a positive number, got ${density}`);
  }
  const resvg = new Resvg(svg, {
    background: opts.background ?? "white",
    fitTo: { mode: "zoom", value: density },
    font: {
      fontFiles: fontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
      serifFamily: FONT_FAMILY,
      monospaceFamily: FONT_FAMILY,
    },
  });
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** Width and height stored in a PNG's IHDR chunk (throws if the bytes are not a PNG). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || sig.some((b, i) => png[i] !== b)) throw new Error("pngSize: not a PNG (bad signature)");
  const ihdr = String.fromCharCode(png[12], png[13], png[14], png[15]);
  if (ihdr !== "IHDR") throw new Error("pngSize: not a PNG (first chunk is not IHDR)");
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}
