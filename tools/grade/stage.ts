// Copies the folder under grading into a temporary pack-shaped folder:
//   <tmp>/exercises/   a copy of the target (so grading can never modify a student's files,
//                      and a file edited mid-run cannot change the result)
//   <tmp>/lib          a link to the grading pack's lib/ (exercises import "../lib/...";
//                      a student's own copy of lib/ is not trusted)
//   <tmp>/node_modules a link to the grading pack's node_modules/
//   <tmp>/run/         the submission compiled to JavaScript (compile.ts) and the sandbox
//                      runtime: the only folder the sandbox process may read
//   <tmp>/tmp/         the sandbox's private TMPDIR (it may not write even there)
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { compileModule, sandboxRuntime, type ModuleInfo } from "./compile";
import { typeCheck } from "./typecheck";

/** A submission larger than this is refused rather than copied. */
const MAX_BYTES = 50 * 1024 * 1024;
const SKIP = new Set(["node_modules", ".git"]);

export interface Stage {
  /** The staged copy of the target: what the tests load modules from. */
  dir: string;
  /** The compiled modules and the sandbox runtime (sandbox.js): all the sandbox may read. */
  runDir: string;
  /** The sandbox's TMPDIR. */
  tmpDir: string;
  /** Compiles every module of the staged folder (or those asked for, once) and says how each went, by module name. */
  modules(label: string): Record<string, ModuleInfo>;
  /** Removes the temporary folder. */
  cleanup(): void;
}

/** Stages `target` (an exercises-shaped folder) next to links to the pack's lib/ and node_modules/. */
export function stageTarget(target: string, root: string, options: { modules?: string[] } = {}): Stage {
  const base = fs.mkdtempSync(path.join(stageParent(), "descent-grade-"));
  const dir = path.join(base, "exercises");
  fs.mkdirSync(dir);
  const budget = { bytes: MAX_BYTES };
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) copyTree(target, dir, budget);
  for (const link of ["lib", "node_modules"]) {
    const source = path.join(root, link);
    // A junction needs no special rights on Windows; elsewhere the type is ignored.
    if (fs.existsSync(source)) fs.symlinkSync(source, path.join(base, link), process.platform === "win32" ? "junction" : "dir");
  }
  const runDir = path.join(base, "run");
  const tmpDir = path.join(base, "tmp");
  fs.mkdirSync(runDir);
  fs.mkdirSync(tmpDir);
  fs.writeFileSync(path.join(runDir, "sandbox.js"), sandboxRuntime(root));
  // The sandbox may run as an unprivileged user (when the grader is root): it must be able to
  // walk to run/ and read it, and nothing else here matters to it.
  fs.chmodSync(base, 0o755);
  fs.chmodSync(runDir, 0o755);
  fs.chmodSync(path.join(runDir, "sandbox.js"), 0o644);
  let compiled: Record<string, ModuleInfo> | undefined;
  const modules = (label: string) => {
    if (!compiled) {
      compiled = {};
      for (const f of fs.readdirSync(dir).sort()) {
        if (!f.endsWith(".ts") || f.endsWith(".d.ts")) continue;
        const name = f.slice(0, -3);
        if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) continue;
        if (options.modules && !options.modules.includes(name)) continue; // check(): its lesson only
        compiled[name] = compileModule(root, dir, runDir, name, label);
      }
      // A module that parses but does not type-check is not run: the lesson's import cell
      // would fail on it too. (A syntax error is already reported, with its line, by esbuild.)
      const typeErrors = typeCheck(root, dir, label, Object.keys(compiled).filter((m) => !compiled![m].error));
      for (const [name, error] of Object.entries(typeErrors)) {
        compiled[name] = { error, modules: compiled[name].modules };
        fs.rmSync(path.join(runDir, `${name}.js`), { force: true });
      }
    }
    return compiled;
  };
  return { dir, runDir, tmpDir, modules, cleanup: () => fs.rmSync(base, { recursive: true, force: true }) };
}

/**
 * Where stages go: the temp folder, unless the grader is root and some folder above it is
 * closed to other users (a private TMPDIR), since the sandbox then runs as nobody and must
 * reach <stage>/run/; /tmp is open to all.
 */
function stageParent(): string {
  const tmp = os.tmpdir();
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return tmp;
  for (let dir = path.resolve(tmp); ; dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) return "/tmp";
    if (path.dirname(dir) === dir) return tmp;
  }
}

// Regular files and folders only: a symlink in a submission could point anywhere.
function copyTree(from: string, to: string, budget: { bytes: number }): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(dst);
      copyTree(src, dst, budget);
    } else if (entry.isFile()) {
      budget.bytes -= fs.statSync(src).size;
      if (budget.bytes < 0) throw new Error(`the folder to grade is larger than ${MAX_BYTES / 1024 / 1024} MB; is it the right one?`);
      fs.copyFileSync(src, dst);
    }
  }
}
