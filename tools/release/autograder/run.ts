// Gradescope's grading of one submission, started by run_autograder from /autograder/source.
// Layout (https://gradescope-autograders.readthedocs.io/en/latest/specs/): the submission is
// in <root>/submission, results.json goes to <root>/results/results.json; <root> is /autograder
// unless DESCENT_AUTOGRADER_ROOT says otherwise (the tests use a temporary folder).
//
// The submission is copied into a staging folder over the pack's stubs (so a lesson the
// student did not submit scores 0 as "not implemented yet" instead of breaking the run), then
// graded by the pack's own `npm run grade`, hidden tests included, which writes results.json.
// Whatever happens, a valid results.json is written and the exit code is 0.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runNpmScript } from "../classroom";

/** Where Gradescope puts things, below one root. */
export interface AutograderLayout {
  root: string;
  submission: string;
  results: string;
}

/** The layout below `root` (default: the DESCENT_AUTOGRADER_ROOT environment variable, else /autograder). */
export function layout(root: string = process.env.DESCENT_AUTOGRADER_ROOT || "/autograder"): AutograderLayout {
  return { root, submission: path.join(root, "submission"), results: path.join(root, "results", "results.json") };
}

/** What of the submission is graded: the folder holding the exercise files, and which ones it has. */
export interface Located {
  /** The folder whose files are staged (the submission itself, or a folder inside it). */
  dir: string;
  /** Exercise files (of the expected names) found there. */
  found: string[];
}

/** Folders and files a zip or a git repository brings along that are never the student's work. */
const NOISE = new Set(["__MACOSX", ".git", ".github", "node_modules", ".DS_Store", ".ipynb_checkpoints"]);

/**
 * Finds the exercise files in a submission: at its top level (files uploaded one by one), in
 * its exercises/ folder (a repository or a zip of the pack), or the same one folder down (a zip
 * of a folder). Returns undefined when no file has an expected name.
 */
export function locateExercises(submission: string, expected: string[]): Located | undefined {
  if (!fs.existsSync(submission) || !fs.statSync(submission).isDirectory()) return undefined;
  const candidates = [path.join(submission, "exercises"), submission];
  const entries = fs.readdirSync(submission, { withFileTypes: true }).filter((e) => !NOISE.has(e.name) && !e.name.startsWith("."));
  const dirs = entries.filter((e) => e.isDirectory() && e.name !== "exercises");
  if (dirs.length === 1 && entries.every((e) => e.isDirectory())) {
    candidates.push(path.join(submission, dirs[0].name, "exercises"), path.join(submission, dirs[0].name));
  }
  for (const dir of candidates) {
    if (!fs.existsSync(dir) || !fs.lstatSync(dir).isDirectory()) continue;
    const found = expected.filter((name) => {
      const file = path.join(dir, name);
      return fs.existsSync(file) && fs.lstatSync(file).isFile();
    });
    if (found.length) return { dir, found };
  }
  return undefined;
}

/** Everything in a submission, for the message that says nothing was found (at most 20 paths). */
export function listSubmission(submission: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (!fs.existsSync(dir) || depth > 3) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= 20 || NOISE.has(e.name)) continue;
      const rel = path.relative(submission, path.join(dir, e.name)).split(path.sep).join("/");
      out.push(e.isDirectory() ? rel + "/" : rel);
      if (e.isDirectory()) visit(path.join(dir, e.name), depth + 1);
    }
  };
  visit(submission, 0);
  return out;
}

/**
 * Copies the stubs, then the submitted folder over them: regular files and folders only (a
 * symlink could point at the hidden tests), nothing from NOISE, at most `maxBytes` in all.
 */
export function stage(stubs: string, submitted: string, into: string, maxBytes = 50 * 1024 * 1024): void {
  for (const f of fs.readdirSync(stubs)) if (f.endsWith(".ts")) fs.copyFileSync(path.join(stubs, f), path.join(into, f));
  let budget = maxBytes;
  const copy = (from: string, to: string) => {
    for (const e of fs.readdirSync(from, { withFileTypes: true })) {
      if (NOISE.has(e.name)) continue;
      const src = path.join(from, e.name);
      const dst = path.join(to, e.name);
      if (e.isDirectory()) {
        fs.mkdirSync(dst, { recursive: true });
        copy(src, dst);
      } else if (e.isFile()) {
        budget -= fs.statSync(src).size;
        if (budget < 0) throw new Error(`your submission is larger than ${maxBytes / 1024 / 1024} MB; submit only the exercise files`);
        fs.copyFileSync(src, dst);
      }
    }
  };
  copy(submitted, into);
}

/** A results.json that gives 0 and says why, for when nothing could be graded. */
export function failureResults(message: string, seconds: number) {
  return {
    score: 0,
    execution_time: Math.round(seconds * 100) / 100,
    output: message,
    tests: [{ name: "Submission", score: 0, max_score: 0, status: "failed", output: message, visibility: "visible" }],
  };
}

function writeJson(file: string, data: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(data, null, 2) + "\n");
  fs.renameSync(tmp, file);
}

/**
 * Grades the submission of `where` with the pack at `pack`; returns the results written.
 * Extra grader options (longer limits on a slow machine, say) come from DESCENT_GRADE_ARGS,
 * split on spaces.
 */
export function runAutograder(pack: string, where: AutograderLayout = layout()): { score: number; output: string } {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  const stubs = path.join(pack, "exercises");
  const expected = fs.readdirSync(stubs).filter((f) => f.endsWith(".ts")).sort();
  const located = locateExercises(where.submission, expected);
  if (!located) {
    const seen = listSubmission(where.submission);
    const message = [
      "No exercise file was found in your submission, so nothing was graded (score 0).",
      `Submit your exercise files: ${expected.join(", ")} (any of them), either uploaded as they are, or in an exercises/ folder (a zip of your copy of the pack, or its GitHub repository).`,
      seen.length ? `Your submission holds: ${seen.join(", ")}.` : "Your submission is empty.",
    ].join("\n");
    const results = failureResults(message, seconds());
    writeJson(where.results, results);
    console.log(message);
    return results;
  }

  const base = fs.mkdtempSync(path.join(os.tmpdir(), "descent-submission-"));
  try {
    const staged = path.join(base, "exercises");
    fs.mkdirSync(staged);
    try {
      stage(stubs, located.dir, staged);
    } catch (err) {
      const results = failureResults(`Your submission could not be graded: ${err instanceof Error ? err.message : err}.`, seconds());
      writeJson(where.results, results);
      return results;
    }
    fs.chmodSync(base, 0o755); // the grader may run student code as another, unprivileged user
    fs.rmSync(where.results, { force: true });
    const extra = (process.env.DESCENT_GRADE_ARGS ?? "").split(" ").filter(Boolean);
    const run = runNpmScript(pack, "grade", ["--target", staged, "--results", where.results, ...extra], "inherit");
    let results: { score: number; output: string; [k: string]: unknown };
    try {
      results = JSON.parse(fs.readFileSync(where.results, "utf8"));
    } catch {
      results = failureResults(`The autograder failed before it could grade your submission (grader exit code ${run.status ?? run.signal}). This is not a problem with your code; please tell your instructor.`, seconds());
    }
    const missing = expected.filter((f) => !located.found.includes(f));
    const shown = path.relative(where.submission, located.dir).split(path.sep).join("/");
    const note = [
      `Graded ${located.found.join(", ")} from ${shown ? shown + "/" : "the top level"} of your submission.`,
      missing.length ? `Not submitted, so graded as the unchanged stubs (0 points): ${missing.join(", ")}.` : "",
    ].filter(Boolean).join("\n");
    results.output = `${note}\n\n${results.output ?? ""}`.trim();
    writeJson(where.results, results);
    return results;
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const where = layout();
  try {
    runAutograder(path.resolve(__dirname, "..", "..", ".."), where);
  } catch (err) {
    // Gradescope shows a bare error without results.json: always leave one behind.
    writeJson(where.results, failureResults(`The autograder failed (${err instanceof Error ? err.message : err}). This is not a problem with your code; please tell your instructor.`, 0));
    console.error(err);
  }
  process.exit(0);
}
