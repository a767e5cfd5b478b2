import { expect } from "chai";
import { minimize } from "../../../lib/optim/minimize";
import { convexRate } from "../../../lib/convergence/bounds";
import { checkBound } from "../../../lib/convergence/check";
import { withDisplaySink, type DisplayMessage } from "../../../lib/plot/display";
import { PlainGD, wavyBowl, diagQuadratic } from "./helpers";

describe("checkBound: the table a lesson shows", () => {
  it("prints the theorem, the violation row and the verdict, and shows HTML with a text alternative", () => {
    const p = wavyBowl(3);
    const c = checkBound(minimize(p, new PlainGD(Float64Array.from(p.x0), 1 / 9), { steps: 100 }), convexRate(p));
    const text = c.toString();
    const k = c.violation!.k;
    expect(text).to.contain("2L‖x₀ − x*‖²/(t + 4)");
    expect(text).to.contain(`VIOLATED first at k = ${k}`);
    expect(text).to.match(new RegExp(`^\\s*${k}\\s.*VIOLATED$`, "m")); // the violating row is in the table
    expect(text).to.match(new RegExp(`^\\s*${k - 1}\\s.*ok$`, "m")); // and the one before it, still ok
    expect(text).to.contain("hypotheses this run breaks");
    const msgs: DisplayMessage[] = [];
    withDisplaySink((m) => msgs.push(m), () => c.show());
    expect(msgs).to.have.length(1);
    expect(String(msgs[0].data["text/html"])).to.contain("<table");
    expect(String(msgs[0].data["text/plain"])).to.equal(text);
  });

  it("a bound that holds says so and names its tightest iterate; the table stays short on long runs", () => {
    const p = diagQuadratic([0.5, 2], [3, -1]);
    const c = checkBound(minimize(p, new PlainGD(Float64Array.from(p.x0), 0.5), { steps: 1000 }), convexRate(p), { rows: 8 });
    expect(c.ok).to.equal(true);
    expect(c.toString()).to.match(/holds at all 1001 indices checked \(tightest at k = \d+/);
    expect(c.rowIndices().length).to.be.at.most(8);
    expect(c.rowIndices()).to.include(1000);
  });

  it("refuses something that is not a history or a bound", () => {
    const p = diagQuadratic([1], [1]);
    expect(() => checkBound({} as never, convexRate(p))).to.throw(TypeError, /history/);
    const h = minimize(p, new PlainGD(Float64Array.from(p.x0), 0.5), { steps: 2 });
    expect(() => checkBound(h, {} as never)).to.throw(TypeError, /Bound/);
  });
});
