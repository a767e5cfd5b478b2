/**
 * The second path: execute notebooks through Jupyter's own nbclient (what nbconvert,
 * papermill and JupyterLab users' tooling run), so the pack stays green there too.
 *
 * Uses whichever Python has nbclient (Debian puts it under /usr/bin/python3). The `descent`
 * kernelspec it resolves is one written for THIS checkout into a temporary JUPYTER_PATH
 * entry (which Jupyter searches before the user's data dir), so the check never depends on,
 * or changes, what the user registered. Without nbclient the pass is skipped with one line.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { installKernel } from "../kernel/install";
import { findPythonWithNbclient, packRoot } from "../kernel/jupyter";
import { listNotebooks, type Output } from "./nbformat";
import { cellError, displayPath, formatFailure, notebooksDir, type CellFailure } from "./run";

/** Runs each notebook with nbclient; one JSON line per notebook on stdout. */
const nbclientScript = String.raw`
import json, math, os, sys, time
import nbformat
from nbclient import NotebookClient

timeout = int(math.ceil(float(sys.argv[1])))
for path in sys.argv[2:]:
    started = time.time()
    record = {"file": path, "ok": True, "cell": None, "source": "", "outputs": [], "exception": "", "cells": 0}
    current = [None]
    try:
        nb = nbformat.read(path, as_version=4)
        record["cells"] = len(nb.cells)
        name = (nb.metadata.get("kernelspec") or {}).get("name") or "descent"
        client = NotebookClient(nb, timeout=timeout, kernel_name=name,
                                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        client.on_cell_start = lambda cell, cell_index: current.__setitem__(0, cell_index)
        aborted = []
        def on_executed(cell, cell_index, execute_reply):
            # nbclient treats status "abort" as success, but the cell did not run.
            if execute_reply and execute_reply["content"].get("status") == "abort":
                aborted.append(cell_index)
                raise RuntimeError("the kernel aborted this cell without running it (tslab cancels requests that arrive within 200 ms of an error, tslab#19: show an error with try/catch, not a raises-exception cell)")
        client.on_cell_executed = on_executed
        client.execute()
    except BaseException as e:
        record["ok"] = False
        record["exception"] = type(e).__name__ + ": " + (str(e).strip().splitlines() or [""])[0]
        if current[0] is not None:
            cell = nb.cells[current[0]]
            record["cell"] = current[0] + 1
            record["source"] = cell.source
            record["outputs"] = cell.get("outputs", [])
        if isinstance(e, KeyboardInterrupt):
            raise
    record["seconds"] = time.time() - started
    print(json.dumps(record), flush=True)
`;

interface NbclientRecord {
  file: string;
  ok: boolean;
  cell: number | null;
  cells: number;
  source: string;
  outputs: Output[];
  exception: string;
  seconds: number;
}

export interface NbclientResult {
  notebook: string;
  ok: boolean;
  seconds: number;
  failure?: CellFailure;
}

export interface NbclientSummary {
  /** Why the pass did not run (no Python with nbclient), or null when it ran. */
  skipped: string | null;
  python: string | null;
  results: NbclientResult[];
  seconds: number;
  ok: boolean;
}

export interface NbclientOptions {
  /** Per-cell timeout in seconds (default 120). */
  cellTimeout?: number;
  log?: (line: string) => void;
  /** Python to use; default: the first with nbclient (see `findPythonWithNbclient`). */
  python?: string | null;
}

/** Executes `files` with nbclient, stopping each at its first failing cell. */
export async function runNbclient(files: string[], options: NbclientOptions = {}): Promise<NbclientSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const python = options.python === undefined ? findPythonWithNbclient() : options.python;
  if (python === null) {
    const skipped = "nbclient pass skipped: no Python with nbclient (Debian/Ubuntu: sudo apt-get install python3-nbclient python3-nbconvert)";
    log(skipped);
    return { skipped, python, results: [], seconds: 0, ok: true };
  }
  if (files.length === 0) {
    log("nbclient: no notebooks found");
    return { skipped: null, python, results: [], seconds: 0, ok: true };
  }
  const jupyterPath = mkdtempSync(path.join(os.tmpdir(), "descent-jupyter-path-"));
  try {
    installKernel({ dataDir: jupyterPath });
    const env = { ...process.env, JUPYTER_PATH: [jupyterPath, process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter) };
    const args = ["-c", nbclientScript, String(options.cellTimeout ?? 120), ...files];
    const results: NbclientResult[] = [];
    const child = spawn(python, args, { cwd: packRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let pending = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString("utf8")).slice(-4000)));
    child.stdout.on("data", (d: Buffer) => {
      pending += d.toString("utf8");
      let newline: number;
      while ((newline = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.trim() === "") continue;
        const result = toResult(JSON.parse(line) as NbclientRecord);
        results.push(result);
        const shown = displayPath(result.notebook);
        if (result.ok) log(`ok   ${shown}  (nbclient, ${result.seconds.toFixed(1)} s)`);
        else log(`${formatFailure({ ...result.failure!, notebook: shown })}\n  (nbclient, ${result.seconds.toFixed(1)} s)`);
      }
    });
    const killChild = () => child.kill("SIGTERM");
    process.once("exit", killChild);
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    process.removeListener("exit", killChild);
    if (results.length < files.length) {
      const missing = files.slice(results.length);
      for (const file of missing) {
        results.push({
          notebook: file,
          ok: false,
          seconds: 0,
          failure: { kind: "error", notebook: file, cell: null, cellCount: 0, source: "", ename: "nbclient", evalue: `python exited with code ${code} before finishing: ${stderr.trim().split("\n").slice(-3).join(" | ")}`, traceback: [] },
        });
        log(`FAIL ${file}: nbclient did not finish it (python exit code ${code})`);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    const failed = results.filter((r) => !r.ok).length;
    log(`nbclient (${python}): ${results.length} notebook(s), ${results.length - failed} passed, ${failed} failed, ${seconds.toFixed(1)} s in total`);
    return { skipped: null, python, results, seconds, ok: failed === 0 };
  } finally {
    rmSync(jupyterPath, { recursive: true, force: true });
  }
}

function toResult(record: NbclientRecord): NbclientResult {
  if (record.ok) return { notebook: record.file, ok: true, seconds: record.seconds };
  // nbclient's own message for tslab errors is an empty "<Error>:" (tslab sends no ename);
  // the real text is in the cell's stderr output, which cellError reads.
  const fromOutputs = cellError(record.outputs ?? []);
  const useOutputs = record.outputs?.length > 0 && !/printed no error text/.test(fromOutputs.evalue);
  const timeout = /CellTimeoutError|TimeoutError/.test(record.exception);
  const error = useOutputs && !timeout ? fromOutputs : { ename: "nbclient", evalue: record.exception, traceback: [] };
  return {
    notebook: record.file,
    ok: false,
    seconds: record.seconds,
    failure: {
      kind: timeout ? "timeout" : record.cell === null ? "setup" : "error",
      notebook: record.file,
      cell: record.cell,
      cellCount: record.cells,
      source: record.source,
      ...error,
    },
  };
}

if (require.main === module) {
  const files = process.argv.slice(2).map((f) => path.resolve(f));
  runNbclient(files.length > 0 ? files : listNotebooks(notebooksDir)).then(
    (summary) => process.exit(summary.ok ? 0 : 1),
    (e: Error) => {
      console.error(`nbclient: ${e.message}`);
      process.exit(1);
    },
  );
}
