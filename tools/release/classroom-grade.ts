// One GitHub Classroom autograding step (see classroom.ts), run in a student's repository:
//   node --require tsx/cjs tools/release/classroom-grade.ts <question-id>
// grades that question's public tests with `npm run grade` (its table goes to the Actions log)
// and exits 0 only when every one of them passed, since autograding-command-grader awards the
// step's points on exit code 0 and nothing on any other.
import * as fs from "fs";
import * as path from "path";
import { runNpmScript } from "./classroom";

/** Why a graded question earned its step's points or not, from the grader's results.json. */
export function verdict(question: string, results: { score: number; tests: { name: string; score: number; max_score: number; status: string }[] }): { pass: boolean; message: string } {
  const tests = results.tests.filter((t) => t.name.startsWith(`${question}: `));
  if (tests.length === 0) return { pass: false, message: `${question}: the grader found no public test of this question (is the question id right?)` };
  const max = tests.reduce((s, t) => s + t.max_score, 0);
  const score = tests.reduce((s, t) => s + t.score, 0);
  const failed = tests.filter((t) => t.status !== "passed").length;
  const pass = failed === 0 && score === max && max > 0;
  return { pass, message: `${question}: ${score}/${max} points, ${tests.length - failed} of ${tests.length} public tests passed${pass ? "" : " (the step earns its points when all pass)"}` };
}

function main(argv: string[]): number {
  if (argv.length !== 1 || argv[0].startsWith("-")) {
    console.error("usage: node --require tsx/cjs tools/release/classroom-grade.ts <question-id>");
    return 2;
  }
  const question = argv[0];
  const root = path.resolve(__dirname, "..", "..");
  const results = path.join(root, "build", "grade", "classroom", `${question.replace(/[^\w.-]+/g, "_")}.json`);
  fs.rmSync(results, { force: true }); // a stale file from an earlier run must not count
  const run = runNpmScript(root, "grade", ["--public-only", "--only", question, "--results", results], "inherit");
  if (!fs.existsSync(results)) {
    console.error(`${question}: the grader wrote no results (exit ${run.status ?? run.signal}); see its messages above`);
    return 1;
  }
  const v = verdict(question, JSON.parse(fs.readFileSync(results, "utf8")));
  console.log(v.message);
  return v.pass ? 0 : 1;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
