// The judge's mocha, bundled into one file by the kernel's build step and preloaded before tsx
// (tools/grade/judge-mocha.js, judge-preload.js): the bundle is built once and only read after.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildJudgeMocha, judgeMochaPath } = require("../../tools/grade/judge-mocha.js") as {
  buildJudgeMocha(root: string): string | null;
  judgeMochaPath(root: string): string | null;
};

describe("tools/grade judge's mocha bundle", function () {
  this.timeout(60_000);

  it("is built once under build/grade/ and then found without writing", () => {
    const built = buildJudgeMocha(ROOT);
    expect(built).to.be.a("string");
    expect(path.relative(ROOT, built!)).to.match(/^build[\\/]grade[\\/]mocha-\d+\.\d+\.\d+\.cjs$/);
    const mtime = fs.statSync(built!).mtimeMs;
    expect(judgeMochaPath(ROOT)).to.equal(built);
    expect(buildJudgeMocha(ROOT)).to.equal(built);
    expect(fs.statSync(built!).mtimeMs, "not rebuilt").to.equal(mtime);
  });

  it("says null for a pack where it was never built", () => {
    const elsewhere = fs.mkdtempSync(path.join(ROOT, "build", "judge-mocha-"));
    try {
      fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(elsewhere, "node_modules"));
      expect(judgeMochaPath(elsewhere)).to.equal(null);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("the preload hands the judge mocha's class from the bundle and removes its variable", () => {
    const bundle = buildJudgeMocha(ROOT)!;
    const probe = 'const M = globalThis[Symbol.for("descent.judge.mocha")]; console.log(JSON.stringify({ isClass: typeof M === "function", runner: typeof (M && M.Runner), suite: typeof (M && M.Suite), env: process.env.DESCENT_JUDGE_MOCHA ?? null, fromBundle: Object.keys(require.cache).some((f) => f.endsWith(".cjs") && f.includes("build")) }))';
    const out = execFileSync(process.execPath, ["--require", path.join(ROOT, "tools", "grade", "judge-preload.js"), "-e", probe], { env: { ...process.env, DESCENT_JUDGE_MOCHA: bundle }, encoding: "utf8" });
    expect(JSON.parse(out)).to.deep.equal({ isClass: true, runner: "function", suite: "function", env: null, fromBundle: true });
  });
});
