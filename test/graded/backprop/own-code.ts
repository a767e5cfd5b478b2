// The lesson-10 exercises ask for backprop written by hand, and lib/nn ships reference
// implementations of the same functions (dense.ts: denseBackward; tanh-mlp.ts:
// softmaxCrossEntropyDelta, tanhMlpBackward). Every backprop test loads through loadOwn(),
// which refuses a backprop.ts that imports them, so re-exporting the library scores nothing.
// Under the grader the check reads the modules the trusted grader actually bundled into the
// submission (resolved real paths, however the import was spelled: "../lib/./nn/dense",
// a re-export through another file of the submission…); the sandbox cannot read lib/ at run
// time, so a require() built from strings finds nothing either. In a plain mocha run (the
// instructor's solutions) the import text is checked.
import * as fs from "fs";
import * as path from "path";
import { load, targetDir } from "../impl";
import { moduleInfo } from "../../../tools/grade/remote";

/** The library files that hold the answers to the lesson-10 exercises. */
const REFERENCE_MODULES = ["lib/nn/dense.ts", "lib/nn/tanh-mlp.ts", "lib/nn/index.ts"];

/** An import, require or dynamic import of lib/nn/dense, lib/nn/tanh-mlp or the lib/nn barrel. */
const REFERENCE_IMPORT = /(?:from\s*|require\(\s*|import\(\s*)["']([^"']*\blib\/nn(?:\/(?:dense|tanh-mlp|index)(?:\.[cm]?[jt]s)?)?\/?)["']/g;

/** The lib/nn modules that `source` imports (empty when it writes its own). */
export function referenceImports(source: string): string[] {
  return [...source.matchAll(REFERENCE_IMPORT)].map((m) => m[1]);
}

/** load("backprop"), after checking that the target's backprop.ts does not import the library's answers. */
export function loadOwn<T>(): T {
  const info = moduleInfo("backprop");
  if (info) {
    const found = info.modules.filter((m) => REFERENCE_MODULES.includes(m));
    if (found.length) {
      throw new Error(
        `write these yourself: backprop.ts uses the library's reference implementation in ${found.join(", ")}; remove that import and implement the functions in this file`,
      );
    }
    return load<T>("backprop");
  }
  const dir = targetDir();
  const file = path.join(dir, "backprop.ts");
  if (fs.existsSync(file)) {
    const found = referenceImports(fs.readFileSync(file, "utf8"));
    if (found.length) {
      throw new Error(
        `write these yourself: ${path.basename(dir)}/backprop.ts imports the library's reference implementation from ${found.map((f) => `"${f}"`).join(", ")}; remove that import and implement the functions in this file`,
      );
    }
  }
  return load<T>("backprop");
}
