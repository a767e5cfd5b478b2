/**
 * One lesson, tried as a student would: open it in Notebook 6 in Chromium, make sure the
 * pack's kernel runs it, Cell > Run All, wait, look at what the page shows, File > Save,
 * then reopen the saved copy in a fresh browser context on a server that has never seen it
 * (so it is untrusted, as it is for anyone who opens a saved notebook later) and look again.
 *
 * Every problem is one line naming the cell (1-based, as the student counts them, markdown
 * included) and the first line of its source.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { kernelDisplayName, kernelName } from "../kernel/install";
import { packRoot } from "../kernel/jupyter";
import type { NotebookServer } from "./server";

/** Notebook metadata key a notebook may use to tune or describe its browser test. */
export const metadataKey = "descent_browser_test";

/** `metadata.descent_browser_test` of a notebook. */
export interface BrowserTestMetadata {
  /** Seconds allowed from opening the notebook until every cell has finished. */
  timeout?: number;
  /** Fixtures only: the outcome the self-test expects. */
  expect?: "pass" | "fail";
  /** Fixtures only: with expect "fail", every problem line, each matched as a substring. */
  messages?: string[];
  /**
   * What differs in the pack's JupyterLab (`--lab`): these fields replace the ones above there
   * (a fixture's problem lines name the front end that shows them).
   */
  lab?: Omit<BrowserTestMetadata, "lab">;
}

/** The page as the checks see it (filled in by in-page.js `collect()`). */
export interface PageImage {
  complete: boolean;
  naturalWidth: number;
  naturalHeight: number;
  shownWidth: number;
  shownHeight: number;
  src: string;
}
/** One output of a code cell: its data (MIME types) and what the page shows for it. */
export interface PageOutput {
  outputType: string;
  name: string | null;
  text: string | null;
  ename: string | null;
  evalue: string | null;
  traceback: string | null;
  mimes: string[];
  hasPng: boolean;
  hasSvg: boolean;
  plotlyData: boolean;
  images: PageImage[];
  plotly: { present: boolean; drawn: boolean };
  errorShown: boolean;
  trusted: boolean;
}
/** One cell: its source, its execute reply, its outputs, or its rendered markdown. */
export interface PageCell {
  index: number;
  type: string;
  source: string;
  prompt: number | string | null;
  reply: string | null;
  outputs: PageOutput[];
  outputsAligned: boolean;
  rendered: boolean | null;
  renderedText: string | null;
  mathErrors: string[];
  images: PageImage[];
}
/** Every cell of the open notebook, as `collect()` in the page reads it. */
export interface PageReport {
  cells: PageCell[];
  trusted: boolean;
  pageErrors: string[];
}
/** Run All so far: code cells without a reply, cells running, the kernel idle or dead. */
export interface Progress {
  waiting: number[];
  running: number[];
  idle: boolean;
  kernelDead: boolean;
  kernelEvents: string[];
}
/** The kernel the page runs, the name it shows, and any dialog in the way. */
export interface KernelInfo {
  kernelName: string | null;
  shownName: string | null;
  metadataName: string | null;
  trusted: boolean;
  dialog: string | null;
  language: string | null;
}

export interface LessonOptions {
  browser: Browser;
  /** Server that runs the lesson and saves it. */
  runServer: NotebookServer;
  /** Server that has never signed anything: the saved lesson is untrusted there. */
  viewServer: NotebookServer;
  /** Folder for the executed copy (relative paths resolve from the pack root). */
  copyDir: string;
  screenshotDir: string;
  /** Seconds from opening until every cell has finished, unless the notebook says otherwise. */
  timeoutSeconds: number;
  /** Called with progress lines. */
  log: (line: string) => void;
  /** True for the self-test's fixtures (their expected problems are logged as "caught"). */
  selfTest?: boolean;
  /** Work left running (kernel shutdowns); the caller awaits it before stopping the servers. */
  background: Promise<unknown>[];
}

export interface LessonResult {
  name: string;
  /** The notebook as given (relative to the pack root when inside it). */
  source: string;
  /** The executed, saved copy. */
  copy: string;
  status: "passed" | "failed";
  cells: number;
  codeCells: number;
  images: number;
  plotly: number;
  /** Seconds from Run All until the last cell finished. */
  runSeconds: number;
  /** Seconds for the whole lesson (both passes). */
  totalSeconds: number;
  /** Seconds per phase: open (until the kernel is ready), run, settle (charts drawn), save, reopen. */
  phases: Record<string, number>;
  problems: string[];
  warnings: string[];
  screenshots: string[];
  metadata: BrowserTestMetadata;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const inPageScript = path.join(__dirname, "in-page.js");
const viewport = { width: 1280, height: 900 };

/** "cell 7 `lineChart(...)`": how problems name a cell. */
export function cellLabel(index: number, source: string): string {
  const first = source.split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "";
  const short = first.length > 60 ? `${first.slice(0, 59)}…` : first;
  return `cell ${index + 1} \`${short}\``;
}

/** The line of kernel output that names the error (tslab prints the stack to stderr). */
export function errorLine(cell: PageCell): string {
  for (const o of cell.outputs) {
    if (o.outputType === "error") return `${o.ename ?? "Error"}: ${o.evalue ?? ""}`.trim();
  }
  const stderr = cell.outputs.filter((o) => o.outputType === "stream" && o.name === "stderr").map((o) => o.text ?? "").join("");
  const lines = stderr.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const named = lines.find((l) => /^([A-Z]\w*)?(Error|Exception)\b|error TS\d+|^\d+:\d+ - /.test(l));
  const line = named ?? lines[0];
  return line === undefined ? "(the kernel printed no error text)" : line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

export function readMetadata(file: string): { kernel: string | null; test: BrowserTestMetadata; error?: string } {
  try {
    const nb = JSON.parse(readFileSync(file, "utf8")) as { metadata?: Record<string, unknown> };
    const meta = nb.metadata ?? {};
    const spec = meta.kernelspec as { name?: unknown } | undefined;
    return {
      kernel: typeof spec?.name === "string" ? spec.name : null,
      test: (meta[metadataKey] as BrowserTestMetadata | undefined) ?? {},
    };
  } catch (e) {
    return { kernel: null, test: {}, error: `not a readable notebook: ${(e as Error).message}` };
  }
}

export function shownImage(images: PageImage[]): PageImage | undefined {
  return images.find((i) => i.naturalWidth > 0 && i.naturalHeight > 0 && i.shownWidth > 0 && i.shownHeight > 0);
}

/** Polls `fn` in the page until it is truthy; false when `deadline` (ms since epoch) passes. */
export async function waitInPage(page: Page, expression: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (await page.evaluate(expression).catch(() => false)) return true;
    await sleep(200);
  }
  return false;
}

async function newPage(browser: Browser, pageErrors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  await context.addInitScript({ path: inPageScript });
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message.split("\n")[0]));
  return { context, page };
}

async function screenshot(page: Page, file: string): Promise<string | null> {
  try {
    await page.evaluate("window.__descent.unclip()");
    await sleep(150);
    await page.screenshot({ path: file, fullPage: true, timeout: 30000 });
    return file;
  } catch {
    return null;
  }
}

/** Kernel > Change kernel > Descent (TypeScript), as a student would fix a wrong kernel. */
async function chooseKernelFromMenu(page: Page): Promise<void> {
  // A "Kernel not found" dialog covers the menu; dismiss it first.
  for (let i = 0; i < 3; i++) {
    const dialog = await page.$(".modal.in");
    if (dialog === null) break;
    await page.keyboard.press("Escape");
    await page.waitForSelector(".modal.in", { state: "detached", timeout: 5000 }).catch(() => undefined);
  }
  await page.click("#kernellink");
  await page.hover("#menu-change-kernel");
  await page.click(`#kernel-submenu-${kernelName} a`, { timeout: 10000 });
}

/** Runs one lesson through both passes. Never throws: problems go into the result. */
export async function runLesson(sourcePath: string, name: string, opts: LessonOptions): Promise<LessonResult> {
  const started = Date.now();
  const copy = path.join(opts.copyDir, `${name}.ipynb`);
  const rel = path.relative(packRoot, copy);
  const shotRun = path.join(opts.screenshotDir, `${name}.png`);
  const shotView = path.join(opts.screenshotDir, `${name}.untrusted.png`);
  mkdirSync(opts.copyDir, { recursive: true });
  mkdirSync(opts.screenshotDir, { recursive: true });
  rmSync(shotRun, { force: true });
  rmSync(shotView, { force: true });
  copyFileSync(sourcePath, copy);

  const displaySource = path.relative(packRoot, path.resolve(sourcePath)).startsWith("..") ? sourcePath : path.relative(packRoot, path.resolve(sourcePath));
  const meta = readMetadata(copy);
  const result: LessonResult = {
    name,
    source: displaySource,
    copy: path.relative(packRoot, copy),
    status: "failed",
    cells: 0,
    codeCells: 0,
    images: 0,
    plotly: 0,
    runSeconds: 0,
    totalSeconds: 0,
    phases: {},
    problems: [],
    warnings: [],
    screenshots: [],
    metadata: meta.test,
  };
  const problem = (line: string) => {
    result.problems.push(line);
    // A fixture that must fail shows what the checks caught, not alarming FAIL lines.
    opts.log(`  ${meta.test.expect === "fail" && opts.selfTest ? "caught" : "FAIL"} ${line}`);
  };
  if (rel.startsWith("..")) {
    problem(`the copy ${copy} is outside the pack root, so the server cannot open it`);
  } else if (meta.error !== undefined) {
    problem(meta.error);
  } else {
    if (meta.kernel !== kernelName) {
      problem(`notebook metadata names kernel ${meta.kernel === null ? "(none)" : `"${meta.kernel}"`}; lessons must name "${kernelName}" (switched to it from the Kernel menu to go on)`);
    }
    const mark = phaseClock(result);
    const timeout = typeof meta.test.timeout === "number" && meta.test.timeout > 0 ? meta.test.timeout : opts.timeoutSeconds;
    let ran: PageReport | null = null;
    try {
      ran = await runPass(rel, copy, shotRun, timeout, opts, result, problem, mark);
    } catch (e) {
      problem(`run pass stopped: ${(e as Error).message.split("\n")[0]}`);
    }
    // Shutting a kernel down takes seconds; let the server do it while the next pass runs.
    opts.background.push(opts.runServer.closeSessions(rel).catch(() => undefined));
    if (existsSync(shotRun)) result.screenshots.push(path.relative(packRoot, shotRun));
    if (ran !== null) {
      try {
        await viewPass(rel, shotView, ran, opts, result, problem);
        mark("reopen");
      } catch (e) {
        problem(`untrusted pass stopped: ${(e as Error).message.split("\n")[0]}`);
      }
      opts.background.push(opts.viewServer.closeSessions(rel).catch(() => undefined));
      if (existsSync(shotView)) result.screenshots.push(path.relative(packRoot, shotView));
    }
  }
  result.totalSeconds = (Date.now() - started) / 1000;
  result.status = result.problems.length === 0 ? "passed" : "failed";
  return result;
}

/** A function that records the seconds since its previous call under a phase name. */
export function phaseClock(result: LessonResult): (phase: string) => void {
  let last = Date.now();
  return (phase) => {
    const now = Date.now();
    result.phases[phase] = (result.phases[phase] ?? 0) + (now - last) / 1000;
    last = now;
  };
}

/** Pass 1: open, check the kernel, Run All, check every cell, screenshot, save. */
async function runPass(
  rel: string,
  copy: string,
  shot: string,
  timeoutSeconds: number,
  opts: LessonOptions,
  result: LessonResult,
  problem: (line: string) => void,
  mark: (phase: string) => void,
): Promise<PageReport | null> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const pageErrors: string[] = [];
  const { context, page } = await newPage(opts.browser, pageErrors);
  try {
    await page.goto(opts.runServer.notebookUrl(rel), { waitUntil: "domcontentloaded", timeout: 60000 });
    if (!(await waitInPage(page, "window.__descent && window.__descent.loaded()", deadline))) {
      problem(`the notebook did not load within ${timeoutSeconds} s`);
      await screenshot(page, shot);
      return null;
    }
    // Wait for a kernel, or for Notebook to give up on the one the metadata names.
    await waitInPage(page, "window.__descent.kernelReady() || !!document.querySelector('.modal.in')", Math.min(deadline, Date.now() + 60000));
    let info = (await page.evaluate("window.__descent.kernelInfo()")) as KernelInfo;
    if (info.kernelName !== kernelName) {
      opts.log(`  kernel is ${info.kernelName ?? "(none)"}${info.dialog ? ` (dialog: ${info.dialog})` : ""}: choosing ${kernelDisplayName} from the Kernel menu`);
      await chooseKernelFromMenu(page);
      await waitInPage(page, `window.__descent.kernelInfo().kernelName === ${JSON.stringify(kernelName)} && window.__descent.kernelReady()`, deadline);
      // Right after a switch the page can still hold the old kernel's info reply (its
      // language); give the new kernel's reply a moment to arrive before judging it.
      await waitInPage(page, "window.__descent.kernelInfo().language === 'typescript'", Math.min(deadline, Date.now() + 15000));
    }
    if (!(await waitInPage(page, "window.__descent.kernelReady()", deadline))) {
      problem(`the kernel did not start within ${timeoutSeconds} s (server log: ${opts.runServer.logFile})`);
      await screenshot(page, shot);
      return null;
    }
    info = (await page.evaluate("window.__descent.kernelInfo()")) as KernelInfo;
    if (info.kernelName !== kernelName || info.shownName !== kernelDisplayName) {
      problem(`the page runs kernel "${info.kernelName}" shown as "${info.shownName}", not "${kernelName}" shown as "${kernelDisplayName}"`);
    }
    if (info.language !== "typescript") {
      problem(`the kernel says its language is "${info.language}", not "typescript"`);
    }

    await page.evaluate("window.__descent.install()");
    mark("open");
    const runStart = Date.now();
    await page.click("#celllink");
    await page.click("#run_all_cells a");
    let progress = (await page.evaluate("window.__descent.progress()")) as Progress;
    let settled = false;
    while (Date.now() < deadline) {
      progress = (await page.evaluate("window.__descent.progress()")) as Progress;
      if (progress.kernelDead) break;
      if (progress.waiting.length === 0 && progress.idle) {
        settled = true;
        break;
      }
      await sleep(250);
    }
    result.runSeconds = (Date.now() - runStart) / 1000;
    mark("run");
    let timedOut: TimedOut | null = null;
    if (!settled) {
      if (progress.kernelDead) {
        problem(`the kernel died or restarted while running (${progress.kernelEvents.join(", ")})`);
      }
      // A busy kernel cannot even send the replies of cells it has finished (tslab runs on one
      // thread), so the page cannot tell which cell is the slow one. Interrupt the kernel (as a
      // student would with the stop button): the late replies arrive, the slow cell answers
      // "error", the queued ones "abort".
      const waiting = progress.waiting;
      const kernel = (await opts.runServer.sessions().catch(() => [])).find((s) => s.path === rel.split(path.sep).join("/"));
      if (kernel) await opts.runServer.api("POST", `/api/kernels/${kernel.kernel.id}/interrupt`).catch(() => undefined);
      await waitInPage(page, "window.__descent.progress().waiting.length === 0", Date.now() + 10000);
      timedOut = { seconds: timeoutSeconds, waiting, kernelDead: progress.kernelDead };
    }

    // Let the page finish what the kernel sent: math typesetting, images, plotly drawing.
    const settleBy = Date.now() + 20000;
    await page.evaluate("window.__descent.mathjaxSettled()").catch(() => undefined);
    await waitInPage(page, "window.__descent.imagesSettled() && window.__descent.plotlyOutputsDrawn()", settleBy);
    await sleep(300);
    const report = (await page.evaluate("window.__descent.collect()")) as PageReport;
    checkRun(report, timedOut, result, problem);
    for (const e of [...new Set([...pageErrors, ...report.pageErrors])]) result.warnings.push(`page error: ${e}`);

    await screenshot(page, shot);
    mark("settle");

    // File > Save and Checkpoint, then make sure the file really carries the outputs.
    const savedBefore = (await page.evaluate("window.__descent.savedCount()")) as number;
    await page.click("#filelink");
    await page.click("#save_checkpoint a");
    if (!(await waitInPage(page, `window.__descent.savedCount() > ${savedBefore}`, Date.now() + 30000))) {
      problem("File > Save and Checkpoint did not finish within 30 s");
      return null;
    }
    const onDisk = JSON.parse(readFileSync(copy, "utf8")) as { cells: { cell_type: string; outputs?: unknown[] }[] };
    const shown = report.cells.reduce((n, c) => n + c.outputs.length, 0);
    const saved = onDisk.cells.reduce((n, c) => n + (c.outputs?.length ?? 0), 0);
    if (saved !== shown) problem(`the saved file has ${saved} outputs, the page showed ${shown}`);
    mark("save");
    return report;
  } finally {
    // Whatever stopped the pass, keep a picture of the page as it was.
    if (!existsSync(shot)) await screenshot(page, shot);
    await context.close().catch(() => undefined);
  }
}

/** Cells without a reply when the lesson's deadline passed. */
export interface TimedOut {
  seconds: number;
  waiting: number[];
  kernelDead: boolean;
}

/** What the checks of pass 1 conclude, cell by cell. */
export function checkRun(
  report: PageReport,
  timedOut: TimedOut | null,
  result: LessonResult,
  problem: (line: string) => void,
): void {
  result.cells = report.cells.length;
  let lastError: number | null = null;
  for (const cell of report.cells) {
    const label = cellLabel(cell.index, cell.source);
    if (cell.type === "markdown") {
      if (cell.source.trim() !== "" && (!cell.rendered || (cell.renderedText === "" && cell.images.length === 0))) {
        problem(`${label}: the markdown did not render`);
      }
      for (const m of cell.mathErrors) problem(`${label}: LaTeX error: ${m}`);
      for (const img of cell.images) {
        if (img.naturalWidth === 0 || img.naturalHeight === 0) problem(`${label}: image \`${img.src}\` did not load`);
      }
      continue;
    }
    if (cell.type !== "code" || cell.source.trim() === "") continue;
    result.codeCells += 1;

    if (timedOut !== null && timedOut.waiting.includes(cell.index) && cell.reply !== "ok") {
      // After the interrupt: the cell that was running answers "error"; the cells queued behind
      // it "abort" (or nothing, if the kernel ignored the interrupt: then the first one is
      // taken as the running one, since the kernel runs cells in order).
      const running = cell.reply === "error" || (cell.reply === null && timedOut.waiting[0] === cell.index);
      if (running) {
        problem(`${label}: still running when the lesson's deadline (${timedOut.seconds} s) passed`);
      } else {
        problem(`${label}: not run: still queued when the lesson's deadline (${timedOut.seconds} s) passed`);
      }
      continue;
    }
    const reply = cell.reply;
    if (reply === "error") {
      problem(`${label}: the kernel reported an error: ${errorLine(cell)}`);
      lastError = cell.index;
      continue;
    }
    if (reply === "abort" || reply === "aborted") {
      const after = lastError === null ? "an earlier error" : `the error in cell ${lastError + 1}`;
      problem(`${label}: not run: the kernel skipped it after ${after}`);
      continue;
    }
    if (reply === null) {
      problem(`${label}: not run (no reply from the kernel)`);
      continue;
    }
    if (reply !== "ok") problem(`${label}: the kernel replied "${reply}"`);

    cell.outputs.forEach((o, k) => {
      const which = cell.outputs.length > 1 ? ` (output ${k + 1})` : "";
      if (o.outputType === "error" || o.errorShown) {
        problem(`${label}${which}: error output: ${o.ename ?? ""}: ${o.evalue ?? ""}`.replace(/: : $/, ""));
        return;
      }
      if (o.outputType === "stream" && o.name === "stderr") {
        const text = (o.text ?? "").trim();
        const bad = text.split("\n").find((l) => /\b(error|exception)\b|traceback/i.test(l));
        if (bad !== undefined) problem(`${label}${which}: printed an error to stderr: ${bad.trim().slice(0, 160)}`);
        else result.warnings.push(`${label}${which}: wrote to stderr: ${text.split("\n")[0].slice(0, 120)}`);
        return;
      }
      if (o.plotlyData) {
        if (o.plotly.drawn) result.plotly += 1;
        else if (o.plotly.present) problem(`${label}${which}: expected a drawn interactive chart, found an empty plotly element`);
        else problem(`${label}${which}: expected an interactive chart (plotly), found none drawn (output types: ${o.mimes.join(", ")})`);
        return;
      }
      if (o.hasPng) {
        const img = shownImage(o.images);
        if (img !== undefined) result.images += 1;
        else if (o.images.length === 0) problem(`${label}${which}: expected an image, found none (output types: ${o.mimes.join(", ")})`);
        else problem(`${label}${which}: the image did not load or has zero size (${o.images[0].naturalWidth}×${o.images[0].naturalHeight} natural, ${o.images[0].shownWidth}×${o.images[0].shownHeight} shown)`);
        return;
      }
      if (o.hasSvg) {
        problem(`${label}${which}: the chart is SVG only, without a PNG: it disappears when the saved notebook is reopened (untrusted)`);
        return;
      }
      for (const img of o.images) {
        if (img.naturalWidth === 0 || img.naturalHeight === 0) problem(`${label}${which}: an image (\`${img.src}\`) did not load`);
      }
    });
  }
}

/** Pass 2: the saved copy, reopened untrusted in a new browser context; static charts must show. */
async function viewPass(
  rel: string,
  shot: string,
  ran: PageReport,
  opts: LessonOptions,
  result: LessonResult,
  problem: (line: string) => void,
): Promise<void> {
  const pageErrors: string[] = [];
  const { context, page } = await newPage(opts.browser, pageErrors);
  // Reading needs no kernel: hold the page's request for one unanswered (the page shows
  // "Kernel starting, please wait...") instead of starting a tslab that would only compete for
  // the CPU. The request is dropped when the context closes.
  await page.route(/\/api\/sessions(\?|$)/, (route) => {
    if (route.request().method() !== "POST") return route.continue();
    return undefined;
  });
  try {
    await page.goto(opts.viewServer.notebookUrl(rel), { waitUntil: "domcontentloaded", timeout: 60000 });
    if (!(await waitInPage(page, "window.__descent && window.__descent.loaded()", Date.now() + 60000))) {
      problem("reopened: the saved notebook did not load within 60 s");
      await screenshot(page, shot);
      return;
    }
    await page.evaluate("window.__descent.mathjaxSettled()").catch(() => undefined);
    await waitInPage(page, "window.__descent.imagesSettled()", Date.now() + 20000);
    await sleep(300);
    const view = (await page.evaluate("window.__descent.collect()")) as PageReport;
    if (view.trusted !== false) {
      problem("reopened: the saved notebook is trusted, so this pass cannot show what an untrusted reader sees");
    }
    for (const cell of ran.cells) {
      if (cell.type !== "code") continue;
      const label = cellLabel(cell.index, cell.source);
      const again = view.cells[cell.index];
      if (again === undefined || again.outputs.length !== cell.outputs.length) {
        problem(`${label}: reopened with ${again?.outputs.length ?? 0} outputs, the run showed ${cell.outputs.length}`);
        continue;
      }
      cell.outputs.forEach((o, k) => {
        if (!o.hasPng && !o.plotlyData) return;
        const which = cell.outputs.length > 1 ? ` (output ${k + 1})` : "";
        const seen = again.outputs[k];
        if (seen.trusted !== false) problem(`${label}${which}: reopened: the output is still trusted`);
        if (shownImage(seen.images) !== undefined) return;
        if (!o.hasPng) {
          problem(`${label}${which}: reopened untrusted: the interactive chart is blank: it has no static PNG fallback`);
        } else if (o.mimes.includes("text/html")) {
          problem(`${label}${which}: reopened untrusted: expected the static chart (PNG), found none: Notebook shows the sanitised text/html instead (put the PNG inside the HTML as an <img>, or leave text/html out)`);
        } else {
          problem(`${label}${which}: reopened untrusted: expected the static chart (PNG), found none`);
        }
      });
    }
    for (const e of [...new Set([...pageErrors, ...view.pageErrors])]) result.warnings.push(`reopened: page error: ${e}`);
    await screenshot(page, shot);
  } finally {
    // Whatever stopped the pass, keep a picture of the page as it was.
    if (!existsSync(shot)) await screenshot(page, shot);
    await context.close().catch(() => undefined);
  }
}
