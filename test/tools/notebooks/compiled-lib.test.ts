// The kernel serves lib/ precompiled (tools/kernel/compiled-lib.js) so lessons import in about a
// second: the compiler must still see lib/'s types, require must load the built JavaScript,
// errors must point at lib/*.ts, and an edited lib/ file must trigger a rebuild.
import { expect } from "chai";
import { utimesSync } from "node:fs";
import path from "node:path";
import { Kernel } from "../../../tools/notebooks/kernel";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const compiled = require("../../../tools/kernel/compiled-lib.js") as {
  ensureBuilt(root: string, log?: (line: string) => void): boolean;
  isStale(root: string): boolean;
  builtCounterpart(root: string, file: string, ext: string): string | null;
  gradeSourceOf(root: string, builtFile: string): string | null;
};

const root = path.resolve(__dirname, "..", "..", "..");

function text(run: Awaited<ReturnType<Kernel["execute"]>>): string {
  return run.iopub.map((m) => (m.header.msg_type === "stream" ? String((m.content as { text?: string }).text) : "")).join("");
}

describe("tools/kernel compiled lib/", function () {
  this.timeout(180_000);

  it("builds build/kernel/lib, maps lib/ sources to it, and rebuilds after a lib/ file changes", () => {
    expect(compiled.ensureBuilt(root, () => {})).to.equal(true);
    expect(compiled.isStale(root)).to.equal(false);
    expect(compiled.builtCounterpart(root, path.join(root, "lib", "optim", "adam.ts"), ".d.ts")).to.equal(path.join(root, "build", "kernel", "lib", "optim", "adam.d.ts"));
    expect(compiled.builtCounterpart(root, path.join(root, "lib", "optim", "adam"), ".js")).to.equal(path.join(root, "build", "kernel", "lib", "optim", "adam.js"));
    expect(compiled.builtCounterpart(root, path.join(root, "tools", "grade", "check.ts"), ".d.ts")).to.equal(path.join(root, "build", "kernel", "tools", "grade", "check.d.ts"));
    expect(compiled.gradeSourceOf(root, path.join(root, "build", "kernel", "tools", "grade", "check.js"))).to.equal(path.join(root, "tools", "grade", "check.ts"));
    expect(compiled.gradeSourceOf(root, path.join(root, "build", "kernel", "lib", "random.js")), "lib/ keeps its built paths").to.equal(null);
    expect(compiled.builtCounterpart(root, path.join(root, "exercises", "welcome.ts"), ".d.ts"), "only lib/ and tools/grade/ are precompiled").to.equal(null);
    // Touch one source to a time after the build: stale, and rebuilt.
    const file = path.join(root, "lib", "random.ts");
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    expect(compiled.isStale(root)).to.equal(true);
    const log: string[] = [];
    expect(compiled.ensureBuilt(root, (line) => log.push(line))).to.equal(true);
    expect(log.join("\n")).to.match(/precompiled lib\/ in/);
    const now = new Date();
    utimesSync(file, now, now);
  });

  it("in the kernel: types come from lib/, require loads the build, and errors name lib/*.ts", async () => {
    const kernel = await Kernel.start();
    try {
      const ok = await kernel.execute('import { rng } from "./lib/random";\nconsole.log(require.resolve("./lib/random"));\nconsole.log(rng(3).int(1, 6) >= 1);', 60);
      expect(ok.reply.content.status, text(ok)).to.equal("ok");
      expect(text(ok)).to.contain(path.join("build", "kernel", "lib", "random.js"));
      expect(text(ok)).to.contain("true");
      // The compiler still knows lib/'s types: a wrong one is a type error in the cell.
      const typed = await kernel.execute('const bad: string = rng(1).uniform();', 60);
      expect(typed.reply.content.status).to.not.equal("ok");
      expect(JSON.stringify(typed.iopub)).to.match(/not assignable to type 'string'/);
      await new Promise((r) => setTimeout(r, 300)); // tslab drops requests within 200 ms of an error (tslab#19)
      // A throw inside lib/ shows lib/random.ts in its stack (source maps), not the built .js.
      const thrown = await kernel.execute('try { rng(-1); } catch (e) { console.log((e as Error).stack); }', 60);
      expect(text(thrown)).to.match(/lib[\\/]random\.ts:\d+/);
      // check() comes precompiled too, but runs as tools/grade/check.ts: the grader finds its
      // child process's file and the pack from __dirname.
      const grade = await kernel.execute(
        'import { CHECK_TARGET_ENV } from "./tools/grade/check";\nconst loaded = Object.values(require.cache).find((m) => m!.id.endsWith("check.js") && m!.id.includes("grade"))!;\nconsole.log(CHECK_TARGET_ENV, loaded.id, loaded.filename);',
        60,
      );
      expect(grade.reply.content.status, text(grade)).to.equal("ok");
      expect(text(grade)).to.contain(`DESCENT_CHECK_TARGET ${path.join(root, "build", "kernel", "tools", "grade", "check.js")} ${path.join(root, "tools", "grade", "check.ts")}`);
    } finally {
      await kernel.close();
    }
  });
});
