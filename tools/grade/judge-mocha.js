// mocha as one file for the judge (tools/grade/child.ts): build/grade/mocha-<version>.cjs, its
// CommonJS build and what that requires, bundled by esbuild. The judge loads it in
// judge-preload.js before tsx registers: mocha's 40 files through tsx's require hook cost 0.4 s of
// CPU per question, the one file outside the hook 0.04 s (measured 12-02).
//
// Grading only reads the bundle, never writes it (a grader must not change the pack it runs
// from: Gradescope's autograder folder stays as uploaded); the kernel's build step makes it
// (tools/kernel/compiled-lib.js, at kernel start and before `npm run notebooks:run`). Without it
// the judge requires mocha as before: slower, same results. Plain JavaScript, as compiled-lib.js.
"use strict";
const fs = require("fs");
const path = require("path");

/** Where this pack's mocha would be bundled. */
function bundlePath(root) {
  const entry = require.resolve("mocha/lib/mocha.cjs", { paths: [root] });
  const { version } = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), "..", "package.json"), "utf8"));
  return { entry, file: path.join(root, "build", "grade", `mocha-${version}.cjs`) };
}

/** The bundle's path when it has been built, else null. Reads only. */
function judgeMochaPath(root) {
  try {
    const { file } = bundlePath(root);
    return fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** Builds the bundle when it is missing; returns its path, or null when it cannot be built. */
function buildJudgeMocha(root) {
  try {
    const { entry, file } = bundlePath(root);
    if (fs.existsSync(file)) return file;
    const esbuild = require(require.resolve("esbuild", { paths: [path.dirname(require.resolve("tsx/package.json", { paths: [root] }))] }));
    const out = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: "node", format: "cjs", target: "node20", write: false, logLevel: "silent" });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Two kernels may start together: each writes its own file and renames it into place whole.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, out.outputFiles[0].text);
    fs.renameSync(tmp, file);
    return file;
  } catch {
    return null;
  }
}

module.exports = { judgeMochaPath, buildJudgeMocha };
