import { expect } from "chai";
import { trace, TraceTable } from "../../../lib/autodiff/trace";
import { gradCheck } from "../../../lib/autodiff/gradcheck";
import type { Value } from "../../../lib/autodiff/value";
import { baydinExample, seed004Example } from "../../../lib/autodiff/examples";
import { formatNumber, htmlTable, tableWidth, TABLE_FONT_PX, wrapText } from "../../../lib/autodiff/format";
import { withDisplaySink, type DisplayMessage } from "../../../lib/plot/display";

const fmt = (x: number) => formatNumber(x);

describe("lib/autodiff traces (Baydin et al. 2018, Tables 2–3)", () => {
  const t = trace(baydinExample.f, baydinExample.point);

  it("forward primal trace: the published values (GUIDE §6) and statements", () => {
    const rows = t.primal.rows;
    expect(rows.map((r) => r.target)).to.deep.equal(["v₋₁", "v₀", "v₁", "v₂", "v₃", "v₄", "v₅", "y"]);
    expect(rows.map((r) => fmt(r.value))).to.deep.equal(["2", "5", "0.693", "10", "−0.959", "10.693", "11.652", "11.652"]);
    expect(rows.map((r) => `${r.formula} = ${r.numbers}`).slice(2, 7)).to.deep.equal([
      "ln v₋₁ = ln 2",
      "v₋₁ × v₀ = 2 × 5",
      "sin v₀ = sin 5",
      "v₁ + v₂ = 0.693 + 10",
      "v₄ − v₃ = 10.693 + 0.959", // subtracting sin 5 < 0 shows as an addition, as in the paper
    ]);
    expect(rows[0].formula).to.equal("x₁");
  });

  it("forward tangent trace with ẋ₁ = 1: 1, 0, 0.5, 5, 0, 5.5, 5.5", () => {
    const rows = t.tangent.rows;
    expect(rows.map((r) => r.target)).to.deep.equal(["v̇₋₁", "v̇₀", "v̇₁", "v̇₂", "v̇₃", "v̇₄", "v̇₅", "y\u0307"]);
    expect(rows.map((r) => fmt(r.value))).to.deep.equal(["1", "0", "0.5", "5", "0", "5.5", "5.5", "5.5"]);
    expect(rows[2].formula + " = " + rows[2].numbers).to.equal("v̇₋₁/v₋₁ = 1/2");
    expect(rows[3].formula + " = " + rows[3].numbers).to.equal("v̇₋₁ × v₀ + v̇₀ × v₋₁ = 1 × 5 + 0 × 2");
    expect(t.directional).to.equal(5.5);
  });

  it("reverse adjoint trace: the published sequence, with += rows and totals", () => {
    const seq = t.adjoint.rows.map((r) => `${r.target} ${r.assign} ${fmt(r.value)}${r.total === undefined ? "" : ` → ${fmt(r.total)}`}`);
    expect(seq).to.deep.equal([
      "v̄₅ = 1",
      "v̄₄ = 1",
      "v̄₃ = −1",
      "v̄₁ = 1",
      "v̄₂ = 1",
      "v̄₀ = −0.284",
      "v̄₋₁ = 5",
      "v̄₀ += 2 → 1.716",
      "v̄₋₁ += 0.5 → 5.5",
      "x̄₁ = 5.5",
      "x̄₂ = 1.716",
    ]);
    const byTarget = (s: string) => t.adjoint.rows.find((r) => r.target === s && r.chain !== undefined);
    expect(byTarget("v̄₃")?.formula).to.equal("v̄₅ × (−1)");
    expect(byTarget("v̄₀")?.formula).to.equal("v̄₃ × cos v₀");
  });

  it("the tables' adjoints agree with the engine's backward pass", () => {
    expect(t.gradient[0]).to.equal(5.5);
    expect(t.gradient[1]).to.be.closeTo(2 - Math.cos(5), 1e-15); // ∂y/∂x₂ = x₁ − cos x₂
    const last = (target: string) => t.adjoint.rows.filter((r) => r.target === target).pop();
    expect(last("x̄₁")?.value).to.equal(t.gradient[0]);
    expect(last("x̄₂")?.value).to.equal(t.gradient[1]);
  });

  it("prints the same text every time, with the paper's rows in aligned columns", () => {
    const a = String(trace(baydinExample.f, baydinExample.point));
    const b = String(trace(baydinExample.f, baydinExample.point));
    expect(a).to.equal(b);
    expect(a).to.match(/v₅ += v₄ − v₃ += 10\.693 \+ 0\.959 += 11\.652/);
    expect(a).to.match(/v̄₀ +\+= v̄₂ ∂v₂\/∂v₀ += v̄₂ × v₋₁ += 1 × 2 += +2 → 1\.716/);
    expect(a).to.contain("Forward primal trace").and.contain("Forward tangent trace").and.contain("Reverse adjoint trace");
  });

  it("seed 004's second example: gradient equals the hand-derived formula", () => {
    const s = trace(seed004Example.f, seed004Example.point, { direction: "w2" });
    const { w1, w2 } = seed004Example.point;
    const z1 = w1 / w2, e = Math.exp(2 * w2);
    const A = Math.sin(2 * Math.PI * z1) + 3 * z1 - e, B = 3 * z1 - e;
    const dAdz1 = 2 * Math.PI * Math.cos(2 * Math.PI * z1) + 3;
    const df1 = (dAdz1 * B + 3 * A) / w2;
    const df2 = (dAdz1 * B + 3 * A) * (-w1 / (w2 * w2)) - 2 * e * (A + B);
    // Same formula, different operation order: agreement to ~1e-15 relative; 1e-12 is safe.
    expect(s.value).to.be.closeTo(A * B, 1e-12);
    expect(s.gradient[0]).to.be.closeTo(df1, 1e-12 * Math.abs(df1));
    expect(s.gradient[1]).to.be.closeTo(df2, 1e-12 * Math.abs(df2));
    expect(s.directional).to.be.closeTo(df2, 1e-12 * Math.abs(df2));
    expect(s.primal.rows[2].formula).to.equal("v₀^(−1)"); // z₁ = w₁·w₂⁻¹ starts with w₂⁻¹
    expect(s.adjoint.rows.at(-2)?.target).to.equal("w̄₁");
  });

  it("numbers: 3 decimals, −0 and rounding residue print as 0, a real minus sign", () => {
    expect(fmt(-0)).to.equal("0");
    expect(fmt(1e-16)).to.equal("0");
    expect(fmt(-2.4e-16)).to.equal("0");
    expect(fmt(Math.sin(6 * Math.PI))).to.equal("0");
    expect(fmt(-0.95892)).to.equal("−0.959");
    expect(fmt(10)).to.equal("10");
    expect(fmt(2.5e7)).to.equal("2.500e+7");
  });

  it("HTML output: one table per pass, escaped, sent with a text/plain alternative", () => {
    const html = t.toHTML();
    expect(html.match(/<table/g)?.length).to.equal(3);
    expect(html).to.contain("<caption");
    expect(html).to.contain("v̄₀</td>");
    const sent: DisplayMessage[] = [];
    withDisplaySink((m) => sent.push(m), () => t.show());
    expect(sent.length).to.equal(1);
    expect(Object.keys(sent[0].data).sort()).to.deep.equal(["text/html", "text/plain"]);
    expect(sent[0].data["text/plain"]).to.equal(String(t));
    // One pass alone, as a lesson shows the primal trace before the others.
    const one: DisplayMessage[] = [];
    withDisplaySink((m) => one.push(m), () => t.adjoint.show());
    expect(one.length).to.equal(1);
    expect(one[0].data["text/plain"]).to.equal(String(t.adjoint));
    expect(String(one[0].data["text/html"]).match(/<table/g)?.length).to.equal(1);
    expect(new TraceTable("T", [{ target: "<a>", assign: "=", formula: "&", numbers: "", value: 1, node: 0 }]).toHTML())
      .to.contain("&lt;a&gt;").and.contain("&amp;");
  });

  it("rejects a point whose size differs from f's parameters, naming both counts", () => {
    const f = (x1: Value, x2: Value) => x1.mul(x2);
    expect(() => trace(f, { x1: 2 })).to.throw(RangeError, /f takes 2 parameters but the point has 1 input \(x1\)/);
    expect(() => trace(f, { a: 1, b: 2, c: 3 })).to.throw(RangeError, /2 parameters but the point has 3 inputs/);
    expect(() => gradCheck(f, { x1: 2 })).to.throw(RangeError, /gradCheck: f takes 2 parameters but the point has 1 input/);
    // rest parameters declare no count and take any number of inputs
    expect(trace((...xs: Value[]) => xs[0].add(xs[1]), { a: 1, b: 2 }).value).to.equal(3);
  });

  it("names what f returned when it is not a Value", () => {
    expect(() => trace((x: Value) => 3 as unknown as Value, { x: 1 })).to.throw(TypeError, /returned the number 3/);
    expect(() => trace((x: Value) => undefined as unknown as Value, { x: 1 })).to.throw(TypeError, /returned undefined/);
    expect(() => gradCheck((x: Value) => "y" as unknown as Value, { x: 1 })).to.throw(TypeError, /gradCheck: .*returned the string "y"/);
  });

  it("rejects non-finite direction entries (naming the key) and bad digits", () => {
    const f = (x1: Value, x2: Value) => x1.mul(x2);
    expect(() => trace(f, { x1: 2, x2: 5 }, { direction: { x2: NaN } })).to.throw(RangeError, /direction.x2 must be a finite number, got NaN/);
    expect(() => trace(f, { x1: 2, x2: 5 }, { direction: { x1: Infinity } })).to.throw(RangeError, /direction.x1/);
    expect(() => trace(f, { x1: 2, x2: 5 }, { direction: { x1: "1" as unknown as number } })).to.throw(RangeError, /direction.x1/);
    expect(() => trace(f, { x1: 2, x2: 5 }, { digits: 2.5 })).to.throw(RangeError, /digits must be a whole number from 0 to 20, got 2.5/);
    expect(() => trace(f, { x1: 2, x2: 5 }, { digits: -1 })).to.throw(RangeError, /digits/);
    expect(() => trace(f, { x1: 2, x2: 5 }, { digits: 21 })).to.throw(RangeError, /digits/);
    expect(trace(f, { x1: 2, x2: 5 }, { digits: 0 }).value).to.equal(10);
  });

  it("rejects an empty point, an unknown direction and a non-Value result", () => {
    expect(() => trace((x) => x, {})).to.throw(RangeError, /no inputs/);
    expect(() => trace((x) => x, { x: 1 }, { direction: "y" })).to.throw(RangeError, /not an input/);
    expect(() => trace(() => 3 as unknown as never, { x: 1 })).to.throw(TypeError, /must return a Value/);
  });

  it("an input named y: the output takes another name (f), the titles say so, no row mixes the two (issue 12 item 1)", () => {
    const c = trace((x: Value, y: Value) => x.mul(y).add(y.sin()), { x: 2, y: 3 });
    const text = String(c);
    expect(c.primal.rows.at(-1)?.target).to.equal("f");
    expect(c.primal.rows[1].target + " = " + c.primal.rows[1].formula).to.equal("v₀ = y");
    expect(c.primal.title).to.contain("output f").and.contain("an input is called y");
    expect(c.tangent.rows.at(-1)?.target).to.equal("f\u0307");
    expect(c.adjoint.rows[0].formula).to.equal("f\u0304"); // v̄₃ = f̄ = 1
    // Every row named after the output is about the output node; "y" rows only about the input.
    for (const table of [c.primal, c.tangent, c.adjoint]) {
      for (const r of table.rows) {
        if (/^y/.test(r.target) || /^y/.test(r.formula)) expect(r.node).to.equal(c.inputs[1].id);
      }
    }
    expect(text).not.to.match(/^y\s+=\s+v₃/m);
    // The caller may name the output; a name an input has is refused.
    expect(trace((x: Value, y: Value) => x.mul(y), { x: 2, y: 3 }, { output: "loss" }).primal.rows.at(-1)?.target).to.equal("loss");
    expect(() => trace((x: Value, y: Value) => x.mul(y), { x: 2, y: 3 }, { output: "x" })).to.throw(RangeError, /"x" is also an input's name/);
    // Inputs y and f: the output becomes z.
    expect(trace((y: Value, f: Value) => y.mul(f), { y: 2, f: 3 }).primal.rows.at(-1)?.target).to.equal("z");
  });

  it("negative factors are parenthesised: v̄₁ × (−1) × v₀^(−2), never × −1 × (issue 12 item 6)", () => {
    const c = trace((x: Value) => x.pow(-1), { x: 2 });
    const text = String(c);
    expect(text).to.contain("v̄₁ × (−1) × v₀^(−2)").and.contain("1 × (−1) × 2^(−2)");
    expect(text).not.to.match(/× −/);
    expect(c.gradient[0]).to.equal(-0.25); // d(1/x)/dx = −1/x² at 2
  });

  it("an intermediate the output does not use is marked in the forward tables and has no adjoint rows (issue 12 item 6)", () => {
    let unused: Value | undefined;
    const c = trace((x: Value, w: Value) => {
      unused = x.exp(); // computed, never used
      return x.mul(w);
    }, { x: 2, w: 5 });
    const id = (unused as Value).id;
    expect(c.primal.rows.find((r) => r.node === id)?.note).to.match(/unused/);
    expect(c.tangent.rows.find((r) => r.node === id)?.note).to.match(/unused/);
    expect(c.primal.rows.filter((r) => r.note !== undefined)).to.have.length(1);
    expect(c.adjoint.rows.some((r) => r.chain?.includes("∂v₁/"))).to.equal(false); // v₁ = exp v₋₁ sends nothing back
    expect(String(c.adjoint)).not.to.contain("0 × 7.389");
    expect(c.gradient).to.deep.equal([5, 2]);
    expect(String(c.primal)).to.match(/v₁ += exp v₋₁ += exp 2 += 7\.389 \(unused: y does not depend on it\)/);
  });
});

describe("lib/autodiff tables in a notebook column (issue 11 item 15)", () => {
  // A notebook column at a 1280 px browser window is about 970 px (Notebook 6); 940 leaves a margin.
  const COLUMN_PX = 940;
  const fontSizes = (html: string) => [...html.matchAll(/font-size:\s*([\d.]+)px/g)].map((m) => Number(m[1]));

  it("every trace table of lesson 9's two examples is set at ≥ 13 px and fits the column", () => {
    for (const ex of [baydinExample, seed004Example]) {
      const t = trace(ex.f, ex.point);
      for (const table of [t.primal, t.tangent, t.adjoint]) {
        const html = table.toHTML();
        const sizes = fontSizes(html);
        expect(sizes.length, "the table sets its own font size").to.be.greaterThan(0);
        expect(Math.min(...sizes)).to.be.at.least(13);
        // Rows must not wrap (a trace row is one equation), so the table's width is its rows' width.
        expect(html).to.contain("white-space:nowrap");
        const width = tableWidth(table.grid().cells, { caption: table.title });
        expect(width, `${table.title} at ${JSON.stringify(ex.point)}`).to.be.at.most(COLUMN_PX);
        // …and it is not a trivially small estimate: the longest adjoint row is over 60 characters.
        if (table === t.adjoint) expect(width).to.be.greaterThan(400);
      }
    }
  });

  it("wrapText: lines of at most `width` characters at spaces, existing breaks kept, a long word whole", () => {
    const msg = "AutodiffTapeError: backward() through a graph built before an input changed: rebuild the output from the inputs, then call backward() again";
    const lines = wrapText(msg, 40).split("\n");
    expect(lines.length).to.be.greaterThan(3);
    for (const l of lines) expect(l.length).to.be.at.most(40);
    expect(lines.join(" ")).to.equal(msg);
    expect(wrapText("a\nb c", 3)).to.equal("a\nb c");
    expect(wrapText("abcdefgh ij", 4)).to.equal("abcdefgh\nij");
    expect(() => wrapText("x", 0)).to.throw(RangeError, /width/);
  });

  it("lesson 9's cost table (11 columns, counts up to 7 digits) fits the column because its headings wrap", () => {
    const header = ["n inputs", "nodes V", "edges E", "ops f", "ops reverse", "reverse ÷ f", "ops forward mode", "forward mode ÷ f", "ms f", "ms reverse", "ms forward mode"];
    // The widest row the lesson prints (n = 64: about 50,000 edges, 3·10⁶ forward-mode operations).
    const row = ["64", "24961", "49024", "24961", "49024", "1.96", "3137536", "125.7", "0.52", "0.31", "18"];
    expect(tableWidth([row], { header })).to.be.at.most(COLUMN_PX);
    // Without wrapping, the headings alone would be wider than the column.
    const unwrapped = header.reduce((w, h) => w + h.length * TABLE_FONT_PX * 0.64 + 12, 0);
    expect(unwrapped).to.be.greaterThan(COLUMN_PX);
  });

  it("htmlTable: headings wrap at spaces (a long heading does not widen its column), cells are escaped", () => {
    const html = htmlTable([["1", "<b>"]], { header: ["ops forward mode", "x"], right: [0] });
    expect(html).to.contain(`font-size:${TABLE_FONT_PX}px`);
    expect(html).to.contain("&lt;b&gt;");
    expect(html).to.match(/<th style="[^"]*white-space:normal/);
    const wide = tableWidth([["1", "2"]], { header: ["ops forward mode", "x"] });
    const narrow = tableWidth([["1", "2"]], { header: ["ops", "x"] });
    // "forward" (7 characters) is the longest word: the column is as wide as that word, not the whole heading.
    expect(wide - narrow).to.be.closeTo(4 * TABLE_FONT_PX * 0.64, 1e-9);
  });
});
