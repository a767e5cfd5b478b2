import { expect } from "chai";
import { lineChart, logTicks } from "../../../lib/plot/line";
import { contourChart } from "../../../lib/plot/contour";
import { histogram } from "../../../lib/plot/histogram";
import { scatterChart } from "../../../lib/plot/scatter";
import { liveProgress } from "../../../lib/plot/live";
import { interactiveLineChart, surface3d } from "../../../lib/plot/plotly";
import { withDisplaySink } from "../../../lib/plot/display";

// Every check below must throw when the chart is built, before anything is drawn: a bad log
// domain used to loop forever inside logTicks at draw time, so a test that drew would hang.
describe("lib/plot options (domains, log axes, size)", () => {
  const y = [1, 2, 3];

  it("refuses a log-axis domain that starts at 0 or below, naming the option and the fix", () => {
    expect(() => lineChart({ series: { a: y }, logY: true, yDomain: [0, 3] })).to.throw(/lineChart: yDomain = \[0, 3\].*logY: true.*min > 0/);
    expect(() => lineChart({ series: [{ name: "a", x: [1, 2, 3], y }], logX: true, xDomain: [-1, 3] })).to.throw(/xDomain.*logX: true.*min > 0/);
    expect(() => interactiveLineChart({ series: { a: y }, logY: true, yDomain: [0, 3] })).to.throw(/interactiveLineChart: yDomain/);
    // The same domain is fine on a linear axis.
    expect(lineChart({ series: { a: y }, yDomain: [0, 3] }).svg()).to.match(/^<svg/);
  });

  it("refuses domains that are not two finite numbers with min < max", () => {
    expect(() => lineChart({ series: { a: y }, yDomain: [3, 1] })).to.throw(/yDomain must have min < max/);
    expect(() => lineChart({ series: { a: y }, xDomain: [0, NaN] })).to.throw(/xDomain must be \[min, max\] with two finite numbers/);
    expect(() => lineChart({ series: { a: y }, yDomain: [1] as unknown as [number, number] })).to.throw(/yDomain must be \[min, max\]/);
  });

  it("logTicks refuses non-positive or non-finite bounds instead of looping", () => {
    // lo = 0 and hi = Infinity are left out on purpose: without the guard they loop forever,
    // so the test would hang instead of failing. The same guard (lo > 0, both finite) covers them.
    expect(() => logTicks(-1, 3)).to.throw(RangeError, /0 < lo <= hi/);
    expect(() => logTicks(NaN, 10)).to.throw(RangeError);
    expect(() => logTicks(10, 1)).to.throw(RangeError);
    expect(logTicks(1, 100)).to.include.members([1, 10, 100]);
  });

  it("says to pass x > 0 when logX is on and x defaults to the step number from 0", () => {
    expect(() => lineChart({ series: { a: y }, logX: true })).to.throw(/pass x values > 0 \(e\.g\. steps starting at 1/);
    expect(lineChart({ series: [{ name: "a", x: [1, 2, 3], y }], logX: true }).svg()).to.match(/^<svg/);
  });

  it("refuses a NaN, negative, zero or huge width/height in every chart function", () => {
    const f = (a: number, b: number) => a * a + b * b;
    const box = { f, x: [-1, 1] as [number, number], y: [-1, 1] as [number, number], resolution: 10 };
    const bad = [NaN, -5, 0, Infinity, 1e6];
    for (const v of bad) {
      expect(() => lineChart({ series: { a: y }, width: v }), `width ${v}`).to.throw(/lineChart: width must be a number of CSS px/);
      expect(() => lineChart({ series: { a: y }, height: v }), `height ${v}`).to.throw(/lineChart: height must be/);
      expect(() => contourChart({ ...box, width: v })).to.throw(/contourChart: width must be/);
      expect(() => contourChart({ ...box, height: v })).to.throw(/contourChart: height must be/);
      expect(() => histogram({ series: { a: y }, width: v })).to.throw(/histogram: width must be/);
      expect(() => scatterChart({ series: [{ name: "a", x: y, y }], height: v })).to.throw(/scatterChart: height must be/);
      expect(() => interactiveLineChart({ series: { a: y }, width: v })).to.throw(/interactiveLineChart: width must be/);
      expect(() => surface3d({ ...box, width: v })).to.throw(/surface3d: width must be/);
      // Throws in the constructor, before the first frame is sent.
      const sent: unknown[] = [];
      withDisplaySink((m) => sent.push(m), () => {
        expect(() => liveProgress({ total: 3, width: v })).to.throw(/liveProgress: width must be/);
      });
      expect(sent).to.have.length(0);
    }
    // A sensible size still works and sets the SVG size.
    expect(lineChart({ series: { a: y }, width: 300, height: 200 }).size().width).to.equal(300);
  });
});
