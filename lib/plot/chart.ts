/**
 * The static chart object every chart function returns: an SVG drawn once, a 2x PNG made
 * from it on demand, and a short text description. The description is the `text/plain`
 * alternative in the notebook (screen readers, terminals, test assertions without a kernel).
 */
import { svgToPng, pngSize, PngOptions } from "./render";
import { display, displayBundle, MimeBundle, MimeMetadata, newDisplayId } from "./display";
import { inspect } from "util";

/** A finished static chart. Build one with `lineChart`, `contourChart`, `scatterChart`, `histogram`. */
export class Chart {
  private svgCache: string | undefined;
  private pngCache: Uint8Array | undefined;

  /**
   * @param kind short kind name ("line chart", "contour map", ...) used in the description
   * @param draw returns the chart's standalone SVG and its CSS size (called once, lazily)
   * @param description the text/plain alternative (title, series names, ranges)
   */
  constructor(
    readonly kind: string,
    private readonly draw: () => { svg: string; width: number; height: number },
    private readonly description: string,
  ) {}

  private sizeCache: { width: number; height: number } | undefined;

  /** The chart as a standalone SVG string (white background, shipped font). */
  svg(): string {
    if (this.svgCache === undefined) {
      const d = this.draw();
      this.svgCache = d.svg;
      this.sizeCache = { width: d.width, height: d.height };
    }
    return this.svgCache;
  }

  /** Size of the chart in CSS pixels (the PNG has `density` times as many pixels). */
  size(): { width: number; height: number } {
    this.svg();
    return this.sizeCache!;
  }

  /** PNG bytes, by default at 2x density (cached for the default options). */
  png(opts?: PngOptions): Uint8Array {
    if (opts && (opts.density ?? 2) !== 2) return svgToPng(this.svg(), opts);
    if (opts && opts.background && opts.background !== "white") return svgToPng(this.svg(), opts);
    if (!this.pngCache) this.pngCache = svgToPng(this.svg());
    return this.pngCache;
  }

  /** The text alternative: title, series names and ranges. */
  text(): string {
    return this.description;
  }

  /** The notebook bundle: `image/png` (2x) plus `text/plain`. */
  mimeBundle(): MimeBundle {
    return { "image/png": this.png(), "text/plain": this.description };
  }

  /** Tells the front end to draw the 2x PNG at its CSS size, so it is crisp, not huge. */
  mimeMetadata(): MimeMetadata {
    const { width, height } = this.size();
    return { "image/png": { width, height } };
  }

  /** Show the chart as one notebook output (PNG + text). Outside a kernel, prints the text. */
  show(): void {
    display(this);
  }

  /**
   * Show the chart in an output that can be replaced later: returns a function that redraws
   * that same output with another chart (used for charts that grow during training).
   */
  showUpdatable(): (next: Chart) => void {
    const id = newDisplayId();
    displayBundle(this.mimeBundle(), { metadata: this.mimeMetadata(), displayId: id });
    return (next: Chart) => displayBundle(next.mimeBundle(), { metadata: next.mimeMetadata(), displayId: id, update: true });
  }

  /** Size of the rendered PNG in device pixels (parses the PNG header). */
  pixelSize(): { width: number; height: number } {
    return pngSize(this.png());
  }

  /** Printed as the last expression of a cell: short, and says how to draw it. */
  [inspect.custom](): string {
    return `${this.description}\n(call .show() to draw it)`;
  }

  toString(): string {
    return this.description;
  }
}
