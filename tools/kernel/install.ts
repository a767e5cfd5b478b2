/**
 * `npm run kernel:install`: registers the pack's kernel with Jupyter for the current user.
 *
 * The kernelspec `descent` runs `tools/kernel/launch.js` with the very node that ran this
 * installer, so it needs no global tslab and no node on Jupyter's PATH. Every path is
 * resolved from this file's location, so it works from any working directory. Running it
 * again rewrites the same file: one kernel, never a duplicate.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { jupyterDataDir, launcherPath, packRoot, type DataDirSource } from "./jupyter";

/** The kernel's name, as notebooks refer to it in `metadata.kernelspec.name`. */
export const kernelName = "descent";

/** The name Jupyter shows in its launcher and kernel menu. */
export const kernelDisplayName = "Descent (TypeScript)";

/** A Jupyter kernelspec (`kernel.json`). */
export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  metadata?: Record<string, unknown>;
}

/** The kernelspec for this checkout of the pack, run by `node` (default: the current node). */
export function kernelSpec(node: string = process.execPath): KernelSpec {
  return {
    argv: [node, launcherPath, "{connection_file}"],
    display_name: kernelDisplayName,
    language: "typescript",
  };
}

export interface InstallOptions {
  /** Jupyter data directory; default: found as Jupyter would (see `jupyterDataDir`). */
  dataDir?: string;
  /** Environment used to find the data directory; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Work out what would happen, write nothing. */
  dryRun?: boolean;
}

export interface InstallResult {
  /** The kernel.json written (or that would be written). */
  file: string;
  dataDirSource: DataDirSource | "option";
  status: "registered" | "updated" | "already registered";
  /** The launcher the old kernelspec pointed at, when it was updated. */
  previous?: string;
}

function sameSpec(a: Partial<KernelSpec>, b: KernelSpec): boolean {
  return (
    JSON.stringify(a.argv) === JSON.stringify(b.argv) &&
    a.display_name === b.display_name &&
    a.language === b.language &&
    a.metadata === undefined
  );
}

/** Writes `<data dir>/kernels/descent/kernel.json`; idempotent. */
export function installKernel(options: InstallOptions = {}): InstallResult {
  const tslab = path.join(packRoot, "node_modules", "tslab", "dist", "main.js");
  if (!existsSync(tslab)) {
    throw new Error(`tslab is not installed in ${path.join(packRoot, "node_modules")}: run \`npm install\` in ${packRoot} first.`);
  }
  const found = options.dataDir !== undefined
    ? { dir: path.resolve(options.dataDir), source: "option" as const }
    : jupyterDataDir(options.env ?? process.env);
  const dir = path.join(found.dir, "kernels", kernelName);
  const file = path.join(dir, "kernel.json");
  const text = JSON.stringify(kernelSpec(), null, 2) + "\n";

  let status: InstallResult["status"] = "registered";
  let previous: string | undefined;
  if (existsSync(file)) {
    status = "updated";
    try {
      const spec = JSON.parse(readFileSync(file, "utf8")) as Partial<KernelSpec>;
      // Same meaning, whatever the formatting (e.g. written by `jupyter kernelspec install`).
      if (sameSpec(spec, kernelSpec())) return { file, dataDirSource: found.source, status: "already registered" };
      previous = Array.isArray(spec.argv) ? spec.argv.slice(0, 2).join(" ") : undefined;
    } catch {
      previous = "an unreadable kernel.json";
    }
  }
  if (!options.dryRun) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
  }
  return { file, dataDirSource: found.source, status, previous };
}

/** One line for the terminal. */
export function describeInstall(result: InstallResult, dryRun = false): string {
  const where = `${result.file} (data dir from ${result.dataDirSource})`;
  const verb = dryRun && result.status !== "already registered" ? `would be ${result.status}` : result.status;
  const was = result.previous ? `; it pointed at ${result.previous}` : "";
  return `Kernel "${kernelDisplayName}" (${kernelName}) ${verb}: ${where}${was}`;
}

if (require.main === module) {
  const dryRun = process.argv.includes("--dry-run");
  try {
    console.log(describeInstall(installKernel({ dryRun }), dryRun));
  } catch (e) {
    console.error(`kernel:install: ${(e as Error).message}`);
    process.exit(1);
  }
}
