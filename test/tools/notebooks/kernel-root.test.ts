// One kernelspec serves every clone of the pack on a machine: the launcher must run the pack
// the notebook belongs to (issue 11 item 7), never the clone that registered the kernel last.
import { expect } from "chai";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kernel, KernelDiedError } from "../../../tools/notebooks/kernel";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findPackRoot } = require("../../../tools/kernel/find-root.js") as { findPackRoot: (start: string) => string | null };

const root = path.resolve(__dirname, "..", "..", "..");

/** A minimal second clone: package.json named descent, the launcher, and (optionally) our node_modules. */
function makeClone(base: string, name: string, withModules: boolean): string {
  const dir = path.join(base, name);
  mkdirSync(path.join(dir, "notebooks"), { recursive: true });
  mkdirSync(path.join(dir, "lib"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "descent", private: true }));
  cpSync(path.join(root, "tools", "kernel"), path.join(dir, "tools", "kernel"), { recursive: true });
  if (withModules) symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  writeFileSync(path.join(dir, "lib", "marker.ts"), `export const clone: string = ${JSON.stringify(name)};\n`);
  return dir;
}

describe("tools/kernel launcher: each clone runs its own files", function () {
  this.timeout(120_000);
  let base: string;
  before(() => (base = mkdtempSync(path.join(os.tmpdir(), "descent-clones-"))));
  after(() => rmSync(base, { recursive: true, force: true }));

  it("findPackRoot finds the nearest enclosing pack, and null outside any pack", () => {
    const b = makeClone(base, "found", false);
    expect(findPackRoot(path.join(b, "notebooks"))).to.equal(b);
    expect(findPackRoot(b)).to.equal(b);
    expect(findPackRoot(root)).to.equal(root);
    const other = path.join(base, "other");
    mkdirSync(path.join(other, "deep"), { recursive: true });
    writeFileSync(path.join(other, "package.json"), JSON.stringify({ name: "not-descent" }));
    expect(findPackRoot(path.join(other, "deep"))).to.equal(null);
  });

  it("a kernel started in another clone's notebooks/ imports that clone's lib, not the registering clone's", async () => {
    const b = makeClone(base, "clone-b", true);
    // The kernel is started as Jupyter would with this clone's kernelspec: our launcher, cwd = B's notebooks/.
    const kernel = await Kernel.start({ cwd: path.join(b, "notebooks") });
    try {
      const run = await kernel.execute('import { clone } from "./lib/marker";\nconsole.log("clone=" + clone + " cwd=" + process.cwd());', 60);
      const text = run.iopub.map((m) => (m.header.msg_type === "stream" ? String((m.content as { text?: string }).text) : "")).join("");
      expect(run.reply.content.status, text).to.equal("ok");
      expect(text).to.contain("clone=clone-b");
      expect(text).to.contain(`cwd=${b}`);
    } finally {
      await kernel.close();
    }
  });

  it("a clone without node_modules stops the kernel with the fix, instead of borrowing another clone's tslab", async () => {
    const c = makeClone(base, "clone-c", false);
    let error: unknown;
    try {
      const kernel = await Kernel.start({ cwd: path.join(c, "notebooks"), startupTimeout: 30 });
      await kernel.close();
    } catch (e) {
      error = e;
    }
    expect(error, "the kernel should not start").to.be.instanceOf(KernelDiedError);
    expect((error as Error).message).to.match(/no node_modules\/tslab\. Run "npm install"/);
  });
});
