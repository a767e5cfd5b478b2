// Compiles a staged submission to JavaScript in the trusted grader, before any of it runs:
// one esbuild bundle per lesson module (the student's file plus what it may import: lib/ and
// node_modules/, nothing else) and the sandbox's own runtime, into <stage>/run/, the only folder
// the sandbox may read. A file that does not compile is reported once, with file, line, column
// and the offending line; the modules a bundle holds (resolved real paths, from esbuild's
// metafile) are what "own code" checks read, not the import text.
import * as fs from "fs";
import * as path from "path";

/** How one lesson module compiled. */
export interface ModuleInfo {
  /** Why it cannot be loaded (missing, a syntax error, an import it may not make); absent when it compiled. */
  error?: string;
  /** Pack-relative real paths of every module bundled with it (e.g. "lib/nn/dense.ts"). */
  modules: string[];
}

type Esbuild = typeof import("esbuild");

function esbuild(root: string): Esbuild {
  // esbuild ships with tsx; resolve it from the grading pack so a submission cannot supply its own.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve("esbuild", { paths: [path.dirname(require.resolve("tsx/package.json", { paths: [root] }))] }));
}

let sandboxSource: string | undefined;

/** The sandbox runtime (tools/grade/sandbox.ts and what it imports) as one CommonJS file, built once per process. */
export function sandboxRuntime(root: string): string {
  if (sandboxSource === undefined) {
    const out = esbuild(root).buildSync({
      entryPoints: [path.join(__dirname, "sandbox.ts")],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      write: false,
      logLevel: "silent",
    });
    sandboxSource = out.outputFiles[0].text;
  }
  return sandboxSource;
}

/**
 * Bundles `<stageDir>/<module>.ts` into `<runDir>/<module>.js`. Imports may reach the staged
 * folder itself, the pack's lib/ and node_modules/; anything else (solutions/, test/, another
 * student's folder, an absolute path) makes the module fail to load, naming the import.
 */
export function compileModule(root: string, stageDir: string, runDir: string, module: string, label: string): ModuleInfo {
  const file = path.join(stageDir, `${module}.ts`);
  const shown = `${label}/${module}.ts`;
  if (!fs.existsSync(file)) return { error: `${shown} was not found: the file must exist with this name`, modules: [] };
  const allowed = [fs.realpathSync(stageDir), realOrSelf(path.join(root, "lib")), realOrSelf(path.join(root, "node_modules"))];
  let result: import("esbuild").BuildResult & { metafile?: import("esbuild").Metafile };
  try {
    result = esbuild(root).buildSync({
      entryPoints: [file],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      outfile: path.join(runDir, `${module}.js`),
      sourcemap: "inline",
      sourcesContent: false,
      metafile: true,
      logLevel: "silent",
      absWorkingDir: stageDir,
    });
  } catch (err) {
    const errors = (err as { errors?: import("esbuild").Message[] }).errors ?? [];
    const first = errors[0];
    if (!first) return { error: `${shown} does not compile: ${err instanceof Error ? err.message : String(err)}`, modules: [] };
    return { error: formatMessage(first, stageDir, label, errors.length), modules: [] };
  }
  const modules = Object.keys(result.metafile?.inputs ?? {}).map((input) => fs.realpathSync(path.resolve(stageDir, input)));
  const outside = modules.find((m) => !allowed.some((dir) => m === dir || m.startsWith(dir + path.sep)));
  if (outside) {
    fs.rmSync(path.join(runDir, `${module}.js`), { force: true });
    return { error: `${shown} imports ${outside}, which a submission may not import: use only its own files, lib/ and the pack's packages`, modules: [] };
  }
  fs.chmodSync(path.join(runDir, `${module}.js`), 0o644);
  return {
    modules: modules.map((m) => {
      const inStage = path.relative(fs.realpathSync(stageDir), m);
      return (inStage.startsWith("..") ? path.relative(fs.realpathSync(root), m) : `${label}/${inStage}`).split(path.sep).join("/");
    }),
  };
}

/** "exercises/welcome.ts:12:5: syntax error: Expected ";" but found "x"" and the line itself. */
function formatMessage(m: import("esbuild").Message, stageDir: string, label: string, count: number): string {
  const loc = m.location;
  const more = count > 1 ? ` (and ${count - 1} more error${count > 2 ? "s" : ""})` : "";
  if (!loc) return `${label} does not compile: ${m.text}${more}`;
  const file = path.isAbsolute(loc.file) ? path.relative(stageDir, loc.file) : loc.file;
  const shown = `${label}/${file.split(path.sep).join("/")}`;
  const caret = " ".repeat(Math.max(0, loc.column)) + "^";
  return `${shown} does not compile: syntax error at line ${loc.line}, column ${loc.column + 1}: ${m.text}${more}\n    ${loc.lineText}\n    ${caret}`;
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}
