/**
 * `npm run notebooks:strip [-- files...]`: the author's command before committing a lesson.
 * Removes outputs and execution counts in place (default: every notebooks/*.ipynb), names
 * the `descent` kernel, and writes the file the way Jupyter does (sorted keys, 1-space
 * indent, trailing newline). Cell ids and all other metadata stay. Files already clean are
 * not rewritten.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatNotebook, listNotebooks, readNotebook, stripNotebook, writeNotebook } from "./nbformat";
import { notebooksDir } from "./run";

/** Strips `file` in place; returns true when the file changed. */
export function stripFile(file: string): boolean {
  const before = readFileSync(file, "utf8");
  const stripped = stripNotebook(readNotebook(file));
  if (formatNotebook(stripped) === before) return false;
  writeNotebook(file, stripped);
  return true;
}

if (require.main === module) {
  const args = process.argv.slice(2).map((f) => path.resolve(f));
  const files = args.length > 0 ? args : listNotebooks(notebooksDir);
  if (files.length === 0) console.log("no notebooks found");
  let failed = false;
  for (const file of files) {
    const shown = path.relative(process.cwd(), file) || file;
    try {
      console.log(`${stripFile(file) ? "stripped" : "clean   "} ${shown}`);
    } catch (e) {
      failed = true;
      console.error(`error    ${(e as Error).message}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
