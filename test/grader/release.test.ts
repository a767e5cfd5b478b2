// Tests of the student release (tools/release): what ships, what never does, and that the
// grader runs in the copy. Built from a fresh clone, so it sees exactly what git tracks.
import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { generateExercises } from "../../tools/exercises/generate";
import { CLASSROOM_WORKFLOW, classroomWorkflow } from "../../tools/release/classroom";
import { makeRelease, releaseMocharc, withoutOutputs } from "../../tools/release/release";
import { INSTRUCTOR_ONLY } from "../../tools/release/policy";

// js-yaml is already installed (mocha depends on it); used only to check the workflow parses.
const yaml = require("js-yaml") as { load(text: string): unknown };
import { ROOT, runTool, tmpDir } from "./helpers";

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.name === "node_modules") return [];
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join("/")];
  });
}

describe("tools/release", function () {
  // The release grades its stubs to count each question's points (20 s idle, minutes at a load
  // of 15); this limit only stops a hung run.
  this.timeout(900_000);
  let clone: string;
  let dest: string;
  let summary: ReturnType<typeof makeRelease>;

  before(() => {
    const work = tmpDir("release");
    clone = path.join(work, "pack");
    dest = path.join(work, "student");
    execFileSync("git", ["clone", "-q", ROOT, clone]);
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(clone, "node_modules"), "dir");
    // An instructor's local state that must not leak: an edited exercise, untracked junk.
    fs.appendFileSync(path.join(clone, "exercises", "welcome.ts"), "\n// instructor's experiment\n");
    fs.writeFileSync(path.join(clone, "junk.tmp.ts"), "export const junk = 1;\n");
    // A committed symlink pointing outside the pack, and an uncommitted edit of a shipped file.
    fs.symlinkSync(path.join(ROOT, "solutions", "welcome.ts"), path.join(clone, "linked.ts"));
    execFileSync("git", ["add", "linked.ts"], { cwd: clone });
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "symlink"], { cwd: clone });
    fs.appendFileSync(path.join(clone, "test", "graded", "impl.ts"), "\n// uncommitted edit\n");
    summary = makeRelease(clone, dest);
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dest, "node_modules"), "dir");
  });
  after(() => fs.rmSync(path.dirname(clone), { recursive: true, force: true }));

  it("ships no solutions, hidden tests or grader tests, and no untracked files", () => {
    const files = listFiles(dest);
    for (const prefix of INSTRUCTOR_ONLY) expect(files.filter((f) => f.startsWith(prefix)), prefix).to.deep.equal([]);
    expect(files).to.not.include("junk.tmp.ts");
    expect(files).to.include.members(["package.json", "package-lock.json", "tsconfig.json", ".mocharc.json", "tools/grade/cli.ts", "test/graded/impl.ts"]);
    const tracked = execFileSync("git", ["ls-files"], { cwd: clone, encoding: "utf8" }).split("\n").filter((f) => f.startsWith("test/graded/"));
    expect(files.filter((f) => f.startsWith("test/graded/"))).to.have.members(tracked);
  });

  it("ships the committed tree only: no uncommitted edits, no symlinks (skipped with a reason)", () => {
    const shipped = fs.readFileSync(path.join(dest, "test", "graded", "impl.ts"), "utf8");
    expect(shipped).to.not.contain("uncommitted edit");
    expect(shipped).to.equal(execFileSync("git", ["show", "HEAD:test/graded/impl.ts"], { cwd: clone, encoding: "utf8" }));
    expect(fs.existsSync(path.join(dest, "linked.ts"))).to.equal(false);
    expect(summary.skipped.join("\n")).to.match(/linked\.ts \(a symlink/);
  });

  it("regenerates exercises from solutions as stubs, ignoring the edited exercises/", () => {
    for (const g of generateExercises(clone)) {
      const shipped = fs.readFileSync(path.join(dest, g.exercise), "utf8");
      expect(shipped).to.equal(g.text);
      expect(shipped).to.not.contain("instructor's experiment");
      expect(shipped).to.contain("not implemented yet");
    }
  });

  it("leaves the graded tests out of the student's mocha run", () => {
    const config = JSON.parse(fs.readFileSync(path.join(dest, ".mocharc.json"), "utf8"));
    expect(config.ignore).to.include("test/graded/**");
    expect(config.spec).to.deep.equal(JSON.parse(fs.readFileSync(path.join(ROOT, ".mocharc.json"), "utf8")).spec);
    expect(JSON.parse(releaseMocharc('{"ignore":"x/**"}')).ignore).to.deep.equal(["x/**", "test/graded/**"]);
  });

  it("strips notebook outputs", () => {
    const nb = { cells: [{ cell_type: "code", source: ["1+1"], outputs: [{ output_type: "stream", text: ["2"] }], execution_count: 3 }, { cell_type: "markdown", source: ["# hi"] }] };
    const out = JSON.parse(withoutOutputs(JSON.stringify(nb), "x.ipynb"));
    expect(out.cells[0].outputs).to.deep.equal([]);
    expect(out.cells[0].execution_count).to.equal(null);
    expect(out.cells[1]).to.deep.equal(nb.cells[1]);
    for (const f of listFiles(dest).filter((f) => f.endsWith(".ipynb"))) {
      const cells = JSON.parse(fs.readFileSync(path.join(dest, f), "utf8")).cells as { outputs?: unknown[] }[];
      expect(cells.every((c) => !c.outputs || c.outputs.length === 0), f).to.equal(true);
    }
  });

  it("refuses a folder that is not empty", () => {
    expect(() => makeRelease(clone, dest)).to.throw(/is not empty/);
  });

  it("grades in the copy: exit 0, score 0, every test 'not implemented yet', public tests only", async () => {
    const run = await runTool("tools/grade/cli.ts", ["--only", "welcome"], { cwd: dest });
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/gd-step\s+0\/5\s+not implemented\s+moves against the gradient: θ − lr·g: not implemented yet: gdStep \(lesson 0\)/);
    const results = JSON.parse(fs.readFileSync(path.join(dest, "build", "grade", "results.json"), "utf8"));
    expect(results.score).to.equal(0);
    expect(results.tests.length).to.be.greaterThan(0);
    for (const t of results.tests) {
      expect(t.visibility).to.equal("visible");
      expect(t.output).to.match(/not implemented yet/);
    }
    // The Classroom workflow's step for each question is worth what this grading says.
    for (const id of ["gd-step", "gd-run"]) {
      const points = (results.tests as { name: string; max_score: number }[]).filter((t) => t.name.startsWith(`${id}: `)).reduce((a, t) => a + t.max_score, 0);
      expect(points, id).to.be.greaterThan(0);
      expect(summary.classroom.find((q) => q.id === id)?.points, id).to.equal(points);
    }
  });

  it("ships a GitHub Classroom workflow whose points are the grader's public points, and that parses", () => {
    const text = fs.readFileSync(path.join(dest, CLASSROOM_WORKFLOW), "utf8");
    expect(text).to.equal(classroomWorkflow(summary.classroom));
    const doc = yaml.load(text) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
    const graders = Object.values(doc.jobs)[0].steps.filter((s) => /autograding-command-grader@/.test(s.uses ?? ""));
    expect(graders.map((s) => s.with?.["test-name"])).to.deep.equal(summary.classroom.map((q) => q.id));
  });

  it("a Classroom step fails on a stub and passes on the solution (run in the release)", async () => {
    const file = path.join(dest, "exercises", "welcome.ts");
    const stub = fs.readFileSync(file);
    const onStub = await runTool("tools/release/classroom-grade.ts", ["gd-step"], { cwd: dest });
    expect(onStub.code, onStub.stderr).to.equal(1);
    expect(onStub.stdout).to.match(/gd-step: 0\/\d+ points, 0 of \d+ public tests passed/);
    try {
      fs.copyFileSync(path.join(ROOT, "solutions", "welcome.ts"), file);
      const onSolution = await runTool("tools/release/classroom-grade.ts", ["gd-step"], { cwd: dest });
      expect(onSolution.code, onSolution.stdout + onSolution.stderr).to.equal(0);
      expect(onSolution.stdout).to.match(/gd-step: (\d+)\/\1 points, (\d+) of \2 public tests passed\n/);
    } finally {
      fs.writeFileSync(file, stub);
    }
  });

  it("refuses to ship a committed archive that holds hidden tests", () => {
    const work = tmpDir("release-zip");
    try {
      const pack = path.join(work, "pack");
      execFileSync("git", ["clone", "-q", clone, pack]);
      execFileSync("zip", ["-q", "-r", "autograder.zip", "test/hidden"], { cwd: pack });
      execFileSync("git", ["add", "autograder.zip"], { cwd: pack });
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "oops"], { cwd: pack });
      expect(() => makeRelease(pack, path.join(work, "out"), { classroom: false })).to.throw(/archives contain hidden tests and would ship to students: autograder\.zip/);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it("loads every graded test file without solutions/ (mocha dry run)", () => {
    const mocha = path.join(ROOT, "node_modules", "mocha", "bin", "mocha.js");
    const run = spawnSync(process.execPath, [mocha, "--dry-run", "--no-config", "--require", "tsx/cjs", "--extension", "ts", "--recursive", "test/graded"], { cwd: dest, encoding: "utf8" });
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(run.stdout).to.match(/gd-step/);
  });
});
