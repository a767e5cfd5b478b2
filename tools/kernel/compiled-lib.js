// Why lessons import quickly: tslab parses, type-checks and emits every local .ts file a cell
// imports, so an import cell naming a dozen lib/ files cost 5–11 s (measured on lesson 7:
// 11.4 s; 1.7 s with lib/ precompiled). The kernel therefore loads lib/ precompiled by tsc into
// build/kernel/lib (JavaScript, declarations, source maps) while lessons keep importing
// "./lib/optim/adam": tslab's compiler is shown lib/optim/adam.d.ts from the build instead of
// adam.ts, and Node's require of lib/optim/adam finds the built adam.js. Exercises, tools and
// notebooks are compiled by tslab as before, so a student's edits count at once. tools/grade/
// (behind every lesson's `check`) is served the same way, its JavaScript run under its source
// file names because the grader locates its own files from __dirname. The build is redone
// whenever a lib/ or tools/grade/ source is newer than it; if it cannot be built the kernel
// falls back to compiling them itself (slower, same results). DESCENT_KERNEL_SOURCES=1 turns
// this off.
"use strict";
const fs = require("fs");
const path = require("path");
const Module = require("module");
const { spawnSync } = require("child_process");
const { pathToFileURL } = require("url");

/** Where the build goes, below the pack root. */
const OUT = path.join("build", "kernel");

/**
 * The folders served precompiled: lib/, and tools/grade/ because every lesson imports
 * `check` from it and tslab otherwise checked and emitted the grader's ten files in each
 * lesson's import cell (measured 12-02 on lesson 4's import cell, in-process: 3.3 s of CPU with
 * them, 0.6 s without, at load 23). Students edit neither; both are rebuilt when a file changes.
 */
const PRECOMPILED = ["lib", path.join("tools", "grade")];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when build/kernel is missing or older than some lib/ or tools/grade/ source (or the build's own config). */
function isStale(root) {
  const stamp = path.join(root, OUT, ".stamp");
  if (!fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  const newest = Math.max(...PRECOMPILED.map((dir) => newestMtime(path.join(root, dir))));
  return newest > built || fs.statSync(path.join(root, "tools", "kernel", "tsconfig.lib.json")).mtimeMs > built;
}

/**
 * Builds build/kernel/lib when stale. One build at a time (a lock folder, taken over when older
 * than two minutes); returns true when an up-to-date build is there.
 */
function ensureBuilt(root, log = (line) => process.stderr.write(line + "\n")) {
  // The judge's mocha in one file (tools/grade/judge-mocha.js): made here, once per clone, since
  // grading itself never writes into the pack.
  require("../grade/judge-mocha.js").buildJudgeMocha(root);
  if (!isStale(root)) return true;
  const lock = path.join(root, OUT + ".lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (!isStale(root)) return true; // another process finished the build meanwhile
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {}
      if (Date.now() > deadline) return false;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!isStale(root)) return true;
    const started = Date.now();
    // Without a finished build, its incremental record could claim outputs that are gone.
    if (!fs.existsSync(path.join(root, OUT, ".stamp"))) fs.rmSync(path.join(root, OUT, ".tsbuildinfo"), { force: true });
    const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
    const res = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tools", "kernel", "tsconfig.lib.json")], { cwd: root, encoding: "utf8" });
    // Type errors still emit JavaScript; only a build that wrote nothing is a failure.
    if (!fs.existsSync(path.join(root, OUT, "lib"))) {
      log(`Descent kernel: could not precompile lib/ (${(res.stdout || res.stderr || String(res.error)).trim().split("\n")[0]}); tslab compiles it instead.`);
      return false;
    }
    fs.writeFileSync(path.join(root, OUT, ".stamp"), new Date().toISOString() + "\n");
    log(`Descent kernel: precompiled lib/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** `<root>/lib/a/b.ts` → `<root>/build/kernel/lib/a/b<ext>` when that file exists, else null (tools/grade/ likewise). */
function builtCounterpart(root, file, ext) {
  for (const dir of PRECOMPILED) {
    const rel = path.relative(path.join(root, dir), file);
    if (rel.startsWith("..") || path.isAbsolute(rel)) continue;
    const built = path.join(root, OUT, dir, rel.replace(/(\.d)?\.ts$|\.js$/, "") + ext);
    return fs.existsSync(built) ? built : null;
  }
  return null;
}

/** `<root>/build/kernel/tools/grade/a.js` → `<root>/tools/grade/a.ts`; null for any other file. */
function gradeSourceOf(root, builtFile) {
  const rel = path.relative(path.join(root, OUT, "tools", "grade"), builtFile);
  if (rel.startsWith("..") || path.isAbsolute(rel) || !rel.endsWith(".js")) return null;
  return path.join(root, "tools", "grade", rel.slice(0, -3) + ".ts");
}

/**
 * Points tslab's compiler and Node's require at the build: for a lib/ module, the compiler sees
 * only its .d.ts (read from the build) and require loads the built .js.
 */
function redirectToBuild(root, ts) {
  const sys = ts.sys;
  // tslab asks about the same few hundred paths at every cell; the build does not change while
  // the kernel runs (it is made before), so each answer is looked up on disk once.
  const answers = new Map();
  const built = (file, ext) => {
    const key = ext + "\0" + file;
    if (!answers.has(key)) answers.set(key, builtCounterpart(root, file, ext));
    return answers.get(key);
  };
  const fileExists = sys.fileExists.bind(sys), readFile = sys.readFile.bind(sys);
  const isSource = (p) => p.endsWith(".ts") && !p.endsWith(".d.ts");
  sys.fileExists = (p) => {
    if (isSource(p) && built(p, ".d.ts")) return false;
    if (p.endsWith(".d.ts") && built(p, ".d.ts")) return true;
    return fileExists(p);
  };
  sys.readFile = (p, encoding) => {
    const declarations = p.endsWith(".d.ts") ? built(p, ".d.ts") : null;
    return readFile(declarations || p, encoding);
  };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    try {
      return resolve.call(this, request, parent, ...rest);
    } catch (err) {
      if (request.startsWith(".") && parent && parent.filename) {
        const js = built(path.resolve(path.dirname(parent.filename), request), ".js");
        if (js) return js;
      }
      throw err;
    }
  };
  // The grader finds its own files (child.ts, sandbox.ts) and the pack from __dirname, so its
  // built JavaScript runs as if it were the source: __filename is tools/grade/x.ts, and its
  // relative requires resolve from there (to the build again, through the fallback above).
  const loadJs = Module._extensions[".js"];
  Module._extensions[".js"] = function (module, filename) {
    const source = gradeSourceOf(root, filename);
    if (source === null) return loadJs.call(this, module, filename);
    const map = pathToFileURL(filename + ".map").href;
    const code = fs.readFileSync(filename, "utf8").replace(/\/\/# sourceMappingURL=\S+\s*$/, `//# sourceMappingURL=${map}\n`);
    module.filename = source;
    module.paths = Module._nodeModulePaths(path.dirname(source));
    module._compile(code, source);
  };
  // Stack traces then name lib/…/x.ts lines, not the built JavaScript.
  process.setSourceMapsEnabled(true);
}

/** Builds when needed and redirects; returns whether lib/ is served precompiled. */
function useCompiledLib(root, ts, env = process.env) {
  if (env.DESCENT_KERNEL_SOURCES === "1") return false;
  if (!ensureBuilt(root)) return false;
  redirectToBuild(root, ts);
  return true;
}

module.exports = { ensureBuilt, isStale, builtCounterpart, gradeSourceOf, redirectToBuild, useCompiledLib, OUT, PRECOMPILED };
