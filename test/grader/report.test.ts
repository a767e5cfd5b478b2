// The grade table and the notes under it: fits a terminal, says which file was tested and when
// it was saved, and says when hidden tests are counted (issue 11 items 3–5).
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ago, hiddenNote, savedNote, table, wrap } from "../../tools/grade/report";
import type { GradeReport, TestResult } from "../../tools/grade/types";
import { tmpDir } from "./helpers";

const test = (hidden: boolean, points: number): TestResult =>
  ({ title: "t", hidden, points, score: 0, outcome: "failed", message: "m", output: "", outputBytes: 0, outputTruncated: false }) as unknown as TestResult;

describe("tools/grade report: table width, saved files, hidden tests", () => {
  it("wraps the last column so no line is longer than the terminal", () => {
    const long = "expected 0.95 ± 1e-12, got 0.9 (off by 0.05) ".repeat(6).trim();
    const out = table(["question", "points", "first failure"], [["gd-step", "0/5", long]], 80);
    const lines = out.split("\n");
    for (const line of lines) expect(line.length, line).to.be.at.most(80);
    expect(lines.length, "the message continues on further lines").to.be.greaterThan(3);
    // Continuation lines start under the message column, and no word of the message is lost.
    const indent = "gd-step ".length + "  ".length + "points".length + "  ".length - 1;
    expect(lines[3].startsWith(" ".repeat(indent))).to.equal(true);
    expect(lines.slice(2).join(" ").replace(/\s+/g, " ")).to.contain(long.split(" ").slice(-5).join(" "));
  });

  it("without a width, leaves the last column on one line", () => {
    expect(table(["a", "b"], [["1", "x ".repeat(200).trim()]]).split("\n")).to.have.length(3);
  });

  it("wrap cuts a word longer than the room rather than looping", () => {
    expect(wrap("a".repeat(50), 20)).to.deep.equal(["a".repeat(20), "a".repeat(20), "a".repeat(10)]);
  });

  it("says when a file was saved, and when it is missing", () => {
    const dir = tmpDir("saved");
    const file = path.join(dir, "welcome.ts");
    fs.writeFileSync(file, "export {};\n");
    const twoMinutesAgo = Date.now() / 1000 - 120;
    fs.utimesSync(file, twoMinutesAgo, twoMinutesAgo);
    expect(savedNote(file, "exercises/welcome.ts")).to.equal("exercises/welcome.ts, saved 2 min ago");
    expect(savedNote(path.join(dir, "nope.ts"), "exercises/nope.ts")).to.equal("exercises/nope.ts was not found");
    expect([ago(1000), ago(30_000), ago(3 * 3600_000), ago(86400_000), ago(5 * 86400_000)]).to.deep.equal(["just now", "30 s ago", "3 h ago", "1 day ago", "5 days ago"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("counts hidden tests and their points, and says nothing when there are none", () => {
    const report = (tests: TestResult[]) => ({ questions: [{ id: "q", lesson: "welcome", score: 0, maxScore: 9, tests }] }) as unknown as GradeReport;
    expect(hiddenNote(report([test(false, 5), test(true, 1), test(true, 2)]))).to.equal(
      "2 hidden tests (3 points) are counted here; check() in a notebook runs the public tests only",
    );
    expect(hiddenNote(report([test(false, 5)]))).to.equal("");
  });
});
