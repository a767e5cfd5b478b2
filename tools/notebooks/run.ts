/**
 * The notebook runner: executes notebooks top to bottom in the pack's own kernel, over
 * ZeroMQ, with no Python. One fresh kernel per notebook, one execute_request per code cell,
 * stop at the first failing cell and say exactly which one, with its source and the error
 * text tslab printed (which nbconvert/nbclient show as an empty `<Error>:`).
 *
 * CLI: `npm run notebooks:run -- [--out <dir>] [--timeout <s>] [--check-solutions] [--cell-times] [files...]`
 * (default: every notebooks/*.ipynb, sorted; executed copies in build/notebooks/). Each lesson is
 * reported against the 10 s budget with its kernel's CPU time; `--cell-times` lists every cell.
 * `--check-solutions` grades the lessons' check() cells against solutions/ and fails a lesson
 * whose check does not pass (the instructor's guard that lessons, tests and solutions agree).
 */
import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHECK_STRICT_ENV, CHECK_TARGET_ENV } from "../grade/check";
import { packRoot } from "../kernel/jupyter";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt } = require("../kernel/compiled-lib.js") as { ensureBuilt(root: string, log?: (line: string) => void): boolean };
import { Kernel, KernelDiedError, KernelTimeoutError, killAllKernels, type Execution } from "./kernel";
import { joinSource, listNotebooks, readNotebook, writeNotebook, type Notebook, type Output } from "./nbformat";
import { OutputCollector, stripAnsi, toDiskOutputs } from "./outputs";

/** Where the lessons live, and where executed copies go by default. */
export const notebooksDir = path.join(packRoot, "notebooks");
export const defaultOutDir = path.join(packRoot, "build", "notebooks");

export interface RunOptions {
  /** Folder for executed copies (default build/notebooks/); `null` writes none. Sources are never written. */
  outDir?: string | null;
  /** Seconds a cell may run before the kernel is killed (default 120). */
  cellTimeout?: number;
  /** Seconds the kernel may take to start (default 60). */
  startupTimeout?: number;
  /** Where progress lines go (default console.log); failures are returned, not thrown. */
  log?: (line: string) => void;
  /**
   * Grade every `check()` cell against this folder (e.g. the pack's solutions/) in strict mode:
   * a check that does not pass fails its cell, so the lessons' own checks fail the run while a
   * student's unfinished exercise stays an ordinary output. Default: off (checks grade exercises/).
   */
  checkTarget?: string;
  /** Log every code cell's wall and CPU time, not only the three slowest (`--cell-times`). */
  cellTimes?: boolean;
}

/** The error a cell raised, as Jupyter's `error` output has it (ANSI codes removed). */
export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Why a notebook stopped. */
export interface CellFailure extends CellError {
  /** `setup`: nbclient failed before any cell ran. */
  kind: "error" | "timeout" | "kernel-died" | "startup" | "unreadable" | "setup";
  notebook: string;
  /** 1-based index among ALL cells (markdown included); null when no cell ran (unreadable file, kernel start). */
  cell: number | null;
  cellCount: number;
  source: string;
  /** Advice beyond the error itself (e.g. why a `raises-exception` tag does not help). */
  note?: string;
}

export interface NotebookResult {
  notebook: string;
  ok: boolean;
  /** Wall time, kernel start included. */
  seconds: number;
  startupSeconds: number;
  /** CPU seconds of the kernel and its child processes (see Kernel.cpuSeconds); null when not measurable. */
  kernelCpuSeconds: number | null;
  codeCellsRun: number;
  /** Seconds each code cell took (kernel round trip), in notebook order: the slow ones show. */
  cellTimes: CellTime[];
  /** The executed notebook (outputs up to the failing cell). */
  executed: Notebook;
  /** Where the executed copy was written, if anywhere. */
  outFile?: string;
  failure?: CellFailure;
}

/** How long one code cell took. */
export interface CellTime {
  /** 1-based index among ALL cells, as in failure reports. */
  cell: number;
  seconds: number;
  /** CPU seconds the kernel (and the children it reaped) used for the cell; null when not measurable. */
  cpuSeconds?: number | null;
  /** The cell's first non-empty line, to recognise it. */
  firstLine: string;
}

/**
 * Seconds a lesson may take top to bottom through the pack's kernel, kernel start included, on
 * a 2-core machine and also while another job loads it (issue 9 item 8). The runner reports each
 * lesson against it and never fails on it: speed depends on the machine, so it is measured and
 * printed, not tested.
 */
export const LESSON_BUDGET_SECONDS = 10;

/** `7.2 s of the 10 s budget`, or `12.3 s, OVER the 10 s budget by 2.3 s`. */
export function budgetNote(seconds: number, budget = LESSON_BUDGET_SECONDS): string {
  return seconds <= budget
    ? `${seconds.toFixed(1)} s of the ${budget} s budget`
    : `${seconds.toFixed(1)} s, OVER the ${budget} s budget by ${(seconds - budget).toFixed(1)} s`;
}

/**
 * The closing table of a run: each notebook's total against the budget, its kernel start, the
 * sum of its cells, the kernel's CPU seconds (what the lesson costs, whatever else the machine
 * runs) and its slowest cell, then how many are over and the load average before and after
 * (wall times on 2 shared cores mean little without it).
 */
export function budgetTable(results: NotebookResult[], load: { before: number[]; after: number[] }, budget = LESSON_BUDGET_SECONDS): string[] {
  const rows = results.map((r) => {
    const cells = r.cellTimes.reduce((sum, t) => sum + t.seconds, 0);
    const slowest = [...r.cellTimes].sort((a, b) => b.seconds - a.seconds)[0];
    return [
      path.basename(r.notebook, ".ipynb"),
      r.ok ? (r.seconds <= budget ? "ok" : "OVER") : "FAILED",
      r.seconds.toFixed(1),
      r.startupSeconds.toFixed(1),
      cells.toFixed(1),
      r.kernelCpuSeconds === null ? "-" : r.kernelCpuSeconds.toFixed(1),
      slowest ? `cell ${slowest.cell} ${slowest.seconds.toFixed(1)} s` : "-",
    ];
  });
  const header = ["notebook", "budget", "total s", "kernel start s", "cells s", "kernel CPU s", "slowest cell"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((c, i) => (i >= 2 && i <= 5 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  const over = results.filter((r) => r.seconds > budget).length;
  const fmt = (l: number[]) => l.slice(0, 2).map((v) => v.toFixed(2)).join(" / ");
  return [
    line(header),
    ...rows.map(line),
    `${over} of ${results.length} over the ${budget} s budget (kernel start included); load average (1 / 5 min) ${fmt(load.before)} before, ${fmt(load.after)} after, on ${os.cpus().length} cores`,
  ];
}

/** The `count` slowest cells, slowest first, as "cell 3 (1.8 s: import …)" for the run log. */
export function slowestCells(times: CellTime[], count = 3): string {
  return [...times]
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, count)
    .map(cellTimeText)
    .join("; ");
}

/** `cell 3 1.8 s (CPU 1.1 s): import { a } …` (CPU shown when measured). */
export function cellTimeText(t: CellTime): string {
  const cpu = t.cpuSeconds === undefined || t.cpuSeconds === null ? "" : ` (CPU ${t.cpuSeconds.toFixed(1)} s)`;
  return `cell ${t.cell} ${t.seconds.toFixed(1)} s${cpu}: ${t.firstLine.length > 40 ? t.firstLine.slice(0, 39) + "…" : t.firstLine}`;
}

export interface RunSummary {
  results: NotebookResult[];
  seconds: number;
  ok: boolean;
}

const internalFrame = /^\s+at .*(node:vm|node:internal|[\\/]node_modules[\\/]tslab[\\/]|sigintHandlersWrap)/;
const diagnosticLine = /^(\d+):(\d+) - (.*)$/;

/**
 * The error of a failed cell. Kernels that follow the protocol send an `error` output; tslab
 * instead prints the error to stderr and replies `status: "error"` with no ename/evalue, so
 * its stderr text is parsed: TypeScript diagnostics (`line:col - message`) or a JS error
 * (`Name: message` then stack frames, tslab's and Node's own frames dropped).
 */
export function cellError(outputs: Output[], reply?: Execution["reply"]): CellError {
  const errorOutput = outputs.find((o) => o.output_type === "error");
  if (errorOutput && errorOutput.output_type === "error") {
    return { ename: errorOutput.ename, evalue: stripAnsi(errorOutput.evalue), traceback: errorOutput.traceback.map(stripAnsi) };
  }
  if (reply?.content.ename) {
    return { ename: reply.content.ename, evalue: stripAnsi(reply.content.evalue ?? ""), traceback: (reply.content.traceback ?? []).map(stripAnsi) };
  }
  const stderr = stripAnsi(
    outputs.map((o) => (o.output_type === "stream" && o.name === "stderr" ? joinSource(o.text) : "")).join(""),
  );
  const lines = stderr.split("\n").filter((line, i, all) => line !== "" || i < all.length - 1);
  const diagnostics = lines.filter((line) => diagnosticLine.test(line));
  if (diagnostics.length > 0) {
    const first = diagnosticLine.exec(diagnostics[0])![3];
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : "";
    return { ename: "TypeScript", evalue: first + more, traceback: diagnostics };
  }
  const traceback = lines.filter((line) => !internalFrame.test(line));
  const named = lines.find((line) => /^[A-Za-z_$][\w$]*: /.test(line));
  if (named) {
    const at = named.indexOf(": ");
    return { ename: named.slice(0, at), evalue: named.slice(at + 2), traceback };
  }
  const firstText = lines.find((line) => line.trim() !== "");
  if (firstText !== undefined) return { ename: "Uncaught", evalue: firstText, traceback };
  if (reply?.content.status === "abort") {
    return { ename: "Aborted", evalue: "the kernel aborted this cell without running it (tslab does so within 200 ms of an error, tslab#19)", traceback: [] };
  }
  return {
    ename: "Error",
    evalue: `the kernel reported status "${reply?.content.status ?? "error"}" but printed no error text`,
    traceback: [],
  };
}

function tagsOf(metadata: Record<string, unknown>): string[] {
  const tags = metadata.tags;
  return Array.isArray(tags) ? tags.map(String) : [];
}

/**
 * Why the runner fails a cell even when it is tagged `raises-exception` (which nbclient would
 * accept): tslab aborts every request that arrives within 200 ms of an error (tslab#19), so
 * JupyterLab's Run All and nbclient both skip the next cell without running it.
 */
export const raisesExceptionNote =
  "the cell is tagged raises-exception, but tslab aborts every cell queued within 200 ms of an error (tslab#19), " +
  "so Run All and nbclient would skip the next cell: catch the error in the cell and print it instead";

/** Where the executed copy of `file` goes in `outDir`. */
function outFileFor(file: string, outDir: string): string {
  return path.join(outDir, path.basename(file));
}

/**
 * Runs one notebook in a fresh kernel. Never throws for a failing cell: the result says
 * which cell failed and why. The source file is only read.
 */
export async function runNotebook(file: string, options: RunOptions = {}): Promise<NotebookResult> {
  const started = Date.now();
  const cellTimeout = options.cellTimeout ?? 120;
  const outFile = options.outDir === null ? undefined : outFileFor(file, options.outDir ?? defaultOutDir);
  if (outFile !== undefined && path.resolve(outFile) === path.resolve(file)) {
    throw new Error(`refusing to overwrite the source notebook ${file}: choose another --out folder`);
  }
  let source: Notebook;
  try {
    source = readNotebook(file);
  } catch (e) {
    const empty: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] };
    const failure: CellFailure = { kind: "unreadable", notebook: file, cell: null, cellCount: 0, source: "", ename: "Error", evalue: (e as Error).message, traceback: [] };
    return { notebook: file, ok: false, seconds: (Date.now() - started) / 1000, startupSeconds: 0, kernelCpuSeconds: null, codeCellsRun: 0, cellTimes: [], executed: empty, failure };
  }
  const executed: Notebook = JSON.parse(JSON.stringify(source)) as Notebook;
  // Cells past a failure must not show outputs from some earlier run of the source.
  for (const cell of executed.cells) {
    if (cell.cell_type !== "code") continue;
    cell.outputs = [];
    cell.execution_count = null;
  }
  const cellCount = executed.cells.length;
  const result: NotebookResult = { notebook: file, ok: true, seconds: 0, startupSeconds: 0, kernelCpuSeconds: null, codeCellsRun: 0, cellTimes: [], executed, outFile };

  let kernel: Kernel | null = null;
  try {
    try {
      const env = options.checkTarget === undefined ? undefined : { ...process.env, [CHECK_TARGET_ENV]: options.checkTarget, [CHECK_STRICT_ENV]: "1" };
      kernel = await Kernel.start({ startupTimeout: options.startupTimeout, env });
    } catch (e) {
      result.failure = { kind: "startup", notebook: file, cell: null, cellCount, source: "", ename: (e as Error).name, evalue: (e as Error).message, traceback: [] };
      return result;
    }
    result.startupSeconds = (Date.now() - started) / 1000;

    const collector = new OutputCollector();
    for (let i = 0; i < cellCount; i++) {
      const cell = executed.cells[i];
      if (cell.cell_type !== "code") continue;
      const code = joinSource(cell.source);
      if (code.trim() === "") continue; // as nbclient does: nothing to run
      collector.begin();
      let execution: Execution;
      const cellStarted = Date.now();
      const cpuBefore = kernel.cpuSeconds();
      const firstLine = code.split("\n").find((line) => line.trim() !== "")!.trim();
      try {
        execution = await kernel.execute(code, cellTimeout, (msg) => collector.handle(msg));
        const cpuAfter = kernel.cpuSeconds();
        const cpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
        result.cellTimes.push({ cell: i + 1, seconds: (Date.now() - cellStarted) / 1000, cpuSeconds, firstLine });
      } catch (e) {
        cell.outputs = collector.outputs();
        const kind = e instanceof KernelTimeoutError ? "timeout" : e instanceof KernelDiedError ? "kernel-died" : "error";
        const evalue = kind === "timeout" ? `${(e as Error).message}; the kernel was killed` : (e as Error).message;
        result.failure = { kind, notebook: file, cell: i + 1, cellCount, source: code, ename: (e as Error).name, evalue, traceback: [] };
        return result;
      }
      result.codeCellsRun++;
      // Kept live until the end, so a later update_display_data still reaches this cell.
      const outputs = collector.outputs();
      cell.outputs = outputs;
      cell.execution_count = execution.reply.content.execution_count ?? null;
      const failed = execution.reply.content.status !== "ok" || outputs.some((o) => o.output_type === "error");
      if (failed) {
        result.failure = { kind: "error", notebook: file, cell: i + 1, cellCount, source: code, ...cellError(outputs, execution.reply) };
        if (tagsOf(cell.metadata).includes("raises-exception")) result.failure.note = raisesExceptionNote;
        return result;
      }
    }
    return result;
  } finally {
    if (kernel) result.kernelCpuSeconds = kernel.cpuSeconds();
    await kernel?.close();
    result.ok = result.failure === undefined;
    result.seconds = (Date.now() - started) / 1000;
    for (const cell of executed.cells) if (cell.cell_type === "code") cell.outputs = toDiskOutputs(cell.outputs ?? []);
    if (outFile !== undefined) {
      mkdirSync(path.dirname(outFile), { recursive: true });
      writeNotebook(outFile, executed);
    }
  }
}

/** The failure as a report block: notebook, cell (1-based, all cells counted), source, error. */
export function formatFailure(failure: CellFailure): string {
  const lines: string[] = [];
  if (failure.cell === null) {
    const why =
      failure.kind === "startup" ? `the kernel did not start: ${failure.evalue}`
      : failure.kind === "setup" ? `failed before running any cell: ${failure.evalue}`
      : failure.evalue;
    return `FAIL ${failure.notebook}: ${why}`;
  }
  const what =
    failure.kind === "timeout" ? "timed out" : failure.kind === "kernel-died" ? "lost its kernel" : `raised ${failure.ename}: ${failure.evalue}`;
  lines.push(`FAIL ${failure.notebook}`);
  lines.push(`  cell ${failure.cell} of ${failure.cellCount} (counting every cell from 1, markdown included) ${what}`);
  lines.push(`  ---- source of cell ${failure.cell} ----`);
  const sourceLines = failure.source.replace(/\n$/, "").split("\n");
  sourceLines.forEach((line, i) => lines.push(`  ${String(i + 1).padStart(3)} | ${line}`));
  lines.push(`  ---- error ----`);
  if (failure.ename === "TypeScript") {
    for (const diag of failure.traceback) {
      const m = diagnosticLine.exec(diag);
      if (!m) continue;
      const [row, col] = [Number(m[1]), Number(m[2])];
      lines.push(`  line ${row}, column ${col}: ${m[3]}`);
      if (sourceLines[row - 1] !== undefined) {
        lines.push(`  ${String(row).padStart(3)} | ${sourceLines[row - 1]}`);
        lines.push(`      | ${" ".repeat(Math.max(0, col - 1))}^`);
      }
    }
  } else if (failure.traceback.length > 0) {
    for (const line of failure.traceback) lines.push(`  ${line}`);
  } else {
    lines.push(`  ${failure.ename}: ${failure.evalue}`);
  }
  if (failure.note) lines.push(`  note: ${failure.note}`);
  const rest = failure.cellCount - failure.cell;
  if (rest > 0) lines.push(`  (the ${rest} cell(s) after cell ${failure.cell} were not run)`);
  return lines.join("\n");
}

/** A path relative to the cwd when it lies below it, else absolute. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(file) : relative;
}

/** Runs notebooks one after another, logging each with its wall time, then the total. */
export async function runNotebooks(files: string[], options: RunOptions = {}): Promise<RunSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const results: NotebookResult[] = [];
  if (files.length === 0) {
    log("no notebooks found");
    return { results, seconds: 0, ok: true };
  }
  // Built here, once, rather than inside the first kernel's start: a rebuild after a lib/ edit
  // takes 6 s or more, which would count against that lesson and could pass the start deadline.
  if (process.env.DESCENT_KERNEL_SOURCES !== "1") ensureBuilt(packRoot, log);
  const loadBefore = os.loadavg();
  for (const file of files) {
    const shown = displayPath(file);
    const result = await runNotebook(file, options);
    results.push(result);
    const cpu = result.kernelCpuSeconds === null ? "" : `, kernel CPU ${result.kernelCpuSeconds.toFixed(1)} s`;
    const timing = `${budgetNote(result.seconds)}, kernel start ${result.startupSeconds.toFixed(1)} s${cpu}`;
    if (result.ok) log(`ok   ${shown}  (${result.codeCellsRun} code cells, ${timing})`);
    else log(`${formatFailure({ ...result.failure!, notebook: shown })}\n  (${timing})`);
    if (result.cellTimes.length > 0) log(`     slowest: ${slowestCells(result.cellTimes)}`);
    if (options.cellTimes) for (const t of result.cellTimes) log(`       ${cellTimeText(t)}`);
  }
  const seconds = (Date.now() - started) / 1000;
  for (const line of budgetTable(results, { before: loadBefore, after: os.loadavg() })) log(line);
  const failed = results.filter((r) => !r.ok).length;
  const where = options.outDir === null ? "" : `; executed copies in ${displayPath(options.outDir ?? defaultOutDir)}`;
  log(`${results.length} notebook(s): ${results.length - failed} passed, ${failed} failed, ${seconds.toFixed(1)} s in total${where}`);
  return { results, seconds, ok: failed === 0 };
}

/** Kill our kernels and leave with the conventional status when interrupted. */
export function exitCleanlyOnSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAllKernels();
      console.error(`\ninterrupted (${signal}): kernel stopped`);
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  }
}

/** Parses `[--out <dir>] [--timeout <s>] [--check-solutions] [--cell-times] [files...]`. */
export function parseRunArgs(argv: string[]): { files: string[]; options: RunOptions } {
  const files: string[] = [];
  const options: RunOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--check-solutions") {
      options.checkTarget = path.join(packRoot, "solutions");
    } else if (arg === "--cell-times") {
      options.cellTimes = true;
    } else if (arg === "--out" || arg === "--timeout") {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      if (arg === "--out") options.outDir = path.resolve(value);
      else {
        const seconds = Number(value);
        if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`--timeout must be a positive number of seconds, got ${value}`);
        options.cellTimeout = seconds;
      }
    } else if (arg.startsWith("--")) {
      throw new Error(`unknown option ${arg} (use --out <dir>, --timeout <seconds>, --check-solutions, --cell-times)`);
    } else {
      files.push(path.resolve(arg));
    }
  }
  return { files: files.length > 0 ? files : listNotebooks(notebooksDir), options };
}

if (require.main === module) {
  exitCleanlyOnSignals();
  let parsed: ReturnType<typeof parseRunArgs>;
  try {
    parsed = parseRunArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`notebooks:run: ${(e as Error).message}`);
    process.exit(2);
  }
  runNotebooks(parsed.files, parsed.options).then(
    (summary) => process.exit(summary.ok ? 0 : 1),
    (e: Error) => {
      console.error(`notebooks:run: ${e.message}`);
      process.exit(1);
    },
  );
}
