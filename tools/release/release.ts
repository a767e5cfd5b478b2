// Builds a student copy of the pack: git-tracked files minus instructor-only ones, exercises
// regenerated as stubs from solutions/ (never copied from a possibly edited exercises/),
// notebooks without outputs, and a mocha config that leaves the graded tests to the grader.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { generateExercises } from "../exercises/generate";
import { instructorOnly, LEAK, MOCHA_IGNORE_IN_RELEASE } from "./policy";

export interface ReleaseSummary {
  dest: string;
  /** Files copied (or transformed) from the pack. */
  copied: number;
  /** Exercise stubs generated from solutions/. */
  exercises: string[];
  /** Tracked files left out because they are instructor-only. */
  withheld: number;
}

/** Writes the student copy of the pack at `root` into `dest`, which must be empty or absent. */
export function makeRelease(root: string, dest: string): ReleaseSummary {
  const absDest = path.resolve(dest);
  const absRoot = path.resolve(root);
  if (absDest === absRoot || absRoot.startsWith(absDest + path.sep)) throw new Error(`release: ${dest} contains the pack itself; choose a new folder`);
  if (fs.existsSync(absDest) && (!fs.statSync(absDest).isDirectory() || fs.readdirSync(absDest).length > 0)) {
    throw new Error(`release: ${dest} is not empty; give a new or empty folder`);
  }

  const generated = generateExercises(absRoot);
  const generatedPaths = new Set(generated.map((g) => g.exercise));
  const tracked = gitFiles(absRoot).filter((f) => fs.existsSync(path.join(absRoot, f)));
  const shipped = tracked.filter((f) => !instructorOnly(f) && !generatedPaths.has(f));

  const leaks = shipped.filter((f) => /\.(ts|js|cjs|mjs|ipynb)$/.test(f) && LEAK.test(fs.readFileSync(path.join(absRoot, f), "utf8")));
  if (leaks.length) {
    throw new Error(`release: these files would ship but import solutions/ or hidden tests: ${leaks.join(", ")}; load code through test/graded/impl.ts instead`);
  }

  for (const f of shipped) {
    const from = path.join(absRoot, f);
    const to = path.join(absDest, f);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (f.endsWith(".ipynb")) fs.writeFileSync(to, withoutOutputs(fs.readFileSync(from, "utf8"), f));
    else if (f === ".mocharc.json") fs.writeFileSync(to, releaseMocharc(fs.readFileSync(from, "utf8")));
    else fs.copyFileSync(from, to);
    fs.chmodSync(to, fs.statSync(from).mode);
  }
  for (const g of generated) {
    const to = path.join(absDest, g.exercise);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, g.text);
  }
  return { dest: absDest, copied: shipped.length, exercises: generated.map((g) => g.exercise), withheld: tracked.filter(instructorOnly).length };
}

/** The files git tracks (staged included), so untracked junk never ships. */
function gitFiles(root: string): string[] {
  let out: string;
  try {
    out = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    throw new Error(`release: \`git ls-files\` failed in ${root}; a release is built from a git checkout (${err instanceof Error ? err.message : err})`);
  }
  return out.split("\0").filter(Boolean);
}

/** A notebook with every output and execution count cleared. */
export function withoutOutputs(json: string, file: string): string {
  let nb: { cells?: { cell_type?: string; outputs?: unknown[]; execution_count?: unknown }[] };
  try {
    nb = JSON.parse(json);
  } catch {
    throw new Error(`release: ${file} is not valid notebook JSON`);
  }
  for (const cell of nb.cells ?? []) {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  return JSON.stringify(nb, null, 1) + "\n";
}

/** The pack's .mocharc.json with the graded tests ignored (students grade with `npm run grade`). */
export function releaseMocharc(json: string): string {
  const config = JSON.parse(json) as { ignore?: string[] | string };
  const ignore = config.ignore === undefined ? [] : Array.isArray(config.ignore) ? config.ignore : [config.ignore];
  config.ignore = [...new Set([...ignore, ...MOCHA_IGNORE_IN_RELEASE])];
  return JSON.stringify(config, null, 2) + "\n";
}
