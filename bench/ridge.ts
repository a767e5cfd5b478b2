/**
 * Ridge benchmark (issue 10 item 7): 10,000 ridge fits θ̃ = (XᵀX + λI)⁻¹Xᵀy with n = 100,
 * d = 20, fresh data for each fit (X with N(0, 1) entries, y = Xθ + ε), data generation
 * included, in fits per second. Goal: ahead of numpy doing the same, and under 0.5 s.
 *
 * Rows, all in one run on the same seeded data stream (`rng` from lib/random.ts):
 * - kernel: lib/stats `RidgeSolver` (XᵀX and Xᵀy in one pass, in-place Cholesky; lib/linalg);
 * - ml-matrix: the same formula with ml-matrix (transpose, mmul, CholeskyDecomposition);
 * - the split of the kernel's time into data generation (2,100 normal draws per fit) and fitting;
 * - numpy (Debian's /usr/bin/python3 with python3-numpy when present, spawned as `python3 -c …`): generation included, and fit only.
 *
 * Each timed figure is the median of REPEATS runs of all 10,000 fits (plus the fastest run);
 * the machine is shared, so the load average is printed beside them.
 *
 * Call: `import { runRidgeBench } from "./ridge"; const { rows, text } = runRidgeBench();`
 * (`npx tsx -e 'import("./bench/ridge").then(m => console.log(m.runRidgeBench().text))'`).
 */
import { spawnSync } from "child_process";
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { rng, type Rng } from "../lib/random";
import { RidgeSolver } from "../lib/stats/ridge";
import { machine, median } from "./measure";

const N = 100, D = 20, LAMBDA = 1, FITS = 10_000, REPEATS = 3;
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
}

/** The JSON-able result of {@link runRidgeBench}. */
export interface RidgeBenchResult {
  machine: ReturnType<typeof machine>;
  setup: { n: number; d: number; lambda: number; fits: number; repeats: number };
  rows: RidgeBenchRow[];
  /** max |θ_kernel − θ_ml-matrix| on one data set (same formula, different code). */
  maxThetaDiff: number;
  /** numpy's version, or why it was not run. */
  numpy: string;
  goals: { underHalfSecond: boolean; aheadOfNumpy: boolean | null };
}

/** Fills X (n×d row-major) with N(0, 1) draws and y = Xθ + ε, ε ~ N(0, 1). */
function draw(r: Rng, theta: Float64Array, X: Float64Array, y: Float64Array): void {
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

function timeRuns(run: () => void): { median: number; min: number } {
  const times: number[] = [];
  for (let k = 0; k < REPEATS; k++) {
    const t0 = performance.now();
    run();
    times.push((performance.now() - t0) / 1000);
  }
  return { median: median(times), min: Math.min(...times) };
}

const NUMPY = `
import json, time, numpy as np
n, d, lam, F, REP = ${N}, ${D}, ${LAMBDA}, ${FITS}, ${REPEATS}
rng = np.random.default_rng(1)
theta = rng.standard_normal(d)
I = lam * np.eye(d)
def full():
    for _ in range(F):
        X = rng.standard_normal((n, d)); y = X @ theta + rng.standard_normal(n)
        np.linalg.solve(X.T @ X + I, X.T @ y)
pool = [(X, X @ theta + rng.standard_normal(n)) for X in (rng.standard_normal((n, d)) for _ in range(100))]
def fit_only():
    for k in range(F):
        X, y = pool[k % 100]
        np.linalg.solve(X.T @ X + I, X.T @ y)
def gen_only():
    for _ in range(F):
        X = rng.standard_normal((n, d)); y = X @ theta + rng.standard_normal(n)
def times(f):
    f()  # warm-up
    t = []
    for _ in range(REP):
        t0 = time.perf_counter(); f(); t.append(time.perf_counter() - t0)
    t.sort()
    return {"median": t[len(t) // 2], "min": t[0]}
print(json.dumps({"version": np.__version__, "full": times(full), "fit": times(fit_only), "gen": times(gen_only)}))
`;

/**
 * numpy's figures: Debian's /usr/bin/python3 (python3-numpy, the reference) when it has
 * numpy, else the first `python3` on PATH.
 */
function runNumpy(): { version: string; python: string; full: { median: number; min: number }; fit: { median: number; min: number }; gen: { median: number; min: number } } | string {
  const has = (py: string) => spawnSync(py, ["-c", "import numpy"], { encoding: "utf8" }).status === 0;
  const python = ["/usr/bin/python3", "python3"].find(has);
  if (python === undefined) return "numpy absent (no python3 with numpy found; apt-get install python3-numpy)";
  const res = spawnSync(python, ["-c", NUMPY], { encoding: "utf8", timeout: 300_000 });
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
  const r = rng(1);
  const theta = Float64Array.from({ length: D }, () => r.normal());
  const X = new Float64Array(N * D), y = new Float64Array(N), out = new Float64Array(D);
  const solver = new RidgeSolver(N, D);
  // Pool of 100 data sets for the fit-only timings (reused cyclically, so no generation cost).
  const pool = Array.from({ length: 100 }, () => {
    const Xp = new Float64Array(N * D), yp = new Float64Array(N);
    draw(r, theta, Xp, yp);
    return { X: Xp, y: yp };
  });
  const kernelFull = () => { for (let k = 0; k < FITS; k++) { draw(r, theta, X, y); solver.fit(X, y, LAMBDA, out); } };
  const mlFull = () => { for (let k = 0; k < FITS; k++) { draw(r, theta, X, y); mlMatrixFit(X, y); } };
  const genOnly = () => { for (let k = 0; k < FITS; k++) draw(r, theta, X, y); };
  const kernelFit = () => { for (let k = 0; k < FITS; k++) solver.fit(pool[k % 100].X, pool[k % 100].y, LAMBDA, out); };
  const mlFit = () => { for (let k = 0; k < FITS; k++) mlMatrixFit(pool[k % 100].X, pool[k % 100].y); };
  // Warm-up: let V8 optimise every path before timing.
  for (let k = 0; k < 500; k++) { draw(r, theta, X, y); solver.fit(X, y, LAMBDA, out); mlMatrixFit(X, y); }

  const rows: RidgeBenchRow[] = [];
  const add = (name: string, t: { median: number; min: number }) => rows.push({ name, seconds: t.median, minSeconds: t.min, fitsPerSecond: FITS / t.median });
  add("kernel (RidgeSolver), data generation included", timeRuns(kernelFull));
  add("ml-matrix, data generation included", timeRuns(mlFull));
  add("data generation alone (rng.normal, 2,100 draws per fit)", timeRuns(genOnly));
  add("kernel, fit only", timeRuns(kernelFit));
  add("ml-matrix, fit only", timeRuns(mlFit));

  const a = solver.fit(pool[0].X, pool[0].y, LAMBDA), b = mlMatrixFit(pool[0].X, pool[0].y);
  const maxThetaDiff = Math.max(...b.map((v, i) => Math.abs(v - a[i])));

  let numpy = "not run (numpy: false)";
  if (options.numpy !== false) {
    const np = runNumpy();
    if (typeof np === "string") numpy = np;
    else {
      numpy = `numpy ${np.version} (${np.python})`;
      add(`numpy ${np.version}, data generation included`, np.full);
      add(`numpy, data generation alone`, np.gen);
      add(`numpy, fit only`, np.fit);
    }
  }
  const kernel = rows[0].seconds;
  const npRow = rows.find((q) => q.name.startsWith("numpy") && q.name.endsWith("included"));
  const goals = { underHalfSecond: kernel < RIDGE_TARGETS.seconds, aheadOfNumpy: npRow ? kernel < npRow.seconds : null };
  const result: RidgeBenchResult = {
    machine: machine(),
    setup: { n: N, d: D, lambda: LAMBDA, fits: FITS, repeats: REPEATS },
    rows, maxThetaDiff, numpy, goals,
  };
  return { ...result, text: report(result) };
}

function report(r: RidgeBenchResult): string {
  const m = r.machine;
  const lines = [
    `Ridge benchmark — ${m.cpu}, ${m.cores} cores, Node ${m.node}, load average ${m.loadAverage1min.toFixed(2)}` +
      (m.loadAverage1min > m.cores * 0.5 ? " (busy machine: times are inflated)" : ""),
    `${r.setup.fits.toLocaleString("en")} ridge fits, n = ${r.setup.n}, d = ${r.setup.d}, λ = ${r.setup.lambda}; median of ${r.setup.repeats} runs (fastest in brackets)`,
    "",
  ];
  const w = Math.max(...r.rows.map((q) => q.name.length));
  for (const q of r.rows) {
    lines.push(`${q.name.padEnd(w)}  ${q.seconds.toFixed(3)} s (${q.minSeconds.toFixed(3)})  ${Math.round(q.fitsPerSecond).toLocaleString("en")} fits/s`);
  }
  lines.push("", `max |θ kernel − θ ml-matrix| = ${r.maxThetaDiff.toExponential(1)}; ${r.numpy}`);
  lines.push(
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
