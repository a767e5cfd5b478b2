import { expect } from "chai";
import { decompositionChart, cloudChart } from "../../../lib/stats/charts";
import type { SweepTable, SweepRow } from "../../../lib/stats/sweep";

function row(lambda: number, bias2: number, variance: number): SweepRow {
  const testMse = bias2 + variance + 1;
  return { lambda, bias2, variance, noise: 1, testMse, bias2Se: 0.01, varianceSe: 0.01, noiseSe: 0.01, testMseSe: 0.02, theory: { bias2, variance, noise: 1, testMse } };
}

describe("lib/stats charts", () => {
  const table: SweepTable = { over: "lambda", rows: [row(0.01, 0, 2), row(1, 0.5, 0.5), row(100, 2, 0)], best: row(1, 0.5, 0.5) };

  it("decompositionChart draws a PNG and describes every row and the best setting", () => {
    const c = decompositionChart(table, { title: "λ sweep" });
    const png = c.png();
    expect(Array.from(png.slice(1, 4))).to.deep.equal([0x50, 0x4e, 0x47]); // "PNG"
    const svg = c.svg();
    expect((svg.match(/<path/g) ?? []).length).to.be.at.least(4); // three areas + the theory line
    expect(c.text()).to.contain("λ 0.01: bias² 0, variance 2");
    expect(c.text()).to.contain("lowest test MSE at λ 1");
  });

  it("refuses λ = 0 on a log axis and an empty table, with a fix", () => {
    const withZero: SweepTable = { ...table, rows: [row(0, 0, 2), ...table.rows] };
    expect(() => decompositionChart(withZero)).to.throw(RangeError, /λ = 0 cannot go on a log axis.*logX: false/);
    expect(decompositionChart(withZero, { logX: false }).png().length).to.be.greaterThan(1000);
    expect(() => decompositionChart({ over: "lambda", rows: [], best: table.best })).to.throw(TypeError, /lambdaSweep/);
  });

  it("cloudChart draws dots and curves and rejects non-finite points", () => {
    const c = cloudChart({ clouds: [{ name: "θ̂", points: [[0, 0], [1, 1], [0.5, 0.2]] }], curves: [{ name: "ellipse", x: [0, 1, 0], y: [0, 1, 0] }], marker: { name: "θ", x: 0.5, y: 0.5 } });
    expect(c.text()).to.contain("θ̂: 3 points");
    expect((c.svg().match(/<circle/g) ?? []).length).to.be.at.least(3);
    expect(() => cloudChart({ clouds: [{ name: "bad", points: [[0, NaN]] }] })).to.throw(RangeError, /bad point 0/);
  });
});
