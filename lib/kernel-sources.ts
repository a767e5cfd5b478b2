/**
 * Declaration files the running kernel's compiler has already parsed, lent to the other
 * TypeScript programs that run in the same kernel: {@link loadExercise}'s check of a student's
 * file and the grader's type check behind `check()`.
 *
 * Why: each of those programs needs the standard library's declarations (lib.es2022.d.ts and
 * the ~30 files it references) and the kernel's Node globals, and parsing and binding them cost
 * about 1 s of CPU per program the first time (measured 12-02), paid once per lesson per
 * program. tslab has them parsed already. TypeScript shares unchanged source files between
 * programs itself (its language service does the same through a document registry): a checker
 * merges a file's declarations into its own tables and never changes the file.
 *
 * Outside the pack's kernel (tests, `npm run grade`) nothing is lent and each program parses its
 * own. tools/kernel/fast-tslab.js publishes tslab's newest program on `globalThis`.
 *
 * @module
 */
import type * as TS from "@tslab/typescript-for-tslab";

/** What tools/kernel/fast-tslab.js publishes in a kernel. */
interface KernelCompiler {
  /** The TypeScript module object tslab compiles with. */
  typescript?: unknown;
  /** tslab's newest program. */
  program?: () => TS.Program | undefined;
}

/**
 * The kernel's parsed copy of the declaration file `fileName`, or undefined when there is none
 * to lend: outside a kernel, with another TypeScript module object than tslab's (source files
 * are not portable between compiler copies), for a file that is not a `.d.ts`, or parsed for
 * another language version than `target`.
 *
 * @param ts the caller's TypeScript module; must be the kernel's own
 * @param fileName an absolute path, as the caller's compiler host was asked for it
 * @param target the caller's `target` (a source file is parsed for one language version)
 */
export function kernelDeclarationFile(ts: typeof TS, fileName: string, target: TS.ScriptTarget): TS.SourceFile | undefined {
  if (!fileName.endsWith(".d.ts")) return undefined;
  const kernel = (globalThis as { __descentFastTslab?: KernelCompiler }).__descentFastTslab;
  if (!kernel || kernel.typescript !== ts || typeof kernel.program !== "function") return undefined;
  const file = kernel.program()?.getSourceFile(fileName);
  return file && file.isDeclarationFile && file.languageVersion === target ? file : undefined;
}
