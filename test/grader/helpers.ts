// Shared plumbing for the tests of the grader: paths, running the CLIs, hashing folders.
import { spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const FIXTURES = path.join(ROOT, "test", "fixtures", "grader");

/** A fresh empty temporary folder. */
export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `descent-${prefix}-`));
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a tools/ CLI (e.g. "tools/grade/cli.ts") with tsx, as `npm run` would, from `cwd`.
 * `whenStarted` is called with the child once its first output line arrives.
 */
export function runTool(
  script: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; whenStarted?: (kill: (s: NodeJS.Signals) => void) => void } = {},
): Promise<CliRun> {
  const cwd = options.cwd ?? ROOT;
  const child = spawn(process.execPath, ["--require", require.resolve("tsx/cjs"), path.join(cwd, script), ...args], {
    cwd,
    env: { ...process.env, INIT_CWD: cwd, ...options.env },
  });
  let stdout = "";
  let stderr = "";
  let started = false;
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    if (!started && options.whenStarted) {
      started = true;
      options.whenStarted((s) => child.kill(s));
    }
  });
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** One hash over every file's relative path, mode and bytes below `dir`. */
export function hashTree(dir: string): string {
  const h = createHash("sha256");
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      h.update(path.relative(dir, full) + "\0");
      if (e.isDirectory()) visit(full);
      else {
        h.update(String(fs.statSync(full).mode) + "\0");
        h.update(fs.readFileSync(full));
      }
    }
  };
  visit(dir);
  return h.digest("hex");
}
