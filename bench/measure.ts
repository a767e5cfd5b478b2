/**
 * Measurement helpers for the benchmark: medians of repeated timings after warm-up, retained
 * memory, and a description of the machine.
 */
import * as os from "os";

/** Timing of one piece of work in milliseconds: the median and the fastest of the runs. */
export interface Timing {
  median: number;
  min: number;
}

/**
 * Times `repeats` runs of `fn` after `warmup` untimed runs. The median is the figure judged
 * against targets; the minimum is the least disturbed run, useful on a shared, busy machine.
 */
export function timeMs(fn: () => void, repeats: number, warmup: number): Timing {
  for (let k = 0; k < warmup; k++) fn();
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), min: Math.min(...times) };
}

/** The median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** True when the process runs with --expose-gc (memory figures are then exact, not noisy). */
export function canCollect(): boolean {
  return typeof gc === "function";
}

/** Heap plus ArrayBuffer bytes in use, after a full collection when --expose-gc is on. */
export function bytesInUse(): number {
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Bytes retained by what `build` returns: heap + ArrayBuffers after minus before, while the
 * result is still referenced.
 */
export function retainedBytes<T>(build: () => T): { bytes: number; result: T } {
  const before = bytesInUse();
  const result = build();
  const after = bytesInUse();
  return { bytes: after - before, result };
}

/**
 * CPU model, core count, Node version, platform, and the load averages (`loadAverage`: 1, 5 and
 * 15 minutes, as `uptime` prints them; `loadAverage1min` the first). Times are only meaningful
 * beside the load they were measured under.
 */
export function machine(): { cpu: string; cores: number; node: string; platform: string; loadAverage1min: number; loadAverage: number[] } {
  const cpus = os.cpus();
  const load = os.loadavg();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown", cores: cpus.length, node: process.version, platform: `${os.platform()} ${os.arch()}`,
    loadAverage1min: load[0], loadAverage: load,
  };
}
