/**
 * One lesson in the pack's JupyterLab (tools/jupyterlab), tried as a student would: open it at
 * its /lab/tree URL in a workspace nobody has used, make sure the toolbar shows the pack's
 * kernel, Run > Run All Cells, wait, look at every output as JupyterLab rendered it (its own
 * choice of MIME type, its own sanitising), File > Save Notebook, then reopen the saved copy
 * on a server that has never signed it (untrusted) in a new page and look again.
 *
 * The per-cell verdicts are the Notebook 6 test's own ({@link checkRun}); this file adds what
 * only JupyterLab shows: the MIME type it picked for each output, math typeset by its MathJax,
 * and tiled screenshots of its scrolling notebook panel.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { kernelDisplayName, kernelName } from "../kernel/install";
import { packRoot } from "../kernel/jupyter";
import {
  cellLabel,
  checkRun,
  phaseClock,
  readMetadata,
  shownImage,
  waitInPage,
  type KernelInfo,
  type LessonOptions,
  type LessonResult,
  type PageReport,
  type Progress,
  type TimedOut,
} from "./lesson";
import type { NotebookServer } from "./server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const labPageScript = path.join(__dirname, "lab-page.js");
const viewport = { width: 1280, height: 900 };
/** Tallest screenshot tile in CSS px (Chromium's capture limit is 16384 device px). */
const maxTile = 8000;

/** JupyterLab's own extras on top of the page shapes both front ends share. */
interface LabCell {
  index: number;
  type: string;
  source: string;
  mathMissing?: boolean;
  outputs: { shownMime?: string | null; textShown?: string; shownHeight?: number }[];
}

let workspaceCounter = 0;
/** A workspace name no earlier page of this run has used. */
function freshWorkspace(name: string): string {
  workspaceCounter += 1;
  return `${name.replace(/[^A-Za-z0-9_-]/g, "-")}-${process.pid}-${workspaceCounter}`;
}

/**
 * One browser context per server, kept for the whole run: its HTTP cache holds JupyterLab's
 * 20 MB of scripts after the first lesson, so later lessons do not download and compile them
 * again. Each pass still gets a page of its own in a workspace of its own, and the two
 * servers never share a context (their cookies and trust differ).
 */
const contexts = new Map<NotebookServer, Promise<BrowserContext>>();

function contextFor(opts: LessonOptions, server: NotebookServer): Promise<BrowserContext> {
  let context = contexts.get(server);
  if (context === undefined) {
    context = (async () => {
      const c = await opts.browser.newContext({ viewport, deviceScaleFactor: 1 });
      await c.addInitScript({ path: labPageScript });
      return c;
    })();
    contexts.set(server, context);
  }
  return context;
}

async function newLabPage(opts: LessonOptions, server: NotebookServer, pageErrors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await contextFor(opts, server);
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message.split("\n")[0]));
  return { context, page };
}

/**
 * Screenshots of the whole notebook: JupyterLab scrolls the notebook inside a panel, so the
 * window is made as tall as the notebook (up to {@link maxTile}) and the panel is scrolled a
 * window at a time. Returns the files written (`<base>.png`, `<base>.2.png`, ...).
 */
async function labScreenshots(page: Page, base: string): Promise<string[]> {
  const files: string[] = [];
  try {
    let size = (await page.evaluate("window.__descentLab.scrollSize()")) as { total: number; visible: number };
    const chrome = Math.max(0, viewport.height - size.visible);
    const height = Math.min(maxTile, Math.max(viewport.height, size.total + chrome));
    await page.setViewportSize({ width: viewport.width, height });
    // JupyterLab lays the panel out again on the resize event; wait for the taller window.
    const before = size.visible;
    for (let i = 0; i < 40 && height > viewport.height; i++) {
      await sleep(150);
      size = (await page.evaluate("window.__descentLab.scrollSize()")) as { total: number; visible: number };
      if (size.visible > before) break;
    }
    const step = Math.max(200, size.visible - 40);
    for (let y = 0, part = 1; part <= 20; y += step, part++) {
      await page.evaluate(`window.__descentLab.scrollTo(${y})`);
      await sleep(250);
      const file = part === 1 ? `${base}.png` : `${base}.${part}.png`;
      await page.screenshot({ path: file, timeout: 30000 });
      files.push(file);
      if (y + size.visible >= size.total) break;
    }
    await page.evaluate("window.__descentLab.scrollTo(0)");
    await page.setViewportSize(viewport);
  } catch {
    /* a picture is a help, not a verdict */
  }
  return files;
}

/** Removes screenshots of an earlier run of this lesson (`<base>.png`, `<base>.N.png`). */
function removeShots(base: string): void {
  const dir = path.dirname(base);
  if (!existsSync(dir)) return;
  for (let part = 1; part <= 20; part++) rmSync(part === 1 ? `${base}.png` : `${base}.${part}.png`, { force: true });
}

/**
 * Clicks a top menu (e.g. "Run") and then its item labelled `item` (e.g. "Run All Cells"), as
 * a student does; the menus' own commands (`runmenu:run-all`) are not the notebook's.
 */
async function menu(page: Page, title: string, item: string): Promise<void> {
  await page.click(`.lm-MenuBar-item:has(.lm-MenuBar-itemLabel:text-is("${title}"))`, { timeout: 30000 });
  await page.click(`.lm-Menu-item:has(.lm-Menu-itemLabel:text-is("${item}"))`, { timeout: 30000 });
}

/**
 * JupyterLab's "Select Kernel" dialog (shown when the notebook names a kernel that is not
 * installed): pick the pack's kernel in it, as a student would.
 */
async function chooseKernelInDialog(page: Page): Promise<boolean> {
  const select = await page.$(".jp-Dialog select");
  if (select === null) return false;
  const value = (await select.evaluate(
    `(el) => { const o = Array.from(el.options).find((o) => o.textContent.trim() === ${JSON.stringify(kernelDisplayName)}); return o ? o.value : null; }`,
  )) as string | null;
  if (value === null) return false;
  await select.selectOption(value);
  await page.click(".jp-Dialog .jp-mod-accept");
  return true;
}

/** Runs one lesson through both passes in JupyterLab. Never throws: problems go into the result. */
export async function runLabLesson(sourcePath: string, name: string, opts: LessonOptions): Promise<LessonResult> {
  const started = Date.now();
  const copy = path.join(opts.copyDir, `${name}.ipynb`);
  const rel = path.relative(packRoot, copy);
  const shotRun = path.join(opts.screenshotDir, name);
  const shotView = path.join(opts.screenshotDir, `${name}.untrusted`);
  mkdirSync(opts.copyDir, { recursive: true });
  mkdirSync(opts.screenshotDir, { recursive: true });
  removeShots(shotRun);
  removeShots(shotView);
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
    opts.log(`  ${meta.test.expect === "fail" && opts.selfTest ? "caught" : "FAIL"} ${line}`);
  };
  if (rel.startsWith("..")) {
    problem(`the copy ${copy} is outside the pack root, so the server cannot open it`);
  } else if (meta.error !== undefined) {
    problem(meta.error);
  } else {
    if (meta.kernel !== kernelName) {
      problem(`notebook metadata names kernel ${meta.kernel === null ? "(none)" : `"${meta.kernel}"`}; lessons must name "${kernelName}" (switched to it in JupyterLab's Select Kernel dialog to go on)`);
    }
    const mark = phaseClock(result);
    const timeout = typeof meta.test.timeout === "number" && meta.test.timeout > 0 ? meta.test.timeout : opts.timeoutSeconds;
    let ran: PageReport | null = null;
    try {
      ran = await runPass(rel, copy, shotRun, timeout, opts, result, problem, mark);
    } catch (e) {
      problem(`run pass stopped: ${(e as Error).message.split("\n")[0]}`);
    }
    opts.background.push(opts.runServer.closeSessions(rel).catch(() => undefined));
    if (ran !== null) {
      try {
        await viewPass(rel, shotView, ran, opts, result, problem);
        mark("reopen");
      } catch (e) {
        problem(`untrusted pass stopped: ${(e as Error).message.split("\n")[0]}`);
      }
      opts.background.push(opts.viewServer.closeSessions(rel).catch(() => undefined));
    }
  }
  result.totalSeconds = (Date.now() - started) / 1000;
  result.status = result.problems.length === 0 ? "passed" : "failed";
  return result;
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
  const { page } = await newLabPage(opts, opts.runServer, pageErrors);
  let shots: string[] = [];
  const picture = async () => {
    if (shots.length === 0) shots = await labScreenshots(page, shot);
  };
  try {
    await page.goto(opts.runServer.labUrl(rel, freshWorkspace(result.name)), { waitUntil: "domcontentloaded", timeout: 60000 });
    if (!(await waitInPage(page, "window.__descentLab && window.__descentLab.loaded()", deadline))) {
      problem(`JupyterLab did not open the notebook within ${timeoutSeconds} s`);
      return null;
    }
    // Wait for the kernel, or for JupyterLab to ask which kernel to use.
    await waitInPage(page, "window.__descentLab.kernelReady() || !!document.querySelector('.jp-Dialog')", Math.min(deadline, Date.now() + 60000));
    let info = (await page.evaluate("window.__descentLab.kernelInfo()")) as KernelInfo;
    if (info.kernelName !== kernelName) {
      opts.log(`  kernel is ${info.kernelName ?? "(none)"}${info.dialog ? ` (dialog: ${info.dialog})` : ""}: choosing ${kernelDisplayName}`);
      if (!(await chooseKernelInDialog(page))) {
        await page.keyboard.press("Escape").catch(() => undefined);
        await page.click(".jp-Toolbar-kernelName", { timeout: 10000 }).catch(() => undefined);
        await chooseKernelInDialog(page).catch(() => false);
      }
      await waitInPage(page, `window.__descentLab.kernelInfo().kernelName === ${JSON.stringify(kernelName)} && window.__descentLab.kernelReady()`, deadline);
    }
    if (!(await waitInPage(page, "window.__descentLab.kernelReady()", deadline))) {
      problem(`the kernel did not start within ${timeoutSeconds} s (server log: ${opts.runServer.logFile})`);
      return null;
    }
    // The toolbar's name arrives a moment after the kernel's info reply.
    await waitInPage(page, `window.__descentLab.kernelInfo().shownName === ${JSON.stringify(kernelDisplayName)}`, Math.min(deadline, Date.now() + 10000));
    info = (await page.evaluate("window.__descentLab.kernelInfo()")) as KernelInfo;
    if (info.kernelName !== kernelName || info.shownName !== kernelDisplayName) {
      problem(`the page runs kernel "${info.kernelName}" shown as "${info.shownName}", not "${kernelName}" shown as "${kernelDisplayName}"`);
    }
    if (info.language !== "typescript") problem(`the kernel says its language is "${info.language}", not "typescript"`);

    await page.evaluate("window.__descentLab.install()");
    mark("open");
    const runStart = Date.now();
    await menu(page, "Run", "Run All Cells");
    let progress = (await page.evaluate("window.__descentLab.progress()")) as Progress;
    let settled = false;
    // The page needs a moment to send the requests; "nothing waiting" before that means nothing.
    await sleep(500);
    while (Date.now() < deadline) {
      progress = (await page.evaluate("window.__descentLab.progress()")) as Progress;
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
      if (progress.kernelDead) problem(`the kernel died or restarted while running (${progress.kernelEvents.join(", ")})`);
      // As in Notebook 6: interrupt, so the late replies arrive and name the slow cell.
      const waiting = progress.waiting;
      const kernel = (await opts.runServer.sessions().catch(() => [])).find((s) => s.path === rel.split(path.sep).join("/"));
      if (kernel) await opts.runServer.api("POST", `/api/kernels/${kernel.kernel.id}/interrupt`).catch(() => undefined);
      await waitInPage(page, "window.__descentLab.progress().waiting.length === 0", Date.now() + 10000);
      timedOut = { seconds: timeoutSeconds, waiting, kernelDead: progress.kernelDead };
    }

    // Let the page finish: images decoded, plotly drawn, MathJax done (its count stops moving).
    const settleBy = Date.now() + 20000;
    await waitInPage(page, "window.__descentLab.imagesSettled() && window.__descentLab.plotlyOutputsDrawn()", settleBy);
    await mathSettled(page, settleBy);
    const report = (await page.evaluate("window.__descentLab.collect()")) as PageReport;
    checkRun(report, timedOut, result, problem);
    checkLab(report, problem);
    for (const e of [...new Set([...pageErrors, ...report.pageErrors])]) result.warnings.push(`page error: ${e}`);
    await picture();
    mark("settle");

    const savedBefore = (await page.evaluate("window.__descentLab.savedCount()")) as number;
    await menu(page, "File", "Save Notebook");
    if (!(await waitInPage(page, `window.__descentLab.savedCount() > ${savedBefore}`, Date.now() + 30000))) {
      problem("File > Save Notebook did not finish within 30 s");
      return null;
    }
    const onDisk = JSON.parse(readFileSync(copy, "utf8")) as { cells: { cell_type: string; outputs?: unknown[] }[] };
    const shown = report.cells.reduce((n, c) => n + c.outputs.length, 0);
    const saved = onDisk.cells.reduce((n, c) => n + (c.outputs?.length ?? 0), 0);
    if (saved !== shown) problem(`the saved file has ${saved} outputs, the page showed ${shown}`);
    mark("save");
    return report;
  } finally {
    await picture();
    for (const f of shots) result.screenshots.push(path.relative(packRoot, f));
    await page.close().catch(() => undefined);
  }
}

/** Waits until the number of typeset formulas stops changing for 600 ms (or `deadline`). */
async function mathSettled(page: Page, deadline: number): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const n = (await page.evaluate("window.__descentLab.mathCount()").catch(() => -1)) as number;
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 600) {
      return;
    }
    await sleep(150);
  }
}

/** Checks only JupyterLab needs: math left untypeset, and outputs that render as nothing. */
function checkLab(report: PageReport, problem: (line: string) => void): void {
  for (const cell of report.cells as unknown as LabCell[]) {
    const label = cellLabel(cell.index, cell.source);
    if (cell.type === "markdown" && cell.mathMissing) problem(`${label}: the LaTeX was not typeset (JupyterLab shows the TeX source)`);
    if (cell.type !== "code") continue;
    cell.outputs.forEach((o, k) => {
      const which = cell.outputs.length > 1 ? ` (output ${k + 1})` : "";
      if (o.shownMime === null || o.shownMime === undefined) return;
      if ((o.shownHeight ?? 0) === 0 && (o.textShown ?? "") === "") problem(`${label}${which}: JupyterLab shows ${o.shownMime} as an empty box`);
    });
  }
}

/** Pass 2: the saved copy reopened untrusted in a new page; every chart must show a picture. */
async function viewPass(
  rel: string,
  shot: string,
  ran: PageReport,
  opts: LessonOptions,
  result: LessonResult,
  problem: (line: string) => void,
): Promise<void> {
  const pageErrors: string[] = [];
  const { page } = await newLabPage(opts, opts.viewServer, pageErrors);
  // Reading needs no kernel: the request that would start one is held unanswered, so no tslab
  // competes for the CPU (the request is dropped when the page closes).
  await page.route(/\/api\/sessions(\?|$)/, (route) => {
    if (route.request().method() !== "POST") return route.continue();
    return undefined;
  });
  let shots: string[] = [];
  try {
    await page.goto(opts.viewServer.labUrl(rel, freshWorkspace(`${result.name}-view`)), { waitUntil: "domcontentloaded", timeout: 60000 });
    if (!(await waitInPage(page, "window.__descentLab && window.__descentLab.loaded()", Date.now() + 60000))) {
      problem("reopened: JupyterLab did not open the saved notebook within 60 s");
      return;
    }
    const settleBy = Date.now() + 20000;
    await waitInPage(page, "window.__descentLab.imagesSettled()", settleBy);
    await mathSettled(page, settleBy);
    const view = (await page.evaluate("window.__descentLab.collect()")) as PageReport;
    if (view.trusted !== false && ran.cells.some((c) => c.outputs.length > 0)) {
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
        const seen = again.outputs[k] as typeof again.outputs[number] & { shownMime?: string | null };
        if (seen.trusted !== false) problem(`${label}${which}: reopened: the output is still trusted`);
        if (shownImage(seen.images) !== undefined) return;
        if (!o.hasPng) {
          problem(`${label}${which}: reopened untrusted: the interactive chart is blank: it has no static PNG fallback`);
        } else {
          problem(
            `${label}${which}: reopened untrusted: expected the static chart (PNG), found none: JupyterLab shows ${seen.shownMime ?? "nothing"} ` +
              `(it ranks text/html above image/png and sanitises it: put the PNG inside the HTML as an <img>, or leave text/html out)`,
          );
        }
      });
    }
    checkLab(view, (line) => problem(`reopened: ${line}`));
    for (const e of [...new Set([...pageErrors, ...view.pageErrors])]) result.warnings.push(`reopened: page error: ${e}`);
  } finally {
    shots = await labScreenshots(page, shot);
    for (const f of shots) result.screenshots.push(path.relative(packRoot, f));
    await page.close().catch(() => undefined);
  }
}
