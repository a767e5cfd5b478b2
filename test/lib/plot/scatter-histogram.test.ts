import { expect } from "chai";
import { scatterChart, byClass } from "../../../lib/plot/scatter";
import { histogram, binSeries } from "../../../lib/plot/histogram";
import { rng } from "../../../lib/random";
import { hasPngSignature, ihdr, decodePng } from "./helpers";

describe("lib/plot/scatter", () => {
  const r = rng(7);
  // Points only near the centre, so the edges of the box show the regions alone.
  const X: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 40; i++) {
    const k = i % 2;
    X.push([k === 0 ? -0.5 + r.normal(0, 0.1) : 0.5 + r.normal(0, 0.1), r.normal(0, 0.1)]);
    labels.push(k);
  }
  const series = byClass(X, labels, ["left", "right"]);
  const box = { x: [-3, 3] as [number, number], y: [-3, 3] as [number, number] };
  const chart = scatterChart({ series, ...box, regions: { predict: (x) => (x < 0 ? 0 : 1) }, title: "Two classes" });

  it("groups points by class, in label order, with the given names", () => {
    expect(series.map((s) => s.name)).to.deep.equal(["left", "right"]);
    expect(series[0].x.length + series[1].x.length).to.equal(40);
    for (const v of series[0].x as number[]) expect(v).to.be.lessThan(0);
  });

  it("renders a PNG, draws a dot group per class and names them in the legend", () => {
    const png = chart.png();
    expect(hasPngSignature(png)).to.equal(true);
    expect(ihdr(png).width).to.be.greaterThan(0);
    const svg = chart.svg();
    for (const name of ["left", "right"]) {
      expect(svg).to.match(new RegExp(`aria-description="${name}"[^>]*aria-label="dot"`));
      expect(svg).to.contain(`>${name}<`);
    }
    expect(svg).to.contain('aria-description="decision regions"');
  });

  it("colours each decision region with its class colour (blue left, amber right)", () => {
    const img = decodePng(chart.png());
    const m = /<svg x="0" y="(\d+)"/.exec(chart.svg())!;
    const top = Number(m[1]);
    // A device pixel 20 px (CSS) inside the plot's left and right edges, mid-height.
    const y = 2 * (top + 12 + 200);
    const px = (x: number) => {
      const i = (y * img.width + x) * 4;
      return { r: img.rgba[i], g: img.rgba[i + 1], b: img.rgba[i + 2] };
    };
    const left = px(2 * (50 + 20));
    const right = px(img.width - 2 * (16 + 20));
    // Series 0 is #4269d0 (blue) and series 1 #efb118 (amber), tinted towards white.
    expect(left.b).to.be.greaterThan(left.r + 20);
    expect(right.r).to.be.greaterThan(right.b + 20);
  });

  it("describes the groups and the share of the box each region covers", () => {
    const t = chart.text();
    expect(t).to.contain("left (20 points), right (20 points)");
    expect(t).to.contain("Decision regions: left 50%, right 50% of the box");
  });

  it("rejects a prediction that is not a class, naming the cell", () => {
    expect(() => scatterChart({ series, ...box, regions: { predict: () => 5, resolution: 5 } })).to.throw(
      /regions.predict\(-2.4, -2.4\) returned 5, which is neither a series index \(0..1\) nor a series name/,
    );
  });

  it("accepts class names from predict", () => {
    const c = scatterChart({ series, ...box, regions: { predict: (x) => (x < 0 ? "left" : "right"), resolution: 10 } });
    expect(c.text()).to.contain("left 50%");
  });

  it("names the series with bad points", () => {
    expect(() => scatterChart({ series: [{ name: "moons", x: [1, 2], y: [1, NaN] }] })).to.throw(/series "moons" has NaN at index 1/);
    expect(() => scatterChart({ series: [{ name: "moons", x: [], y: [] }] })).to.throw('series "moons" has 0 points');
    expect(() => byClass([[1, 2]], [0, 1])).to.throw(/1 points but 2 labels/);
  });
});

describe("lib/plot/histogram", () => {
  it("bins values in equal-width bins, the last one closed", () => {
    const b = binSeries("t", { series: { a: [0, 1, 2, 3] }, bins: 3 });
    expect(b.edges).to.deep.equal([0, 1, 2, 3]);
    expect(b.counts[0].counts).to.deep.equal([1, 1, 2]);
  });

  it("shares bins across series and counts values outside a given domain", () => {
    const b = binSeries("t", { series: { a: [0, 0.5], b: [1, 5] }, bins: 2, domain: [0, 2] });
    expect(b.counts[0].counts).to.deep.equal([2, 0]);
    expect(b.counts[1].counts).to.deep.equal([0, 1]);
    expect(b.counts[1].outside).to.equal(1);
  });

  it("renders two overlaid series with a legend and a text summary", () => {
    const r = rng(3);
    const a = Array.from({ length: 500 }, () => r.normal(0, 1));
    const b = Array.from({ length: 500 }, () => r.normal(2, 0.5));
    const h = histogram({ series: { init: a, trained: b }, bins: 20, title: "Weights" });
    const png = h.png();
    expect(hasPngSignature(png)).to.equal(true);
    expect(ihdr(png).height).to.be.greaterThan(0);
    const svg = h.svg();
    for (const name of ["init", "trained"]) {
      expect(svg).to.match(new RegExp(`aria-description="${name}"[^>]*aria-label="rect"`));
      expect(svg).to.contain(`>${name}<`);
    }
    const t = h.text();
    expect(t).to.match(/^Histogram: Weights/);
    expect(t).to.contain("20 bins");
    expect(t).to.contain("- init: 500 values");
    expect(t).to.contain("- trained: 500 values");
  });

  it("names the series with bad values", () => {
    expect(() => histogram({ series: { grads: [1, Infinity] } })).to.throw(/series "grads" has Infinity at index 1/);
    expect(() => histogram({ series: { grads: [] } })).to.throw('histogram: series "grads" has 0 points');
    expect(() => histogram({ series: { grads: [1] }, bins: 0 })).to.throw(/bins must be an integer from 1 to 500/);
  });
});
