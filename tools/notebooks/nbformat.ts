/**
 * The slice of nbformat 4 the pack's tools need: reading and writing `.ipynb` files the way
 * Jupyter does (sorted keys, 1-space indent, trailing newline, so a notebook saved by
 * JupyterLab and one written here diff cleanly), listing the lessons, and stripping outputs.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A multiline string as nbformat stores it: one string, or a list of lines. */
export type MultilineString = string | string[];

/** A MIME bundle: MIME type to data (text as a multiline string, JSON types as objects). */
export type MimeBundle = Record<string, unknown>;

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}
export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, unknown>;
}
export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown>;
  outputs?: Output[];
  execution_count?: number | null;
  attachments?: Record<string, unknown>;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown> & {
    kernelspec?: { name?: string; display_name?: string; language?: string };
    language_info?: { name?: string };
  };
  cells: Cell[];
}

/** The kernelspec every lesson names (written by `notebooks:strip`, checked by the clean test). */
export const descentKernelspec = { name: "descent", display_name: "Descent (TypeScript)", language: "typescript" };

/** One string from a multiline string. */
export function joinSource(source: MultilineString | undefined): string {
  if (source === undefined) return "";
  return Array.isArray(source) ? source.join("") : source;
}

/** Splits text into lines that keep their `\n`, as Jupyter stores multiline strings. */
export function splitLines(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

/** Reads and minimally validates a notebook; errors name the file and the problem. */
export function readNotebook(file: string): Notebook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: not a readable notebook (${(e as Error).message})`);
  }
  const nb = parsed as Partial<Notebook>;
  if (typeof nb !== "object" || nb === null || !Array.isArray(nb.cells)) {
    throw new Error(`${file}: not a notebook (no "cells" list)`);
  }
  if (nb.nbformat !== 4) {
    throw new Error(`${file}: nbformat ${String(nb.nbformat)} is not supported; save it as nbformat 4`);
  }
  nb.metadata ??= {};
  return nb as Notebook;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** The file text Jupyter itself would write: sorted keys, 1-space indent, trailing newline. */
export function formatNotebook(nb: Notebook): string {
  return JSON.stringify(sortKeys(nb), null, 1) + "\n";
}

export function writeNotebook(file: string, nb: Notebook): void {
  writeFileSync(file, formatNotebook(nb));
}

/** The lesson notebooks, `<dir>/*.ipynb` sorted by name (checkpoints excluded); [] if none. */
export function listNotebooks(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * What keeps a notebook from being committed: outputs, execution counts, a kernelspec other
 * than `descent`. Empty when clean.
 */
export function notebookProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const n = i + 1;
    if (Array.isArray(cell.outputs) && cell.outputs.length > 0) problems.push(`cell ${n} has ${cell.outputs.length} output(s)`);
    if (cell.execution_count !== null && cell.execution_count !== undefined) {
      problems.push(`cell ${n} has execution_count ${cell.execution_count}`);
    }
  });
  const spec = nb.metadata.kernelspec;
  if (!spec || spec.name !== descentKernelspec.name) {
    problems.push(`kernelspec is ${spec ? JSON.stringify(spec.name) : "missing"}, not "${descentKernelspec.name}"`);
  }
  return problems;
}

/**
 * A copy without outputs and execution counts, naming the `descent` kernel. Cell ids,
 * sources and all other metadata are kept.
 */
export function stripNotebook(nb: Notebook): Notebook {
  const cells = nb.cells.map((cell) =>
    cell.cell_type === "code" ? { ...cell, outputs: [], execution_count: null } : { ...cell },
  );
  const metadata = { ...nb.metadata };
  if (metadata.kernelspec?.name !== descentKernelspec.name) metadata.kernelspec = { ...descentKernelspec };
  if (!metadata.language_info?.name) metadata.language_info = { ...(metadata.language_info ?? {}), name: "typescript" };
  return { ...nb, metadata, cells };
}
