// Tests of the Gradescope autograder zip (tools/release/gradescope.ts) and of its
// run_autograder, run in a simulated /autograder below a temporary folder, as Gradescope lays
// it out (https://gradescope-autograders.readthedocs.io/en/latest/specs/): the zip unpacked in
// source/, the student's files in submission/, results/results.json written by run_autograder.
// setup.sh needs the network (Node's tarball, npm ci), so here node_modules is a link to the
// pack's own and setup.sh is only checked, not run.
import { expect } from "chai";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { buildGradescopeZip, type GradescopeSummary } from "../../tools/release/gradescope";
import { locateExercises } from "../../tools/release/autograder/run";
import { createHash } from "crypto";
import { ROOT, runTool, tmpDir } from "./helpers";

/** One hash over every path, mode and content below `dir`; a symlink counts by its target, never followed. */
/** Every entry below `dir` with a hash of its content, so a changed tree names what changed. */
function listTree(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const full = path.join(d, name);
      const st = fs.lstatSync(full);
      const rel = path.relative(dir, full);
      if (st.isSymbolicLink()) out.push(`${rel} -> ${fs.readlinkSync(full)}`);
      else if (st.isDirectory()) {
        out.push(`${rel}/ ${st.mode.toString(8)}`);
        visit(full);
      } else out.push(`${rel} ${st.mode.toString(8)} ${createHash("sha256").update(fs.readFileSync(full)).digest("hex").slice(0, 16)}`);
    }
  };
  visit(dir);
  return out;
}

function hashTree(dir: string): string {
  const h = createHash("sha256");
  const visit = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const full = path.join(d, name);
      const st = fs.lstatSync(full);
      h.update(`${path.relative(dir, full)}\0${st.mode}\0`);
      if (st.isSymbolicLink()) h.update(fs.readlinkSync(full));
      else if (st.isDirectory()) visit(full);
      else h.update(fs.readFileSync(full));
    }
  };
  visit(dir);
  return h.digest("hex");
}

/**
 * Checks `r` against Gradescope's results.json specification (the page cited above, "Output
 * format"): a numeric score, execution_time in seconds, an output string, and tests[] each with
 * name, score, max_score, status ("passed" or "failed"), output and visibility (one of
 * hidden, after_due_date, after_published, visible). Every number must be finite: JSON turns
 * NaN into null, which Gradescope rejects. Beyond the specification, the pack's own rule:
 * the total is the sum of the tests' scores.
 */
function expectGradescopeResults(r: unknown): asserts r is Results {
  expect(r, "results.json is an object").to.be.an("object");
  const o = r as Record<string, unknown>;
  for (const key of ["score", "execution_time"]) {
    expect(o[key], key).to.be.a("number");
    expect(Number.isFinite(o[key] as number) && (o[key] as number) >= 0, `${key} finite and ≥ 0: ${o[key]}`).to.equal(true);
  }
  expect(o.output, "output").to.be.a("string");
  expect(o.tests, "tests").to.be.an("array");
  let sum = 0;
  for (const t of o.tests as Record<string, unknown>[]) {
    const what = `test ${JSON.stringify(t.name)}`;
    expect(t.name, `${what}: name`).to.be.a("string").and.not.equal("");
    for (const key of ["score", "max_score"]) {
      expect(t[key], `${what}: ${key}`).to.be.a("number");
      expect(Number.isFinite(t[key] as number) && (t[key] as number) >= 0, `${what}: ${key} finite and ≥ 0`).to.equal(true);
    }
    expect(t.score as number, `${what}: score ≤ max_score`).to.be.at.most(t.max_score as number);
    expect(t.status, `${what}: status`).to.be.oneOf(["passed", "failed"]);
    expect(t.output, `${what}: output`).to.be.a("string");
    expect(t.visibility, `${what}: visibility`).to.be.oneOf(["hidden", "after_due_date", "after_published", "visible"]);
    sum += t.score as number;
  }
  // Scores are sums of small integers (points in test titles): exact in floating point.
  expect(o.score, "score = sum of the tests' scores").to.equal(sum);
}

interface Results {
  score: number;
  execution_time: number;
  output: string;
  tests: { name: string; score: number; max_score: number; status: string; output: string; visibility: string }[];
}

function zipEntries(zip: string): string[] {
  return execFileSync("unzip", ["-Z1", zip], { encoding: "utf8" }).split("\n").filter(Boolean);
}

describe("tools/release: Gradescope autograder", function () {
  // Grading every question of the solutions takes 15 s on an idle 2-core machine and 80 s when
  // it is loaded; the limits below only stop a hung run.
  this.timeout(900_000);
  let work: string;
  let zip: string;
  let summary: GradescopeSummary;
  let autograder: string;

  before(() => {
    work = tmpDir("gradescope");
    // As /autograder on Gradescope: readable by all, since a grader running as root runs student
    // code as an unprivileged user, who must reach the staging folder under TMPDIR (below).
    fs.chmodSync(work, 0o755);
    zip = path.join(work, "autograder.zip");
    summary = buildGradescopeZip(ROOT, zip);
    autograder = path.join(work, "autograder");
    fs.mkdirSync(path.join(autograder, "source"), { recursive: true });
    execFileSync("unzip", ["-q", zip, "-d", path.join(autograder, "source")]);
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(autograder, "source", "node_modules"), "dir");
    // Gradescope copies run_autograder to /autograder/run_autograder and runs it from there.
    fs.copyFileSync(path.join(autograder, "source", "run_autograder"), path.join(autograder, "run_autograder"));
    fs.chmodSync(path.join(autograder, "run_autograder"), 0o755);
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it("has setup.sh and run_autograder at its root, executable, with the grader and the public and hidden tests", () => {
    const entries = zipEntries(zip);
    expect(entries).to.include.members(["setup.sh", "run_autograder", "package.json", "package-lock.json", "tools/grade/cli.ts", "tools/release/autograder/run.ts", "test/graded/impl.ts"]);
    for (const script of ["setup.sh", "run_autograder"]) {
      expect(fs.statSync(path.join(autograder, "source", script)).mode & 0o111, `${script} is executable`).to.not.equal(0);
    }
    const hidden = execFileSync("git", ["ls-files", "test/hidden"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter((f) => f.endsWith(".test.ts"));
    expect(hidden.length, "the pack has hidden tests").to.be.greaterThan(0);
    expect(entries).to.include.members(hidden);
    expect(summary.hidden).to.equal(entries.filter((f) => f.startsWith("test/hidden/") && !f.endsWith("/")).length);
  });

  it("never contains solutions/, notebooks, node_modules, build/ or the grader's own tests", () => {
    const entries = zipEntries(zip);
    for (const prefix of ["solutions/", "notebooks/", "node_modules/", "build/", "test/grader/", "test/fixtures/"]) {
      expect(entries.filter((f) => f.startsWith(prefix)), prefix).to.deep.equal([]);
    }
    expect(entries.filter((f) => f.endsWith(".ipynb"))).to.deep.equal([]);
    // The exercises inside are stubs, not copies of the reference.
    for (const f of entries.filter((e) => /^exercises\/.+\.ts$/.test(e))) {
      expect(fs.readFileSync(path.join(autograder, "source", f), "utf8"), f).to.contain("not implemented yet");
    }
  });

  it("setup.sh and run_autograder are valid bash; setup.sh installs a pinned Node 20 ≥ 20.19 and runs npm ci", () => {
    for (const script of ["setup.sh", "run_autograder"]) execFileSync("bash", ["-n", path.join(autograder, "source", script)]);
    const setup = fs.readFileSync(path.join(autograder, "source", "setup.sh"), "utf8");
    const m = /^NODE_VERSION="(\d+)\.(\d+)\.(\d+)"/m.exec(setup);
    expect(m, "NODE_VERSION pinned to an exact version").to.not.equal(null);
    const [major, minor] = [Number(m![1]), Number(m![2])];
    expect(major).to.equal(20);
    expect(minor).to.be.at.least(19);
    expect(setup).to.match(/sha256sum -c/);
    expect(setup).to.match(/^npm ci\b/m);
  });

  it("refuses to replace an existing zip without --force (naming the path and the flag), replaces it with --force", async () => {
    const before = fs.readFileSync(zip);
    expect(() => buildGradescopeZip(ROOT, zip)).to.throw(`${zip} already exists; pass --force`);
    const cli = await runTool("tools/release/cli.ts", ["--gradescope", zip]);
    expect(cli.code).to.equal(2);
    expect(cli.stderr).to.contain(zip).and.contain("--force");
    expect(fs.readFileSync(zip).equals(before), "the zip is untouched").to.equal(true);
    const copy = path.join(work, "copy.zip");
    fs.writeFileSync(copy, "an older autograder");
    buildGradescopeZip(ROOT, copy, { force: true });
    expect(zipEntries(copy)).to.deep.equal(zipEntries(zip));
    expect(() => buildGradescopeZip(ROOT, path.join(work, "autograder.tar"))).to.throw(/must be a \.zip file/);
  });

  /**
   * Runs run_autograder on a submission written by `fill`, with a private TMPDIR that must be
   * empty again afterwards (nothing left behind), and returns results.json.
   */
  async function grade(fill: (submission: string) => void, gradeArgs = ""): Promise<{ results: Results; stdout: string }> {
    for (const dir of ["submission", "results", "tmp"]) {
      fs.rmSync(path.join(autograder, dir), { recursive: true, force: true });
      fs.mkdirSync(path.join(autograder, dir));
    }
    fill(path.join(autograder, "submission"));
    const submissionBefore = hashTree(path.join(autograder, "submission"));
    const sourceBefore = listTree(path.join(autograder, "source"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DESCENT_AUTOGRADER_ROOT: autograder,
      TMPDIR: path.join(autograder, "tmp"),
      // Limits far above any honest test's time, so a loaded machine cannot fail a solution.
      DESCENT_GRADE_ARGS: `--test-timeout 120 --timeout 600 ${gradeArgs}`.trim(),
    };
    delete env.DESCENT_TARGET;
    const child = spawn(path.join(autograder, "run_autograder"), [], { cwd: autograder, env });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code, stdout).to.equal(0);
    const results: unknown = JSON.parse(fs.readFileSync(path.join(autograder, "results", "results.json"), "utf8"));
    expectGradescopeResults(results);
    // tsx keeps its compile cache in $TMPDIR/tsx-<uid> on purpose (it is inside this test's
    // folder and goes with it); anything else there is a staging folder someone did not remove.
    const left = fs.readdirSync(path.join(autograder, "tmp")).filter((f) => !/^tsx-\d+$/.test(f));
    expect(left, "temporary files left behind").to.deep.equal([]);
    expect(fs.readdirSync(path.join(autograder, "results")), "only results.json in results/").to.deep.equal(["results.json"]);
    expect(hashTree(path.join(autograder, "submission")), "the submission is unchanged").to.equal(submissionBefore);
    const sourceAfter = listTree(path.join(autograder, "source"));
    const changed = [...sourceAfter.filter((e) => !sourceBefore.includes(e)).map((e) => `+ ${e}`), ...sourceBefore.filter((e) => !sourceAfter.includes(e)).map((e) => `- ${e}`)];
    expect(changed, "the autograder's files are unchanged").to.deep.equal([]);
    return { results, stdout };
  }

  it("the stubs, submitted in an exercises/ folder, score 0 with hidden tests counted", async () => {
    const { results } = await grade((sub) => {
      fs.mkdirSync(path.join(sub, "exercises"));
      for (const f of fs.readdirSync(path.join(ROOT, "exercises"))) fs.copyFileSync(path.join(ROOT, "exercises", f), path.join(sub, "exercises", f));
    });
    expect(results.score).to.equal(0);
    expect(results.tests.length).to.be.greaterThan(0);
    expect(results.tests.every((t) => t.score === 0 && t.status === "failed")).to.equal(true);
    expect(results.tests.some((t) => t.visibility === "after_published"), "hidden tests are graded").to.equal(true);
    expect(results.output).to.match(/^Graded .*welcome\.ts.* from exercises\/ of your submission/);
  });

  it("the solutions, uploaded as files at the top level, get full marks, hidden tests included", async () => {
    const { results, stdout } = await grade((sub) => {
      for (const f of fs.readdirSync(path.join(ROOT, "solutions"))) fs.copyFileSync(path.join(ROOT, "solutions", f), path.join(sub, f));
    });
    const max = results.tests.reduce((s, t) => s + t.max_score, 0);
    const failed = results.tests.filter((t) => t.status !== "passed").map((t) => `${t.name}: ${t.output}`);
    expect(failed.length, `${failed.length} failed, e.g.\n${failed.slice(0, 3).join("\n")}\n${stdout.slice(-4000)}`).to.equal(0);
    expect(max).to.be.greaterThan(0);
    expect(results.score).to.equal(max);
    expect(results.tests.some((t) => t.visibility === "after_published"), "hidden tests are graded").to.equal(true);
    expect(results.output).to.contain("from the top level of your submission");
  });

  it("an empty submission scores 0 with a message saying what to submit", async () => {
    const { results } = await grade(() => {});
    expect(results.score).to.equal(0);
    expect(results.output).to.contain("No exercise file was found").and.contain("welcome.ts").and.contain("Your submission is empty");
    expect(results.tests).to.have.length(1);
    expect(results.tests[0]).to.include({ name: "Submission", score: 0, status: "failed", visibility: "visible" });
  });

  it("a submission without exercise files says what it found; a partial one grades the rest as stubs", async () => {
    const none = await grade((sub) => fs.writeFileSync(path.join(sub, "notes.txt"), "my answers are in the notebook\n"));
    expect(none.results.score).to.equal(0);
    expect(none.results.output).to.contain("No exercise file was found").and.contain("Your submission holds: notes.txt");

    // A zip of a folder (one level down); a symlink to the hidden tests is never followed.
    const partial = await grade((sub) => {
      fs.mkdirSync(path.join(sub, "my-work", "exercises"), { recursive: true });
      fs.copyFileSync(path.join(ROOT, "solutions", "welcome.ts"), path.join(sub, "my-work", "exercises", "welcome.ts"));
      fs.symlinkSync(path.join(autograder, "source", "test", "hidden"), path.join(sub, "my-work", "exercises", "hidden"));
    }, "--only welcome,risk");
    const byLesson = (prefix: string[]) => partial.results.tests.filter((t) => prefix.some((p) => t.name.startsWith(`${p}: `)));
    const welcome = byLesson(["gd-step", "gd-run"]);
    expect(welcome.length).to.be.greaterThan(0);
    expect(welcome.filter((t) => t.status !== "passed").map((t) => `${t.name}: ${t.output}`), partial.stdout.slice(-4000)).to.deep.equal([]);
    const risk = byLesson(["empirical-risk", "logistic-loss", "convexity-violation"]);
    expect(risk.length).to.be.greaterThan(0);
    expect(risk.every((t) => t.score === 0)).to.equal(true);
    expect(partial.results.output).to.contain("Graded welcome.ts from my-work/exercises/").and.match(/Not submitted, so graded as the unchanged stubs \(0 points\): .*risk\.ts/);
  });

  it("without Node's packages (a failed setup.sh) still writes a results.json that says so", () => {
    const bare = path.join(work, "bare");
    fs.mkdirSync(path.join(bare, "source"), { recursive: true });
    fs.mkdirSync(path.join(bare, "submission"));
    execFileSync(path.join(autograder, "run_autograder"), [], { env: { ...process.env, DESCENT_AUTOGRADER_ROOT: bare }, stdio: "pipe" });
    const results: unknown = JSON.parse(fs.readFileSync(path.join(bare, "results", "results.json"), "utf8"));
    expectGradescopeResults(results);
    expect(results.score).to.equal(0);
    expect(results.output).to.contain("The autograder is not set up");
  });

  it("finds exercise files at the top level, in exercises/, or one folder down, and nowhere else", () => {
    const dir = path.join(work, "locate");
    fs.mkdirSync(path.join(dir, "a", "deep", "exercises"), { recursive: true });
    fs.writeFileSync(path.join(dir, "a", "deep", "exercises", "welcome.ts"), "");
    expect(locateExercises(dir, ["welcome.ts"]), "two folders down is too deep").to.equal(undefined);
    fs.writeFileSync(path.join(dir, "a", "welcome.ts"), "");
    expect(locateExercises(dir, ["welcome.ts"])).to.deep.equal({ dir: path.join(dir, "a"), found: ["welcome.ts"] });
    fs.writeFileSync(path.join(dir, "risk.ts"), "");
    expect(locateExercises(dir, ["welcome.ts", "risk.ts"])).to.deep.equal({ dir, found: ["risk.ts"] });
    expect(locateExercises(path.join(dir, "missing"), ["welcome.ts"])).to.equal(undefined);
  });
});
