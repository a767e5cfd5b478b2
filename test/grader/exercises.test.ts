// Tests of the exercise generator (tools/exercises): markers, headers, refusal, freshness.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { generateExercises } from "../../tools/exercises/generate";
import { inspectExercise, withHeader } from "../../tools/exercises/header";
import { toExercise } from "../../tools/exercises/markers";
import { syncExercises } from "../../tools/exercises/sync";
import { ROOT, tmpDir } from "./helpers";

const HEAD = "/**\n * A test file.\n * @lesson 7\n */\n";

describe("tools/exercises", () => {
  describe("exercises/ in this pack", () => {
    it("is up to date with solutions/ (else run `npm run exercises`)", () => {
      for (const g of generateExercises(ROOT)) {
        const file = path.join(ROOT, g.exercise);
        const onDisk = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
        expect(onDisk === g.text, `${g.exercise} is missing or out of date with ${g.solution}: run \`npm run exercises\``).to.equal(true);
      }
    });

    it("has one stub per solution region and no solution code left", () => {
      const all = generateExercises(ROOT);
      expect(all.length, "solutions/ holds at least the welcome exercise").to.be.greaterThan(0);
      for (const g of all) {
        expect(g.stubs, `${g.solution} has no solution markers`).to.be.greaterThan(0);
        expect(g.text).to.not.match(/BEGIN SOLUTION|END SOLUTION|\/\/\s*SOLUTION\s*$/m);
        expect(g.text.split("\n")[0]).to.match(/^\/\/ GENERATED from solutions\/\S+ by `npm run exercises`/);
      }
    });

    it("compiles under tslab's TypeScript 5.0 with tslab's options", function () {
      this.timeout(60_000);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const ts: typeof import("typescript") = require("@tslab/typescript-for-tslab");
      expect(ts.version.startsWith("5.0"), `tslab's compiler is ${ts.version}`).to.equal(true);
      const files = generateExercises(ROOT).map((g) => {
        const file = path.join(ROOT, g.exercise); // in place, so "../lib/..." imports resolve
        return fs.existsSync(file) && fs.readFileSync(file, "utf8") === g.text ? file : undefined;
      });
      expect(files.every(Boolean), "exercises/ is out of date; run `npm run exercises`").to.equal(true);
      // The options tslab's converter passes to its compiler (node_modules/tslab/dist/converter.js).
      const program = ts.createProgram(files as string[], {
        noEmit: true,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        esModuleInterop: true,
        target: ts.ScriptTarget.ES2022,
        lib: ["lib.es2022.d.ts"],
        skipLibCheck: true,
        resolveJsonModule: true,
        typeRoots: [path.join(ROOT, "node_modules", "@types")],
      });
      const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
      expect(problems, problems.join("\n")).to.deep.equal([]);
    });
  });

  describe("markers", () => {
    it("turns a BEGIN/END block into a throw naming the function and lesson, keeping signature and TSDoc", () => {
      const src = `${HEAD}/** Doubles. */\nexport function twice(x: number): number {\n  // BEGIN SOLUTION\n  const y = x * 2;\n  return y;\n  // END SOLUTION\n}\n`;
      const { text, stubs } = toExercise(src, "solutions/t.ts");
      expect(stubs).to.equal(1);
      expect(text).to.equal(`${HEAD}/** Doubles. */\nexport function twice(x: number): number {\n  throw new Error("not implemented yet: twice (lesson 7)");\n}\n`);
    });

    it("names methods as Class.method and arrow functions by their variable", () => {
      const src = `${HEAD}export class Adam {\n  step(g: number): number {\n    return g; // SOLUTION\n  }\n}\nexport const half = (x: number): number => {\n  // BEGIN SOLUTION\n  return x / 2;\n  // END SOLUTION\n};\n`;
      const { text } = toExercise(src, "solutions/t.ts");
      expect(text).to.contain(`    throw new Error("not implemented yet: Adam.step (lesson 7)");`);
      expect(text).to.contain(`  throw new Error("not implemented yet: half (lesson 7)");`);
      expect(text).to.not.contain("return g;");
    });

    it("uses the marker's own words when given, and the innermost named function otherwise", () => {
      const src = `${HEAD}export function outer(xs: number[]): number[] {\n  return xs.map((x) => {\n    // BEGIN SOLUTION the squaring step\n    return x * x;\n    // END SOLUTION\n  });\n}\nexport function other(xs: number[]): number[] {\n  return xs.map((x) => {\n    return x + 1; // SOLUTION\n  });\n}\n`;
      const { text } = toExercise(src, "solutions/t.ts");
      expect(text).to.contain(`"not implemented yet: the squaring step (lesson 7)"`);
      expect(text).to.contain(`"not implemented yet: other (lesson 7)"`);
    });

    it("removes a block outside any function (a private helper)", () => {
      const src = `${HEAD}// BEGIN SOLUTION\nfunction helper(): number {\n  return 1;\n}\n// END SOLUTION\nexport const k = 2;\n`;
      const { text, stubs } = toExercise(src, "solutions/t.ts");
      expect(stubs).to.equal(0);
      expect(text).to.equal(`${HEAD}export const k = 2;\n`);
    });

    it("reports misplaced markers with file and line", () => {
      const f = (body: string) => () => toExercise(HEAD + body, "solutions/t.ts");
      expect(f("function a() {\n  // BEGIN SOLUTION\n  return 1;\n}\n")).to.throw(/solutions\/t\.ts:6: .*never closed/);
      expect(f("function a() {\n  // END SOLUTION\n}\n")).to.throw(/solutions\/t\.ts:6: .*without a "\/\/ BEGIN SOLUTION"/);
      expect(f("function a() {\n  // BEGIN SOLUTION\n  // BEGIN SOLUTION\n  // END SOLUTION\n}\n")).to.throw(/:7: .*do not nest/);
      expect(f("const x = 1; // SOLUTION\n")).to.throw(/:5: .*outside any function/);
      expect(() => toExercise("export function a() {}\n", "solutions/t.ts")).to.throw(/@lesson/);
    });
  });

  describe("headers", () => {
    it("tell a generated file from an edited one and from a hand-written one", () => {
      const text = withHeader("solutions/t.ts", "export const a = 1;\n");
      expect(inspectExercise(text)).to.equal("pristine");
      expect(inspectExercise(text.replace("= 1", "= 2"))).to.equal("edited");
      expect(inspectExercise("export const a = 1;\n")).to.equal("foreign");
    });
  });

  describe("npm run exercises (syncExercises)", () => {
    let root: string;
    const solution = (body: string) => `${HEAD}export function f(x: number): number {\n  // BEGIN SOLUTION\n  ${body}\n  // END SOLUTION\n}\n`;
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    const read = (rel: string) => fs.readFileSync(path.join(root, rel), "utf8");

    beforeEach(() => {
      root = tmpDir("sync");
      write("solutions/a.ts", solution("return x + 1;"));
      write("solutions/b.ts", solution("return x + 2;"));
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it("creates missing exercises, then finds them up to date", () => {
      const first = syncExercises(root);
      expect(first.created).to.deep.equal(["exercises/a.ts", "exercises/b.ts"]);
      expect(read("exercises/a.ts")).to.contain(`throw new Error("not implemented yet: f (lesson 7)")`);
      const again = syncExercises(root);
      expect(again.upToDate).to.equal(2);
      expect(again.stale).to.deep.equal([]);
    });

    it("updates an untouched exercise when its solution changes", () => {
      syncExercises(root);
      write("solutions/a.ts", solution("return x + 1;").replace("@lesson 7", "@lesson 8"));
      const r = syncExercises(root);
      expect(r.updated).to.deep.equal(["exercises/a.ts"]);
      expect(read("exercises/a.ts")).to.contain("(lesson 8)");
    });

    it("refuses to overwrite an edited exercise, and --force keeps a backup", () => {
      syncExercises(root);
      const edited = read("exercises/a.ts").replace(`throw new Error("not implemented yet: f (lesson 7)");`, "return x + 1; // my work");
      write("exercises/a.ts", edited);
      write("solutions/a.ts", solution("return 1 + x;"));
      const refused = syncExercises(root);
      expect(refused.refused).to.deep.equal(["exercises/a.ts"]);
      expect(read("exercises/a.ts"), "the student's file is untouched").to.equal(edited);
      const forced = syncExercises(root, { force: true });
      expect(forced.backups).to.deep.equal(["exercises/a.ts.bak"]);
      expect(read("exercises/a.ts.bak")).to.equal(edited);
      expect(inspectExercise(read("exercises/a.ts"))).to.equal("pristine");
    });

    it("--check writes nothing, and files no solution generates are never deleted", () => {
      write("exercises/mine.ts", "export const mine = 1;\n");
      const r = syncExercises(root, { check: true });
      expect(r.stale).to.deep.equal(["exercises/a.ts", "exercises/b.ts"]);
      expect(fs.existsSync(path.join(root, "exercises/a.ts"))).to.equal(false);
      const w = syncExercises(root);
      expect(w.orphans).to.deep.equal(["exercises/mine.ts"]);
      expect(read("exercises/mine.ts")).to.equal("export const mine = 1;\n");
    });
  });
});
