// Type-checks a staged submission in the trusted grader, so a type error in an exercise file
// is reported by `npm run grade` and check() as what it is (file, line, message), once, and
// never graded as a pass while the lesson's own import cell fails on it (issue 11 item 1).
//
// The compiler is the kernel's own (@tslab/typescript-for-tslab, pinned in package.json), so a
// file the lesson's import cell accepts is accepted here by the same TypeScript version.
//
// Cost (CPU, measured 12-02 on lesson 7's exercise file): 2.35 s for the first check of a
// process with TypeScript 5.9 and the ES2022 + DOM declarations, 1.4 s without DOM, and in a
// kernel, where that compiler is already loaded and tslab has already parsed and bound the
// ES2022 declarations, those are borrowed (see kernelLibFile) and the first check costs about
// 0.3 s. The standard library's files are parsed once per process and kept (0.1 s after).
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import type * as TS from "@tslab/typescript-for-tslab";

/** Diagnostics that only say a global is not declared here (console, process, setTimeout…): not the student's error. */
const IGNORED_CODES = new Set([2304, 2580, 2591, 2582, 2583, 2584, 2585]);

/** "Cannot find module 'fs'": Node's own modules have no declarations here (no @types/node, for speed); they are typed any. */
function isNodeBuiltinImport(t: typeof TS, d: TS.Diagnostic): boolean {
  if (d.code !== 2307) return false;
  const name = /'([^']+)'/.exec(t.flattenDiagnosticMessageText(d.messageText, " "))?.[1] ?? "";
  return builtinModules.includes(name.replace(/^node:/, ""));
}

/**
 * The few Node globals whose types change what else is an error (process.exit returns never, so
 * a function ending in it needs no return), declared loosely in place of @types/node. (Buffer stays undeclared: a type or a value, it is then "cannot find name", which is ignored.)
 */
const AMBIENT_FILE = "/descent-grade-ambient.d.ts";
const AMBIENT = `declare var process: { exit(code?: number | string): never; abort(): never; [key: string]: any };
declare var require: { (id: string): any; [key: string]: any };
declare var module: { exports: any; [key: string]: any };
declare var __dirname: string;
declare var __filename: string;
declare var console: { log(...data: any[]): void; error(...data: any[]): void; warn(...data: any[]): void; [key: string]: any };
`;

let ts: typeof TS | undefined;
const sourceCache = new Map<string, TS.SourceFile>();

/** Files outside the submission this process has read for type checks: borrowed from tslab's program in a kernel, or parsed here. */
export const typeCheckStats = { borrowed: 0, parsed: 0 };

function typescript(root: string): typeof TS {
  // The grading pack's own TypeScript, never one a submission could supply; in a kernel, the
  // module tslab already loaded (require returns the same object).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ts ??= require(require.resolve("@tslab/typescript-for-tslab", { paths: [root] })) as typeof TS;
  return ts;
}

/** What tools/kernel/fast-tslab.js publishes in a kernel: tslab's newest program. */
interface KernelCompiler {
  typescript?: unknown;
  program?: () => TS.Program | undefined;
}

/**
 * A standard-library declaration file (lib.es2022.d.ts and the files it references) as tslab's
 * program in this kernel already parsed and bound it, or undefined outside a kernel or when it
 * was parsed for another language version. TypeScript shares such files between programs
 * itself (its language service's document registry does the same): a checker merges them into
 * its own globals and never changes them.
 */
function kernelLibFile(t: typeof TS, file: string, target: TS.ScriptTarget): TS.SourceFile | undefined {
  const kernel = (globalThis as { __descentFastTslab?: KernelCompiler }).__descentFastTslab;
  if (!kernel || kernel.typescript !== t || typeof kernel.program !== "function") return undefined;
  if (path.dirname(file) !== path.dirname(t.getDefaultLibFilePath({}))) return undefined;
  const sf = kernel.program()?.getSourceFile(file);
  return sf && sf.languageVersion === target ? sf : undefined;
}

/**
 * The first type error of each module (by name) of `stageDir`, formatted for a student, or no
 * entry when the module type-checks. `modules` are names without ".ts".
 */
export function typeCheck(root: string, stageDir: string, label: string, modules: string[]): Record<string, string> {
  if (modules.length === 0) return {};
  const t = typescript(root);
  const options: TS.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: t.ScriptTarget.ES2022,
    module: t.ModuleKind.CommonJS,
    moduleResolution: t.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: [],
    // The kernel's library (tslab checks cells against ES2022). Not DOM, which cost 0.9 s of CPU
    // to parse and declared only what AMBIENT declares loosely (console) or what is ignored as
    // undeclared (setTimeout, structuredClone); not @types/node: Node's modules are typed any.
    lib: ["lib.es2022.d.ts"],
  };
  const host = t.createCompilerHost(options);
  const stageReal = fs.realpathSync(stageDir);
  const inStage = (f: string) => path.resolve(f).startsWith(stageDir + path.sep) || path.resolve(f).startsWith(stageReal + path.sep);
  const read = host.getSourceFile.bind(host);
  // Files outside the submission (the standard library, lib/, packages' types) are parsed once.
  host.getSourceFile = (file, language, onError, create) => {
    if (file === AMBIENT_FILE) return t.createSourceFile(file, AMBIENT, t.ScriptTarget.ES2022);
    if (inStage(file)) return read(file, language, onError, create);
    let sf = sourceCache.get(file);
    if (!sf) {
      sf = kernelLibFile(t, file, options.target!);
      if (sf) typeCheckStats.borrowed++;
      else {
        sf = read(file, language, onError, create);
        if (sf) typeCheckStats.parsed++;
      }
      if (sf) sourceCache.set(file, sf);
    }
    return sf;
  };
  const files = modules.map((m) => path.join(stageDir, `${m}.ts`)).filter((f) => fs.existsSync(f));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => f === AMBIENT_FILE || fileExists(f);
  const program = t.createProgram([...files, AMBIENT_FILE], options, host);
  const found: Record<string, string> = {};
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) continue;
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].filter((d) => !IGNORED_CODES.has(d.code) && !isNodeBuiltinImport(t, d));
    if (diagnostics.length === 0) continue;
    const d = diagnostics[0];
    const name = path.basename(file, ".ts");
    const shown = `${label}/${name}.ts`;
    const text = t.flattenDiagnosticMessageText(d.messageText, " ");
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more type error${diagnostics.length > 2 ? "s" : ""})` : "";
    if (d.start === undefined) {
      found[name] = `${shown} has a type error: ${text}${more}`;
      continue;
    }
    const { line, character } = sf.getLineAndCharacterOfPosition(d.start);
    const lineText = sf.text.split(/\r?\n/)[line] ?? "";
    found[name] = `${shown} has a type error at line ${line + 1}, column ${character + 1}: ${text}${more}\n    ${lineText}\n    ${" ".repeat(character)}^`;
  }
  return found;
}
