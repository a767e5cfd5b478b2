import { expect } from "chai";
import { contourChart, contourLevels, sampleField } from "../../../lib/plot/contour";
import { hasPngSignature, ihdr, decodePng } from "./helpers";

const bowl = (x: number, y: number) => (x - 2) ** 2 + (y + 1) ** 2;

/** Brightness (sum of RGB) of the device pixel at data point (x, y) of a contour chart. */
function brightnessAt(
  chart: ReturnType<typeof contourChart>,
  img: { width: number; rgba: Uint8Array },
  box: { x: [number, number]; y: [number, number] },
  x: number,
  y: number,
): number {
  // Inner plot placement: the nested <svg> offset, and contourChart's margins (50/16/12/40).
  const svg = chart.svg();
  const m = /<svg x="0" y="(\d+)"[^>]* viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (!m) throw new Error("nested plot svg not found");
  const [top, w, h] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const px = 50 + ((x - box.x[0]) / (box.x[1] - box.x[0])) * (w - 50 - 16);
  const py = top + 12 + ((box.y[1] - y) / (box.y[1] - box.y[0])) * (h - 12 - 40);
  const i = (Math.round(2 * py) * img.width + Math.round(2 * px)) * 4;
  return img.rgba[i] + img.rgba[i + 1] + img.rgba[i + 2];
}

describe("lib/plot/contour", () => {
  const box = { x: [-3, 3] as [number, number], y: [-3, 3] as [number, number] };
  const gd = [
    [-2, 2],
    [-1, 1],
    [0, 0],
    [1, -0.5],
    [2, -1],
  ];
  const chart = contourChart({
    f: bowl,
    ...box,
    title: "Bowl",
    paths: [
      { name: "GD", points: gd },
      { name: "Momentum", points: { x: [-2, 0, 2.5, 2], y: [-2, -2, -1.5, -1] } },
    ],
    markers: [{ x: 2, y: -1, label: "minimum" }],
  });

  it("renders a PNG with a non-zero size", () => {
    const png = chart.png();
    expect(hasPngSignature(png)).to.equal(true);
    expect(ihdr(png).width).to.be.greaterThan(0);
    expect(ihdr(png).height).to.be.greaterThan(0);
  });

  it("draws each path as a line and names it in the legend; labels the marker", () => {
    const svg = chart.svg();
    for (const name of ["GD", "Momentum"]) {
      expect(svg, name).to.match(new RegExp(`aria-description="${name}"[^>]*aria-label="line"[^>]*>\\s*<g[^>]*>\\s*<path d="M`));
      expect(svg).to.contain(`>${name}<`);
    }
    expect(svg).to.contain(">minimum<");
    expect(svg).to.match(/aria-label="contour"/);
  });

  it("draws a path at its width (default 2 px), and refuses a width outside 1..12 by name", () => {
    const opts = (width?: number) => ({
      f: bowl, x: [-1, 5] as [number, number], y: [-4, 2] as [number, number], resolution: 20,
      paths: [{ name: "wide", points: [[0, 0], [1, 1], [2, -1]], width }, { name: "thin", points: [[0, 0], [1, 1]] }],
    });
    const svg = contourChart(opts(6)).svg();
    // Plot writes the width on the group inside the line mark named by aria-description.
    expect(svg).to.match(/aria-description="wide"[^>]*><g[^>]*stroke-width="6"/);
    expect(svg).to.match(/aria-description="thin"[^>]*><g[^>]*stroke-width="2"/);
    for (const bad of [0, 13, Number.NaN]) expect(() => contourChart(opts(bad))).to.throw(/path "wide" width must be a number of px from 1 to 12/);
  });

  it("puts the minimum where it belongs (y axis not flipped): lightest near (2, -1)", () => {
    const img = decodePng(chart.png());
    // Sample points chosen away from the drawn paths and marker.
    const atMin = brightnessAt(chart, img, box, 1.75, -0.6);
    const mirrored = brightnessAt(chart, img, box, 1.75, 0.6);
    const corner = brightnessAt(chart, img, box, -2.8, 2.8);
    expect(atMin).to.be.greaterThan(mirrored + 15);
    expect(mirrored).to.be.greaterThan(corner + 15);
  });

  it("describes the box, the range of f, its minimum and each path", () => {
    const t = chart.text();
    expect(t).to.match(/^Contour map: Bowl/);
    expect(t).to.contain("x from -3 to 3");
    expect(t).to.contain("- GD: 5 points, from (-2, 2) to (2, -1)");
    expect(t).to.contain("- Momentum: 4 points");
    // The grid minimum is within one cell (6/120 = 0.05) of the true minimum (2, -1).
    const m = /near \(([-\d.e]+), ([-\d.e]+)\)/.exec(t);
    expect(m).to.not.equal(null);
    expect(Math.abs(Number(m![1]) - 2)).to.be.at.most(0.05);
    expect(Math.abs(Number(m![2]) + 1)).to.be.at.most(0.05);
  });

  it("says when a path leaves the box", () => {
    const c = contourChart({ f: bowl, ...box, paths: [{ name: "diverging", points: [[0, 0], [5, 5]] }] });
    expect(c.text()).to.contain("(leaves the box)");
  });

  it("samples f at cell centres with row 0 at the bottom (y = ymin)", () => {
    const g = sampleField("t", (x, y) => 10 * y + x, [0, 4], [0, 2], 4);
    expect(g.xs).to.deep.equal([0.5, 1.5, 2.5, 3.5]);
    expect(g.ys).to.deep.equal([0.25, 0.75, 1.25, 1.75]);
    expect(g.z[0]).to.equal(10 * 0.25 + 0.5);
    expect(g.z[4 * 3 + 2]).to.equal(10 * 1.75 + 2.5);
  });

  it("spaces levels linearly, geometrically, or by quantile, strictly inside the range", () => {
    const g = sampleField("t", (x) => x, [0, 1], [0, 1], 100);
    const lin = contourLevels("t", g, 4, "linear");
    expect(lin.length).to.equal(3);
    // Linear levels split [min, max] = [0.005, 0.995] in four equal parts (float tolerance 1e-12).
    lin.forEach((v, k) => expect(Math.abs(v - (0.005 + (0.99 * (k + 1)) / 4))).to.be.lessThan(1e-12));
    const log = contourLevels("t", g, 5, "log");
    for (let k = 1; k < log.length; k++) expect(log[k]).to.be.greaterThan(log[k - 1]);
    // Geometric spacing in f − min: equal ratios between consecutive gaps (tolerance 1e-9).
    const r1 = (log[2] - 0.005) / (log[1] - 0.005);
    const r2 = (log[3] - 0.005) / (log[2] - 0.005);
    expect(Math.abs(r1 - r2)).to.be.lessThan(1e-9);
    const q = contourLevels("t", g, 4, "quantile");
    for (const v of q) expect(v > g.min && v < g.max).to.equal(true);
    expect(contourLevels("t", g, [0.7, 0.2], "quantile")).to.deep.equal([0.2, 0.7]);
  });

  describe("bad input", () => {
    it("f not finite somewhere in the box: names the point and suggests a fix", () => {
      expect(() => contourChart({ f: (x, y) => Math.log(x) + y, x: [-1, 1], y: [0, 1], resolution: 10 })).to.throw(
        /contourChart: f\(-0.9, 0.05\) = NaN; f must be finite over the whole box/,
      );
    });
    it("a path with NaN names the path and index", () => {
      expect(() => contourChart({ f: bowl, ...box, paths: [{ name: "Adam", points: [[0, 0], [NaN, 1]] }] })).to.throw(
        /series "Adam" has NaN at index 1 \(x\)/,
      );
    });
    it("a path with no points", () => {
      expect(() => contourChart({ f: bowl, ...box, paths: [{ name: "GD", points: [] }] })).to.throw('series "GD" has 0 points');
    });
    it("a path with mismatched x and y", () => {
      expect(() => contourChart({ f: bowl, ...box, paths: [{ name: "GD", points: { x: [1, 2, 3], y: [1, 2] } }] })).to.throw(
        'series "GD" has 3 x values but 2 y values',
      );
    });
    it("a point that is not a pair", () => {
      expect(() => contourChart({ f: bowl, ...box, paths: [{ name: "GD", points: [[1, 2], [3]] }] })).to.throw(
        /path "GD" point 1 is not an \[x, y\] pair/,
      );
    });
    it("a box with min >= max", () => {
      expect(() => contourChart({ f: bowl, x: [1, 1], y: [0, 1] })).to.throw(/x must have min < max/);
    });
  });
});
