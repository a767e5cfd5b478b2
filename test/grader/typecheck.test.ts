// The grader's type check (tools/grade/typecheck.ts): a type error in an exercise file is
// reported once with its line and column and the module is not run; code that runs fine in a
// kernel (console, timers, process, Node's modules) is never reported as a type error.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { check } from "../../tools/grade/check";
import { stageTarget } from "../../tools/grade/stage";
import { typeCheckStats } from "../../tools/grade/typecheck";
import { Kernel } from "../../tools/notebooks/kernel";

const ROOT = path.resolve(__dirname, "..", "..");

/** A folder shaped like exercises/ holding welcome.ts with `body` after the solution's functions. */
function submission(extra: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "descent-typecheck-"));
  fs.writeFileSync(path.join(dir, "welcome.ts"), fs.readFileSync(path.join(ROOT, "solutions", "welcome.ts"), "utf8") + extra);
  return dir;
}

function compileErrors(dir: string): string | undefined {
  const stage = stageTarget(dir, ROOT, { modules: ["welcome"] });
  try {
    return stage.modules("exercises").welcome.error;
  } finally {
    stage.cleanup();
  }
}

describe("tools/grade type check", function () {
  this.timeout(120_000);
  const made: string[] = [];
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const folder = (extra: string) => {
    const dir = submission(extra);
    made.push(dir);
    return dir;
  };

  it("accepts the solution as it is", () => {
    expect(compileErrors(folder(""))).to.equal(undefined);
  });

  it("reports the first type error with its line, column and the line itself, and counts the others", () => {
    const lines = fs.readFileSync(path.join(ROOT, "solutions", "welcome.ts"), "utf8").split("\n").length;
    const error = compileErrors(folder(`export const half: string = 0.5;\nexport const twice: number = "2";\n`));
    expect(error).to.be.a("string");
    expect(error).to.contain(`exercises/welcome.ts has a type error at line ${lines}, column 14: Type 'number' is not assignable to type 'string'.`);
    expect(error).to.contain("(and 1 more type error)");
    expect(error).to.contain("export const half: string = 0.5;");
  });

  it("does not report what runs in a kernel: console, timers, process, Buffer, structuredClone, Node's modules", () => {
    const extra = [
      `import * as fs from "fs";`,
      `export function noisy(x: number[]): number[] {`,
      `  console.log("x is", x); console.error("to stderr"); console.table([x]);`,
      `  setTimeout(() => undefined, 0);`,
      `  if (process.env.DEBUG) fs.existsSync("nowhere");`,
      `  return structuredClone(x);`,
      `}`,
      `export function stop(): number { process.exit(1); }`,
      `export function bytes(b: Buffer, t?: NodeJS.Timeout): Buffer { void t; return Buffer.concat([b, Buffer.alloc(4)]); }`,
      "",
    ].join("\n");
    expect(compileErrors(folder(extra))).to.equal(undefined);
  });

  it("check() grades a module with a type error as a load error naming it, every test at 0", async () => {
    const r = await check("gd-step", { target: folder(`export const broken: number = "one";\n`), display: false });
    expect(r.passed).to.equal(false);
    expect(r.score).to.equal(0);
    expect(r.tests.every((t) => t.outcome === "load-error"), JSON.stringify(r.tests.map((t) => t.outcome))).to.equal(true);
    expect(r.tests[0].message).to.match(/welcome\.ts has a type error at line \d+, column 14: Type 'string' is not assignable to type 'number'\./);
  });
});

describe("tools/grade type check in a kernel", function () {
  this.timeout(180_000);

  it("borrows the standard library tslab already parsed instead of parsing it again", async () => {
    const kernel = await Kernel.start();
    try {
      const cell = [
        `import { check } from "./tools/grade/check";`,
        `import { typeCheckStats } from "./tools/grade/typecheck";`,
        `const r = await check("gd-step", { target: "solutions", display: false });`,
        `console.log(JSON.stringify({ passed: r.passed, ...typeCheckStats }));`,
      ].join("\n");
      const run = await kernel.execute(cell, 120);
      const printed = run.iopub.map((m) => (m.header.msg_type === "stream" ? String((m.content as { text?: string }).text) : "")).join("");
      expect(run.reply.content.status, printed).to.equal("ok");
      const stats = JSON.parse(printed.trim().split("\n").pop()!) as { passed: boolean; borrowed: number; parsed: number };
      expect(stats.passed, printed).to.equal(true);
      // lib.es2022.d.ts references about 30 files; the lesson's own lib/ files are still parsed here.
      expect(stats.borrowed, printed).to.be.at.least(20);
    } finally {
      await kernel.close();
    }
  });
});
