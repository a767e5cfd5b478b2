// The kernel patches how tslab compiles a cell (tools/kernel/fast-tslab.js). These tests fail if
// the patch silently stops applying (a tslab or TypeScript update that changes the internals it
// hooks into), if it changes what a cell compiles to, or if it makes a cell's type errors worse.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Kernel } from "../../../tools/notebooks/kernel";

const root = path.resolve(__dirname, "..", "..", "..");
const fixtureDir = path.join(root, "build", "test-fast-tslab");

interface Diagnostic {
  line: number;
  character: number;
  messageText: string;
  code: number;
  fileName: string | null;
}
interface Converted {
  output: string | null;
  declOutput: string | null;
  diagnostics: Diagnostic[];
  sideOutputs: { path: string; data: string }[];
  hasToplevelAwait: boolean;
  lastExpressionVar: string | null;
}
interface ConvertRun {
  status: { active: boolean; reason?: string };
  stats: { hostsPatched: number; programsBuilt: number } | null;
  results: Converted[];
}

/** Compiles `cells` in order with tslab's own converter in a child process, patched or not. */
function convert(mode: "fast" | "plain", cells: string[]): ConvertRun {
  const res = spawnSync(process.execPath, [path.join(__dirname, "convert-cells.js"), mode], {
    input: JSON.stringify(cells),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (res.status !== 0) throw new Error(`convert-cells.js ${mode} exited ${res.status}: ${res.stderr}`);
  return JSON.parse(res.stdout) as ConvertRun;
}

// What a lesson does, plus what goes wrong in one: lib/ (precompiled .d.ts) and local .ts imports
// (emitted as side outputs), classes, interfaces, redeclarations, top-level await, a last
// expression, a type error in the cell, and one inside an imported file.
const cells = [
  'import { rng } from "./lib/random";\nimport { twice } from "./build/test-fast-tslab/helper";\nconst r = rng(1);\ntwice(2)',
  "let x: number = twice(3);\nclass Box { constructor(public v: number) {} }\ninterface Shape { n: number }\nconst s: Shape = { n: x };\nx",
  "const bad: string = 1;",
  'let x = "again";\nx.length',
  "await Promise.resolve(new Box(x.length).v + s.n)",
  'import { broken } from "./build/test-fast-tslab/bad";\nbroken()',
  "function f(a: number) { return a * 2; }\nf(r.uniform())",
];

describe("tools/kernel fast-tslab (the kernel's faster cell compilation)", function () {
  this.timeout(240_000);

  before(() => {
    mkdirSync(fixtureDir, { recursive: true });
    writeFileSync(path.join(fixtureDir, "helper.ts"), 'import { rng } from "../../lib/random";\nexport function twice(v: number): number {\n  return 2 * v + 0 * rng(0).uniform();\n}\n');
    writeFileSync(path.join(fixtureDir, "bad.ts"), 'export function broken(): number {\n  const n: number = "not a number";\n  return n;\n}\n');
  });
  after(() => rmSync(fixtureDir, { recursive: true, force: true }));

  it("is in force with the pinned tslab: tslab's converter builds its programs through the patch", () => {
    const fast = convert("fast", cells.slice(0, 2));
    expect(fast.status, "installFastTslab refused the installed tslab/TypeScript").to.deep.equal({ active: true });
    // Zero here means converter.js no longer gets TypeScript through the wrapper, or no longer
    // builds its programs through a watch host's createProgram: the patch would do nothing.
    expect(fast.stats?.hostsPatched).to.equal(1);
    expect(fast.stats?.programsBuilt).to.be.at.least(3);
  });

  it("compiles every cell to the same JavaScript, declarations, side outputs and diagnostics as unpatched tslab", () => {
    const plain = convert("plain", cells);
    const fast = convert("fast", cells);
    expect(plain.stats, "the plain run must not be patched").to.equal(null);
    // The cells do what they are meant to, so the comparison covers each case.
    expect(plain.results[0].sideOutputs.map((s) => s.path)).to.include(path.join("build", "test-fast-tslab", "helper.js"));
    expect(plain.results[2].diagnostics.map((d) => d.messageText).join()).to.match(/Type 'number' is not assignable to type 'string'/);
    expect(plain.results[4].hasToplevelAwait).to.equal(true);
    expect(plain.results[5].diagnostics.map((d) => d.fileName)).to.include(path.join("build", "test-fast-tslab", "bad.ts"));
    expect(plain.results[6].diagnostics).to.deep.equal([]);
    for (let i = 0; i < cells.length; i++) expect(fast.results[i], `cell ${i + 1}: ${cells[i].split("\n")[0]}`).to.deep.equal(plain.results[i]);
  });

  it("leaves the patch off for another tslab or TypeScript version, and says so", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { installFastTslab } = require("../../../tools/kernel/fast-tslab.js") as {
      installFastTslab(root: string, ts: { version: string }, env: NodeJS.ProcessEnv, log: (line: string) => void): { active: boolean; reason?: string };
    };
    const lines: string[] = [];
    const other = installFastTslab(root, { version: "5.9.9" }, {}, (line) => lines.push(line));
    expect(other.active).to.equal(false);
    expect(lines.join("\n")).to.match(/without the speed-up.*TypeScript 5\.9\.9.*TypeScript 5\.0\.4/);
    expect(installFastTslab(root, { version: "5.0.4" }, { DESCENT_KERNEL_FAST: "0" }, () => {}).active).to.equal(false);
  });

  it("in the kernel: cells run patched, and a type error names its line, column and message as before", async () => {
    const kernel = await Kernel.start();
    try {
      const stats = await kernel.execute("console.log(JSON.stringify((globalThis as any).__descentFastTslab));", 60);
      const printed = stats.iopub.map((m) => (m.header.msg_type === "stream" ? String((m.content as { text?: string }).text) : "")).join("");
      expect(JSON.parse(printed).programsBuilt, printed).to.be.at.least(1);
      const typed = await kernel.execute("const ok = 1;\nconst bad: string = ok;", 60);
      expect(typed.reply.content.status).to.not.equal("ok");
      const stderr = typed.iopub.map((m) => (m.header.msg_type === "stream" ? String((m.content as { text?: string }).text) : "")).join("");
      expect(stderr).to.contain("2:7 - Type 'number' is not assignable to type 'string'.");
    } finally {
      await kernel.close();
    }
  });
});
