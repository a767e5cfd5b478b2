// Builds a student copy of the pack: the files committed at HEAD minus instructor-only ones,
// exercises regenerated as stubs from the committed solutions/ (never copied from a possibly
// edited exercises/), notebooks without outputs, a mocha config that leaves the graded tests to
// the grader, and a GitHub Classroom workflow that grades the public tests on every push.
// Everything is read from a `git archive HEAD` snapshot, so uncommitted edits never ship, and
// committed symlinks are skipped (they could point anywhere on disk).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateExercises } from "../exercises/generate";
import { CLASSROOM_WORKFLOW, classroomWorkflow, publicPoints } from "./classroom";
import { instructorOnly, LEAK, MOCHA_IGNORE_IN_RELEASE } from "./policy";

export interface ReleaseSummary {
  dest: string;
  /** Files copied (or transformed) from the pack. */
  copied: number;
  /** Exercise stubs generated from solutions/. */
  exercises: string[];
  /** Tracked files left out because they are instructor-only. */
  withheld: number;
  /** Committed paths not shipped because they are symlinks or submodules, with why. */
  skipped: string[];
  /** Public points per question, as written into the GitHub Classroom workflow. */
  classroom: { id: string; points: number }[];
}

export interface ReleaseOptions {
  /**
   * Writes .github/workflows/classroom.yml (default true). Its points per question come from
   * grading the shipped stubs with the pack's own `npm run grade` (about 20 s), so a test that
   * checks something else may skip it.
   */
  classroom?: boolean;
}

/**
 * Writes the student copy of the pack at `root` into `dest`, which must be empty or absent: a
 * release is never written over anything (an instructor's or a student's files).
 */
export function makeRelease(root: string, dest: string, options: ReleaseOptions = {}): ReleaseSummary {
  const absDest = path.resolve(dest);
  const absRoot = path.resolve(root);
  if (absDest === absRoot || absRoot.startsWith(absDest + path.sep)) throw new Error(`release: ${dest} contains the pack itself; choose a new folder`);
  if (fs.existsSync(absDest) && (!fs.statSync(absDest).isDirectory() || fs.readdirSync(absDest).length > 0)) {
    throw new Error(`release: ${dest} is not empty; give a new or empty folder`);
  }
  return withSnapshot(absRoot, (snapshot, entries) => build(absRoot, snapshot, entries, absDest, options));
}

/** A file of the pack committed at HEAD, as it will be written out. */
export interface PackFile {
  path: string;
  mode: number;
}

/**
 * Extracts HEAD of the git checkout at `root` into a temporary folder, calls `use` with it and
 * every committed entry, and removes the folder afterwards (also when `use` throws).
 */
export function withSnapshot<T>(root: string, use: (snapshot: string, entries: { path: string; mode: string }[]) => T): T {
  const entries = committedEntries(root);
  const snapshot = fs.mkdtempSync(path.join(os.tmpdir(), "descent-release-"));
  try {
    extractHead(root, snapshot);
    return use(snapshot, entries);
  } finally {
    fs.rmSync(snapshot, { recursive: true, force: true });
  }
}

/**
 * The committed regular files that `keep` accepts, with their modes; symlinks, submodules and
 * files git archive left out are listed in `skipped` with the reason.
 */
export function regularFiles(snapshot: string, entries: { path: string; mode: string }[], keep: (file: string) => boolean): { files: PackFile[]; skipped: string[] } {
  const skipped: string[] = [];
  const files: PackFile[] = [];
  for (const e of entries) {
    if (!keep(e.path)) continue;
    if (e.mode === "120000") skipped.push(`${e.path} (a symlink: commit the file itself)`);
    else if (e.mode === "160000") skipped.push(`${e.path} (a git submodule)`);
    else if (!fs.existsSync(path.join(snapshot, e.path))) skipped.push(`${e.path} (left out by git archive, e.g. export-ignore)`);
    else files.push({ path: e.path, mode: e.mode === "100755" ? 0o755 : 0o644 });
  }
  return { files, skipped };
}

/**
 * Committed archives that hold hidden tests: a Gradescope autograder zip committed by mistake
 * would hand every student the hidden tests. Zip entry names are stored as plain text, so a
 * byte search finds them.
 */
export function archivesWithHiddenTests(snapshot: string, files: PackFile[]): string[] {
  return files
    .filter((f) => /\.(zip|tar|tgz|gz|jar)$/i.test(f.path))
    .filter((f) => fs.readFileSync(path.join(snapshot, f.path)).includes("test/hidden/"))
    .map((f) => f.path);
}

function build(absRoot: string, snapshot: string, entries: { path: string; mode: string }[], absDest: string, options: ReleaseOptions): ReleaseSummary {
  const generated = generateExercises(snapshot);
  const generatedPaths = new Set(generated.map((g) => g.exercise));
  const { files, skipped } = regularFiles(snapshot, entries, (file) => !instructorOnly(file));
  const shipped = files.filter((f) => !generatedPaths.has(f.path) && f.path !== CLASSROOM_WORKFLOW);

  const archives = archivesWithHiddenTests(snapshot, shipped);
  if (archives.length) {
    throw new Error(`release: these committed archives contain hidden tests and would ship to students: ${archives.join(", ")}; remove them from git (build Gradescope zips under build/, which git ignores)`);
  }

  const leaks = shipped.filter((f) => /\.(ts|js|cjs|mjs|ipynb)$/.test(f.path) && LEAK.test(fs.readFileSync(path.join(snapshot, f.path), "utf8")));
  if (leaks.length) {
    throw new Error(`release: these files would ship but import solutions/ or hidden tests: ${leaks.map((f) => f.path).join(", ")}; load code through test/graded/impl.ts instead`);
  }

  for (const f of shipped) {
    const from = path.join(snapshot, f.path);
    const to = path.join(absDest, f.path);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (f.path.endsWith(".ipynb")) fs.writeFileSync(to, withoutOutputs(fs.readFileSync(from, "utf8"), f.path));
    else if (f.path === ".mocharc.json") fs.writeFileSync(to, releaseMocharc(fs.readFileSync(from, "utf8")));
    else fs.copyFileSync(from, to);
    fs.chmodSync(to, f.mode);
  }
  for (const g of generated) {
    const to = path.join(absDest, g.exercise);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, g.text);
  }
  let classroom: { id: string; points: number }[] = [];
  if (options.classroom !== false) {
    classroom = publicPoints(absRoot, snapshot, path.join(absDest, "exercises"));
    const to = path.join(absDest, CLASSROOM_WORKFLOW);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, classroomWorkflow(classroom));
  }
  return { dest: absDest, copied: shipped.length, exercises: generated.map((g) => g.exercise), withheld: entries.filter((e) => instructorOnly(e.path)).length, skipped, classroom };
}

/** Every path committed at HEAD with its git mode (100644, 100755, 120000 symlink, 160000 submodule). */
function committedEntries(root: string): { path: string; mode: string }[] {
  let out: string;
  try {
    out = execFileSync("git", ["ls-tree", "-r", "-z", "--full-tree", "HEAD"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    throw new Error(`release: \`git ls-tree HEAD\` failed in ${root}; a release is built from the last commit of a git checkout (${err instanceof Error ? err.message : err})`);
  }
  return out
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf("\t");
      return { mode: line.slice(0, tab).split(" ")[0], path: line.slice(tab + 1) };
    });
}

/** Writes the tree committed at HEAD into `dir` (regular files only are ever read from it). */
function extractHead(root: string, dir: string): void {
  const tar = execFileSync("git", ["archive", "--format=tar", "HEAD"], { cwd: root, maxBuffer: 1024 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", dir], { input: tar });
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
