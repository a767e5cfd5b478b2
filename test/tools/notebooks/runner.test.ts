import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { rng } from "../../../lib/random";
import { liveKernelCount } from "../../../tools/notebooks/kernel";
import { joinSource, listNotebooks, readNotebook, type Output } from "../../../tools/notebooks/nbformat";
import { budgetNote, budgetTable, cellError, runNotebook, runNotebooks, slowestCells, type NotebookResult } from "../../../tools/notebooks/run";

const root = path.resolve(__dirname, "..", "..", "..");
const fixtures = path.join(root, "test", "fixtures", "notebooks");
const fixture = (name: string) => path.join(fixtures, name);
const tsxCli = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");

function streamText(outputs: Output[] | undefined, name: "stdout" | "stderr"): string {
  return (outputs ?? []).map((o) => (o.output_type === "stream" && o.name === name ? joinSource(o.text) : "")).join("");
}

function hashFixtures(): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const name of readdirSync(fixtures)) {
    hashes[name] = createHash("sha256").update(readFileSync(path.join(fixtures, name))).digest("hex");
  }
  return hashes;
}

describe("tools/notebooks runner (pack kernel over ZeroMQ)", function () {
  // Each test starts a real tslab kernel (about 2 s here, more on a loaded machine).
  this.timeout(90000);
  let out: string;
  let hashesBefore: Record<string, string>;

  before(() => {
    out = mkdtempSync(path.join(os.tmpdir(), "descent-runner-test-"));
    hashesBefore = hashFixtures();
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it("runs a notebook that imports ./lib/random and returns its outputs", async () => {
    const result = await runNotebook(fixture("ok.ipynb"), { outDir: out });
    expect(result.failure, JSON.stringify(result.failure)).to.equal(undefined);
    expect(result.ok).to.equal(true);
    const cells = result.executed.cells;
    // The kernel starts at the pack root, so the notebook's `./lib/random` is ours: same value.
    const expected = rng(42).uniform().toFixed(6);
    expect(streamText(cells[1].outputs, "stdout")).to.equal(`first uniform ${expected}\n`);
    expect(streamText(cells[2].outputs, "stdout")).to.equal("normals 3\n");
    expect(streamText(cells[2].outputs, "stderr")).to.equal("a note on stderr\n");
    const display = cells[3].outputs?.[0];
    expect(display?.output_type).to.equal("display_data");
    expect(display && "data" in display ? display.data["text/html"] : undefined).to.deep.equal(["<b>bold</b>"]);
    expect(cells[4].outputs).to.deep.equal([]); // empty cell: not sent to the kernel
    expect(cells[4].execution_count).to.equal(null);
    expect(streamText(cells[5].outputs, "stdout")).to.equal("last expression\n");
    expect(cells.filter((c) => c.cell_type === "code").map((c) => c.execution_count)).to.deep.equal([1, 2, 3, null, 4]);
    expect(result.codeCellsRun).to.equal(4);
    expect(Number.isFinite(result.seconds) && result.seconds > 0).to.equal(true);
    // One time per code cell sent to the kernel (the empty cell 5 is not sent), finite and ≥ 0.
    expect(result.cellTimes.map((t) => t.cell)).to.deep.equal([2, 3, 4, 6]);
    for (const t of result.cellTimes) expect(Number.isFinite(t.seconds) && t.seconds >= 0, JSON.stringify(t)).to.equal(true);
    // The executed copy on disk holds the same outputs.
    expect(result.outFile).to.equal(path.join(out, "ok.ipynb"));
    const written = readNotebook(result.outFile!);
    expect(streamText(written.cells[1].outputs, "stdout")).to.equal(`first uniform ${expected}\n`);
  });

  it("stops at a runtime throw in cell 3 and reports the cell, its source and tslab's message", async () => {
    const result = await runNotebook(fixture("broken-throw.ipynb"), { outDir: out });
    expect(result.ok).to.equal(false);
    const failure = result.failure!;
    expect(failure.kind).to.equal("error");
    expect(failure.cell).to.equal(3); // 1-based, the markdown cell 1 counted
    expect(failure.cellCount).to.equal(4);
    expect(failure.source).to.contain('throw new Error("deliberate failure in cell 3: answer was " + answer);');
    expect(failure.ename).to.equal("Error");
    expect(failure.evalue).to.equal("deliberate failure in cell 3: answer was 42");
    expect(failure.traceback.join("\n")).to.contain("Error: deliberate failure in cell 3");
    // Cell 4 never ran.
    expect(result.executed.cells[3].outputs).to.deep.equal([]);
    expect(result.executed.cells[3].execution_count).to.equal(null);
  });

  it("reports a TypeScript type error with tslab's diagnostic", async () => {
    const result = await runNotebook(fixture("broken-type.ipynb"), { outDir: null });
    const failure = result.failure!;
    expect(failure.cell).to.equal(2);
    expect(failure.ename).to.equal("TypeScript");
    expect(failure.evalue).to.contain("Type 'string' is not assignable to type 'number'");
    expect(failure.traceback[0]).to.match(/^1:7 - /);
    expect(result.outFile).to.equal(undefined);
  });

  it("the CLI exits non-zero and prints notebook, cell number, source and error text", () => {
    const run = spawnSync(process.execPath, [tsxCli, "tools/notebooks/run.ts", "--out", out, fixture("broken-throw.ipynb")], {
      cwd: root,
      encoding: "utf8",
      timeout: 80000,
    });
    expect(run.status, run.stderr).to.equal(1);
    expect(run.stdout).to.contain("FAIL test/fixtures/notebooks/broken-throw.ipynb");
    expect(run.stdout).to.contain("cell 3 of 4 (counting every cell from 1, markdown included)");
    expect(run.stdout).to.contain('throw new Error("deliberate failure in cell 3: answer was " + answer);');
    expect(run.stdout).to.contain("Error: deliberate failure in cell 3: answer was 42");
    expect(run.stdout).to.match(/1 notebook\(s\): 0 passed, 1 failed, [\d.]+ s in total/);
  });

  it("kills the kernel at the per-cell deadline and reports the cell", async () => {
    const result = await runNotebook(fixture("hang.ipynb"), { outDir: null, cellTimeout: 2 });
    expect(result.failure?.kind).to.equal("timeout");
    expect(result.failure?.cell).to.equal(2);
    expect(result.failure?.evalue).to.contain("within 2 s");
    expect(streamText(result.executed.cells[1].outputs, "stdout")).to.equal("before the loop\n");
    expect(liveKernelCount()).to.equal(0);
  });

  it("fails a cell tagged raises-exception too, explaining tslab's abort of the next cell", async () => {
    const result = await runNotebook(fixture("expected-error.ipynb"), { outDir: null });
    expect(result.failure?.cell).to.equal(1);
    expect(result.failure?.ename).to.equal("RangeError");
    expect(result.failure?.evalue).to.equal("shown on purpose");
    expect(result.failure?.note).to.contain("tslab#19");
  });

  it("with checkTarget, a check() that does not pass fails its cell; against solutions/ it passes", async function () {
    this.timeout(300_000); // three kernels and three graded questions
    const nb = path.join(out, "checks.ipynb");
    const cell = (source: string) => ({ cell_type: "code", metadata: {}, source, outputs: [], execution_count: null });
    const meta = readNotebook(fixture("ok.ipynb")).metadata;
    writeFileSync(nb, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: meta, cells: [cell('import { check } from "./tools/grade/check";'), cell('await check("gd-step");')] }));
    // The stubs in exercises/ throw "not implemented yet", so strict mode must fail cell 2.
    const stubs = await runNotebook(nb, { outDir: null, checkTarget: path.join(root, "exercises") });
    expect(stubs.ok).to.equal(false);
    expect(stubs.failure?.cell).to.equal(2);
    expect(stubs.failure?.evalue).to.match(/check\("gd-step"\) failed against exercises\/ \(strict mode\)/);
    const solutions = await runNotebook(nb, { outDir: null, checkTarget: path.join(root, "solutions") });
    expect(solutions.failure, JSON.stringify(solutions.failure)).to.equal(undefined);
    // Without checkTarget the same failing check is an ordinary output (a student's unfinished exercise).
    const plain = await runNotebook(nb, { outDir: null });
    expect(plain.ok, JSON.stringify(plain.failure)).to.equal(true);
    // Read from /proc before the kernel is killed: some CPU was used (no figure is speed-proof).
    if (process.platform === "linux") expect(plain.kernelCpuSeconds).to.be.a("number").and.to.be.greaterThan(0);
  });

  it("never modifies the source notebooks and leaves no kernel running", () => {
    expect(hashFixtures()).to.deep.equal(hashesBefore);
    expect(liveKernelCount()).to.equal(0);
  });

  it("handles an empty notebooks folder: 'no notebooks found', success", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "descent-empty-"));
    const lines: string[] = [];
    const files = listNotebooks(empty);
    const summary = await runNotebooks(files, { log: (l) => lines.push(l) });
    rmSync(empty, { recursive: true, force: true });
    expect(files).to.deep.equal([]);
    expect(summary.ok).to.equal(true);
    expect(lines).to.deep.equal(["no notebooks found"]);
  });
});

describe("tools/notebooks slowestCells (the run log's timing line)", () => {
  it("lists the slowest cells first, at most `count`, with a shortened first line", () => {
    const times = [
      { cell: 2, seconds: 0.2, firstLine: "const a = 1;" },
      { cell: 4, seconds: 3.25, firstLine: 'import { lineChart } from "./lib/plot/line"; // a long line' },
      { cell: 7, seconds: 1.0, firstLine: "train();" },
    ];
    expect(slowestCells(times, 2)).to.equal('cell 4 3.3 s: import { lineChart } from "./lib/plot/l…; cell 7 1.0 s: train();');
  });
});

describe("tools/notebooks budget report (each lesson against its 10 s)", () => {
  const result = (name: string, seconds: number, ok = true): NotebookResult => ({
    notebook: `/x/notebooks/${name}.ipynb`,
    ok,
    seconds,
    startupSeconds: 1.5,
    kernelCpuSeconds: seconds / 2,
    codeCellsRun: 2,
    cellTimes: [
      { cell: 2, seconds: 0.25, firstLine: "a" },
      { cell: 5, seconds: seconds - 2, firstLine: "b" },
    ],
    executed: { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] },
  });

  it("says how much of the budget a lesson used, or by how much it went over", () => {
    expect(budgetNote(7.25)).to.equal("7.3 s of the 10 s budget");
    expect(budgetNote(10)).to.equal("10.0 s of the 10 s budget");
    expect(budgetNote(12.34)).to.equal("12.3 s, OVER the 10 s budget by 2.3 s");
    expect(budgetNote(5, 4)).to.equal("5.0 s, OVER the 4 s budget by 1.0 s");
  });

  it("tabulates total, kernel start, cells, kernel CPU and the slowest cell, counts the lessons over, and shows the load", () => {
    const lines = budgetTable([result("04-a", 8), result("05-b", 11.5), result("06-c", 3, false)], { before: [1.5, 2, 3], after: [3.25, 2.5, 3] });
    expect(lines[0]).to.match(/^notebook\s+budget\s+total s\s+kernel start s\s+cells s\s+kernel CPU s\s+slowest cell$/);
    expect(lines[1]).to.match(/^04-a\s+ok\s+8\.0\s+1\.5\s+6\.3\s+4\.0\s+cell 5 6\.0 s$/);
    expect(lines[2]).to.match(/^05-b\s+OVER\s+11\.5\s+1\.5\s+9\.8\s+5\.8\s+cell 5 9\.5 s$/);
    expect(lines[3]).to.match(/^06-c\s+FAILED\s+3\.0\s+/);
    expect(lines[4]).to.match(/^1 of 3 over the 10 s budget \(kernel start included\); load average \(1 \/ 5 min\) 1\.50 \/ 2\.00 before, 3\.25 \/ 2\.50 after, on \d+ cores$/);
  });
});

describe("tools/notebooks cellError (reading tslab's error text)", () => {
  const stderr = (text: string): Output[] => [{ output_type: "stream", name: "stderr", text }];

  it("takes ename and evalue from a JS error and drops tslab's and Node's own frames", () => {
    const text = [
      "evalmachine.<anonymous>:2",
      "\u001b[31mError: boom\u001b[39m",
      "    at evalmachine.<anonymous>:2:7",
      "    at sigintHandlersWrap (node:vm:280:12)",
      "    at Object.execute (/x/node_modules/tslab/dist/executor.js:160:38)",
      "",
    ].join("\n");
    const error = cellError(stderr(text));
    expect(error.ename).to.equal("Error");
    expect(error.evalue).to.equal("boom");
    expect(error.traceback).to.deep.equal(["evalmachine.<anonymous>:2", "Error: boom", "    at evalmachine.<anonymous>:2:7"]);
  });

  it("recognises TypeScript diagnostics and counts the extra ones", () => {
    const error = cellError(stderr("1:7 - Type 'string' is not assignable to type 'number'.\n3:3 - Property 'foo' does not exist.\n"));
    expect(error.ename).to.equal("TypeScript");
    expect(error.evalue).to.equal("Type 'string' is not assignable to type 'number'. (and 1 more)");
    expect(error.traceback).to.have.length(2);
  });

  it("prefers a protocol error output when the kernel sends one", () => {
    const outputs: Output[] = [
      { output_type: "stream", name: "stderr", text: "noise\n" },
      { output_type: "error", ename: "ValueError", evalue: "bad", traceback: ["\u001b[0;31mValueError\u001b[0m: bad"] },
    ];
    expect(cellError(outputs)).to.deep.equal({ ename: "ValueError", evalue: "bad", traceback: ["ValueError: bad"] });
  });

  it("says so when the kernel failed without any text", () => {
    expect(cellError([]).evalue).to.contain("printed no error text");
  });
});
