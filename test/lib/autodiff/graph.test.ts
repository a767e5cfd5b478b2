import { expect } from "chai";
import { Tape, trace, baydinExample, seed004Example, drawGraph, graphSvg, graphLayout } from "../../../lib/autodiff";
import { pngSize } from "../../../lib/plot/render";

describe("lib/autodiff graph picture", () => {
  it("Baydin's graph: 7 boxes with trace names, 8 edges, layered left to right", () => {
    const t = trace(baydinExample.f, baydinExample.point);
    const layout = graphLayout(t.output, {}, t.nodeNames);
    expect(layout.nodes.map((n) => n.title).sort()).to.deep.equal(
      ["v₋₁ = x₁", "v₀ = x₂", "v₁ = ln v₋₁", "v₂ = v₋₁ × v₀", "v₃ = sin v₀", "v₄ = v₁ + v₂", "v₅ = v₄ − v₃"].sort(),
    );
    expect(layout.edges.length).to.equal(8);
    const col = (title: string) => layout.nodes.find((n) => n.title.startsWith(title))?.column;
    expect(col("v₋₁")).to.equal(0);
    expect(col("v₅")).to.be.greaterThan(col("v₄") as number);
    for (const e of layout.edges) {
      const from = layout.nodes.find((n) => n.id === e.from)!, to = layout.nodes.find((n) => n.id === e.to)!;
      expect(from.column).to.be.lessThan(to.column); // every edge points right
    }
    for (const n of layout.nodes) expect(n.y + n.height).to.be.at.most(layout.height);
  });

  it("a + a draws two edges into two ports, on different curves", () => {
    const tape = new Tape();
    const a = tape.input(3, "a");
    const y = a.add(a);
    y.backward();
    const layout = graphLayout(y);
    expect(layout.edges.length).to.equal(2);
    const [e1, e2] = layout.edges;
    expect([e1.from, e2.from]).to.deep.equal([a.id, a.id]);
    expect(e1.port).to.not.equal(e2.port);
    expect(JSON.stringify(e1.points)).to.not.equal(JSON.stringify(e2.points));
    const { svg } = graphSvg(y);
    expect(svg.match(/marker-end=/g)?.length).to.equal(2);
  });

  it("constants are written into formulas by default, or drawn as nodes", () => {
    const t = trace(seed004Example.f, seed004Example.point);
    const inline = graphLayout(t.output, {}, t.nodeNames);
    expect(inline.nodes.some((n) => n.title === "v₃ = v₂ × 6.283")).to.equal(true);
    expect(inline.nodes.some((n) => n.constant)).to.equal(false);
    const nodes = graphLayout(t.output, { constants: "nodes" }, t.nodeNames);
    expect(nodes.nodes.filter((n) => n.constant).map((n) => n.title).sort()).to.deep.equal(["−1", "2", "3", "6.283"].sort());
  });

  it("a graph too wide for a notebook column is laid out top to bottom, ≤ 940 px wide, text ≥ 11 px", () => {
    // The NN optimization slides' example: 11 nodes in 7 layers, 2882 px wide left to right (issue 11 item 11).
    const t = trace(seed004Example.f, seed004Example.point);
    const title = "NN optimization slides: f(w₁, w₂) at (1, 0.75)";
    const wide = graphLayout(t.output, { direction: "right", title }, t.nodeNames);
    expect(wide.width).to.be.greaterThan(940);
    const layout = graphLayout(t.output, { title }, t.nodeNames);
    expect(layout.direction).to.equal("down");
    // 940 CSS px is a notebook column at a 1280 px window: the PNG is then shown at its own size.
    expect(layout.width).to.be.at.most(940);
    for (const e of layout.edges) {
      const from = layout.nodes.find((n) => n.id === e.from)!, to = layout.nodes.find((n) => n.id === e.to)!;
      expect(from.y + from.height, `edge ${e.from}→${e.to} points down`).to.be.at.most(to.y);
    }
    for (const a of layout.nodes) {
      expect(a.x).to.be.at.least(0);
      expect(a.x + a.width).to.be.at.most(layout.width);
      expect(a.y + a.height).to.be.at.most(layout.height);
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.title} and ${b.title} overlap`).to.equal(true);
      }
    }
    const { svg, width } = graphSvg(t, { title });
    expect(width).to.equal(layout.width);
    const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).to.be.greaterThan(30);
    // Shown at 1:1 (width ≤ the column), so the SVG's font sizes are the sizes on screen.
    expect(Math.min(...sizes)).to.be.at.least(11);
    const chart = drawGraph(t, { title });
    expect(chart.size().width).to.be.at.most(940);
    expect(pngSize(chart.png()).width).to.equal(2 * chart.size().width);
  });

  it("direction and maxWidth can be forced, and a bad maxWidth is refused by name", () => {
    const t = trace(baydinExample.f, baydinExample.point);
    expect(graphLayout(t.output, {}, t.nodeNames).direction).to.equal("right");
    expect(graphLayout(t.output, { maxWidth: 300 }, t.nodeNames).direction).to.equal("down");
    expect(graphLayout(t.output, { direction: "down" }, t.nodeNames).direction).to.equal("down");
    expect(() => graphLayout(t.output, { maxWidth: Number.NaN }, t.nodeNames)).to.throw(RangeError, /maxWidth/);
  });

  it("renders a PNG with a text description, and refuses huge graphs", () => {
    const t = trace(baydinExample.f, baydinExample.point);
    const chart = drawGraph(t, { title: "Baydin" });
    const { width, height } = pngSize(chart.png());
    expect(width).to.be.greaterThan(600);
    expect(height).to.be.greaterThan(200);
    expect(String(chart)).to.contain("7 nodes, 8 edges").and.contain("grad 5.5");
    const tape = new Tape();
    let y = tape.input(1);
    for (let i = 0; i < 100; i++) y = y.sin();
    expect(() => drawGraph(y)).to.throw(RangeError, /maxNodes/);
  });
});
