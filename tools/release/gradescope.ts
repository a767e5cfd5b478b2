// Builds the Gradescope autograder zip: the instructor's grading copy of the pack. At the
// zip's root, as Gradescope requires (https://gradescope-autograders.readthedocs.io/en/latest/specs/),
// setup.sh and run_autograder (from tools/release/autograder/), beside the pack's files committed
// at HEAD: lib/, tools/ (the grader), test/graded/ and test/hidden/, package.json and
// package-lock.json, and exercises/ regenerated as stubs. Never solutions/ (the graded
// reference), notebooks (so no output), node_modules or build/ (git tracks neither; setup.sh
// installs the dependencies on Gradescope). The zip goes to Gradescope, not to students.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateExercises } from "../exercises/generate";
import { LEAK_SOLUTIONS, notInAutograder } from "./policy";
import { regularFiles, withSnapshot } from "./release";

/** Files Gradescope looks for at the zip's root, and where the pack keeps them. */
export const AUTOGRADER_SCRIPTS = { "setup.sh": "tools/release/autograder/setup.sh", run_autograder: "tools/release/autograder/run_autograder" } as const;

/** Path prefixes that must never be found in the zip, whatever the policy says (checked after staging). */
const NEVER_IN_ZIP = ["solutions/", "node_modules/", "build/"];

export interface GradescopeSummary {
  zip: string;
  /** Every path in the zip (forward slashes), sorted. */
  files: string[];
  /** How many hidden test files are inside. */
  hidden: number;
  bytes: number;
  /** Committed paths left out because they are symlinks or submodules, with why. */
  skipped: string[];
}

/**
 * Writes the autograder zip of the pack at `root` to `zip`. An existing file is only replaced
 * with `force` (the instructor's earlier zip may be the one uploaded); the new zip is written
 * beside it and renamed over it, so a failed build leaves the old one intact.
 */
export function buildGradescopeZip(root: string, zip: string, options: { force?: boolean } = {}): GradescopeSummary {
  const absRoot = path.resolve(root);
  const absZip = path.resolve(zip);
  if (!absZip.endsWith(".zip")) throw new Error(`release: the Gradescope autograder must be a .zip file; got ${zip} (try ${zip}.zip)`);
  if (fs.existsSync(absZip)) {
    if (fs.statSync(absZip).isDirectory()) throw new Error(`release: ${absZip} is a folder; give the path of a .zip file`);
    if (!options.force) throw new Error(`release: ${absZip} already exists; pass --force to replace it, or give another path`);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "descent-autograder-"));
  try {
    const stageDir = path.join(work, "autograder");
    fs.mkdirSync(stageDir);
    const skipped = withSnapshot(absRoot, (snapshot, entries) => stagePack(snapshot, entries, stageDir));
    const files = listFiles(stageDir);
    const forbidden = files.filter((f) => NEVER_IN_ZIP.some((p) => f.startsWith(p)) || f.endsWith(".ipynb"));
    if (forbidden.length) throw new Error(`release: internal error: the autograder would contain ${forbidden.join(", ")}`);
    const built = path.join(work, "autograder.zip");
    try {
      // -X: no extra file attributes (uid/gid, times), so the zip depends on the files only.
      execFileSync("zip", ["-q", "-r", "-X", built, "."], { cwd: stageDir, stdio: ["ignore", "ignore", "pipe"] });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new Error("release: the `zip` command is needed to build the Gradescope autograder (Debian/Ubuntu: sudo apt-get install zip; macOS has it)");
      throw new Error(`release: zip failed: ${(err as { stderr?: Buffer }).stderr?.toString() ?? err}`);
    }
    fs.mkdirSync(path.dirname(absZip), { recursive: true });
    const tmp = `${absZip}.${process.pid}.tmp`;
    fs.copyFileSync(built, tmp);
    fs.renameSync(tmp, absZip);
    return { zip: absZip, files, hidden: files.filter((f) => f.startsWith("test/hidden/")).length, bytes: fs.statSync(absZip).size, skipped };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Copies what the autograder needs from the snapshot into `stageDir`; returns what was skipped and why. */
function stagePack(snapshot: string, entries: { path: string; mode: string }[], stageDir: string): string[] {
  const generated = generateExercises(snapshot);
  const generatedPaths = new Set(generated.map((g) => g.exercise));
  const { files, skipped } = regularFiles(snapshot, entries, (file) => !notInAutograder(file));
  const kept = files.filter((f) => !generatedPaths.has(f.path) && !(f.path in AUTOGRADER_SCRIPTS));
  const leaks = kept.filter((f) => /\.(ts|js|cjs|mjs)$/.test(f.path) && LEAK_SOLUTIONS.test(fs.readFileSync(path.join(snapshot, f.path), "utf8")));
  if (leaks.length) throw new Error(`release: these files import solutions/, which the autograder does not carry: ${leaks.map((f) => f.path).join(", ")}`);
  for (const f of kept) {
    const to = path.join(stageDir, f.path);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(snapshot, f.path), to);
    fs.chmodSync(to, f.mode);
  }
  for (const g of generated) {
    const to = path.join(stageDir, g.exercise);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, g.text);
  }
  for (const [name, from] of Object.entries(AUTOGRADER_SCRIPTS)) {
    const source = path.join(snapshot, from);
    if (!fs.existsSync(source)) throw new Error(`release: ${from} is not committed; commit it before building the autograder`);
    fs.copyFileSync(source, path.join(stageDir, name));
    fs.chmodSync(path.join(stageDir, name), 0o755);
  }
  return skipped;
}

function listFiles(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name)).split(path.sep).join("/")]))
    .sort();
}
