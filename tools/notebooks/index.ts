/**
 * The notebook tools' programmatic API, for other tools (grader, release builder, browser
 * tests): run notebooks in the pack's kernel, run them through nbclient, read/strip/check
 * `.ipynb` files, and talk to a kernel directly.
 */
export { runNotebook, runNotebooks, formatFailure, cellError, notebooksDir, defaultOutDir, LESSON_BUDGET_SECONDS, budgetNote, budgetTable } from "./run";
export type { RunOptions, RunSummary, NotebookResult, CellFailure, CellError, CellTime } from "./run";
export { runNbclient } from "./nbclient";
export type { NbclientOptions, NbclientSummary, NbclientResult } from "./nbclient";
export { Kernel, KernelTimeoutError, KernelDiedError, killAllKernels, liveKernelCount, freePorts } from "./kernel";
export type { ConnectionInfo, Execution, KernelOptions } from "./kernel";
export {
  readNotebook,
  writeNotebook,
  formatNotebook,
  listNotebooks,
  notebookProblems,
  stripNotebook,
  joinSource,
  descentKernelspec,
} from "./nbformat";
export type { Notebook, Cell, Output } from "./nbformat";
export { stripFile } from "./strip";
