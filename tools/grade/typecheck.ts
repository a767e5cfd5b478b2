// Type-checks a staged submission in the trusted grader, so a type error in an exercise file
// is reported by `npm run grade` and check() as what it is (file, line, message), once, and
// never graded as a pass while the lesson's own import cell fails on it (issue 11 item 1).
//
// Cost: the TypeScript program is built with the standard library's declarations parsed once
// per process and kept (about 0.7 s of CPU the first time, 60 ms after), and check() runs it
// while the judge process starts, on the other core.
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import type * as TS from "typescript";

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
`;

let ts: typeof TS | undefined;
const sourceCache = new Map<string, TS.SourceFile>();

function typescript(root: string): typeof TS {
  // The grading pack's own TypeScript, never one a submission could supply.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ts ??= require(require.resolve("typescript", { paths: [root] })) as typeof TS;
  return ts;
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
    // The project's libraries (tsconfig.json: ES2022 and DOM, which declares console, structuredClone,
    // setTimeout…); not @types/node, which costs twice as much to parse: Node's modules are typed any.
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
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
      sf = read(file, language, onError, create);
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
