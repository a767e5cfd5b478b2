// The two realms (issue 13): the wire format the judge decodes, the sandbox's locks checked
// from inside it, and each attack class of issue 13 rebuilt as a fixture and graded in batch
// beside an honest submission: the attacks score what their stubs are worth (0), the honest
// student full marks, the pack and the submissions are unchanged, and no process outlives
// the grader.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Decoder, Encoder, WireError, type Wire } from "../../tools/grade/codec";
import { gradeQuestion } from "../../tools/grade/runner";
import { stageTarget } from "../../tools/grade/stage";
import { DEFAULT_LIMITS } from "../../tools/grade/types";
import { FIXTURES, hashTree, ROOT, runTool, tmpDir } from "./helpers";

const ATTACKS = path.join(FIXTURES, "attacks");

/** Encodes with one side's encoder and decodes with the other's, as a call's arguments cross. */
function roundTrip(value: unknown): unknown {
  const wire = JSON.parse(JSON.stringify(new Encoder(() => ({ $f: 0 })).encode(value)));
  return new Decoder(() => () => undefined).decode(wire);
}

function decodeRaw(wire: unknown): unknown {
  return new Decoder(() => () => undefined).decode(wire);
}

describe("tools/grade codec: plain data across the boundary", () => {
  it("keeps NaN, ±Infinity and −0 (which JSON would turn into null or 0)", () => {
    const got = roundTrip([NaN, Infinity, -Infinity, -0, 0, 1.5]) as number[];
    expect(Number.isNaN(got[0])).to.equal(true);
    expect(got[1]).to.equal(Infinity);
    expect(got[2]).to.equal(-Infinity);
    expect(Object.is(got[3], -0)).to.equal(true);
    expect(Object.is(got[4], 0)).to.equal(true);
    expect(got[5]).to.equal(1.5);
  });

  it("keeps typed arrays, undefined, nested objects, shared and cyclic references", () => {
    const shared = [1, 2];
    const cyclic: Record<string, unknown> = { name: "c" };
    cyclic.self = cyclic;
    const got = roundTrip({ f: new Float64Array([1, NaN]), u: undefined, a: shared, b: shared, c: cyclic }) as Record<string, unknown>;
    expect(got.f).to.be.instanceOf(Float64Array);
    expect(Number.isNaN((got.f as Float64Array)[1])).to.equal(true);
    expect("u" in got && got.u === undefined).to.equal(true);
    expect(got.a).to.equal(got.b);
    expect((got.c as Record<string, unknown>).self).to.equal(got.c);
  });

  it("writes the callee's changes back into the caller's own objects, and keeps identity", () => {
    // The judge sends [theta]; the sandbox sets theta[0] = 9 and returns theta itself.
    const theta = [1, 2];
    const judge = new Encoder(() => ({ $f: 0 }));
    const wireArgs = JSON.parse(JSON.stringify(judge.encode([theta])));
    const sandboxSide = new Decoder(() => () => undefined);
    const [copy] = sandboxSide.decode(wireArgs) as [number[]];
    copy[0] = 9;
    const reply = new Encoder(() => ({ $f: 0 }));
    reply.seed(sandboxSide.table);
    const state = sandboxSide.table.map((o) => reply.encodeState(o));
    const value = reply.encode(copy);
    const back = new Decoder(() => () => undefined);
    back.seed(judge.table);
    judge.table.forEach((o, k) => back.decodeInto(o, JSON.parse(JSON.stringify(state[k]))));
    expect(theta).to.deep.equal([9, 2]);
    expect(back.decode(JSON.parse(JSON.stringify(value)))).to.equal(theta);
  });

  it("refuses malformed input: unknown tags and fields, bare non-finite numbers, bad references, deep nesting", () => {
    const bad: [unknown, RegExp][] = [
      [{ $z: 1 }, /without a known tag/],
      [{ $n: "NaN", extra: 1 }, /unknown field "extra"/],
      [{ $n: "nope" }, /unknown number tag/],
      [{ $r: 5 }, /unknown object 5/],
      [{ $s: "() => 1" }, /does not accept/],
      [{ $t: "Float64Array", v: ["x"] }, /non-number/],
      [{ $o: [] }, /malformed object/],
    ];
    for (const [wire, why] of bad) expect(() => decodeRaw(wire), JSON.stringify(wire)).to.throw(WireError, why);
    let deep: Wire = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(() => decodeRaw(deep)).to.throw(WireError, /nesting deeper/);
  });

  it("a key named __proto__ stays data and never changes a prototype", () => {
    const got = decodeRaw(JSON.parse('{"$o": {"__proto__": {"$o": {"polluted": true}}}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(got)).to.equal(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.keys(got)).to.deep.equal(["__proto__"]);
  });
});

describe("tools/grade sandbox: the locks and issue 13's attacks", function () {
  // Grading runs real processes on a machine that may be busy: generous limits for the suite,
  // while each question keeps the grader's own deadlines.
  this.timeout(600_000);

  it("inside the sandbox: no reads outside its folder, no writes, no processes, no signals, frozen built-ins, a bare environment", async () => {
    const stage = stageTarget(path.join(FIXTURES, "sandbox-probe", "submission"), ROOT);
    try {
      const result = await gradeQuestion(
        { id: "sandbox-probe", files: ["test/fixtures/grader/sandbox-probe/probe.judge.ts"] },
        { root: ROOT, stage, targetLabel: "probe", limits: { ...DEFAULT_LIMITS, testTimeoutMs: 30_000, timeoutMs: 60_000 } },
      );
      const [t] = result.tests;
      expect(t.outcome, t.message).to.equal("passed");
    } finally {
      stage.cleanup();
    }
  });

  it("every attack class scores 0 next to an honest submission at full marks; pack and submissions unchanged; no process left", async () => {
    const subs = tmpDir("attacks");
    const out = tmpDir("attacks-out");
    for (const name of fs.readdirSync(ATTACKS)) fs.cpSync(path.join(ATTACKS, name), path.join(subs, name), { recursive: true });
    fs.mkdirSync(path.join(subs, "honest"));
    fs.copyFileSync(path.join(ROOT, "solutions", "welcome.ts"), path.join(subs, "honest", "welcome.ts"));
    // A static import of the reference solution by absolute path: refused when compiling.
    fs.mkdirSync(path.join(subs, "importing-solutions"));
    fs.writeFileSync(path.join(subs, "importing-solutions", "welcome.ts"), `export { gdStep, gdRun } from ${JSON.stringify(path.join(ROOT, "solutions", "welcome"))};\n`);
    // A re-export of lib/nn's answers through a path the old text check missed, for lesson 10.
    const watched = ["tools/grade", "test/graded", "test/hidden", "solutions", "exercises"].map((d) => path.join(ROOT, d));
    const before = watched.map(hashTree);
    const subsBefore = hashTree(subs);

    // A mark in the grader's environment, which its judges inherit, so a process left behind is
    // recognisable among other graders running on the same machine; sandboxes get a bare
    // environment, and are recognised by the stage folder in their arguments, which the grader
    // removes when it finishes (another grader's sandboxes name folders that still exist).
    const mark = `descent-attacks-${process.pid}-${Date.now()}`;
    const run = await runTool("tools/grade/cli.ts", ["--submissions", subs, "--out", out, "--only", "welcome"], { env: { DESCENT_TEST_MARK: mark } });
    expect(run.code, run.stderr).to.equal(0);

    const csv = fs.readFileSync(path.join(out, "grades.csv"), "utf8").trim().split("\n");
    const rows = new Map(csv.slice(1).map((line) => [line.split(",")[0], line.split(",").slice(1).map(Number)]));
    expect(rows.get("honest"), "the honest submission").to.deep.equal([7, 7, 14]);
    const attacks = [...fs.readdirSync(ATTACKS), "importing-solutions"];
    for (const name of attacks) expect(rows.get(name), name).to.deep.equal([0, 0, 0]);

    const result = (name: string) => JSON.parse(fs.readFileSync(path.join(out, name, "results.json"), "utf8")) as { tests: { output: string }[] };
    expect(result("importing-solutions").tests[0].output).to.match(/imports .*solutions.*which a submission may not import/);
    expect(result("malformed-messages").tests.map((t) => t.output).join("\n")).to.match(/over the \d+-byte limit|malformed|not valid JSON|unknown field/);
    expect(result("builtin-patching").tests.map((t) => t.output).join("\n"), "the mutation check still works").to.match(/changed its input theta/);

    expect(watched.map(hashTree), "the pack is unchanged").to.deep.equal(before);
    expect(hashTree(subs), "the submissions are unchanged").to.equal(subsBefore);
    expect(fs.existsSync("/tmp/descent-tampered")).to.equal(false);
    // No sandbox, judge or spawned shell outlives the grader.
    const ps = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" });
    const left = ps.split("\n").filter((l) => /results\.json -o -name grades\.csv/.test(l));
    for (const line of ps.split("\n")) {
      const stage = /--allow-fs-read=(\S*descent-grade-[^/\s]+)\/run/.exec(line)?.[1];
      if (stage && !fs.existsSync(stage)) left.push(line);
    }
    for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        if (fs.readFileSync(`/proc/${pid}/environ`, "latin1").includes(mark)) left.push(`pid ${pid} (environment)`);
      } catch {
        // gone, or not ours to read
      }
    }
    expect(left, left.join("\n")).to.deep.equal([]);
    fs.rmSync(subs, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });
});
