import { expect } from "chai";
import { svgToPng, pngSize, composeSvg, plotSvg, fontFiles, FONT_FAMILY } from "../../../lib/plot/render";
import { hasPngSignature, ihdr, decodePng, inkIn } from "./helpers";
import * as Plot from "@observablehq/plot";
import * as fs from "fs";

const textSvg = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40">` +
  `<text x="10" y="28" font-size="20">${text}</text></svg>`;

describe("lib/plot/render", () => {
  it("ships its font files", () => {
    const files = fontFiles();
    expect(files.length).to.be.greaterThan(0);
    for (const f of files) expect(fs.statSync(f).size, f).to.be.greaterThan(100_000);
    expect(FONT_FAMILY).to.equal("DejaVu Sans");
  });

  it("svgToPng writes a PNG at 2x density by default", () => {
    const png = svgToPng(textSvg("hello"));
    expect(hasPngSignature(png)).to.equal(true);
    expect(ihdr(png)).to.include({ width: 400, height: 80 });
    expect(pngSize(png)).to.deep.equal({ width: 400, height: 80 });
  });

  it("svgToPng honours another density", () => {
    const png = svgToPng(textSvg("hello"), { density: 1 });
    expect(ihdr(png)).to.include({ width: 200, height: 40 });
  });

  it("really draws text (resvg draws nothing without a font)", () => {
    const withText = decodePng(svgToPng(textSvg("Descent")));
    const empty = decodePng(svgToPng(textSvg("")));
    // The word at 20px, 2x density, covers far more than 100 device pixels; an empty text none.
    expect(inkIn(withText, 0, 0, withText.width, withText.height)).to.be.greaterThan(100);
    expect(inkIn(empty, 0, 0, empty.width, empty.height)).to.equal(0);
  });

  it("rejects a non-positive density", () => {
    expect(() => svgToPng(textSvg("x"), { density: 0 })).to.throw(/density must be a positive number/);
  });

  it("pngSize rejects bytes that are not a PNG", () => {
    expect(() => pngSize(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]))).to.throw(
      /not a PNG/,
    );
  });

  it("plotSvg returns standalone SVG with the shipped font", () => {
    const svg = plotSvg({ width: 300, height: 200, marks: [Plot.dot([{ x: 1, y: 2 }], { x: "x", y: "y" })] });
    expect(svg.startsWith("<svg")).to.equal(true);
    expect(svg).to.contain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).to.contain(`font-family="${FONT_FAMILY}"`);
  });

  it("plotSvg refuses Plot options that produce an HTML figure", () => {
    expect(() => plotSvg({ title: "x", marks: [] })).to.throw(/title/);
  });

  it("composeSvg puts the title above the plot, and the picture grows with it", () => {
    const plot = plotSvg({ width: 300, height: 200, marks: [Plot.frame()] });
    const plain = composeSvg({ plot, width: 300, height: 200 });
    const titled = composeSvg({ plot, width: 300, height: 200, title: "A title <with> & marks" });
    expect(titled.height).to.be.greaterThan(plain.height);
    expect(titled.svg).to.contain("A title &lt;with&gt; &amp; marks");
    // Top band of the titled picture (above the plot) has ink; the untitled one starts at the frame.
    const img = decodePng(svgToPng(titled.svg));
    expect(inkIn(img, 0, 0, img.width, 2 * (titled.height - 200) - 4)).to.be.greaterThan(50);
  });
});
