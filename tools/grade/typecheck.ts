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
// ES2022 declarations, those are borrowed (lib/kernel-sources.ts) and the first check costs
// about 0.15 s. The standard library's files are parsed once per process and kept.
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import type * as TS from "@tslab/typescript-for-tslab";
import { kernelDeclarationFile } from "../../lib/kernel-sources";
// The same loose Node globals as the kernel's cells, from where the kernel names them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { kernelTypes } = require("../kernel/fast-tslab.js") as { kernelTypes(options: { typeRoots: string[] }): { types: string[]; typeRoots: string[] } };

/** Diagnostics that only say a global is not declared here (one the kernel's loose Node globals leave out): not the student's error. */
const IGNORED_CODES = new Set([2304, 2580, 2591, 2582, 2583, 2584, 2585]);

/** "Cannot find module 'node:test'": a Node module newer than the kernel's list (tools/kernel/types/) is not the student's error either. */
function isNodeBuiltinImport(t: typeof TS, d: TS.Diagnostic): boolean {
  if (d.code !== 2307) return false;
  const name = /'([^']+)'/.exec(t.flattenDiagnosticMessageText(d.messageText, " "))?.[1] ?? "";
  return builtinModules.includes(name.replace(/^node:/, ""));
}

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
    // What a cell in the kernel sees: ES2022 and the kernel's loose Node globals (console,
    // process, timers; Node's modules typed any: tools/kernel/types/). Not DOM, which cost 0.9 s
    // of CPU to parse, nor @types/node.
    lib: ["lib.es2022.d.ts"],
    ...kernelTypes({ typeRoots: [] }),
  };
  const host = t.createCompilerHost(options);
  const stageReal = fs.realpathSync(stageDir);
  const inStage = (f: string) => path.resolve(f).startsWith(stageDir + path.sep) || path.resolve(f).startsWith(stageReal + path.sep);
  const read = host.getSourceFile.bind(host);
  // Files outside the submission (the standard library, lib/, packages' types) are parsed once.
  host.getSourceFile = (file, language, onError, create) => {
    if (inStage(file)) return read(file, language, onError, create);
    let sf = sourceCache.get(file);
    if (!sf) {
      sf = kernelDeclarationFile(t, file, options.target!);
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
  const program = t.createProgram(files, options, host);
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
