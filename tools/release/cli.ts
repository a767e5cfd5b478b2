// `npm run release -- <dir>`: writes a student copy of the pack into a new or empty folder.
// `npm run release -- --gradescope <file.zip> [--force]`: writes the Gradescope autograder zip.
import * as path from "path";
import { parseArgs } from "util";
import { packRoot } from "../grade/layout";
import { buildGradescopeZip } from "./gradescope";
import { makeRelease } from "./release";

const USAGE = `usage: npm run release -- <new-or-empty-folder>      a student release (with a GitHub Classroom workflow)
       npm run release -- --gradescope <file.zip> [--force]
                                                   the Gradescope autograder (hidden tests inside:
                                                   for Gradescope only, never for students);
                                                   --force replaces an existing zip`;

function main(argv: string[]): number {
  const { values: o, positionals } = parseArgs({
    args: argv,
    options: { gradescope: { type: "string" }, force: { type: "boolean" }, help: { type: "boolean" } },
    strict: true,
    allowPositionals: true,
  });
  if (o.help) {
    console.log(USAGE);
    return 0;
  }
  const here = process.env.INIT_CWD ?? process.cwd();
  const root = packRoot(__dirname);
  const shown = (p: string) => {
    const rel = path.relative(here, p);
    return rel && !rel.startsWith("..") ? rel : p;
  };

  if (o.gradescope !== undefined) {
    if (positionals.length) throw new UsageError("--gradescope takes the zip's path only; build the student release in a separate command");
    const s = buildGradescopeZip(root, path.resolve(here, o.gradescope), { force: o.force });
    console.log(`Gradescope autograder written to ${shown(s.zip)} (${(s.bytes / 1024).toFixed(0)} kB, ${s.files.length} files, ${s.hidden} hidden test files, no solutions/)`);
    for (const why of s.skipped) console.warn(`  warning: not included: ${why}`);
    if (s.hidden === 0) console.warn("  warning: no hidden tests: Gradescope will grade the public tests only");
    const rel = path.relative(root, s.zip);
    if (!rel.startsWith("..") && !rel.startsWith("build" + path.sep)) {
      console.warn(`  warning: the zip is inside the pack but outside build/: never commit it (it holds the hidden tests; the student release refuses it)`);
    }
    console.log("  next: Gradescope > your programming assignment > Configure Autograder > upload this zip (base image: Ubuntu 22.04)");
    return 0;
  }

  if (o.force) throw new UsageError("--force only applies to --gradescope: a student release is never written over an existing folder; give a new or empty one");
  if (positionals.length !== 1) throw new UsageError("give one folder for the student release");
  const s = makeRelease(root, path.resolve(here, positionals[0]));
  console.log(`release written to ${s.dest}`);
  console.log(`  ${s.copied} files copied, ${s.withheld} instructor-only files withheld, ${s.exercises.length} exercise stubs generated (${s.exercises.join(", ")})`);
  console.log(`  GitHub Classroom workflow: .github/workflows/classroom.yml, ${s.classroom.length} questions, ${s.classroom.reduce((a, q) => a + q.points, 0)} public points`);
  for (const why of s.skipped) console.warn(`  warning: not shipped: ${why}`);
  console.log(`  next: cd ${shown(s.dest)} && npm ci && npm test && npm run grade`);
  return 0;
}

class UsageError extends Error {}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  console.error(`${err instanceof Error ? err.message : err}${usage ? `\n\n${USAGE}` : ""}`);
  process.exitCode = 2;
}
