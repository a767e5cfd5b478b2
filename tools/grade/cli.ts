// `npm run grade`: grades exercises/ (or --target, or every folder under --submissions),
// prints a per-question table and writes Gradescope results.json.
// Exit code: 0 when grading completed (whatever the score), 2 when the grader could not run
// (bad arguments, broken graded tests), 130 when interrupted (results so far are written).
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { exercisesIn, studentResultsFile, submissionTargets, toCsv } from "./batch";
import { discoverQuestions, GraderError, selectQuestions } from "./discover";
import { gradeTargets, type Target } from "./grade";
import { toGradescope, writeJsonAtomic } from "./gradescope";
import { DEFAULT_BATCH_OUT, DEFAULT_RESULTS, packRoot } from "./layout";
import { formatTable, hiddenNote, points, savedNote } from "./report";
import type { GradeReport, Limits } from "./types";
import { DEFAULT_LIMITS } from "./types";

const USAGE = `usage: npm run grade -- [options]

  --target <dir>       folder to grade, shaped like exercises/, or a whole pack copy
                       holding exercises/ (default: exercises)
  --results <file>     Gradescope results.json to write (default: ${DEFAULT_RESULTS})
  --submissions <dir>  batch mode: grade every sub-folder (an exercises-shaped folder or a
                       whole pack copy holding exercises/); writes grades.csv and one
                       results.json per student under --out
  --out <dir>          batch output folder (default: ${DEFAULT_BATCH_OUT})
  --only <names>       comma-separated question ids or lesson names (default: all)
  --public-only        skip hidden tests (what a student's copy runs)
  --reveal-hidden      show hidden tests' failures in the table (instructors only)
  --timeout <s>        deadline per question in seconds (default: ${DEFAULT_LIMITS.timeoutMs / 1000})
  --test-timeout <s>   limit per test in seconds (default: ${DEFAULT_LIMITS.testTimeoutMs / 1000}); a test may ask
                       for more with mocha's this.timeout(ms)
  --memory <MB>        heap cap per question (default: ${DEFAULT_LIMITS.memoryMb})
  --output-cap <kB>    console output kept per test (default: ${DEFAULT_LIMITS.outputCapBytes / 1024})
  --output-limit <MB>  console output per test above which the test fails (default: ${DEFAULT_LIMITS.outputLimitBytes / (1024 * 1024)})
  --jobs <n>           questions graded at once (default: 2)
  --help`;

async function main(argv: string[]): Promise<number> {
  const { values: o } = parseArgs({
    args: argv,
    options: {
      target: { type: "string" },
      results: { type: "string" },
      submissions: { type: "string" },
      out: { type: "string" },
      only: { type: "string" },
      "public-only": { type: "boolean" },
      "reveal-hidden": { type: "boolean" },
      timeout: { type: "string" },
      "test-timeout": { type: "string" },
      memory: { type: "string" },
      "output-cap": { type: "string" },
      "output-limit": { type: "string" },
      jobs: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (o.help) {
    console.log(USAGE);
    return 0;
  }
  if (o.submissions && o.target) throw new GraderError("--target and --submissions cannot be used together");

  const root = packRoot();
  const here = process.env.INIT_CWD ?? process.cwd(); // npm runs scripts from the root; paths are the user's
  const limits: Limits = {
    timeoutMs: 1000 * positive(o.timeout, DEFAULT_LIMITS.timeoutMs / 1000, "--timeout"),
    testTimeoutMs: 1000 * positive(o["test-timeout"], DEFAULT_LIMITS.testTimeoutMs / 1000, "--test-timeout"),
    memoryMb: positive(o.memory, DEFAULT_LIMITS.memoryMb, "--memory"),
    outputCapBytes: 1024 * positive(o["output-cap"], DEFAULT_LIMITS.outputCapBytes / 1024, "--output-cap"),
    outputLimitBytes: 1024 * 1024 * positive(o["output-limit"], DEFAULT_LIMITS.outputLimitBytes / (1024 * 1024), "--output-limit"),
  };
  const jobs = Math.floor(positive(o.jobs, 2, "--jobs"));

  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    console.error("\ninterrupted: stopping the running tests and writing the results so far (Ctrl-C again to quit now)");
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const questions = selectQuestions(await discoverQuestions(root, !o["public-only"]), o.only?.split(",").map((s) => s.trim()).filter(Boolean));
  const common = { root, questions, limits, jobs, signal: controller.signal };

  if (o.submissions) {
    const dir = path.resolve(here, o.submissions);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new GraderError(`--submissions: ${dir} is not a folder`);
    const targets = submissionTargets(dir);
    if (targets.length === 0) throw new GraderError(`--submissions: ${dir} has no sub-folders to grade`);
    const out = path.resolve(here, o.out ?? path.join(root, DEFAULT_BATCH_OUT));
    console.log(`grading ${plural(targets.length, "submission")} in ${dir} on ${plural(questions.length, "question")} (${jobs} at a time)`);
    const remaining = new Map(targets.map((t) => [t, questions.length]));
    const reports = await gradeTargets(targets, {
      ...common,
      onResult: (t) => {
        const left = (remaining.get(t) ?? 1) - 1;
        remaining.set(t, left);
        if (left === 0) console.log(`  graded ${t.name}`);
      },
    });
    for (const r of reports) writeJsonAtomic(studentResultsFile(out, r.target), toGradescope(r));
    const csv = path.join(out, "grades.csv");
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(csv + ".tmp", toCsv(reports, questions));
    fs.renameSync(csv + ".tmp", csv);
    const max = reports[0]?.maxScore ?? 0;
    console.log(reports.map((r) => `${r.target}: ${points(r.score)}/${points(max)}`).join("\n"));
    console.log(`wrote ${shown(here, csv)} and ${reports.length} results.json files under ${shown(here, out)} (${seconds(reports)} s)`);
    return controller.signal.aborted ? 130 : 0;
  }

  const targetArg = o.target ?? path.join(root, "exercises");
  const given = path.resolve(here, targetArg);
  if (!fs.existsSync(given) || !fs.statSync(given).isDirectory()) throw new GraderError(`--target: ${given} is not a folder`);
  const dir = exercisesIn(given);
  const label = o.target ? shown(here, dir) || "." : "exercises";
  const target: Target = { name: label, dir, label };
  const resultsFile = path.resolve(here, o.results ?? path.join(root, DEFAULT_RESULTS));
  console.log(`grading ${label}/ on ${plural(questions.length, "question")} (${jobs} at a time; limits: ${limits.testTimeoutMs / 1000} s per test, ${limits.timeoutMs / 1000} s per question)`);
  const [report] = await gradeTargets([target], common);
  writeJsonAtomic(resultsFile, toGradescope(report));
  console.log(formatTable(report, { revealHidden: o["reveal-hidden"] }, process.stdout.isTTY ? process.stdout.columns : undefined));
  const hidden = hiddenNote(report);
  if (hidden) console.log(hidden);
  const lessons = [...new Set(report.questions.map((q) => q.lesson))];
  console.log(`tested ${lessons.map((l) => savedNote(path.join(dir, `${l}.ts`), path.join(label, `${l}.ts`))).join("; ")}`);
  console.log(`results: ${shown(here, resultsFile)} (${seconds([report])} s)`);
  return controller.signal.aborted ? 130 : 0;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new GraderError(`${name} must be a positive number, got "${value}"`);
  return n;
}

/** A path relative to where the user is, unless it lies elsewhere. */
function shown(here: string, file: string): string {
  const rel = path.relative(here, file);
  return rel && !rel.startsWith("..") ? rel : file;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function seconds(reports: GradeReport[]): string {
  return (reports[0]?.executionTime ?? 0).toFixed(1);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const badArgs = err instanceof Error && (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    if (badArgs) console.error(`grade: ${err.message}\n\n${USAGE}`);
    else if (err instanceof GraderError) console.error(`grade: ${err.message}`);
    else console.error(err);
    process.exit(badArgs || err instanceof GraderError ? 2 : 1);
  },
);
