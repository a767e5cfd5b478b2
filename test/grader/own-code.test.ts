// The lesson-10 graded tests refuse a backprop.ts that re-exports lib/nn's reference backprop.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { loadOwn, referenceImports } from "../graded/backprop/own-code";
import { discoverQuestions, selectQuestions } from "../../tools/grade/discover";
import { gradeTargets } from "../../tools/grade/grade";
import { ROOT, tmpDir } from "./helpers";

describe("test/graded/backprop own-code check", () => {
  it("finds imports of lib/nn/dense, lib/nn/tanh-mlp and the lib/nn barrel, and nothing else", () => {
    expect(referenceImports('export { denseBackward } from "../lib/nn/dense";')).to.deep.equal(["../lib/nn/dense"]);
    expect(referenceImports("import * as m from '../lib/nn/tanh-mlp';\nconst b = require(\"../lib/nn/index\");")).to.deep.equal(["../lib/nn/tanh-mlp", "../lib/nn/index"]);
    expect(referenceImports('export * from "../lib/nn";')).to.deep.equal(["../lib/nn"]);
    expect(referenceImports('import { rng } from "../lib/random";\nimport { mse } from "../lib/nn/losses";')).to.deep.equal([]);
    expect(referenceImports(fs.readFileSync(path.join(ROOT, "solutions", "backprop.ts"), "utf8"))).to.deep.equal([]);
  });

  it("fails every backprop test of a re-exporting target with a message saying what to do", () => {
    const dir = tmpDir("own-code");
    fs.writeFileSync(path.join(dir, "backprop.ts"), 'export { denseBackward } from "../lib/nn/dense";\n');
    const before = process.env.DESCENT_TARGET;
    process.env.DESCENT_TARGET = dir;
    try {
      expect(() => loadOwn()).to.throw(/^write these yourself: .*\/?backprop\.ts imports the library's reference implementation from "\.\.\/lib\/nn\/dense"/);
    } finally {
      if (before === undefined) delete process.env.DESCENT_TARGET;
      else process.env.DESCENT_TARGET = before;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("under the grader, decides from the modules bundled (resolved paths), however the import is spelled", async function () {
    this.timeout(600_000);
    const subs = tmpDir("own-code-spelled");
    const spellings: Record<string, string> = {
      "dot-segment": 'export { denseBackward, softmaxCrossEntropyDelta, backpropTanhMlp } from "../lib/./nn/dense";\n',
      // Through a file of the submission's own: the import text of backprop.ts names no lib/nn file.
      "via-helper": 'export * from "./helper";\n',
    };
    for (const [name, source] of Object.entries(spellings)) {
      fs.mkdirSync(path.join(subs, name));
      fs.writeFileSync(path.join(subs, name, "backprop.ts"), source);
    }
    fs.writeFileSync(path.join(subs, "via-helper", "helper.ts"), 'export { denseBackward } from "../lib/nn/dense";\nexport { softmaxCrossEntropyDelta, backpropTanhMlp } from "../lib/nn/tanh-mlp";\n');
    const questions = selectQuestions(await discoverQuestions(ROOT, false), ["dense-backward"]);
    const targets = Object.keys(spellings).map((name) => ({ name, dir: path.join(subs, name), label: "exercises" }));
    try {
      for (const report of await gradeTargets(targets, { root: ROOT, questions })) {
        expect(report.score, report.target).to.equal(0);
        for (const t of report.questions[0].tests) expect(t.message, `${report.target}: ${t.title}`).to.match(/write these yourself: backprop\.ts uses the library's reference implementation in lib\/nn\/dense\.ts/);
      }
    } finally {
      fs.rmSync(subs, { recursive: true, force: true });
    }
  });
});
