/**
 * One lesson in the pack's JupyterLab (tools/jupyterlab), tried as a student would: open it
 * from JupyterLab's file browser (one JupyterLab per server for the whole run, started in a
 * workspace nobody has used), make sure the toolbar shows the pack's kernel, Run > Run All
 * Cells, wait, look at every output as JupyterLab rendered it (its own choice of MIME type, its
 * own sanitising), File > Save Notebook, close it; then open the saved copy in the JupyterLab of
 * a server that has never signed it (so it is untrusted) and look again.
 *
 * The per-cell verdicts are the Notebook 6 test's own ({@link checkRun}); this file adds what
 * only JupyterLab shows: the MIME type it picked for each output, math typeset by its MathJax,
 * and tiled screenshots of its scrolling notebook panel.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
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
  outputs: { shownMime?: string | null; textShown?: string; shownHeight?: number; pngIsLatest?: boolean | null; liveText?: string | null }[];
}

let workspaceCounter = 0;
/** A workspace name no earlier page of this run has used. */
function freshWorkspace(name: string): string {
  workspaceCounter += 1;
  return `${name.replace(/[^A-Za-z0-9_-]/g, "-")}-${process.pid}-${workspaceCounter}`;
}

/** A JupyterLab page kept open for the whole run, one per server. */
interface LabPage {
  page: Page;
  /** Every uncaught page error so far; a lesson reads the ones after its start. */
  errors: string[];
}

/**
 * One JupyterLab per server for the whole run, as a student keeps one open: the application
 * (20 MB of scripts) starts once, in a workspace nobody has used, on the folder of the copies,
 * and each lesson is opened from its file browser and closed afterwards. A page that broke
 * (a pass threw) is dropped and the next lesson starts a new one. The two servers never share
 * a browser context: their cookies and their trust differ.
 */
const labPages = new Map<NotebookServer, Promise<LabPage>>();

async function labPageFor(opts: LessonOptions, server: NotebookServer, folder: string, holdSessions: boolean): Promise<LabPage> {
  let entry = labPages.get(server);
  if (entry === undefined) {
    entry = (async () => {
      const context = await opts.browser.newContext({ viewport, deviceScaleFactor: 1 });
      await context.addInitScript({ path: labPageScript });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message.split("\n")[0]));
      if (holdSessions) {
        // Reading needs no kernel: each request that would start one is held unanswered, so no
        // tslab competes for the CPU (they are dropped when the context closes).
        await page.route(/\/api\/sessions(\?|$)/, (route) => {
          if (route.request().method() !== "POST") return route.continue();
          return undefined;
        });
      }
      await page.goto(server.labUrl(folder, freshWorkspace(server.name)), { waitUntil: "domcontentloaded", timeout: 120000 });
      if (!(await waitInPage(page, "window.__descentLab && window.__descentLab.appReady()", Date.now() + 120000))) {
        await context.close().catch(() => undefined);
        throw new Error(`JupyterLab (${server.name} server) did not start within 120 s (server log: ${server.logFile})`);
      }
      return { page, errors };
    })();
    labPages.set(server, entry);
    entry.catch(() => labPages.delete(server));
  }
  return entry;
}

/** Forgets a page that broke; the next lesson opens a fresh JupyterLab. */
async function dropLabPage(server: NotebookServer): Promise<void> {
  const entry = labPages.get(server);
  labPages.delete(server);
  if (entry) await entry.then((p) => p.page.context().close()).catch(() => undefined);
}

/**
 * Opens `rel` as a student does: the file browser goes to its folder (the app's own
 * command, what typing the path into the breadcrumbs does), then a double-click on its name.
 */
async function openFromFileBrowser(page: Page, rel: string, deadline: number): Promise<boolean> {
  const posix = rel.split(path.sep).join("/");
  const name = path.posix.basename(posix);
  await page.evaluate(`window.__descentLab.expect(${JSON.stringify(posix)})`);
  await page.evaluate(`window.jupyterapp.commands.execute("filebrowser:go-to-path", { path: ${JSON.stringify(path.posix.dirname(posix))}, dontShowBrowser: false })`);
  // The listing refreshes on its own every few seconds; ask now, the copy was just written.
  await page.click('.jp-ToolbarButtonComponent[data-command="filebrowser:refresh"]', { timeout: 10000 }).catch(() => undefined);
  const item = page.locator(`.jp-DirListing-item:has(.jp-DirListing-itemText > span:text-is(${JSON.stringify(name)}))`).first();
  await item.waitFor({ state: "visible", timeout: Math.max(1000, deadline - Date.now()) });
  await item.dblclick();
  return waitInPage(page, "window.__descentLab.loaded()", deadline);
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
async function chooseKernelInDialog(page: Page, waitMs = 0): Promise<boolean> {
  if (waitMs > 0) await page.waitForSelector(".jp-Dialog select", { timeout: waitMs }).catch(() => undefined);
  const select = await page.$(".jp-Dialog select");
  if (select === null) return false;
  // The options are labelled with kernels' display names (sessions and kernels in groups).
  const chosen = await select.selectOption({ label: kernelDisplayName }, { timeout: 5000 }).catch(() => [] as string[]);
  if (chosen.length === 0) return false;
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
  const read = readMetadata(copy);
  const { lab: labMeta, ...common } = read.test;
  const meta = { ...read, test: { ...common, ...(labMeta ?? {}) } };
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
  const lab = await labPageFor(opts, opts.runServer, path.dirname(rel), false);
  const page = lab.page;
  const firstError = lab.errors.length;
  const pageErrors = () => lab.errors.slice(firstError);
  let shots: string[] = [];
  let broken = true;
  const picture = async () => {
    if (shots.length === 0) shots = await labScreenshots(page, shot);
  };
  try {
    if (!(await openFromFileBrowser(page, rel, deadline))) {
      problem(`JupyterLab did not open the notebook from its file browser within ${timeoutSeconds} s`);
      broken = false;
      return null;
    }
    // Wait for the kernel, or for JupyterLab to ask which kernel to use.
    await waitInPage(page, "window.__descentLab.kernelReady() || !!document.querySelector('.jp-Dialog')", Math.min(deadline, Date.now() + 60000));
    let info = (await page.evaluate("window.__descentLab.kernelInfo()")) as KernelInfo;
    if (info.kernelName !== kernelName) {
      opts.log(`  kernel is ${info.kernelName ?? "(none)"}${info.dialog ? ` (dialog: ${info.dialog})` : ""}: choosing ${kernelDisplayName}`);
      if (!(await chooseKernelInDialog(page))) {
        await page.keyboard.press("Escape").catch(() => undefined);
        // Another kernel started (the notebook names one that is installed): the toolbar's
        // kernel name opens the same dialog, as it does for a student.
        await page.click(".jp-Toolbar-kernelName", { timeout: 10000 }).catch(() => undefined);
        await chooseKernelInDialog(page, 15000).catch(() => false);
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
    mark("draw");
    await mathSettled(page, settleBy);
    mark("math");
    const report = (await page.evaluate("window.__descentLab.collect()")) as PageReport;
    checkRun(report, timedOut, result, problem);
    checkLab(report, problem);
    for (const e of new Set(pageErrors())) result.warnings.push(`page error: ${e}`);
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
    broken = false;
    return report;
  } finally {
    await picture();
    for (const f of shots) result.screenshots.push(path.relative(packRoot, f));
    await closeOrDrop(page, opts.runServer, broken);
  }
}

/**
 * Closes the lesson's tab, so the next lesson starts from an empty main area; a page that
 * broke half-way (or will not close its tab) is dropped instead.
 */
async function closeOrDrop(page: Page, server: NotebookServer, broken: boolean): Promise<void> {
  if (!broken) {
    try {
      await page.evaluate("window.__descentLab.closeNotebooks()");
      await page.keyboard.press("Escape").catch(() => undefined);
      return;
    } catch {
      /* fall through: drop it */
    }
  }
  await dropLabPage(server);
}

/** Waits until the number of typeset formulas stops changing for 600 ms (5 s while it is 0), or `deadline`. */
async function mathSettled(page: Page, deadline: number): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const n = (await page.evaluate("window.__descentLab.mathCount()").catch(() => -1)) as number;
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= (n > 0 ? 600 : 5000)) {
      // No formula yet may only mean MathJax is still loading (it loads lazily, and on a fresh
      // server's first page that took over 600 ms): a count of 0 must hold for 5 s to count as settled.
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
      if (o.pngIsLatest === false) {
        const live = o.liveText ? ` (live progress: the last frame says "${o.liveText.split("\n")[0].slice(0, 80)}")` : "";
        problem(`${label}${which}: the picture shown is not the output's last frame${live}: the display was not updated in place`);
      }
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
  const lab = await labPageFor(opts, opts.viewServer, path.dirname(rel), true);
  const page = lab.page;
  const firstError = lab.errors.length;
  let shots: string[] = [];
  let broken = true;
  try {
    if (!(await openFromFileBrowser(page, rel, Date.now() + 60000))) {
      problem("reopened: JupyterLab did not open the saved notebook within 60 s");
      broken = false;
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
        } else if (seen.shownMime === "text/html") {
          problem(
            `${label}${which}: reopened untrusted: expected the static chart (PNG), found none: JupyterLab shows text/html ` +
              `(it ranks text/html above image/png and sanitises it: put the PNG inside the HTML as an <img>, or leave text/html out)`,
          );
        } else {
          problem(`${label}${which}: reopened untrusted: expected the static chart (PNG), found none: JupyterLab shows ${seen.shownMime ?? "nothing"} without a loaded picture`);
        }
      });
    }
    checkLab(view, (line) => problem(`reopened: ${line}`));
    for (const e of new Set(lab.errors.slice(firstError))) result.warnings.push(`reopened: page error: ${e}`);
    broken = false;
  } finally {
    shots = await labScreenshots(page, shot);
    for (const f of shots) result.screenshots.push(path.relative(packRoot, f));
    await closeOrDrop(page, opts.viewServer, broken);
  }
}
