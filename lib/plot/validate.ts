/**
 * Input checks shared by all charts. A chart must never draw a silent blank because of a NaN
 * from a diverging optimiser: it throws an error that names the chart function, the series
 * and the index, and says what to do.
 */

/** Convert numbers to a plain array, checking every value is finite. */
export function finiteArray(fn: string, series: string, what: string, values: ArrayLike<number>): number[] {
  if (values == null || typeof (values as ArrayLike<number>).length !== "number") {
    throw new Error(`${fn}: series "${series}" needs an array of numbers for ${what}, got ${values === null ? "null" : typeof values}`);
  }
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number") {
      throw new Error(`${fn}: series "${series}" has a non-number ${what} value (${String(v)}) at index ${i}`);
    }
    if (!Number.isFinite(v)) {
      const label = Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
      throw new Error(
        `${fn}: series "${series}" has ${label} at index ${i}${what === "y" ? "" : ` (${what})`}; drop or clip it ` +
          `(a diverging run often does this: plot only the steps before it blew up)`,
      );
    }
    out[i] = v;
  }
  return out;
}

/**
 * Check one (x, y) series: non-empty, equal lengths, all finite, and positive where a log
 * scale needs it. Returns plain arrays; `x` defaults to 0, 1, 2, ... (the step number).
 */
export function checkXY(
  fn: string,
  series: string,
  x: ArrayLike<number> | undefined,
  y: ArrayLike<number>,
  opts: { logX?: boolean; logY?: boolean } = {},
): { x: number[]; y: number[] } {
  const ys = finiteArray(fn, series, "y", y);
  if (ys.length === 0) throw new Error(`${fn}: series "${series}" has 0 points`);
  let xs: number[];
  if (x === undefined) {
    xs = ys.map((_, i) => i);
  } else {
    xs = finiteArray(fn, series, "x", x);
    if (xs.length !== ys.length) {
      throw new Error(`${fn}: series "${series}" has ${xs.length} x values but ${ys.length} y values; give one x per y`);
    }
  }
  if (opts.logY) checkPositive(fn, series, "y", ys, "logY");
  if (opts.logX && x === undefined) {
    // The default x is the step number 0, 1, 2, ..., and log10(0) = -Infinity.
    throw new Error(
      `${fn}: series "${series}" has no x values, so x defaults to 0, 1, 2, ... and a log x axis cannot show 0; ` +
        `pass x values > 0 (e.g. steps starting at 1: x: y.map((_, i) => i + 1)), or set logX: false`,
    );
  }
  if (opts.logX) checkPositive(fn, series, "x", xs, "logX");
  return { x: xs, y: ys };
}

/** A log scale cannot show zero or negative values: name the first one and suggest a fix. */
export function checkPositive(fn: string, series: string, axis: "x" | "y", v: number[], option: string): void {
  for (let i = 0; i < v.length; i++) {
    if (!(v[i] > 0)) {
      throw new Error(
        `${fn}: series "${series}" has ${axis} = ${v[i]} at index ${i}, which a log scale cannot show; ` +
          `set ${option}: false, or plot a positive quantity (e.g. loss - bestLoss + 1e-12, or Math.abs(value))`,
      );
    }
  }
}

/** Check a [min, max] box edge: two finite numbers with min < max. */
export function checkRange(fn: string, name: string, r: unknown): [number, number] {
  if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => typeof v === "number" && Number.isFinite(v))) {
    throw new Error(`${fn}: ${name} must be [min, max] with two finite numbers, got ${JSON.stringify(r)}`);
  }
  if (!(r[0] < r[1])) throw new Error(`${fn}: ${name} must have min < max, got [${r[0]}, ${r[1]}]`);
  return [r[0], r[1]];
}

/**
 * Check a fixed axis range such as `xDomain`: [min, max], finite, min < max, and min > 0 when
 * the axis is logarithmic (a log axis starting at 0 would need log10(0) = -Infinity).
 * `logOption` is the option that made the axis logarithmic (e.g. "logY"), or undefined.
 */
export function checkDomain(fn: string, name: string, r: unknown, logOption?: string): [number, number] {
  const d = checkRange(fn, name, r);
  if (logOption !== undefined && !(d[0] > 0)) {
    throw new Error(
      `${fn}: ${name} = [${d[0]}, ${d[1]}] starts at ${d[0]}, which a log axis (${logOption}: true) cannot show; ` +
        `give ${name} with min > 0 (e.g. [${d[1] > 0 ? fmt(d[1] / 1000) : "1e-3"}, ${d[1] > 0 ? d[1] : 1}]), or set ${logOption}: false`,
    );
  }
  return d;
}

/** Smallest and largest chart width/height accepted, in CSS px. */
export const MIN_SIZE = 50;
export const MAX_SIZE = 4000;

/**
 * Check the `width` and `height` options of a chart when given: finite numbers from
 * {@link MIN_SIZE} to {@link MAX_SIZE} px (resvg refuses an invalid size only at render time,
 * far from the mistake; NaN would otherwise pass silently).
 */
export function checkSize(fn: string, o: { width?: unknown; height?: unknown }): void {
  for (const name of ["width", "height"] as const) {
    const v = o[name];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isFinite(v) || v < MIN_SIZE || v > MAX_SIZE) {
      throw new Error(`${fn}: ${name} must be a number of CSS px from ${MIN_SIZE} to ${MAX_SIZE}, got ${typeof v === "number" ? v : JSON.stringify(v)}`);
    }
  }
}

/** Check names are unique (the legend and the text description rely on them). */
export function checkNames(fn: string, names: string[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (typeof n !== "string" || n.length === 0) throw new Error(`${fn}: every series needs a non-empty name`);
    if (seen.has(n)) throw new Error(`${fn}: two series are named "${n}"; give each a distinct name`);
    seen.add(n);
  }
}

/** Check a positive integer option (resolution, bins, ...). */
export function checkCount(fn: string, name: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new Error(`${fn}: ${name} must be an integer from ${min} to ${max}, got ${v}`);
  }
  return v;
}

/** Short human number for descriptions and tick labels: 4 significant digits, no noise. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) {
    const s = v.toExponential(2); // e.g. 1.20e-5
    return s.replace(/\.?0+e/, "e").replace("e+", "e");
  }
  return String(Number(v.toPrecision(4)));
}

/** Minimum and maximum of a non-empty array. */
export function extent(v: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of v) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}
