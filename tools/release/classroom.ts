// The GitHub Classroom workflow of a student release: one autograding step per question, each
// worth that question's public points, run on every push. GitHub Classroom's own actions do
// the bookkeeping (classroom-resources/autograding-command-grader gives a step its max-score
// when its command exits 0; autograding-grading-reporter adds the steps up, reports the total
// to Classroom and fails the job when any step failed), so the repository page, the Actions log
// and the Classroom dashboard all show the same score.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** Where the workflow is written in the release (GitHub runs every file in this folder). */
export const CLASSROOM_WORKFLOW = ".github/workflows/classroom.yml";

/**
 * The actions the workflow uses, each pinned to a release tag. v1 is the only tag
 * classroom-resources has published for either action (checked 2026-12-02); checkout and
 * setup-node are at their v4 majors, which run on Node 20.
 */
export const ACTIONS = {
  checkout: "actions/checkout@v4",
  setupNode: "actions/setup-node@v4",
  commandGrader: "classroom-resources/autograding-command-grader@v1",
  reporter: "classroom-resources/autograding-grading-reporter@v1",
} as const;

/** Minutes one question's step may take before GitHub kills it (a question grades in seconds). */
export const STEP_TIMEOUT_MINUTES = 5;

/**
 * The step id of a question: GitHub wants a letter or `_` first, then letters, digits, `-` or
 * `_`; the reporter reads the step's result from the environment variable `<ID>_RESULTS`.
 */
export function stepId(question: string): string {
  const id = question.replace(/[^A-Za-z0-9_-]/g, "-");
  return /^[A-Za-z_]/.test(id) ? id : `q-${id}`;
}

/**
 * The text of .github/workflows/classroom.yml for questions worth `points` public points each.
 * Every value that came from a test file is quoted as a YAML string, so no question id can
 * change the workflow's structure.
 */
export function classroomWorkflow(questions: { id: string; points: number }[]): string {
  if (questions.length === 0) throw new Error("classroom workflow: no graded questions found; is test/graded/ empty?");
  const ids = new Set<string>();
  for (const q of questions) {
    if (!Number.isFinite(q.points) || q.points <= 0) throw new Error(`classroom workflow: question "${q.id}" is worth ${q.points} public points; every question needs at least one public test with points in its title`);
    const id = stepId(q.id);
    if (ids.has(id)) throw new Error(`classroom workflow: two questions map to the step id "${id}"; rename one of them`);
    ids.add(id);
  }
  const total = questions.reduce((s, q) => s + q.points, 0);
  const lines = [
    "# GitHub Classroom autograding, written by `npm run release` (tools/release/classroom.ts).",
    "# On every push: install the pack (Node 20, npm ci), then grade each question's public tests",
    "# with `npm run grade`; a question earns its points when all its public tests pass.",
    `# ${questions.length} questions, ${total} points. Rebuild the release rather than editing this file.`,
    "name: Autograding Tests",
    "'on':",
    "  push:",
    "  workflow_dispatch:",
    "  repository_dispatch:",
    "permissions:",
    "  checks: write",
    "  actions: read",
    "  contents: read",
    "jobs:",
    "  run-autograding-tests:",
    "    runs-on: ubuntu-latest",
    "    if: github.actor != 'github-classroom[bot]'",
    "    steps:",
    "      - name: Checkout code",
    `        uses: ${ACTIONS.checkout}`,
    "      - name: Set up Node.js 20",
    `        uses: ${ACTIONS.setupNode}`,
    "        with:",
    '          node-version: "20"',
    "          cache: npm",
    "      - name: Install the pack's dependencies",
    "        run: npm ci --no-audit --no-fund",
  ];
  for (const q of questions) {
    const id = stepId(q.id);
    lines.push(
      `      - name: ${JSON.stringify(q.id)}`,
      `        id: ${id}`,
      `        uses: ${ACTIONS.commandGrader}`,
      "        with:",
      `          test-name: ${JSON.stringify(q.id)}`,
      `          command: ${JSON.stringify(`node --require tsx/cjs tools/release/classroom-grade.ts ${shellWord(q.id)}`)}`,
      `          timeout: ${STEP_TIMEOUT_MINUTES}`,
      `          max-score: ${q.points}`,
    );
  }
  lines.push("      - name: Autograding Reporter", `        uses: ${ACTIONS.reporter}`, "        env:");
  for (const q of questions) {
    const id = stepId(q.id);
    lines.push(`          ${id.toUpperCase()}_RESULTS: "\${{ steps.${id}.outputs.result }}"`);
  }
  lines.push("        with:", `          runners: ${questions.map((q) => stepId(q.id)).join(",")}`);
  return lines.join("\n") + "\n";
}

/** `word` as one shell word: the command grader runs its command through a shell. */
export function shellWord(word: string): string {
  return /^[\w.-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Public points per question, in the grader's order, read from the results.json that the
 * pack's own `npm run grade --public-only` writes for `stubs` (the shipped exercise stubs). The
 * grader is used as a black box: points live in test titles, and it is the one that reads them.
 * Throws when the stubs score anything, since a test that passes on a stub gives every student
 * free points.
 */
export function publicPoints(root: string, snapshot: string, stubs: string): { id: string; points: number }[] {
  const modules = path.join(root, "node_modules");
  if (!fs.existsSync(modules)) throw new Error(`release: ${modules} is missing; run \`npm ci\` in ${root} first (the release grades its stubs to count each question's points)`);
  const link = path.join(snapshot, "node_modules");
  if (!fs.existsSync(link)) fs.symlinkSync(modules, link, process.platform === "win32" ? "junction" : "dir");
  const results = path.join(snapshot, "build", "classroom-points.json");
  const run = runNpmScript(snapshot, "grade", ["--public-only", "--target", stubs, "--results", results]);
  if (!fs.existsSync(results)) {
    throw new Error(`release: grading the stubs to count each question's points failed (exit ${run.status ?? run.signal}):\n${tail(run.stderr || run.stdout)}`);
  }
  const report = JSON.parse(fs.readFileSync(results, "utf8")) as { score: number; tests: { name: string; score: number; max_score: number }[] };
  if (report.score !== 0) {
    const free = report.tests.filter((t) => t.score > 0).map((t) => t.name);
    throw new Error(`release: the exercise stubs score ${report.score} points on the public tests (${free.join("; ")}); a test that passes without the student's code gives every student free points: fix it before releasing`);
  }
  const points = new Map<string, number>();
  for (const t of report.tests) {
    const sep = t.name.indexOf(": ");
    if (sep <= 0) throw new Error(`release: unexpected test name "${t.name}" in the grader's results.json (expected "<question>: <test>")`);
    const id = t.name.slice(0, sep);
    points.set(id, (points.get(id) ?? 0) + t.max_score);
  }
  return [...points].map(([id, p]) => ({ id, points: p }));
}

/**
 * Runs `npm run <script> -- <args>` in `cwd`: through the npm that started this process when
 * there is one (npm_execpath), else the npm on PATH. Scripts are read from the pack's
 * package.json, so a change to how `grade` is run reaches the release and the autograder too.
 */
export function runNpmScript(cwd: string, script: string, args: string[], stdio: "pipe" | "inherit" = "pipe", timeoutMs?: number) {
  const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: cwd };
  delete env.DESCENT_TARGET; // the folder to grade is given by --target, never inherited
  const npmArgs = ["run", "--silent", script, "--", ...args];
  const viaNode = process.env.npm_execpath && /\.c?js$/.test(process.env.npm_execpath);
  return viaNode
    ? spawnSync(process.execPath, [process.env.npm_execpath as string, ...npmArgs], { cwd, env, encoding: "utf8", stdio, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", npmArgs, { cwd, env, encoding: "utf8", stdio, timeout: timeoutMs, shell: process.platform === "win32", maxBuffer: 256 * 1024 * 1024 });
}

function tail(text: string | null | undefined): string {
  return (text ?? "").trim().split("\n").slice(-20).join("\n");
}
