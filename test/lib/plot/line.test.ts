import { expect } from "chai";
import { lineChart, logTicks, logTickLabel } from "../../../lib/plot/line";
import { hasPngSignature, ihdr, decodePng, inkIn } from "./helpers";

const n = 50;
const gd = Array.from({ length: n }, (_, i) => 2 * Math.pow(0.9, i) + 1e-3);
const adam = Array.from({ length: n }, (_, i) => 2 * Math.pow(0.8, i) + 1e-4);
const bound = Array.from({ length: n }, (_, i) => 3 * Math.pow(0.95, i));

/** The `<g aria-label="line" aria-description="NAME">` group of each drawn series. */
function lineGroups(svg: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /<g[^>]*aria-description="([^"]*)"[^>]*aria-label="line"[^>]*>([\s\S]*?)<\/g><\/g>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(svg))) out.set(m[1], m[2]);
  return out;
}

describe("lib/plot/line", () => {
  const chart = lineChart({
    title: "Loss curves",
    logY: true,
    yLabel: "loss",
    series: [
      { name: "GD", y: gd },
      { name: "Adam", y: adam },
      { name: "bound", y: bound, dash: true },
    ],
  });

  it("renders a PNG with the PNG signature and a non-zero size (2x the SVG size)", () => {
    const png = chart.png();
    expect(hasPngSignature(png)).to.equal(true);
    const { width, height } = ihdr(png);
    expect(width).to.be.greaterThan(0);
    expect(height).to.be.greaterThan(0);
    expect(width).to.equal(2 * chart.size().width);
    expect(height).to.equal(2 * chart.size().height);
  });

  it("draws one path per series, and names each series in the legend", () => {
    const svg = chart.svg();
    const groups = lineGroups(svg);
    expect(Array.from(groups.keys())).to.have.members(["GD", "Adam", "bound"]);
    for (const [name, body] of groups) expect(body, name).to.match(/<path d="M/);
    for (const label of ["GD", "Adam", "bound", "Loss curves", "loss"]) expect(svg).to.contain(`>${label}<`);
  });

  it("dashes a dashed series (in the plot and its legend swatch)", () => {
    const svg = chart.svg();
    const groups = lineGroups(svg);
    expect(svg).to.match(/aria-description="bound"[^>]*>\s*<g[^>]*stroke-dasharray="6,4"/);
    expect(svg).to.match(/<line [^>]*stroke-dasharray="6,4"\/>/);
    expect(groups.size).to.equal(3);
  });

  it("draws the title as pixels: a titled chart has ink in the band where the title goes", () => {
    const plain = lineChart({ series: { GD: gd } });
    const titled = lineChart({ title: "A visible title", series: { GD: gd } });
    const a = decodePng(plain.png());
    const b = decodePng(titled.png());
    // The band above the plot exists only in the titled chart; it must contain text pixels.
    const band = 2 * (titled.size().height - plain.size().height);
    expect(band).to.be.greaterThan(20);
    expect(inkIn(b, 0, 0, b.width, band)).to.be.greaterThan(200);
    // And the untitled picture starts with blank rows above the plot frame.
    expect(inkIn(a, 0, 0, a.width, 10)).to.equal(0);
  });

  it("describes itself in text: title, series names, ranges, log scale", () => {
    const t = chart.text();
    expect(t).to.contain("Loss curves");
    expect(t).to.contain("log scale");
    expect(t).to.contain("3 series");
    expect(t).to.match(/- GD: 50 points/);
    expect(t).to.match(/- bound \(dashed\)/);
  });

  it("accepts a record of series and explicit x values", () => {
    const c = lineChart({ series: { a: [1, 2, 3] } });
    expect(c.text()).to.contain("- a: 3 points");
    const d = lineChart({ series: [{ name: "b", x: [0.1, 0.2, 0.4], y: [3, 2, 1] }], xLabel: "lr" });
    expect(d.text()).to.contain("lr from 0.1 to 0.4");
  });

  it("builds the MIME bundle with image/png and text/plain, and CSS-size metadata", () => {
    const b = chart.mimeBundle();
    expect(Object.keys(b)).to.have.members(["image/png", "text/plain"]);
    expect(hasPngSignature(b["image/png"] as Uint8Array)).to.equal(true);
    expect(b["text/plain"]).to.equal(chart.text());
    expect(chart.mimeMetadata()).to.deep.equal({ "image/png": chart.size() });
  });

  describe("bad input names the series", () => {
    it("empty series", () => {
      expect(() => lineChart({ series: [{ name: "Adam", y: [] }] })).to.throw('lineChart: series "Adam" has 0 points');
    });
    it("no series at all", () => {
      expect(() => lineChart({ series: [] })).to.throw(/no series/);
    });
    it("NaN with its index", () => {
      const y = gd.slice();
      y[7] = NaN;
      expect(() => lineChart({ series: { GD: y } })).to.throw(/series "GD" has NaN at index 7; drop or clip it/);
    });
    it("Infinity in x", () => {
      expect(() => lineChart({ series: [{ name: "SGD", x: [0, 1, Infinity], y: [1, 2, 3] }] })).to.throw(
        /series "SGD" has Infinity at index 2 \(x\)/,
      );
    });
    it("x and y of different lengths", () => {
      expect(() =>
        lineChart({ series: [{ name: "x", x: Array.from({ length: 10 }, (_, i) => i), y: Array.from({ length: 9 }, (_, i) => i) }] }),
      ).to.throw('series "x" has 10 x values but 9 y values');
    });
    it("non-positive values on a log axis, with a fix", () => {
      expect(() => lineChart({ logY: true, series: { Momentum: [1, 0.5, 0, 0.1] } })).to.throw(
        /series "Momentum" has y = 0 at index 2, which a log scale cannot show; set logY: false/,
      );
    });
    it("duplicate names", () => {
      expect(() => lineChart({ series: [{ name: "a", y: [1] }, { name: "a", y: [2] }] })).to.throw(/two series are named "a"/);
    });
  });

  it("places log ticks at powers of ten over many decades, and labels them compactly", () => {
    expect(logTicks(1e-6, 10)).to.deep.equal([1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10]);
    expect(logTicks(0.1, 10)).to.deep.equal([0.1, 0.2, 0.5, 1, 2, 5, 10]);
    expect(logTickLabel(1e-6)).to.equal("10⁻⁶");
    expect(logTickLabel(0.01)).to.equal("0.01");
  });
});
