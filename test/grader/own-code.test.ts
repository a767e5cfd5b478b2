// The lesson-10 graded tests refuse a backprop.ts that re-exports lib/nn's reference backprop.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { loadOwn, referenceImports } from "../graded/backprop/own-code";
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
});
