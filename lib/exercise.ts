/**
 * Loads a student's exercise file from a lesson without letting a half-finished file stop the
 * lesson (issue 11 item 1).
 *
 * Why not `import * as mine from "./exercises/risk"`: tslab type-checks every file a cell
 * imports before it runs the cell, so one type or syntax error in the student's file fails the
 * import cell, and Jupyter's "Run All" then stops there; the cells below (the lesson's own
 * charts, the `check()` cells) never run. A lesson therefore imports only `lib/` files and asks
 * for the student's code at run time:
 *
 * ```ts
 * import { loadExercise } from "./lib/exercise";
 * const mine = loadExercise("risk");   // undefined, with one line saying why, if the file has an error
 * if (mine) console.log(mine.logisticLoss(-1000, 1));
 * ```
 *
 * The file is checked with the compiler tslab itself uses (TypeScript 5.0, tslab's options:
 * ES2022, the kernel's Node globals, not strict), so it reports exactly the errors that would have stopped an
 * import cell, then compiled and run as a fresh module on every call (a saved edit counts at
 * the next run of the cell, as with tslab's imports). Type-checking costs about 1–2 s the first
 * time a file's content is seen; the verdict is then kept under `build/kernel/exercise-checks/`
 * keyed by the file's content, so re-running an unchanged file costs milliseconds.
 *
 * @module
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import type * as TS from "@tslab/typescript-for-tslab";
import { kernelDeclarationFile } from "./kernel-sources";

/** What {@link checkExercise} found: nothing wrong, or the first problem in one line. */
export interface ExerciseProblem {
  /** `syntax`: the file does not parse; `type`: the compiler rejects it; `missing`: no such file; `runtime`: loading it threw. */
  kind: "missing" | "syntax" | "type" | "runtime";
  /** The pack-relative file, e.g. `exercises/risk.ts`. */
  file: string;
  /** 1-based line and column of the first problem, when the compiler gave one. */
  line?: number;
  column?: number;
  /** The compiler's (or the thrown error's) message, flattened to one line. */
  message: string;
  /** How many further problems the compiler reported (not shown, to keep the report one line). */
  more: number;
  /** The offending source line, trimmed (for syntax and type errors). */
  source?: string;
}

/** Options of {@link loadExercise}; tests point `root` at a copy of the pack. */
export interface LoadExerciseOptions {
  /** The pack's root folder (default: the nearest folder above this file holding `exercises/` and `lib/`). */
  root?: string;
  /** Print the one-line report of a problem (default true). */
  report?: boolean;
  /** Where the report goes (default `console.log`, i.e. the cell's output). */
  log?: (line: string) => void;
  /**
   * The folder to load from, relative to `root` or absolute (default: `$DESCENT_CHECK_TARGET`, the
   * folder the notebook runner's `--check-solutions` makes every `check()` grade, else `exercises`).
   * So when the pack tests its lessons against `solutions/`, the lesson's own cells run the
   * reference code too, and a lesson cell that misuses a correct answer fails the test.
   */
  dir?: string;
}

/** The environment variable naming the folder graded instead of exercises/ (set by the notebook runner). */
export const EXERCISE_DIR_ENV = "DESCENT_CHECK_TARGET";

/** A loaded exercise module: its exports, typed loosely so a lesson never names the student's file in a type. */
export type ExerciseModule = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Finds the pack root from this module's folder. The kernel serves lib/ precompiled from
 * `build/kernel/lib/`, so the root is not simply `..`: walk up to the folder that has both
 * `exercises/` and `lib/` (and is not the build's own copy).
 */
function defaultRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "exercises")) && fs.existsSync(path.join(dir, "lib")) && fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

let tsModule: typeof TS | undefined;
/** tslab's own compiler: already loaded in the kernel (free), and the one whose verdict matters. */
function typescript(): typeof TS {
  tsModule ??= require("@tslab/typescript-for-tslab") as typeof TS;
  return tsModule;
}

/** tslab's compiler options (node_modules/tslab/dist/converter.js), as a plain check with no output. */
function checkOptions(ts: typeof TS, root: string): TS.CompilerOptions {
  // The kernel's loose Node globals, as tslab is given them (tools/kernel/fast-tslab.js), from
  // the pack under check or else the pack this file belongs to; Node's types if neither has them.
  const kernelTypes = [root, defaultRoot()].map((r) => path.join(r, "tools", "kernel", "types")).find((dir) => fs.existsSync(path.join(dir, "descent-kernel-globals")));
  return {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    types: kernelTypes ? ["descent-kernel-globals"] : ["node"],
    typeRoots: [...(kernelTypes ? [kernelTypes] : []), path.join(root, "node_modules", "@types")],
    skipLibCheck: true,
    noEmit: true,
  };
}

/** Parsed library files (lib.es2022, the kernel's globals), kept for the kernel's life: they never change. */
const sourceCache = new Map<string, TS.SourceFile>();
let lastProgram: TS.Program | undefined;

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

function problemFrom(ts: typeof TS, kind: "syntax" | "type", file: string, diags: readonly TS.Diagnostic[]): ExerciseProblem {
  const first = diags[0];
  const problem: ExerciseProblem = { kind, file, message: oneLine(ts.flattenDiagnosticMessageText(first.messageText, "\n")), more: diags.length - 1 };
  if (first.file && first.start !== undefined) {
    const { line, character } = first.file.getLineAndCharacterOfPosition(first.start);
    problem.line = line + 1;
    problem.column = character + 1;
    problem.source = first.file.text.split(/\r?\n/)[line]?.trim();
  }
  return problem;
}

/** Type-checks `absolute` (and what it imports) the way tslab would; the problems in the student's file only. */
function typeCheck(ts: typeof TS, root: string, absolute: string, relative: string): ExerciseProblem | null {
  const options = checkOptions(ts, root);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    // Only the packages' and the kernel's declarations are cached: the exercise and any local
    // file it imports are reread.
    const fixed = [...(options.typeRoots ?? []), path.join(root, "node_modules")].some((dir) => path.resolve(fileName).startsWith(dir + path.sep));
    if (!fixed) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    let sf = sourceCache.get(fileName);
    if (!sf) {
      sf = kernelDeclarationFile(ts, fileName, options.target!) ?? getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (sf) sourceCache.set(fileName, sf);
    }
    return sf;
  };
  const program = ts.createProgram({ rootNames: [absolute], options, host, oldProgram: lastProgram });
  lastProgram = program;
  const own = program.getSourceFile(absolute);
  const diags = ts.getPreEmitDiagnostics(program, own).filter((d) => d.category === ts.DiagnosticCategory.Error);
  return diags.length ? problemFrom(ts, "type", relative, diags) : null;
}

/** Where verdicts on file contents are kept (build/ is the pack's scratch folder, never committed). */
function verdictFile(root: string, key: string): string {
  return path.join(root, "build", "kernel", "exercise-checks", `${key}.json`);
}

/**
 * Checks `exercises/<name>.ts` without running it: the first syntax or type error in one line,
 * or null when the file would compile in a lesson cell.
 *
 * @param name The file's name in `exercises/` without `.ts`, e.g. `"risk"`.
 */
export function checkExercise(name: string, options: Pick<LoadExerciseOptions, "root" | "dir"> = {}): ExerciseProblem | null {
  const root = options.root ?? defaultRoot();
  return inspect(name, root, exerciseDir(root, options.dir)).problem;
}

/** The folder exercises are loaded from (see {@link LoadExerciseOptions.dir}). */
function exerciseDir(root: string, dir?: string): string {
  return path.resolve(root, dir ?? (process.env[EXERCISE_DIR_ENV] || "exercises"));
}

function inspect(name: string, root: string, dir: string): { problem: ExerciseProblem | null; js?: string; absolute: string } {
  if (!/^[\w.-]+$/.test(name)) {
    throw new Error(`loadExercise: "${name}" is not an exercise name; pass the file's name in exercises/ without ".ts", e.g. loadExercise("risk")`);
  }
  const absolute = path.join(dir, `${name}.ts`);
  const relative = path.relative(root, absolute).split(path.sep).join("/");
  let source: string;
  try {
    source = fs.readFileSync(absolute, "utf8");
  } catch {
    return { absolute, problem: { kind: "missing", file: relative, message: `there is no ${relative}; restore it with "npm run exercises" (it keeps your other files)`, more: 0 } };
  }
  const ts = typescript();
  // Syntax first: cheap, and a file that does not parse cannot run at all.
  const out = ts.transpileModule(source, {
    fileName: absolute,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false, inlineSourceMap: true },
  });
  const syntax = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntax.length) return { absolute, problem: problemFrom(ts, "syntax", relative, syntax) };
  const key = createHash("sha256").update(ts.version).update("\0kernel-globals\0").update(absolute).update("\0").update(source).digest("hex").slice(0, 32);
  const cached = verdictFile(root, key);
  let problem: ExerciseProblem | null;
  try {
    problem = JSON.parse(fs.readFileSync(cached, "utf8")) as ExerciseProblem | null;
  } catch {
    problem = typeCheck(ts, root, absolute, relative);
    try {
      fs.mkdirSync(path.dirname(cached), { recursive: true });
      fs.writeFileSync(cached, JSON.stringify(problem));
    } catch {
      // A read-only pack only loses the cache.
    }
  }
  return { absolute, problem, js: out.outputText };
}

/** The one-line report of a problem, ending with what to do. */
export function formatExerciseProblem(p: ExerciseProblem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.column}` : p.file;
  const what = { missing: "missing file", syntax: "syntax error", type: "type error", runtime: "error while loading" }[p.kind];
  const more = p.more > 0 ? ` (and ${p.more} more)` : "";
  const line = p.source ? ` in \`${p.source.length > 60 ? p.source.slice(0, 57) + "…" : p.source}\`` : "";
  const fix = p.kind === "missing" ? "" : " The lesson goes on without your code: fix the file, save it and run this cell again.";
  return `Your ${p.file} is not loaded: ${what} at ${where}${line}: ${p.message}${more}.${fix}`;
}

/**
 * Compiles and runs `exercises/<name>.ts` as a fresh module and returns its exports, or
 * `undefined` after printing one line naming the file, line, column and first error (syntax,
 * type, or a throw while loading) and what to do. Never throws for a problem in the student's
 * file, so "Run All" carries on; throws only for a malformed `name` (a lesson's bug).
 *
 * A function that still throws "not implemented yet" is loaded fine: the lesson's cell calls it
 * inside `try`/`catch` and prints what is missing.
 *
 * @param name The file's name in `exercises/` without `.ts`, e.g. `"risk"`.
 */
export function loadExercise(name: string, options: LoadExerciseOptions = {}): ExerciseModule | undefined {
  const root = options.root ?? defaultRoot();
  const log = options.log ?? ((line: string) => console.log(line));
  const report = (p: ExerciseProblem) => {
    if (options.report ?? true) log(formatExerciseProblem(p));
    return undefined;
  };
  const { problem, js, absolute } = inspect(name, root, exerciseDir(root, options.dir));
  if (problem || js === undefined) return report(problem!);
  // A fresh module each call (never Node's require cache), so a saved edit counts at once.
  const mod = new Module(absolute, module) as Module & { _compile(code: string, file: string): void; paths: string[] };
  mod.filename = absolute;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(absolute));
  try {
    mod._compile(js, absolute);
  } catch (err) {
    const relative = path.relative(root, absolute).split(path.sep).join("/");
    return report({ kind: "runtime", file: relative, message: oneLine(err instanceof Error ? `${err.name}: ${err.message}` : String(err)), more: 0 });
  }
  return mod.exports as ExerciseModule;
}
