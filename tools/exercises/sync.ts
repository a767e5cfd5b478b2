// Brings exercises/ in line with solutions/ on disk, without ever losing a student's work.
import * as fs from "fs";
import * as path from "path";
import { generateExercises } from "./generate";
import { inspectExercise } from "./header";

export interface SyncOptions {
  /** Write nothing; only report what is out of date. */
  check?: boolean;
  /** Overwrite edited exercise files too, after backing each up as <file>.bak (.bak2, ...). */
  force?: boolean;
}

export interface SyncReport {
  created: string[];
  updated: string[];
  /** Out of date (in --check mode: everything that would be written). */
  stale: string[];
  /** Edited since generated (or not generated at all) and so left untouched. */
  refused: string[];
  /** Backups made under --force, as "exercises/welcome.ts.bak". */
  backups: string[];
  /** Exercise .ts files that no solution generates: never deleted, only reported. */
  orphans: string[];
  upToDate: number;
}

/** Regenerates exercises/ in the pack at `root` from its solutions/. */
export function syncExercises(root: string, options: SyncOptions = {}): SyncReport {
  const report: SyncReport = { created: [], updated: [], stale: [], refused: [], backups: [], orphans: [], upToDate: 0 };
  const generated = generateExercises(root);
  for (const g of generated) {
    const file = path.join(root, g.exercise);
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    if (current === g.text) {
      report.upToDate += 1;
      continue;
    }
    report.stale.push(g.exercise);
    if (options.check) continue;
    if (current !== undefined && inspectExercise(current) !== "pristine") {
      if (!options.force) {
        report.refused.push(g.exercise);
        continue;
      }
      const backup = freeName(`${file}.bak`);
      fs.copyFileSync(file, backup);
      report.backups.push(path.relative(root, backup).split(path.sep).join("/"));
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, g.text);
    (current === undefined ? report.created : report.updated).push(g.exercise);
  }
  const sources = new Set(generated.map((g) => g.exercise));
  for (const f of listFiles(path.join(root, "exercises"))) {
    const rel = path.relative(root, f).split(path.sep).join("/");
    if (rel.endsWith(".ts") && !sources.has(rel)) report.orphans.push(rel);
  }
  return report;
}

function freeName(base: string): string {
  let name = base;
  for (let n = 2; fs.existsSync(name); n++) name = `${base}${n}`;
  return name;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : [],
  );
}
