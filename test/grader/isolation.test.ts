// The grader against hostile code: each fixture in test/fixtures/grader/ misbehaves in one
// way; grading must complete, fail only what misbehaved, and say what happened. Then batch
// grading of broken submissions (syntax error, missing file, throwing at import, whole pack
// copy) into a CSV.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { submissionTargets } from "../../tools/grade/batch";
import { discoverQuestions, selectQuestions } from "../../tools/grade/discover";
import { gradeTargets } from "../../tools/grade/grade";
import { toGradescope } from "../../tools/grade/gradescope";
import type { GradeReport, TestResult } from "../../tools/grade/types";
import { FIXTURES, hashTree, ROOT, runTool, tmpDir } from "./helpers";

// The loops never end, so any limit catches them; 5 s per test (and 10 s per question) leaves
// the well-behaved fixtures room on a busy machine, where everything runs several times slower.
const TEST_TIMEOUT_MS = 5000;
const CAP = 64 * 1024;
/** Output per test above which a test fails as flooded (the grader's default, 1 MB). */
const LIMIT = 1024 * 1024;
// A smaller heap than the default 512 MB fills sooner; the other fixtures need far less.
const MEMORY_MB = 256;
// The allocating fixture is graded on its own with deadlines far beyond any machine's time to
// fill 256 MB (well under a second idle; V8's last-ditch collections make it ~10 s at load 20),
// so its only way to end is the memory cap: the outcome cannot depend on the machine's speed.
const ALLOCATING_TEST_TIMEOUT_MS = 120_000;

describe("tools/grade isolation", function () {
  this.timeout(600_000);
  const reports = new Map<string, GradeReport>();
  let hashBefore: string;

  before(async () => {
    hashBefore = hashTree(FIXTURES);
    const questions = selectQuestions(await discoverQuestions(ROOT), ["welcome"]);
    // attacks/ and sandbox-probe/ are graded by sandbox.test.ts.
    const targets = submissionTargets(FIXTURES).filter((t) => t.name !== "attacks" && t.name !== "sandbox-probe");
    const limits = { timeoutMs: 10_000, testTimeoutMs: TEST_TIMEOUT_MS, memoryMb: MEMORY_MB, outputCapBytes: CAP, outputLimitBytes: LIMIT };
    const graded = [
      ...(await gradeTargets(targets.filter((t) => t.name !== "allocating"), { root: ROOT, questions, limits })),
      ...(await gradeTargets(targets.filter((t) => t.name === "allocating"), {
        root: ROOT,
        questions,
        limits: { ...limits, timeoutMs: 2 * ALLOCATING_TEST_TIMEOUT_MS, testTimeoutMs: ALLOCATING_TEST_TIMEOUT_MS },
      })),
    ].sort((a, b) => a.target.localeCompare(b.target));
    for (const r of graded) reports.set(r.target, r);
  });

  const tests = (name: string, question: string): TestResult[] => {
    const r = reports.get(name);
    if (!r) throw new Error(`fixture ${name} was not graded`);
    return r.questions.find((q) => q.id === question)?.tests ?? [];
  };
  const first = (name: string, question: string) => tests(name, question)[0];

  it("grades every fixture to a finite score, and never modifies them", () => {
    expect([...reports.keys()]).to.deep.equal(["allocating", "chatty", "exiting", "forging", "looping", "mutating", "nan", "throwing", "wrong-shape"]);
    for (const r of reports.values()) {
      expect(Number.isFinite(r.score) && r.score >= 0 && r.score <= r.maxScore, `${r.target}: ${r.score}`).to.equal(true);
      for (const t of toGradescope(r).tests) expect(Number.isFinite(t.score), `${r.target} ${t.name}`).to.equal(true);
    }
    expect(hashTree(FIXTURES)).to.equal(hashBefore);
  });

  it("a synchronous infinite loop times out that question only, with the rest marked not run", () => {
    for (const q of ["gd-step", "gd-run"]) {
      const [head, ...rest] = tests("looping", q);
      expect(head.outcome).to.equal("timeout");
      expect(head.message).to.match(/this test did not finish within 5 s \(an infinite loop/);
      for (const t of rest) {
        expect(t.outcome).to.equal("not-run");
        expect(t.message).to.match(/an earlier test of this question timed out/);
      }
    }
  });

  it("a thrown error fails with its type, message and the line in the student's file", () => {
    expect(first("throwing", "gd-step").outcome).to.equal("error");
    expect(first("throwing", "gd-step").message).to.match(/^threw TypeError: Cannot read properties of undefined .*\(at exercises\/welcome\.ts:\d+:\d+\)/);
    expect(first("throwing", "gd-run").message).to.match(/^threw Error: something went wrong/);
  });

  it("NaN and Infinity fail as 'not a finite number', never as a match", () => {
    expect(first("nan", "gd-step").outcome).to.equal("failed");
    expect(first("nan", "gd-step").message).to.match(/expected 0\.95 ± 1e-12, got NaN \(not a finite number\)/);
    expect(tests("nan", "gd-run").map((t) => t.message).join("\n")).to.match(/got -?Infinity \(not a finite number\)/);
  });

  it("a wrong shape fails saying what shape was expected and what came back", () => {
    expect(first("wrong-shape", "gd-step").message).to.match(/wrong shape: expected an array of 2, got an array of 1/);
    expect(first("wrong-shape", "gd-run").message).to.match(/expected an array of 4, got the number/);
  });

  it("a mutated input fails the no-mutation test only, naming the input and the change", () => {
    const step = tests("mutating", "gd-step");
    const mutation = step.find((t) => /untouched/.test(t.title));
    expect(mutation?.outcome).to.equal("failed");
    expect(mutation?.message).to.match(/gdStep changed its input theta \(theta\[0\] was 1, now 0\.95\)/);
    expect(step[0].outcome, "the values themselves are right").to.equal("passed");
  });

  it("runaway allocation, on the heap or in Buffers, fails as out of memory", () => {
    for (const q of ["gd-step", "gd-run"]) {
      expect(first("allocating", q).outcome, q).to.equal("memory");
      expect(first("allocating", q).message).to.match(/ran out of memory: used more than the 256 MB allowed/);
    }
  });

  it("console output is capped per test and costs no points until it floods past the limit", () => {
    // The chatty fixture computes right answers while printing ~1 MB per gdStep call and
    // ~190 kB per gdRun step, so some tests stay under the 1 MB limit and some go over it.
    const all = [...tests("chatty", "gd-step"), ...tests("chatty", "gd-run")];
    expect(all.length).to.be.greaterThan(0);
    for (const t of all) {
      expect(Buffer.byteLength(t.output), t.title).to.be.at.most(CAP);
      expect(t.outcome, `${t.title}: printed ${t.outputBytes} bytes (${t.message})`).to.equal(t.outputBytes > LIMIT ? "flooded" : "passed");
    }
    const quiet = all.filter((t) => t.outcome === "passed" && t.outputTruncated);
    const loud = all.filter((t) => t.outcome === "flooded");
    expect(quiet.length, "a test printing more than the cap but less than the limit passes").to.be.greaterThan(0);
    expect(loud.length, "a test printing megabytes fails").to.be.greaterThan(0);
    for (const t of loud) expect(t.message).to.match(/printed [\d.]+ MB of console output, over the 1\.0 MB limit per test/);
    const out = toGradescope(reports.get("chatty") as GradeReport).tests.find((t) => t.output.includes("Console output"));
    expect(out?.output).to.match(/Console output \([\d.]+ (MB|kB) printed, only the first 64 kB kept\)/);
  });

  it("code under test cannot forge results over the grader's IPC channel: every throwing test scores 0", () => {
    const r = reports.get("forging") as GradeReport;
    expect(r.maxScore).to.be.greaterThan(0);
    expect(r.score).to.equal(0);
    const all = [...tests("forging", "gd-step"), ...tests("forging", "gd-run")];
    expect(all.length).to.be.greaterThan(0);
    for (const t of all) expect(t.outcome, t.title).to.not.equal("passed");
    // The channel was out of reach, so the functions ran to their throw.
    expect(first("forging", "gd-step").message).to.match(/forged \(no channel\)/);
  });

  it("process.exit in student code fails the test instead of ending grading", () => {
    expect(first("exiting", "gd-step").outcome).to.equal("error");
    expect(first("exiting", "gd-step").message).to.match(/called process\.exit\(0\)/);
  });

  it("batch: broken submissions never stop the batch; CSV and one results.json per student", async () => {
    const subs = tmpDir("subs");
    const out = tmpDir("batch-out");
    fs.mkdirSync(path.join(subs, "ada-pack", "exercises"), { recursive: true });
    fs.copyFileSync(path.join(ROOT, "solutions", "welcome.ts"), path.join(subs, "ada-pack", "exercises", "welcome.ts"));
    fs.mkdirSync(path.join(subs, "bob-syntax"));
    fs.writeFileSync(path.join(subs, "bob-syntax", "welcome.ts"), "export function gdStep(theta: number[] {\n  return theta;\n");
    fs.mkdirSync(path.join(subs, "cy-missing"));
    fs.writeFileSync(path.join(subs, "cy-missing", "notes.txt"), "forgot the code\n");
    fs.mkdirSync(path.join(subs, "dee, \"quoted\""));
    fs.writeFileSync(path.join(subs, "dee, \"quoted\"", "welcome.ts"), 'throw new Error("broken at import");\nexport {};\n');

    const run = await runTool("tools/grade/cli.ts", ["--submissions", subs, "--out", out, "--only", "welcome"]);
    expect(run.code, run.stderr).to.equal(0);
    const csv = fs.readFileSync(path.join(out, "grades.csv"), "utf8").trim().split("\n");
    expect(csv).to.deep.equal([
      "student,gd-step,gd-run,total",
      "ada-pack,7,7,14",
      "bob-syntax,0,0,0",
      "cy-missing,0,0,0",
      '"dee, ""quoted""",0,0,0',
    ]);
    const result = (dir: string) => JSON.parse(fs.readFileSync(path.join(out, dir, "results.json"), "utf8"));
    expect(result("ada-pack").score).to.equal(14);
    expect(result("bob-syntax").tests[0].output).to.match(/exercises\/welcome\.ts does not compile/);
    expect(result("cy-missing").tests[0].output).to.match(/exercises\/welcome\.ts was not found/);
    expect(result("dee_quoted_").tests[0].output).to.match(/exercises\/welcome\.ts threw while loading: broken at import/);
    fs.rmSync(subs, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });
});
