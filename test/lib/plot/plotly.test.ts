import { expect } from "chai";
import {
  surface3d,
  interactiveLineChart,
  interactiveContourChart,
  setPlotlyInclusion,
  plotlyScriptTag,
  PLOTLY_LOADED_NOTE,
  PLOTLY_MIME,
} from "../../../lib/plot/plotly";
import { withDisplaySink, DisplayMessage } from "../../../lib/plot/display";
import { hasPngSignature } from "./helpers";

type Trace = Record<string, unknown>;
const bowl = (x: number, y: number) => x * x + 3 * y * y;

describe("lib/plot/plotly", () => {
  afterEach(() => setPlotlyInclusion("once"));

  it("surface3d: a surface trace on the sampled grid plus one 3-D line per path", () => {
    const s = surface3d({
      f: bowl,
      x: [-2, 2],
      y: [-1, 1],
      resolution: 20,
      title: "Bowl",
      paths: [
        { name: "GD", points: [[1.5, 0.5], [1, 0.2], [0.5, 0.1]] },
        { name: "Adam", points: [[-1.5, -0.5], [-1, 0]] },
      ],
    });
    const { data, layout } = s.spec();
    expect(data.map((t: Trace) => t.type)).to.deep.equal(["surface", "scatter3d", "scatter3d"]);
    expect(data.slice(1).map((t: Trace) => t.name)).to.deep.equal(["GD", "Adam"]);
    const z = data[0].z as number[][];
    expect(z.length).to.equal(20);
    expect(z[0].length).to.equal(20);
    // Row j of z is y = ys[j]; entry i is f(xs[i], ys[j]) exactly (same arithmetic).
    const xs = data[0].x as number[];
    const ys = data[0].y as number[];
    expect(z[3][5]).to.equal(bowl(xs[5], ys[3]));
    // Paths float just above the surface: 2 % of f's range (about 0 to 7 on this grid), never more than 3 %.
    const pz = data[1].z as number[];
    expect(pz[0]).to.be.greaterThan(bowl(1.5, 0.5));
    expect(pz[0] - bowl(1.5, 0.5)).to.be.lessThan(0.03 * 7);
    expect((layout.title as { text: string }).text).to.contain("Bowl");
    expect(s.text()).to.match(/^3-D surface: Bowl/);
    expect(s.text()).to.contain("- GD: 3 points");
  });

  it("surface3d with one path: a legend entry for the path (none for the surface), the path drawn on top, no empty band under the title", () => {
    // Lesson 0's figure (issue 11 item 12): one path inside a bowl.
    const f = (x: number, y: number) => 0.1 * x * x + 2 * y * y;
    const path = [[-5, -2], [-4.55, 1.6], [-4.14, -1.28], [-3.77, 1.02]];
    const { data, layout } = surface3d({ f, x: [-5.5, 5.5], y: [-2.5, 2.5], resolution: 20, title: "Bowl", paths: [{ name: "η = 0.45", points: path }] }).spec();
    // plotly hides a legend with a single entry unless showlegend is set on the layout.
    expect(layout.showlegend).to.equal(true);
    expect(data[0].showlegend).to.equal(false);
    expect(data[1].showlegend).to.equal(true);
    // Seen through the surface and above it: the surface is translucent, the path's z at or above f.
    expect(data[0].opacity as number).to.be.below(1);
    const z = data[1].z as number[];
    path.forEach(([x, y], i) => expect(z[i]).to.be.at.least(f(x, y)));
    expect((data[1].line as { width: number }).width).to.be.at.least(6);
    // The camera looks down from above the rim (z of the eye at least its horizontal distance's 0.9).
    const eye = (layout.scene as { camera: { eye: { x: number; y: number; z: number } } }).camera.eye;
    expect(eye.z).to.be.at.least(0.9 * Math.hypot(eye.x, eye.y));
    // …from the side where the path lies (θ₁ < 0, θ₂ ≤ 0 here), so the path is in front of the bowl's far wall.
    expect(eye.x).to.be.below(0);
    expect(eye.y).to.be.below(0);
    // One title line needs about 30 px; 60 px left an empty band.
    expect((layout.margin as { t: number }).t).to.be.at.most(40);
  });

  it("interactiveLineChart: one scatter trace per series, dashed where asked, log axis", () => {
    const c = interactiveLineChart({
      logY: true,
      series: [
        { name: "GD", y: [1, 0.5, 0.25] },
        { name: "bound", y: [2, 1, 0.5], dash: true },
      ],
    });
    const { data, layout } = c.spec();
    expect(data.map((t: Trace) => t.name)).to.deep.equal(["GD", "bound"]);
    expect(data.map((t: Trace) => (t.line as { dash: string }).dash)).to.deep.equal(["solid", "dash"]);
    expect((layout.yaxis as { type: string }).type).to.equal("log");
    expect(data[0].y).to.deep.equal([1, 0.5, 0.25]);
  });

  it("interactiveLineChart checks its input like lineChart", () => {
    expect(() => interactiveLineChart({ series: { Adam: [] } })).to.throw('interactiveLineChart: series "Adam" has 0 points');
  });

  it("interactiveContourChart: contour of the level index (monotone in f) plus path traces", () => {
    const c = interactiveContourChart({ f: bowl, x: [-2, 2], y: [-1, 1], resolution: 30, paths: [{ name: "GD", points: [[1, 1], [0, 0]] }] });
    const { data } = c.spec();
    expect(data.map((t: Trace) => t.type)).to.deep.equal(["contour", "scatter"]);
    expect(data[1].name).to.equal("GD");
    const f = (data[0].customdata as number[][]).flat();
    const rank = (data[0].z as number[][]).flat();
    expect(f.length).to.equal(900);
    const order = f.map((v, i) => i).sort((a, b) => f[a] - f[b]);
    for (let k = 1; k < order.length; k++) {
      expect(rank[order[k]]).to.be.at.least(rank[order[k - 1]]);
      expect(Number.isFinite(rank[order[k]])).to.equal(true);
    }
  });

  it("the MIME bundle has plotly JSON, HTML with a drawing script and the PNG inside, PNG and text", () => {
    const c = interactiveLineChart({ title: "Loss", series: { GD: [3, 2, 1] } });
    const b = c.mimeBundle({ includePlotly: false });
    expect(Object.keys(b)).to.have.members([PLOTLY_MIME, "text/html", "image/png", "text/plain"]);
    const fig = b[PLOTLY_MIME] as { data: Trace[]; layout: Trace };
    expect(fig.data[0].name).to.equal("GD");
    const html = b["text/html"] as string;
    expect(html).to.contain("window.Plotly.newPlot");
    expect(html).to.match(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    expect(html).to.not.contain("plotly.js v");
    expect(hasPngSignature(b["image/png"] as Uint8Array)).to.equal(true);
    expect(b["text/plain"]).to.match(/^Interactive line chart: Loss/);
  });

  it("escapes series names inside the script (no early </script>)", () => {
    const c = interactiveLineChart({ series: { "</script><b>x": [1, 2] } });
    const html = c.mimeBundle({ includePlotly: false })["text/html"] as string;
    expect(html.match(/<\/script>/g)!.length).to.equal(1);
  });

  it("inlines plotly.js safely: only the real closing tags remain", () => {
    const tag = plotlyScriptTag();
    expect(tag.length).to.be.greaterThan(1_000_000);
    expect(tag.match(/<\/script/gi)!.length).to.equal(1);
    expect(tag).to.not.contain("<!--");
  });

  it("mode once: the first chart loads the bundle through an output that is then emptied; mode always: every chart carries it", () => {
    const msgs: DisplayMessage[] = [];
    const c = interactiveLineChart({ series: { GD: [3, 2, 1] } });
    withDisplaySink((m) => msgs.push(m), () => {
      setPlotlyInclusion("once");
      c.show();
      c.show();
      setPlotlyInclusion("always");
      c.show();
      c.show();
      setPlotlyInclusion("never");
      c.show();
    });
    const big = (m: DisplayMessage) => ((m.data["text/html"] as string | undefined) ?? "").length > 1_000_000;
    // once: loader (4.8 MB), the loader emptied (same display id), chart, chart; always: 2 big charts; never: 1 small.
    expect(msgs.map((m) => m.msgType)).to.deep.equal(["display_data", "update_display_data", "display_data", "display_data", "display_data", "display_data", "display_data"]);
    expect(msgs.map(big)).to.deep.equal([true, false, false, false, true, true, false]);
    const loaderId = (msgs[0].transient as { display_id?: string }).display_id;
    expect(loaderId).to.be.a("string");
    expect((msgs[1].transient as { display_id?: string }).display_id).to.equal(loaderId);
    // What a saved notebook keeps of the loader: one line of text (no HTML part that JupyterLab would draw as an empty box).
    expect(msgs[1].data).to.deep.equal({ "text/plain": PLOTLY_LOADED_NOTE });
    for (const m of msgs.slice(2)) expect(Object.keys(m.data)).to.include.members([PLOTLY_MIME, "image/png", "text/plain"]);
    expect(() => setPlotlyInclusion("sometimes" as "once")).to.throw(/must be "once", "always" or "never"/);
  });
});
