// Why each cell compiles faster in the pack's kernel. tslab (node_modules/tslab/dist/converter.js)
// compiles a cell by rebuilding a TypeScript watch program whose builder is TypeScript's
// EmitAndSemanticDiagnosticsBuilderProgram. That builder exists for incremental emit to disk,
// which tslab never does, and it costs on every rebuild: it creates a type checker at once and
// walks every import of every file in the program (about 250 files once lib/ and Observable
// Plot's declarations are in) to build a reference map. tslab rebuilds twice per cell (once to
// learn the cell's top-level names, once with `export { those names }` appended), so a lesson
// paid that walk ~30 times. Measured on lesson 4 in-process (CPU time, load 15): import cell
// 3.0 → 1.1 s, kernel start 3.5 → 3.0 s, the other 13 cells 2.2 → 1.9 s.
//
// The patch gives tslab a builder with the same four methods tslab calls (getSourceFile,
// getProgram, emit, getAllDependencies) over a plain ts.Program: the checker is created when tslab
// first asks for diagnostics, the cell's own file is bound when tslab reads its top-level names
// (what the old builder's checker did as a side effect), and dependencies are followed through
// resolved imports and /// references (what the old reference map recorded). It also sets
// `types: ["node"]`, so mocha's and chai's global declarations (devDependencies of the pack, never
// used by a lesson) are no longer parsed at every kernel start.
//
// It is applied only to the tslab and TypeScript versions it was written against; any other
// version runs unpatched (slower, same results) with a line on stderr. tslab is never edited on
// disk: the launcher hands converter.js a thin wrapper of TypeScript's module object when it
// requires it. DESCENT_KERNEL_FAST=0 turns the patch off. test/tools/notebooks/fast-tslab.test.ts
// checks that the patch is in force with the pinned tslab and that patched and unpatched kernels
// compile cells to the same JavaScript, declarations and error messages.
"use strict";
const fs = require("fs");
const Module = require("module");
const path = require("path");

/** The versions whose internals this patch was checked against. */
const EXPECTED = { tslab: "1.0.22", typescript: "5.0.4" };

/** What the patched kernel has done so far (read by the tests through `globalThis`). */
const stats = { hostsPatched: 0, programsBuilt: 0 };
/** tslab's newest program: other programs in the kernel borrow its parsed declarations (lib/kernel-sources.ts). */
let latestProgram;

/**
 * A builder program for tslab over a plain ts.Program, without TypeScript's incremental-emit
 * state. `rootNames, options, host, oldBuilder` as TypeScript's CreateProgram callback gets them.
 */
function createLightBuilder(ts, rootNames, options, host, oldBuilder, configFileParsingDiagnostics, projectReferences) {
  const program = ts.createProgram({
    rootNames,
    options,
    host,
    oldProgram: oldBuilder && oldBuilder.getProgramOrUndefined(),
    configFileParsingDiagnostics,
    projectReferences,
  });
  stats.programsBuilt++;
  latestProgram = program;
  const compilerOptions = program.getCompilerOptions();
  return {
    getProgram: () => program,
    getProgramOrUndefined: () => program,
    getCompilerOptions: () => compilerOptions,
    getSourceFile(fileName) {
      const file = program.getSourceFile(fileName);
      // tslab reads `file.locals` (the cell's top-level names) right after a rebuild; binding is
      // what fills it, and the checker skips files that are already bound.
      if (file && !file.locals) ts.bindSourceFile(file, compilerOptions);
      return file;
    },
    emit: (file, writeFile, cancellationToken, emitOnlyDts, transformers) =>
      program.emit(file, writeFile, cancellationToken, emitOnlyDts, transformers),
    /** `file` and every file it reaches through imports and /// references, `file` first. */
    getAllDependencies(file) {
      const seen = new Set();
      const names = [];
      const queue = [file];
      while (queue.length > 0) {
        const current = queue.pop();
        if (seen.has(current.path)) continue;
        seen.add(current.path);
        names.push(current.fileName);
        const push = (fileName) => {
          const next = fileName && program.getSourceFile(fileName);
          if (next) queue.push(next);
        };
        if (current.resolvedModules) {
          current.resolvedModules.forEach((resolution) => push(resolution && resolution.resolvedModule && resolution.resolvedModule.resolvedFileName));
        }
        for (const reference of current.referencedFiles || []) push(path.resolve(path.dirname(current.fileName), reference.fileName));
      }
      return names;
    },
  };
}

/** The folder holding the kernel's loose Node declarations (types/descent-kernel-globals/index.d.ts). */
const TYPE_ROOT = path.join(__dirname, "types");
/** Their package name there, for `types: [...]`. */
const KERNEL_GLOBALS = "descent-kernel-globals";

/**
 * tslab's options with the kernel's loose Node declarations in place of every package of
 * node_modules/@types (see types/descent-kernel-globals/index.d.ts for why). The other type
 * roots stay, so a package that asks for `/// <reference types="node" />` still finds it.
 */
function kernelTypes(options) {
  return { ...options, types: [KERNEL_GLOBALS], typeRoots: [TYPE_ROOT, ...(options.typeRoots || [])] };
}

/** TypeScript's module object as converter.js should see it: the same, with the changes above. */
function wrapTypeScript(ts) {
  const wrapped = Object.create(ts);
  // converter.js reads the module through __importStar, which passes an __esModule object through.
  Object.defineProperty(wrapped, "__esModule", { value: true });
  Object.defineProperty(wrapped, "createWatchCompilerHost", {
    value: function createWatchCompilerHost(rootFiles, options, system, createProgram, ...rest) {
      if (!Array.isArray(rootFiles) || createProgram != null) return ts.createWatchCompilerHost(rootFiles, options, system, createProgram, ...rest);
      const host = ts.createWatchCompilerHost(rootFiles, kernelTypes(options), system, undefined, ...rest);
      host.createProgram = (...args) => createLightBuilder(ts, ...args);
      stats.hostsPatched++;
      return host;
    },
  });
  return wrapped;
}

function versionOf(root, pkg) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, "node_modules", ...pkg.split("/"), "package.json"), "utf8")).version;
  } catch {
    return null;
  }
}

/**
 * Makes tslab's converter (required later by tslab's main.js) use the light builder. Call before
 * tslab is loaded. Returns whether the patch is in force and, when not, why.
 */
function installFastTslab(root, ts, env = process.env, log = (line) => process.stderr.write(line + "\n")) {
  if (env.DESCENT_KERNEL_FAST === "0") return { active: false, reason: "DESCENT_KERNEL_FAST=0" };
  const found = { tslab: versionOf(root, "tslab"), typescript: ts.version };
  if (found.tslab !== EXPECTED.tslab || found.typescript !== EXPECTED.typescript) {
    const reason = `tslab ${found.tslab} with TypeScript ${found.typescript} (the patch knows tslab ${EXPECTED.tslab} with TypeScript ${EXPECTED.typescript})`;
    log(`Descent kernel: cells compile without the speed-up in tools/kernel/fast-tslab.js: ${reason}.`);
    return { active: false, reason };
  }
  const converterFile = path.join(root, "node_modules", "tslab", "dist", "converter.js");
  const wrapped = wrapTypeScript(ts);
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === "@tslab/typescript-for-tslab" && parent && parent.filename === converterFile) return wrapped;
    return load.call(this, request, parent, isMain);
  };
  // Not enumerable, so the stats still print as two counts.
  Object.defineProperty(stats, "typescript", { value: ts, configurable: true });
  Object.defineProperty(stats, "program", { value: () => latestProgram, configurable: true });
  globalThis.__descentFastTslab = stats;
  return { active: true };
}

module.exports = { installFastTslab, createLightBuilder, wrapTypeScript, kernelTypes, TYPE_ROOT, EXPECTED, stats };
