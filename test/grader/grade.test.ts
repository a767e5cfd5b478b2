// Tests of the grader on whole targets: the reference solutions, fresh stubs, the questions
// the graded tests declare, the results.json it writes, and that it never touches a target.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { discoverQuestions, GraderError, selectQuestions } from "../../tools/grade/discover";
import { gradeTargets } from "../../tools/grade/grade";
import { toGradescope } from "../../tools/grade/gradescope";
import { collectQuestions, parseTitle, type SuiteLike } from "../../tools/grade/questions";
import type { GradeReport, QuestionInfo } from "../../tools/grade/types";
import { generateExercises } from "../../tools/exercises/generate";
import { hashTree, ROOT, runTool, tmpDir } from "./helpers";

describe("tools/grade", function () {
  this.timeout(180_000);
  let questions: QuestionInfo[];

  before(async () => {
    questions = await discoverQuestions(ROOT);
  });

  describe("questions and points", () => {
    it("every graded question has points, public tests students can check, and a unique id", () => {
      expect(questions.length).to.be.greaterThan(0);
      for (const q of questions) {
        const max = q.tests.reduce((s, t) => s + t.points, 0);
        expect(Number.isFinite(max) && max > 0, `${q.id} is worth ${max} points`).to.equal(true);
        expect(q.tests.some((t) => !t.hidden), `${q.id} has no public test, so check("${q.id}") would show nothing`).to.equal(true);
      }
      expect(new Set(questions.map((q) => q.id)).size).to.equal(questions.length);
      const welcome = questions.filter((q) => q.lesson === "welcome").map((q) => q.id);
      expect(welcome).to.deep.equal(["gd-step", "gd-run"]);
    });

    it("reads points tags and rejects untagged tests, bad ids and tests outside a question", () => {
      expect(parseTitle("moves [2 pts]")).to.deep.equal({ title: "moves", points: 2 });
      expect(parseTitle("moves [1 pt]")).to.deep.equal({ title: "moves", points: 1 });
      expect(parseTitle("moves [0.5 pts]")).to.deep.equal({ title: "moves", points: 0.5 });
      expect(parseTitle("moves")).to.deep.equal({ title: "moves", points: undefined });
      const file = path.join(ROOT, "test/graded/demo/a.test.ts");
      const other = path.join(ROOT, "test/graded/other/b.test.ts");
      const tree: SuiteLike = {
        title: "",
        tests: [{ title: "stray [1 pt]", file }],
        suites: [
          { title: "good-one", file, tests: [{ title: "ok [1 pt]", file }, { title: "untagged", file }], suites: [] },
          { title: "Bad Id", file, tests: [], suites: [] },
          { title: "good-one", file: other, tests: [{ title: "again [1 pt]", file: other }], suites: [] },
        ],
      };
      const { questions: found, problems } = collectQuestions(tree, ROOT);
      expect(found.map((q) => q.id)).to.deep.equal(["good-one"]);
      expect(problems.join("\n")).to.match(/"stray \[1 pt\]" is not inside a describe/);
      expect(problems.join("\n")).to.match(/good-one untagged" needs a points tag/);
      expect(problems.join("\n")).to.match(/question id "Bad Id" must be lower-case/);
      expect(problems.join("\n")).to.match(/already used by lesson "demo"/);
    });

    it("--only selects by question id or lesson, and names what matches nothing", () => {
      expect(selectQuestions(questions, ["gd-run"]).map((q) => q.id)).to.deep.equal(["gd-run"]);
      expect(selectQuestions(questions, ["welcome"]).map((q) => q.id)).to.deep.equal(["gd-step", "gd-run"]);
      expect(() => selectQuestions(questions, ["nope"])).to.throw(GraderError, /no question or lesson named nope/);
    });
  });

  describe("grading", () => {
    let solutions: GradeReport;
    let stubs: GradeReport;
    let stubsDir: string;
    let hashesBefore: { solutions: string; stubs: string };

    before(async () => {
      stubsDir = tmpDir("stubs");
      for (const g of generateExercises(ROOT)) {
        const file = path.join(stubsDir, path.relative("exercises", g.exercise));
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, g.text);
      }
      hashesBefore = { solutions: hashTree(path.join(ROOT, "solutions")), stubs: hashTree(stubsDir) };
      [solutions, stubs] = await gradeTargets(
        [
          { name: "solutions", dir: path.join(ROOT, "solutions"), label: "solutions" },
          { name: "stubs", dir: stubsDir, label: "exercises" },
        ],
        { root: ROOT, questions },
      );
    });
    after(() => fs.rmSync(stubsDir, { recursive: true, force: true }));

    it("gives the reference solutions every point of every question (public and hidden)", () => {
      const failing = solutions.questions.flatMap((q) => q.tests.filter((t) => t.outcome !== "passed").map((t) => `${q.id}: ${t.title}: ${t.message}`));
      expect(failing, failing.join("\n")).to.deep.equal([]);
      expect(solutions.score).to.equal(solutions.maxScore);
      expect(solutions.maxScore).to.be.greaterThan(0);
    });

    it("gives fresh stubs 0 points, each test saying 'not implemented yet'", () => {
      expect(stubs.score).to.equal(0);
      for (const t of stubs.questions.flatMap((q) => q.tests)) {
        expect(t.outcome, `${t.question}: ${t.title}`).to.equal("not-implemented");
        expect(t.message).to.match(/^not implemented yet: \S+ \(lesson \S+\)/);
      }
    });

    it("never modifies the folders it grades", () => {
      expect(hashTree(path.join(ROOT, "solutions"))).to.equal(hashesBefore.solutions);
      expect(hashTree(stubsDir)).to.equal(hashesBefore.stubs);
    });

    it("writes Gradescope results: finite scores, hidden tests visible after publishing and without details", () => {
      const results = JSON.parse(JSON.stringify(toGradescope(stubs)));
      expect(results.score).to.equal(0);
      expect(Number.isFinite(results.execution_time)).to.equal(true);
      expect(results.tests.length).to.equal(stubs.questions.reduce((s, q) => s + q.tests.length, 0));
      const hiddenTitles = stubs.questions.flatMap((q) => q.tests.filter((t) => t.hidden).map((t) => t.title));
      expect(hiddenTitles.length).to.be.greaterThan(0);
      for (const t of results.tests) {
        expect(Object.keys(t).sort()).to.deep.equal(["max_score", "name", "output", "score", "status", "visibility"]);
        expect(Number.isFinite(t.score) && Number.isFinite(t.max_score), t.name).to.equal(true);
        expect(t.status).to.equal("failed");
        if (t.visibility === "after_published") {
          expect(t.name).to.match(/^[a-z0-9-]+: hidden test \d+$/);
          expect(t.output).to.not.match(/not implemented/);
        } else {
          expect(t.visibility).to.equal("visible");
          expect(t.output).to.match(/not implemented yet/);
        }
      }
      const everything = JSON.stringify(results);
      for (const title of hiddenTitles) expect(everything, `hidden title "${title}" leaked`).to.not.contain(title);
    });
  });

  describe("npm run grade (cli)", () => {
    it("exits 2 on bad arguments, naming the problem", async () => {
      for (const [args, why] of [
        [["--timeout", "0"], /--timeout must be a positive number/],
        [["--bogus"], /Unknown option '--bogus'/],
        [["--only", "no-such-question"], /no question or lesson named no-such-question/],
        [["--target", "/no/such/folder"], /is not a folder/],
      ] as const) {
        const run = await runTool("tools/grade/cli.ts", [...args]);
        expect(run.code, `${args.join(" ")}: ${run.stderr}`).to.equal(2);
        expect(run.stderr).to.match(why);
      }
    });

    it("on Ctrl-C stops the children, writes the results so far and exits 130", async () => {
      const dir = tmpDir("sigint");
      const results = path.join(dir, "results.json");
      const run = await runTool(
        "tools/grade/cli.ts",
        ["--target", "test/fixtures/grader/looping", "--results", results, "--only", "welcome", "--timeout", "60", "--test-timeout", "60"],
        { whenStarted: (kill) => setTimeout(() => kill("SIGINT"), 2500) },
      );
      expect(run.code, run.stderr).to.equal(130);
      const json = JSON.parse(fs.readFileSync(results, "utf8"));
      expect(json.score).to.equal(0);
      expect(json.output).to.match(/interrupted/);
      expect(json.tests.filter((t: { visibility: string }) => t.visibility === "visible").every((t: { output: string }) => /interrupted/.test(t.output))).to.equal(true);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
});
