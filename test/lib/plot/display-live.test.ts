import { expect } from "chai";
import { displayBundle, display, withDisplaySink, inKernel, displayTarget, DisplayMessage } from "../../../lib/plot/display";
import { liveProgress } from "../../../lib/plot/live";
import { lineChart } from "../../../lib/plot/line";
import { hasPngSignature } from "./helpers";

function capture(fn: () => void): DisplayMessage[] {
  const msgs: DisplayMessage[] = [];
  withDisplaySink((m) => msgs.push(m), fn);
  return msgs;
}

describe("lib/plot/display", () => {
  it("is not in a kernel under mocha, and sends to the console", () => {
    expect(inKernel()).to.equal(false);
    expect(displayTarget()).to.equal("console");
  });

  it("sends one display_data with the whole bundle, bytes base64-encoded", () => {
    const png = lineChart({ series: { a: [1, 2] } }).png();
    const msgs = capture(() => displayBundle({ "image/png": png, "text/plain": "two points" }, { metadata: { "image/png": { width: 1 } } }));
    expect(msgs.length).to.equal(1);
    expect(msgs[0].msgType).to.equal("display_data");
    expect(Object.keys(msgs[0].data)).to.have.members(["image/png", "text/plain"]);
    const decoded = Buffer.from(msgs[0].data["image/png"] as string, "base64");
    expect(hasPngSignature(decoded)).to.equal(true);
    expect(decoded.length).to.equal(png.length);
    expect(msgs[0].metadata).to.deep.equal({ "image/png": { width: 1 } });
  });

  it("display(chart) sends PNG + text with the CSS size as metadata", () => {
    const c = lineChart({ title: "t", series: { a: [1, 2] } });
    const msgs = capture(() => display(c));
    expect(Object.keys(msgs[0].data)).to.have.members(["image/png", "text/plain"]);
    expect(msgs[0].data["text/plain"]).to.equal(c.text());
    expect(msgs[0].metadata).to.deep.equal({ "image/png": c.size() });
  });

  it("updates an output in place by display id", () => {
    const a = lineChart({ series: { a: [1, 2] } });
    const b = lineChart({ series: { a: [2, 1] } });
    const msgs = capture(() => a.showUpdatable()(b));
    expect(msgs.map((m) => m.msgType)).to.deep.equal(["display_data", "update_display_data"]);
    expect(msgs[0].transient.display_id).to.be.a("string").with.length(16);
    expect(msgs[1].transient.display_id).to.equal(msgs[0].transient.display_id);
  });

  it("prints the text alternative outside a kernel", () => {
    const lines: string[] = [];
    const orig = console.log;
    console.log = (s: string) => lines.push(s);
    try {
      displayBundle({ "text/plain": "hello" });
    } finally {
      console.log = orig;
    }
    expect(lines).to.deep.equal(["hello"]);
  });

  it("rejects an empty bundle and an update without an id", () => {
    expect(() => displayBundle({})).to.throw(/bundle is empty/);
    expect(() => displayBundle({ "text/plain": "x" }, { update: true })).to.throw(/needs the displayId/);
  });
});

describe("lib/plot/live", () => {
  it("shows one output and replaces it in place, throttled, with a PNG chart and a text bar", () => {
    let now = 0;
    const total = 200;
    let live!: ReturnType<typeof liveProgress>;
    const msgs = capture(() => {
      live = liveProgress({ total, title: "Training", logY: true, interval: 100, clock: () => now });
      for (let t = 1; t <= total; t++) {
        now += 10;
        live.update(t, { loss: Math.exp(-t / 50) });
      }
      live.done();
    });
    expect(msgs[0].msgType).to.equal("display_data");
    expect(msgs[0].data["text/plain"]).to.contain("0/200 (0%)");
    const id = msgs[0].transient.display_id;
    expect(id).to.be.a("string");
    for (const m of msgs.slice(1)) {
      expect(m.msgType).to.equal("update_display_data");
      expect(m.transient.display_id).to.equal(id);
    }
    // 2000 ms of fake time at one redraw per 100 ms: about 20 frames, plus the first and done().
    expect(msgs.length).to.be.within(15, 25);
    expect(live.frames).to.equal(msgs.length);
    const last = msgs[msgs.length - 1];
    expect(Object.keys(last.data)).to.have.members(["image/png", "text/plain"]);
    expect(hasPngSignature(Buffer.from(last.data["image/png"] as string, "base64"))).to.equal(true);
    expect(last.data["text/plain"]).to.match(/^Training \[#{24}\] 200\/200 \(100%\) · loss 0\.0183\d* · done in 2\.0 s/);
    expect(live.history().loss.step.length).to.equal(total);
  });

  it("always draws the last step even inside the throttle interval", () => {
    let now = 0;
    const msgs = capture(() => {
      const live = liveProgress({ total: 5, clock: () => now });
      for (let t = 1; t <= 5; t++) live.update(t, { loss: 1 / t }); // the clock never moves
    });
    const texts = msgs.map((m) => m.data["text/plain"] as string);
    expect(texts[texts.length - 1]).to.contain("5/5 (100%)");
  });

  it("keeps going on NaN, says where it appeared, and does not draw it", () => {
    let now = 0;
    const msgs = capture(() => {
      const live = liveProgress({ total: 3, chart: true, clock: () => now });
      live.update(1, { loss: 1 });
      now += 1000;
      live.update(2, { loss: NaN });
      now += 1000;
      live.update(3, { loss: 0.5 });
      live.done();
    });
    expect(msgs[msgs.length - 1].data["text/plain"]).to.contain("loss became NaN at step 2 (not drawn)");
  });

  it("text-only bar when chart is false", () => {
    const msgs = capture(() => {
      const live = liveProgress({ total: 2, chart: false });
      live.update(2, { loss: 1 });
      live.done();
    });
    for (const m of msgs) expect(Object.keys(m.data)).to.deep.equal(["text/plain"]);
  });

  it("rejects a bad total, a bad step, and updates after done()", () => {
    expect(() => liveProgress({ total: 0 })).to.throw(/total must be a positive integer/);
    capture(() => {
      const live = liveProgress({ total: 3 });
      expect(() => live.update(NaN)).to.throw(/step must be a finite number/);
      live.done();
      expect(() => live.update(1)).to.throw(/update\(\) after done\(\)/);
    });
  });
});
