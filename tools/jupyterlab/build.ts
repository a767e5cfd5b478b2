/**
 * `npm run lab:build`: the pack's JupyterLab (4.5.11 from npm) in tools/jupyterlab/build.
 *
 * Two steps, each skipped when its output is newer than its inputs, so a second call in the
 * same checkout (CI's JupyterLab stage after an explicit build, or `npm start -- --lab-build`)
 * costs nothing:
 *   1. `npm ci` in tools/jupyterlab (its own package-lock.json; ~1 min, ~460 MB) when
 *      node_modules is missing or older than the lockfile;
 *   2. webpack (~1.5 min, ~800 MB peak) when build/bundle.js is missing or older than
 *      index.js, webpack.config.js, templates or the installed packages.
 * `--force` redoes both. Nothing outside tools/jupyterlab is written.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The folder of the JupyterLab build (this file's folder). */
export const labDir: string = __dirname;
/** The bundle `serve.py` serves; its presence means "built". */
export const labBundlePath: string = path.join(labDir, "build", "bundle.js");
/**
 * Written after each successful bundle: webpack leaves a file it would write unchanged
 * untouched, so bundle.js's own time says nothing about when the build last ran.
 */
const stampPath = path.join(labDir, "build", ".descent-built");

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -Infinity;
  }
}

/** Newest modification time of the files under `dir` (not following node_modules). */
function newest(dir: string): number {
  let t = mtime(dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules") continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : mtime(p));
  }
  return t;
}

/** What {@link buildLab} would do now: install, bundle, both or nothing. */
export function labBuildPlan(force = false): { install: boolean; bundle: boolean } {
  // npm writes node_modules/.package-lock.json at the end of every successful install.
  const installed = mtime(path.join(labDir, "node_modules", ".package-lock.json"));
  // Only the lockfile says what is installed (a change of package.json's scripts needs no install).
  const install = force || installed < mtime(path.join(labDir, "package-lock.json"));
  const inputs = Math.max(
    installed,
    mtime(path.join(labDir, "index.js")),
    mtime(path.join(labDir, "webpack.config.js")),
    newest(path.join(labDir, "templates")),
  );
  const bundle = force || install || !existsSync(labBundlePath) || mtime(stampPath) < inputs;
  return { install, bundle };
}

function run(args: string[], what: string): void {
  const started = Date.now();
  console.log(`lab:build: ${what}: npm ${args.join(" ")}`);
  const r = spawnSync(npm, args, { cwd: labDir, stdio: "inherit" });
  if (r.status !== 0) {
    throw new Error(`${what} failed (npm ${args.join(" ")} in tools/jupyterlab exited with ${r.status ?? r.signal}); its output is above`);
  }
  console.log(`lab:build: ${what} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Installs and bundles as needed (see the file comment). Throws with the failing step named. */
export function buildLab(force = false): void {
  const plan = labBuildPlan(force);
  if (plan.install) run(["ci", "--no-audit", "--no-fund"], "install JupyterLab's packages");
  if (plan.bundle) {
    run(["run", "-s", "build"], "bundle JupyterLab with webpack");
    writeFileSync(stampPath, new Date().toISOString() + "\n");
  }
  if (!plan.install && !plan.bundle) console.log(`lab:build: ${path.relative(process.cwd(), labBundlePath) || labBundlePath} is up to date`);
  if (!existsSync(labBundlePath)) throw new Error(`webpack finished but ${labBundlePath} is missing`);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--force");
  if (unknown.length > 0) {
    console.error(`lab:build: unknown option ${unknown[0]}\nusage: npm run lab:build [-- --force]`);
    process.exit(2);
  }
  try {
    buildLab(args.includes("--force"));
  } catch (e) {
    console.error(`lab:build: ${(e as Error).message}`);
    process.exit(1);
  }
}
