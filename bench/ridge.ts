/**
 * Ridge benchmark (issue 10 item 7): 10,000 ridge fits θ̃ = (XᵀX + λI)⁻¹Xᵀy with n = 100,
 * d = 20, fresh data for each fit (X with N(0, 1) entries, y = Xθ + ε), data generation
 * included, in fits per second. Goal: ahead of numpy doing the same, and under 0.5 s.
 *
 * Rows, all in one run:
 * - kernel: fresh X drawn column by column with `rng(1, { generator: "xoshiro128**" }).fillNormal`
 *   (ziggurat normals), y = Xθ + ε, then `RidgeSolver.fitColumns` (one blocked pass for the lower
 *   half of [X y]ᵀ[X y], Cholesky in place; lib/linalg);
 * - its split: data generation alone, fit alone (on a pool of 100 pre-drawn data sets);
 * - the previous path, for comparison: MT19937 + Box–Muller normals one `normal()` call at a time
 *   (the default `rng(seed)` stream), and `RidgeSolver.fit` on row-major X;
 * - ml-matrix: the same formula (transpose, mmul, CholeskyDecomposition), fit alone;
 * - numpy (bench/numpy/ridge.py, with Debian's /usr/bin/python3 and python3-numpy when present):
 *   generation included, generation alone, fit alone, and the ratio numpy / kernel.
 *
 * Each timed figure is the median of several runs of all 10,000 fits (the fastest in brackets).
 * The machine is shared, so the kernel is timed before and after numpy and its median taken over
 * both sets (a load change during the run then hits both sides), and the load averages at the
 * start and the end are printed beside the figures.
 *
 * Call: `import { runRidgeBench } from "./ridge"; const { rows, text } = runRidgeBench();`
 * (`npx tsx bench/ridge.ts [--json]`, or `npm run bench -- --only ridge`).
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { rng, type Rng } from "../lib/random";
import { RidgeSolver } from "../lib/stats/ridge";
import { machine, median } from "./measure";

const N = 100, D = 20, LAMBDA = 1, FITS = 10_000;
/** Timed runs per row (each run is all 10,000 fits); the slow ml-matrix and MT19937 rows get fewer. */
const REPEATS = 7, SLOW_REPEATS = 3;
/** Goals from issue 10: under 0.5 s, and ahead of numpy. */
export const RIDGE_TARGETS = { seconds: 0.5 };

/** One row of the ridge benchmark. */
export interface RidgeBenchRow {
  name: string;
  /** Median seconds for all fits. */
  seconds: number;
  /** Fastest run, seconds. */
  minSeconds: number;
  fitsPerSecond: number;
  /** Every timed run, seconds. */
  runs: number[];
  /** Median CPU seconds of the runs (user + system of this process; time.process_time for numpy): less inflated than wall time when other programs share the cores. */
  cpuSeconds: number;
}

/** The JSON-able result of {@link runRidgeBench}. */
export interface RidgeBenchResult {
  machine: ReturnType<typeof machine>;
  /** Load averages (1, 5, 15 min) when the section ended; `machine` has them at the start. */
  loadAtEnd: number[];
  setup: { n: number; d: number; lambda: number; fits: number; repeats: number; generator: string };
  rows: RidgeBenchRow[];
  /** Seconds of the whole job (kernel, generation included) split into generation and fit (medians of their own rows). */
  split: { total: number; generation: number; fit: number };
  /** max |θ_kernel − θ_ml-matrix| on one data set (same formula, different code). */
  maxThetaDiff: number;
  /** numpy's version, or why it was not run. */
  numpy: string;
  /** numpy's seconds / the kernel's seconds for the whole job (> 1: the kernel is faster); null when numpy did not run. */
  numpyRatio: number | null;
  /** The same ratio in CPU seconds. */
  numpyCpuRatio: number | null;
  goals: { underHalfSecond: boolean; aheadOfNumpy: boolean | null };
}

/**
 * Fresh data as the kernel path draws it: X column by column (column a at Xc[a·n .. a·n+n)),
 * then y = ε + Σₐ θₐ·X[:, a]: the same model as {@link drawRows}, in the layout `fitColumns` takes.
 */
function drawColumns(r: Rng, theta: Float64Array, Xc: Float64Array, y: Float64Array): void {
  r.fillNormal(Xc);
  r.fillNormal(y);
  for (let a = 0; a < D; a++) {
    const t = theta[a], o = a * N;
    for (let i = 0; i < N; i++) y[i] += t * Xc[o + i];
  }
}

/** Fills X (n×d row-major) with N(0, 1) draws and y = Xθ + ε, ε ~ N(0, 1), one `normal()` call per number (the previous path). */
function drawRows(r: Rng, theta: Float64Array, X: Float64Array, y: Float64Array): void {
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let a = 0; a < D; a++) {
      const v = r.normal();
      X[i * D + a] = v;
      s += v * theta[a];
    }
    y[i] = s + r.normal();
  }
}

function mlMatrixFit(X: Float64Array, y: Float64Array): number[] {
  const M = new Matrix(N, D);
  for (let i = 0; i < N; i++) for (let a = 0; a < D; a++) M.set(i, a, X[i * D + a]);
  const Mt = M.transpose();
  const A = Mt.mmul(M);
  for (let a = 0; a < D; a++) A.set(a, a, A.get(a, a) + LAMBDA);
  return new CholeskyDecomposition(A).solve(Mt.mmul(Matrix.columnVector(Array.from(y)))).getColumn(0);
}

interface Runs { wall: number[]; cpu: number[] }

function timeRuns(run: () => void, repeats: number): Runs {
  const wall: number[] = [], cpu: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  return { wall, cpu };
}

function concat(a: Runs, b: Runs): Runs {
  return { wall: [...a.wall, ...b.wall], cpu: [...a.cpu, ...b.cpu] };
}

interface NumpyTimes { median: number; min: number; runs: number[]; cpuMedian: number }

/**
 * numpy's figures from bench/numpy/ridge.py: Debian's /usr/bin/python3 (python3-numpy, the
 * issue's reference) when it has numpy, else the first `python3` on PATH.
 */
function runNumpy(): { version: string; python: string; full: NumpyTimes; fit: NumpyTimes; gen: NumpyTimes } | string {
  const has = (py: string) => spawnSync(py, ["-c", "import numpy"], { encoding: "utf8" }).status === 0;
  const python = ["/usr/bin/python3", "python3"].find(has);
  if (python === undefined) return "numpy absent (no python3 with numpy found; apt-get install python3-numpy)";
  const script = path.join(__dirname, "numpy", "ridge.py");
  const res = spawnSync(python, [script, String(N), String(D), String(LAMBDA), String(FITS), String(REPEATS)], { encoding: "utf8", timeout: 600_000 });
  if (res.error) return `${python} not run (${res.error.message})`;
  if (res.status !== 0) return /No module named .?numpy/.test(res.stderr) ? "numpy absent (python3 has no numpy module; apt-get install python3-numpy)" : `python3 failed: ${res.stderr.trim().split("\n").pop()}`;
  try {
    return { ...JSON.parse(res.stdout.trim().split("\n").pop()!), python };
  } catch {
    return `python3 printed no result: ${res.stdout.slice(0, 200)}`;
  }
}

/** Runs the ridge benchmark and returns the JSON-able result and a printed report. */
export function runRidgeBench(options: { numpy?: boolean } = {}): RidgeBenchResult & { text: string } {
  const start = machine();
  const fast = rng(1, { generator: "xoshiro128**" });
  const classic = rng(1);
  const theta = Float64Array.from({ length: D }, () => fast.normal());
  const X = new Float64Array(N * D), y = new Float64Array(N), out = new Float64Array(D);
  const solver = new RidgeSolver(N, D);
  // Pool of 100 data sets for the fit-only timings (reused cyclically, so no generation cost).
  const pool = Array.from({ length: 100 }, () => {
    const Xp = new Float64Array(N * D), yp = new Float64Array(N);
    drawColumns(fast, theta, Xp, yp);
    return { X: Xp, y: yp };
  });
  const kernelFull = () => { for (let k = 0; k < FITS; k++) { drawColumns(fast, theta, X, y); solver.fitColumns(X, y, LAMBDA, out); } };
  const genOnly = () => { for (let k = 0; k < FITS; k++) drawColumns(fast, theta, X, y); };
  const kernelFit = () => { for (let k = 0; k < FITS; k++) solver.fitColumns(pool[k % 100].X, pool[k % 100].y, LAMBDA, out); };
  const classicGen = () => { for (let k = 0; k < FITS; k++) drawRows(classic, theta, X, y); };
  // The pool's X read as row-major is just another N(0, 1) matrix: fine for timing the row-major path.
  const rowFit = () => { for (let k = 0; k < FITS; k++) solver.fit(pool[k % 100].X, pool[k % 100].y, LAMBDA, out); };
  const mlFit = () => { for (let k = 0; k < FITS; k++) mlMatrixFit(pool[k % 100].X, pool[k % 100].y); };
  // Warm-up: let V8 optimise every path before timing.
  for (let k = 0; k < 1000; k++) { drawColumns(fast, theta, X, y); solver.fitColumns(X, y, LAMBDA, out); solver.fit(X, y, LAMBDA, out); drawRows(classic, theta, X, y); }
  for (let k = 0; k < 200; k++) mlMatrixFit(X, y);

  const rows: RidgeBenchRow[] = [];
  const add = (name: string, runs: Runs) => {
    const med = median(runs.wall);
    rows.push({ name, seconds: med, minSeconds: Math.min(...runs.wall), fitsPerSecond: FITS / med, runs: runs.wall, cpuSeconds: median(runs.cpu) });
  };
  const addNumpy = (name: string, t: NumpyTimes) =>
    rows.push({ name, seconds: t.median, minSeconds: t.min, fitsPerSecond: FITS / t.median, runs: t.runs, cpuSeconds: t.cpuMedian });
  let fullRuns = timeRuns(kernelFull, REPEATS);
  let genRuns = timeRuns(genOnly, REPEATS);
  let fitRuns = timeRuns(kernelFit, REPEATS);

  let numpy = "not run (numpy: false)";
  let np: ReturnType<typeof runNumpy> | null = null;
  if (options.numpy !== false) {
    np = runNumpy();
    numpy = typeof np === "string" ? np : `numpy ${np.version} (${np.python} bench/numpy/ridge.py)`;
  }
  // The kernel again after numpy, so a change of load during the run affects both sides.
  fullRuns = concat(fullRuns, timeRuns(kernelFull, REPEATS));
  genRuns = concat(genRuns, timeRuns(genOnly, REPEATS));
  fitRuns = concat(fitRuns, timeRuns(kernelFit, REPEATS));

  add("kernel: xoshiro128** + ziggurat, RidgeSolver.fitColumns; data generation included", fullRuns);
  add("  data generation alone (fillNormal, 2,100 normals per fit, y = Xθ + ε)", genRuns);
  add("  fit alone (RidgeSolver.fitColumns)", fitRuns);
  add("previous path, data generation alone (MT19937 + Box–Muller, normal() per number)", timeRuns(classicGen, SLOW_REPEATS));
  add("RidgeSolver.fit on row-major X, fit alone (transpose copy included)", timeRuns(rowFit, REPEATS));
  add("ml-matrix, fit alone", timeRuns(mlFit, SLOW_REPEATS));
  if (np !== null && typeof np !== "string") {
    addNumpy(`numpy ${np.version}, data generation included`, np.full);
    addNumpy("  numpy, data generation alone", np.gen);
    addNumpy("  numpy, fit alone", np.fit);
  }

  const a = solver.fitColumns(pool[0].X, pool[0].y, LAMBDA);
  // ml-matrix takes X row-major: transpose the pool's column-major X for it.
  const Xrow = new Float64Array(N * D);
  for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) Xrow[i * D + j] = pool[0].X[j * N + i];
  const b = mlMatrixFit(Xrow, pool[0].y);
  const maxThetaDiff = Math.max(...b.map((v, i) => Math.abs(v - a[i])));

  const kernel = rows[0].seconds;
  const npRow = rows.find((q) => q.name.startsWith("numpy") && q.name.endsWith("included"));
  const numpyRatio = npRow ? npRow.seconds / kernel : null;
  const numpyCpuRatio = npRow ? npRow.cpuSeconds / rows[0].cpuSeconds : null;
  const goals = { underHalfSecond: kernel < RIDGE_TARGETS.seconds, aheadOfNumpy: npRow ? kernel < npRow.seconds : null };
  const result: RidgeBenchResult = {
    machine: start,
    loadAtEnd: machine().loadAverage,
    setup: { n: N, d: D, lambda: LAMBDA, fits: FITS, repeats: REPEATS, generator: "xoshiro128** + ziggurat (rng(1, { generator: \"xoshiro128**\" }))" },
    rows, split: { total: kernel, generation: rows[1].seconds, fit: rows[2].seconds }, maxThetaDiff, numpy, numpyRatio, numpyCpuRatio, goals,
  };
  return { ...result, text: report(result) };
}

function report(r: RidgeBenchResult): string {
  const m = r.machine;
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(" / ");
  const lines = [
    `Ridge benchmark — ${m.cpu}, ${m.cores} cores, Node ${m.node}; load average (1 / 5 / 15 min) ${load(m.loadAverage)} at the start, ${load(r.loadAtEnd)} at the end` +
      (Math.max(m.loadAverage1min, r.loadAtEnd[0]) > m.cores * 0.5 ? " (busy machine: times are inflated)" : ""),
    `${r.setup.fits.toLocaleString("en")} ridge fits, n = ${r.setup.n}, d = ${r.setup.d}, λ = ${r.setup.lambda}; wall seconds, median of the runs (fastest in brackets), then median CPU seconds; the kernel's rows ${r.setup.repeats} runs before numpy and ${r.setup.repeats} after`,
    "",
  ];
  const w = Math.max(...r.rows.map((q) => q.name.length));
  for (const q of r.rows) {
    lines.push(`${q.name.padEnd(w)}  ${q.seconds.toFixed(3)} s (${q.minSeconds.toFixed(3)})  cpu ${q.cpuSeconds.toFixed(3)} s  ${Math.round(q.fitsPerSecond).toLocaleString("en")} /s`);
  }
  lines.push(
    "",
    `whole job ${r.split.total.toFixed(3)} s = generation ${r.split.generation.toFixed(3)} s + fit ${r.split.fit.toFixed(3)} s (medians of separate runs: they need not add up exactly)`,
    `max |θ kernel − θ ml-matrix| = ${r.maxThetaDiff.toExponential(1)}; ${r.numpy}` +
      (r.numpyRatio === null ? "" : `; numpy / kernel = ${r.numpyRatio.toFixed(2)} wall, ${r.numpyCpuRatio!.toFixed(2)} CPU (${r.numpyRatio >= 1 ? "kernel faster" : "numpy faster"})`),
    `goals: under ${RIDGE_TARGETS.seconds} s: ${r.goals.underHalfSecond ? "met" : "NOT met"}; ahead of numpy: ` +
      (r.goals.aheadOfNumpy === null ? "numpy not measured" : r.goals.aheadOfNumpy ? "met" : "NOT met"),
  );
  return lines.join("\n");
}

if (require.main === module) {
  const res = runRidgeBench();
  if (process.argv.includes("--json")) console.log(JSON.stringify(res, (k, v) => (k === "text" ? undefined : v), 2));
  else console.log(res.text);
}
