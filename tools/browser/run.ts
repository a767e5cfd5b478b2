/**
 * `npm run test:browser`: every lesson tried as a student would, in Jupyter Notebook 6 in a
 * real (headless) Chromium. `npm run test:jupyterlab` (this file with `--lab`): the same in
 * the pack's own JupyterLab build (tools/jupyterlab, `npm run lab:build`).
 *
 *   npm run test:browser                       self-test on tools/browser/fixtures, then notebooks/*.ipynb
 *   npm run test:browser -- --notebooks a.ipynb[,b.ipynb] [more.ipynb ...]   only these
 *   npm run test:browser -- --self-test        only the fixtures
 *   options: --timeout <s> (per lesson, default 120)  --out <dir> (default build/browser)
 *            --no-self-test  --lab (JupyterLab instead of Notebook 6; default out build/jupyterlab-test)
 *
 * Writes the executed copies, two screenshots per lesson (after Run All, and reopened
 * untrusted) and report.json under build/browser/. Exit code 0 only when every lesson passed
 * and the self-test caught exactly what its fixtures expect.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { packRoot, findCommand } from "../kernel/jupyter";
import { runLesson, type LessonResult } from "./lesson";
import { runLabLesson } from "./lab-lesson";
import { findLabPython, findNotebookCommand, labBundle, labServe, startServer, startedServers, processesMentioning, type NotebookCommand } from "./server";
import { checkExpectations, summaryTable } from "./report";

interface Cli {
  notebooks: string[];
  selfTest: boolean;
  lessons: boolean;
  timeout: number;
  out: string;
  lab: boolean;
}

const usage = `usage: npm run test:browser -- [--lab] [--notebooks a.ipynb[,b.ipynb]] [files...] [--self-test | --no-self-test] [--timeout seconds] [--out dir]`;

function parseArgs(argv: string[]): Cli {
  const cli: Cli = { notebooks: [], selfTest: true, lessons: true, timeout: 120, out: "", lab: false };
  let onlySelfTest = false;
  let noSelfTest = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (v === undefined || v === "") throw new Error(`${a.split("=")[0]} needs a value\n${usage}`);
      return v;
    };
    if (a === "--notebooks" || a.startsWith("--notebooks=") || a === "--notebook" || a.startsWith("--notebook=")) {
      cli.notebooks.push(...value().split(",").filter((s) => s !== ""));
    } else if (a === "--timeout" || a.startsWith("--timeout=")) {
      cli.timeout = Number(value());
      if (!Number.isFinite(cli.timeout) || cli.timeout <= 0) throw new Error(`--timeout must be a positive number of seconds\n${usage}`);
    } else if (a === "--out" || a.startsWith("--out=")) {
      cli.out = path.resolve(value());
    } else if (a === "--self-test") {
      onlySelfTest = true;
    } else if (a === "--no-self-test") {
      noSelfTest = true;
    } else if (a === "--lab") {
      cli.lab = true;
    } else if (a === "--help" || a === "-h") {
      console.log(usage);
      process.exit(0);
    } else if (a.startsWith("-")) {
      throw new Error(`unknown option ${a}\n${usage}`);
    } else {
      cli.notebooks.push(a);
    }
  }
  if (cli.out === "") cli.out = path.join(packRoot, "build", cli.lab ? "jupyterlab-test" : "browser");
  // Chosen notebooks are tested as given: a failing one fails the run, whatever it is.
  if (cli.notebooks.length > 0) cli.selfTest = false;
  if (noSelfTest) cli.selfTest = false;
  if (onlySelfTest) {
    cli.selfTest = true;
    cli.lessons = false;
  }
  return cli;
}

/** Notebook files for the arguments: files as given, folders expanded to their *.ipynb. */
function expand(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    if (!existsSync(abs)) throw new Error(`no such notebook: ${p}`);
    if (statSync(abs).isDirectory()) {
      files.push(...readdirSync(abs).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(abs, f)));
    } else {
      files.push(abs);
    }
  }
  return files;
}

/** Short unique names for copies and screenshots (two folders may both hold an 01-x.ipynb). */
function names(files: string[]): string[] {
  const used = new Set<string>();
  return files.map((f) => {
    const base = path.basename(f, ".ipynb");
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return name;
  });
}

function findChromium(): string | null {
  const env = process.env.CHROMIUM_PATH;
  if (env && existsSync(env)) return env;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  for (const c of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) {
    const found = findCommand(c);
    if (found !== null) return found;
  }
  return null;
}

// ---- cleanup: servers and browser always stop, on any exit path ----
let browser: Browser | null = null;
let workDir: string | null = null;
let stopping: Promise<void> | null = null;

async function cleanup(): Promise<void> {
  if (stopping) return stopping;
  stopping = (async () => {
    const guard = setTimeout(() => killEverythingNow(), 20000);
    try {
      if (browser) await browser.close().catch(() => undefined);
      await Promise.all(startedServers().map((s) => s.stop().catch(() => s.killNow())));
    } finally {
      clearTimeout(guard);
      killEverythingNow();
    }
  })();
  return stopping;
}

/** Synchronous: SIGKILL what is left (safe to call from process.on("exit")). */
function killEverythingNow(): void {
  for (const s of startedServers()) s.killNow();
  if (workDir !== null) {
    for (const pid of processesMentioning(workDir)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
    try {
      rmSync(workDir, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
    workDir = null;
  }
}

function onSignal(signal: NodeJS.Signals, code: number): void {
  process.on(signal, () => {
    if (stopping) {
      killEverythingNow();
      process.exit(code);
    }
    console.error(`\ntest:browser: ${signal}: stopping the Jupyter servers and the browser`);
    void cleanup().finally(() => process.exit(code));
  });
}
onSignal("SIGINT", 130);
onSignal("SIGTERM", 143);
onSignal("SIGHUP", 129);
process.on("exit", () => killEverythingNow());

/**
 * The processes that started us (npm, its shell...), nearest first, up to but not including
 * pid 1. `npm run` does not pass SIGTERM on to its script, so when a CI job kills npm we are
 * left running: we notice that an ancestor has gone and stop as if we had got SIGTERM.
 */
function ancestors(): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  while (pid > 1 && chain.length < 4) {
    chain.push(pid);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      break;
    }
  }
  return chain;
}

function watchAncestors(): void {
  const chain = ancestors();
  const timer = setInterval(() => {
    const gone = chain.find((pid) => {
      try {
        process.kill(pid, 0);
        return false;
      } catch (e) {
        return (e as NodeJS.ErrnoException).code === "ESRCH";
      }
    });
    if (gone === undefined || stopping) return;
    clearInterval(timer);
    console.error(`\ntest:browser: the process that started us (pid ${gone}) has gone: stopping the Jupyter servers and the browser`);
    void cleanup().finally(() => process.exit(143));
  }, 1000);
  timer.unref();
}
if (process.platform === "linux") watchAncestors();

async function main(): Promise<number> {
  const cli = parseArgs(process.argv.slice(2));
  const chromiumPath = findChromium();
  const missing: string[] = [];
  if (chromiumPath === null) missing.push("Chromium (Debian: apt-get install chromium; or set CHROMIUM_PATH)");
  let notebookCommand: NotebookCommand | null = null;
  let labPython: string | null = null;
  if (cli.lab) {
    labPython = findLabPython();
    if (labPython === null) missing.push("jupyter-server and jupyterlab-server (Debian: apt-get install python3-jupyter-server python3-jupyterlab-server)");
    if (!existsSync(labBundle)) missing.push(`the pack's JupyterLab build, ${path.relative(packRoot, labBundle)} (make it with: npm run lab:build)`);
  } else {
    notebookCommand = findNotebookCommand();
    if (notebookCommand === null) missing.push("Jupyter Notebook 6 (Debian: apt-get install jupyter-notebook)");
  }
  if (missing.length > 0) {
    console.error(`test:browser needs ${missing.join(" and ")}.`);
    return 1;
  }

  const fixtures = cli.selfTest ? expand([path.join(__dirname, "fixtures")]) : [];
  let lessons: string[] = [];
  if (cli.lessons) {
    lessons = cli.notebooks.length > 0 ? expand(cli.notebooks) : expand([path.join(packRoot, "notebooks")]);
    if (lessons.length === 0) {
      console.error(`test:browser: no notebooks to test in ${cli.notebooks.length > 0 ? cli.notebooks.join(", ") : "notebooks/"}`);
      return 1;
    }
  }

  mkdirSync(cli.out, { recursive: true });
  // Nothing stale: screenshots, copies and logs are all from this run.
  for (const sub of ["screenshots", "logs", "notebooks", "fixtures"]) rmSync(path.join(cli.out, sub), { recursive: true, force: true });
  rmSync(path.join(cli.out, "report.json"), { force: true });
  const logDir = path.join(cli.out, "logs");
  mkdirSync(logDir, { recursive: true });
  workDir = mkdtempSync(path.join(os.tmpdir(), "descent-browser-"));
  const t0 = Date.now();
  console.log(`test:browser: ${fixtures.length} fixture(s), ${lessons.length} lesson(s); output in ${path.relative(packRoot, cli.out) || "."}`);

  const notebook = notebookCommand ?? { command: "", args: [] };
  const lab = labPython !== null ? { python: labPython, serve: labServe } : undefined;
  const [runServer, viewServer] = await Promise.all([
    startServer({ name: "run", workDir, logFile: path.join(logDir, "run-server.log"), notebook, lab }),
    // A second server that has never signed a notebook, with its signatures in memory only:
    // what pass 1 saved is untrusted here, as it is for a student who reopens it later.
    startServer({ name: "view", workDir, logFile: path.join(logDir, "view-server.log"), notebook, lab, memoryNotary: true }),
  ]);
  browser = await chromium.launch({
    executablePath: chromiumPath!,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  console.log(`${cli.lab ? "JupyterLab (tools/jupyterlab build)" : "Notebook 6"} servers on 127.0.0.1:${runServer.port} (run) and :${viewServer.port} (untrusted view); Chromium ${browser.version()}; ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const background: Promise<unknown>[] = [];
  const run = async (files: string[], copyDir: string, selfTest: boolean): Promise<LessonResult[]> => {
    const results: LessonResult[] = [];
    const fileNames = names(files);
    for (let i = 0; i < files.length; i++) {
      console.log(`\n--- ${path.relative(packRoot, files[i])}`);
      const r = await (cli.lab ? runLabLesson : runLesson)(files[i], fileNames[i], {
        browser: browser!,
        runServer,
        viewServer,
        copyDir,
        screenshotDir: path.join(cli.out, "screenshots"),
        timeoutSeconds: cli.timeout,
        log: (line) => console.log(line),
        background,
        selfTest,
      });
      for (const w of r.warnings) console.log(`  note ${w}`);
      const phases = Object.entries(r.phases).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ");
      console.log(`  ${r.status} in ${r.totalSeconds.toFixed(1)} s (${phases}); screenshots: ${r.screenshots.join(", ") || "none"}`);
      results.push(r);
    }
    return results;
  };

  let failed = false;
  const report: Record<string, unknown> = { started: new Date(t0).toISOString() };
  if (fixtures.length > 0) {
    console.log("\n=== self-test: fixtures must pass or fail exactly as their metadata says");
    const results = await run(fixtures, path.join(cli.out, "fixtures"), true);
    const verdicts = checkExpectations(results);
    console.log("\nself-test");
    console.log(summaryTable(results, verdicts.map((v) => v.verdict)));
    for (const v of verdicts) for (const m of v.mismatches) console.log(`  SELF-TEST ${v.name}: ${m}`);
    const ok = verdicts.every((v) => v.mismatches.length === 0);
    console.log(ok ? "self-test: every fixture behaved as expected" : "self-test FAILED: the browser test does not catch what it should");
    if (!ok) failed = true;
    report.fixtures = results.map((r, i) => ({ ...r, selfTest: verdicts[i] }));
  }
  if (lessons.length > 0) {
    console.log("\n=== lessons");
    const results = await run(lessons, path.join(cli.out, "notebooks"), false);
    console.log("\nlessons");
    console.log(summaryTable(results));
    const bad = results.filter((r) => r.status !== "passed");
    for (const r of bad) {
      console.log(`\n${r.source}: FAILED (screenshots: ${r.screenshots.join(", ") || "none"})`);
      for (const p of r.problems) console.log(`  ${r.source}: ${p}`);
    }
    if (bad.length > 0) failed = true;
    report.lessons = results;
  }
  await Promise.all(background);
  const seconds = (Date.now() - t0) / 1000;
  report.seconds = seconds;
  writeFileSync(path.join(cli.out, "report.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(`\ntest:browser: ${failed ? "FAILED" : "passed"} in ${seconds.toFixed(1)} s (report: ${path.relative(packRoot, path.join(cli.out, "report.json"))})`);
  return failed ? 1 : 0;
}

main()
  .catch((e: Error) => {
    console.error(`test:browser: ${e.message}`);
    return 1;
  })
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  });
