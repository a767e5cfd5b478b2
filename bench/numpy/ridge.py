"""numpy's side of the ridge benchmark (bench/ridge.ts runs it beside the TypeScript kernel).

10,000 ridge fits theta = (X^T X + lam I)^{-1} X^T y with n = 100, d = 20, fresh data for each
fit (X with N(0, 1) entries, y = X theta + eps), the way a numpy user writes it: the default
Generator (PCG64, ziggurat normals) and np.linalg.solve on the d x d system.

Usage: python3 bench/numpy/ridge.py [n d lam fits repeats]   (defaults 100 20 1 10000 5)
Prints one JSON line: numpy's version and, for each of "full" (generation included), "gen"
(generation alone) and "fit" (fits on a pool of 100 pre-drawn data sets), the median and the
fastest wall-clock time of `repeats` timed runs after one warm-up run, and the median CPU time
(time.process_time: what the run cost the processor, less inflated than wall time by other
programs on a busy machine).
"""
import json
import sys
import time

import numpy as np


def main() -> None:
    args = [float(a) for a in sys.argv[1:]]
    n, d, lam, fits, reps = (args + [100, 20, 1, 10000, 5][len(args):])[:5]
    n, d, fits, reps = int(n), int(d), int(fits), int(reps)
    rng = np.random.default_rng(1)
    theta = rng.standard_normal(d)
    I = lam * np.eye(d)

    def full() -> None:
        for _ in range(fits):
            X = rng.standard_normal((n, d))
            y = X @ theta + rng.standard_normal(n)
            np.linalg.solve(X.T @ X + I, X.T @ y)

    pool = []
    for _ in range(100):
        X = rng.standard_normal((n, d))
        pool.append((X, X @ theta + rng.standard_normal(n)))

    def fit_only() -> None:
        for k in range(fits):
            X, y = pool[k % 100]
            np.linalg.solve(X.T @ X + I, X.T @ y)

    def gen_only() -> None:
        for _ in range(fits):
            X = rng.standard_normal((n, d))
            X @ theta + rng.standard_normal(n)

    def med(v: list) -> float:
        v = sorted(v)
        return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2

    def times(f) -> dict:
        f()  # warm-up
        t, c = [], []
        for _ in range(reps):
            t0, c0 = time.perf_counter(), time.process_time()
            f()
            t.append(time.perf_counter() - t0)
            c.append(time.process_time() - c0)
        return {"median": med(t), "min": min(t), "runs": t, "cpuMedian": med(c)}

    print(json.dumps({"version": np.__version__, "full": times(full), "gen": times(gen_only), "fit": times(fit_only)}))


if __name__ == "__main__":
    main()
