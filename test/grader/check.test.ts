// Tests of check(), the notebook entry point (run here outside a kernel: it prints text).
import { expect } from "chai";
import { check, toHtml, toText } from "../../tools/grade/check";
import { inspect } from "util";

describe("tools/grade check()", function () {
  this.timeout(120_000);

  it("runs a question's public tests against exercises/ and reports each", async () => {
    const r = await check("gd-step", { display: false });
    expect(r.id).to.equal("gd-step");
    expect(r.passed).to.equal(false);
    expect(r.tests.length).to.be.greaterThan(0);
    expect(r.tests.every((t) => !t.hidden), "check never runs hidden tests").to.equal(true);
    expect(r.tests[0].message).to.equal("not implemented yet: gdStep (lesson 0)");
    expect(r.score).to.equal(0);
    expect(inspect(r)).to.match(/^gd-step: 0\/5 points, 4 of 4 tests failing$/);
  });

  it("shows an HTML table with a text alternative, escaping what the code under test wrote", async () => {
    const r = await check("gd-run", { target: "solutions", display: false });
    expect(r.passed).to.equal(true);
    expect(r.score).to.equal(r.maxScore);
    expect(toText(r)).to.match(/✓ +returns steps \+ 1 points/);
    const tampered = { ...r, passed: false, tests: [{ ...r.tests[0], outcome: "failed" as const, message: "<script>x</script>" }] };
    expect(toHtml(tampered)).to.contain("&lt;script&gt;x&lt;/script&gt;");
    expect(toHtml(tampered)).to.not.contain("<script>");
  });

  it("writes nothing to stderr (in a kernel every write, even an empty one, is a red stderr box above the table)", async () => {
    const writes: string[] = [];
    const original = process.stderr.write;
    process.stderr.write = ((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      await check("gd-step", { display: false });
    } finally {
      process.stderr.write = original;
    }
    expect(writes, "stderr writes during check()").to.deep.equal([]);
  });

  it("rejects an unknown question, listing the known ones", async () => {
    let message = "";
    try {
      await check("gd-stpe", { display: false });
    } catch (err) {
      message = String(err);
    }
    expect(message).to.match(/no question "gd-stpe"\. Known questions: .*gd-step/);
  });
});
