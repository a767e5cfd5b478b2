// Paths are clipped before drawing: a diverging run's points (10¹⁰ and beyond) once crashed the
// rasterizer and with it the notebook's kernel.
import { expect } from "chai";
import { clipPolyline, clipSegment, growBox } from "../../../lib/plot/clip";
import { contourChart } from "../../../lib/plot/contour";
import { lineChart } from "../../../lib/plot/line";
import { hasPngSignature } from "./helpers";

const box = { x: [-1, 1] as const, y: [-1, 1] as const };

describe("lib/plot/clip", () => {
  it("clips a segment to the box by Liang–Barsky: crossing points on the edges, misses are null", () => {
    // From (−2, 0) to (2, 0): inside for t in [1/4, 3/4].
    expect(clipSegment(box, -2, 0, 2, 0)).to.deep.equal([0.25, 0.75]);
    expect(clipSegment(box, 0, 0, 0.5, 0.5)).to.deep.equal([0, 1]);
    expect(clipSegment(box, 2, 2, 3, 3)).to.equal(null);
    expect(clipSegment(box, 2, -5, 2, 5), "parallel to an edge, outside it").to.equal(null);
  });

  it("keeps visible pieces exactly and breaks the line with a NaN point where it leaves and re-enters", () => {
    // In, far out (1e12), back in: two pieces, each ending on the box edge along the true direction.
    const xs = [0, 1e12, 0.5], ys = [0, 0, 0.5];
    const pts = clipPolyline(xs, ys, box);
    const breaks = pts.filter((p) => Number.isNaN(p.x)).length;
    expect(breaks).to.equal(1);
    for (const p of pts) if (!Number.isNaN(p.x)) expect(Math.abs(p.x) <= 1 && Math.abs(p.y) <= 1, JSON.stringify(p)).to.equal(true);
    expect(pts[0]).to.deep.equal({ x: 0, y: 0 });
    expect(pts[1]).to.deep.equal({ x: 1, y: 0 }); // exits on the right edge, still at y = 0
    expect(pts[pts.length - 1]).to.deep.equal({ x: 0.5, y: 0.5 });
    // A path that never leaves is returned unchanged, in one piece.
    expect(clipPolyline([0, 0.2, 0.4], [0, 0.1, 0.2], box)).to.deep.equal([{ x: 0, y: 0 }, { x: 0.2, y: 0.1 }, { x: 0.4, y: 0.2 }]);
  });

  it("growBox widens each side by a fraction of the range", () => {
    expect(growBox(box, 0.1)).to.deep.equal({ x: [-1.2, 1.2], y: [-1.2, 1.2] });
  });

  it("a contour chart of a diverging gradient descent (points up to ~1e14) renders a PNG", () => {
    // x₁² + 10x₂² with η = 0.11 > 2/L = 0.1: |x₂| grows by |1 − 20η| = 1.2 per step. 15 steps
    // (x₂ ≈ 12, four times past the map) aborted the rasterizer before clipping; 150 reach ~1e11.
    for (const steps of [15, 150]) {
      const path: number[][] = [[-3, 0.8]];
      for (let k = 0; k < steps; k++) {
        const [a, b] = path[k];
        path.push([a - 0.11 * 2 * a, b - 0.11 * 20 * b]);
      }
      expect(Math.abs(path[steps][1])).to.be.greaterThan(10);
      const chart = contourChart({ f: (x, y) => x * x + 10 * y * y, x: [-3.5, 1], y: [-3, 3], paths: [{ name: "η = 0.11", points: path }] });
      expect(hasPngSignature(chart.png()), `${steps} steps`).to.equal(true);
    }
  });

  it("a line chart with a fixed y domain that a series leaves, beside a dashed series, renders a PNG", () => {
    // This combination aborted the rasterizer before clipping: (1 − m)² reaches 16 against a domain of [0, 5].
    const m = Array.from({ length: 61 }, (_, i) => -3 + i / 10);
    const chart = lineChart({
      series: [
        { name: "squared", x: m, y: m.map((v) => (1 - v) ** 2) },
        { name: "0–1", x: m, y: m.map((v) => (v < 0 ? 1 : 0)), dash: true },
      ],
      yDomain: [0, 5],
    });
    expect(hasPngSignature(chart.png())).to.equal(true);
    // The same on a log y axis, where clipping happens in log space.
    const log = lineChart({ series: [{ name: "up", y: [1, 10, 1e6, 1e30] }, { name: "bound", y: [1, 2, 3, 4], dash: true }], logY: true, yDomain: [0.5, 100] });
    expect(hasPngSignature(log.png())).to.equal(true);
  });
});
