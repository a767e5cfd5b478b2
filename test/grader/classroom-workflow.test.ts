// Tests of the GitHub Classroom workflow a student release carries (tools/release/classroom.ts):
// its YAML parses, has the shape GitHub Classroom's autograding actions expect
// (classroom-resources/autograding-command-grader and autograding-grading-reporter, README
// and action.yml at their v1 tag), and no question id can break out of its quoting.
// The release itself is checked in release.test.ts, which builds one.
import { expect } from "chai";
import { ACTIONS, classroomWorkflow, shellWord, stepId, STEP_TIMEOUT_MINUTES } from "../../tools/release/classroom";
import { verdict } from "../../tools/release/classroom-grade";

// js-yaml is already installed (mocha depends on it); it is used here only to check the YAML,
// never by the pack, so no dependency is added for it.
const yaml = require("js-yaml") as { load(text: string): unknown };

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

/** Parses a workflow and returns its one job's steps, checking the parts around them. */
function parseWorkflow(text: string): { doc: Record<string, unknown>; steps: Step[] } {
  const doc = yaml.load(text) as Record<string, unknown>;
  expect(doc).to.be.an("object");
  expect(Object.keys(doc.on as object)).to.include("push");
  const jobs = doc.jobs as Record<string, { "runs-on": string; steps: Step[] }>;
  expect(Object.keys(jobs)).to.have.length(1);
  const job = Object.values(jobs)[0];
  expect(job["runs-on"]).to.equal("ubuntu-latest");
  expect(job.steps).to.be.an("array");
  return { doc, steps: job.steps };
}

/** Checks a parsed workflow against `questions`: setup, one grader step per question, the reporter. */
function expectClassroomShape(steps: Step[], questions: { id: string; points: number }[]): void {
  const graders = steps.filter((s) => s.uses === ACTIONS.commandGrader);
  expect(graders.map((s) => s.with?.["test-name"])).to.deep.equal(questions.map((q) => q.id));
  expect(graders.map((s) => s.with?.["max-score"])).to.deep.equal(questions.map((q) => q.points));
  for (const [i, s] of graders.entries()) {
    expect(s.id).to.equal(stepId(questions[i].id));
    expect(s.with?.command).to.equal(`node --require tsx/cjs tools/release/classroom-grade.ts ${questions[i].id}`);
    expect(s.with?.timeout).to.equal(STEP_TIMEOUT_MINUTES);
  }
  // Node 20 and npm ci come before the first grader step.
  const first = steps.indexOf(graders[0]);
  const setup = steps.slice(0, first);
  expect(setup.map((s) => s.uses)).to.include.members([ACTIONS.checkout, ACTIONS.setupNode]);
  expect(String(setup.find((s) => s.uses === ACTIONS.setupNode)?.with?.["node-version"])).to.equal("20");
  expect(setup.some((s) => /^npm ci\b/.test(s.run ?? ""))).to.equal(true);
  // The reporter comes last and reads every grader step's result.
  const reporter = steps[steps.length - 1];
  expect(reporter.uses).to.equal(ACTIONS.reporter);
  const ids = graders.map((s) => s.id as string);
  expect(String(reporter.with?.runners).split(",")).to.deep.equal(ids);
  expect(reporter.env).to.deep.equal(Object.fromEntries(ids.map((id) => [`${id.toUpperCase()}_RESULTS`, `\${{ steps.${id}.outputs.result }}`])));
  // Every action pinned to a tag, never a branch.
  for (const s of steps.filter((x) => x.uses)) expect(s.uses, s.name).to.match(/@v\d+(\.\d+){0,2}$/);
}

describe("tools/release: GitHub Classroom workflow", () => {
  it("parses as YAML with setup, one command-grader step per question worth its points, and the reporter", () => {
    const questions = [
      { id: "gd-step", points: 5 },
      { id: "adam-step", points: 9 },
    ];
    const { doc, steps } = parseWorkflow(classroomWorkflow(questions));
    expect(doc.name).to.equal("Autograding Tests");
    expect(doc.permissions).to.deep.equal({ checks: "write", actions: "read", contents: "read" });
    expectClassroomShape(steps, questions);
  });

  it("quotes question ids, so none can change the workflow's structure", () => {
    const questions = [
      { id: 'a: "b" #c', points: 1 },
      { id: "9-lives", points: 2 },
    ];
    const { steps } = parseWorkflow(classroomWorkflow(questions));
    const graders = steps.filter((s) => s.uses === ACTIONS.commandGrader);
    expect(graders.map((s) => s.with?.["test-name"])).to.deep.equal(questions.map((q) => q.id));
    expect(graders.map((s) => s.id)).to.deep.equal(["a---b---c", "q-9-lives"]);
    expect(graders.map((s) => s.with?.command)).to.deep.equal([
      `node --require tsx/cjs tools/release/classroom-grade.ts 'a: "b" #c'`,
      "node --require tsx/cjs tools/release/classroom-grade.ts 9-lives",
    ]);
    expect(shellWord("it's")).to.equal("'it'\\''s'");
  });

  it("refuses no questions, a question without points, and two ids that map to one step", () => {
    expect(() => classroomWorkflow([])).to.throw(/no graded questions/);
    expect(() => classroomWorkflow([{ id: "x", points: 0 }])).to.throw(/"x" is worth 0 public points/);
    expect(() => classroomWorkflow([{ id: "x", points: Number.NaN }])).to.throw(/"x" is worth NaN/);
    expect(() => classroomWorkflow([{ id: "a.b", points: 1 }, { id: "a:b", points: 1 }])).to.throw(/step id "a-b"/);
  });

  it("a step passes only when every public test of its question passed", () => {
    const t = (name: string, score: number, max: number) => ({ name, score, max_score: max, status: score === max ? "passed" : "failed" });
    const all = verdict("q", { score: 3, tests: [t("q: a", 1, 1), t("q: b", 2, 2), t("other: c", 0, 4)] });
    expect(all).to.deep.equal({ pass: true, message: "q: 3/3 points, 2 of 2 public tests passed" });
    const some = verdict("q", { score: 1, tests: [t("q: a", 1, 1), t("q: b", 0, 2)] });
    expect(some.pass).to.equal(false);
    expect(some.message).to.equal("q: 1/3 points, 1 of 2 public tests passed (the step earns its points when all pass)");
    expect(verdict("missing", { score: 0, tests: [t("q: a", 1, 1)] }).pass).to.equal(false);
  });
});
