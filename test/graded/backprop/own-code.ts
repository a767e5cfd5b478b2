// The lesson-10 exercises ask for backprop written by hand, and lib/nn ships reference
// implementations of the same functions (dense.ts: denseBackward; tanh-mlp.ts:
// softmaxCrossEntropyDelta, tanhMlpBackward). Every backprop test loads through loadOwn(),
// which refuses a backprop.ts that imports them, so re-exporting the library scores nothing.
import * as fs from "fs";
import * as path from "path";
import { load, targetDir } from "../impl";

/** An import, require or dynamic import of lib/nn/dense, lib/nn/tanh-mlp or the lib/nn barrel. */
const REFERENCE_IMPORT = /(?:from\s*|require\(\s*|import\(\s*)["']([^"']*\blib\/nn(?:\/(?:dense|tanh-mlp|index)(?:\.[cm]?[jt]s)?)?\/?)["']/g;

/** The lib/nn modules that `source` imports (empty when it writes its own). */
export function referenceImports(source: string): string[] {
  return [...source.matchAll(REFERENCE_IMPORT)].map((m) => m[1]);
}

/** load("backprop"), after checking that the target's backprop.ts does not import the library's answers. */
export function loadOwn<T>(): T {
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
