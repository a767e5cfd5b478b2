import { expect } from "chai";
import { selfCheck, SelfCheckError, SELF_CHECK_STRICT_ENV } from "../../lib/self-check";

describe("lib/self-check selfCheck", () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env[SELF_CHECK_STRICT_ENV];
    delete process.env[SELF_CHECK_STRICT_ENV];
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[SELF_CHECK_STRICT_ENV];
    else process.env[SELF_CHECK_STRICT_ENV] = saved;
  });

  it("a passing claim prints one ✓ line with the measurement (and returns nothing for tslab to print)", () => {
    const lines: string[] = [];
    expect(selfCheck("accuracy ≥ 95 %", 0.98 >= 0.95, "measured 98 %", (l) => lines.push(l))).to.equal(undefined);
    expect(lines).to.deep.equal(["✓ check: accuracy ≥ 95 % (measured 98 %)"]);
  });

  it("a failing claim in a student's notebook prints a ✗ line, without throwing", () => {
    const lines: string[] = [];
    expect(() => selfCheck("accuracy ≥ 95 %", Number.NaN >= 0.95, "measured NaN %", (l) => lines.push(l))).not.to.throw();
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^✗ check failed: accuracy ≥ 95 % \(measured NaN %\)\. The text around this cell assumes it/);
  });

  it("under the lesson runner's strict mode a failing claim throws, a passing one does not", () => {
    process.env[SELF_CHECK_STRICT_ENV] = "1";
    expect(() => selfCheck("accuracy ≥ 95 %", false, "measured 50 %", () => {})).to.throw(SelfCheckError, "lesson self-check failed: accuracy ≥ 95 % (measured 50 %)");
    expect(() => selfCheck("accuracy ≥ 95 %", true, "", () => {})).not.to.throw();
  });

  it("refuses a non-boolean verdict (a number would pass by truthiness)", () => {
    expect(() => selfCheck("x", 0.5 as unknown as boolean)).to.throw(TypeError, /passed must be true or false, got number/);
  });
});
