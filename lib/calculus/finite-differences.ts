/**
 * Derivatives by central finite differences, laid out the way lesson 3 lays out derivatives
 * (CS 182 Discussion 2 (Berkeley), §2, with the Jacobian in numerator layout):
 *
 * - the gradient of f: ℝⁿ → ℝ is a vector with the shape of x: (∇f)ᵢ = ∂f/∂xᵢ;
 * - the Jacobian of F: ℝⁿ → ℝᵐ is m × n, one row per output: Jᵢⱼ = ∂Fᵢ/∂xⱼ;
 * - the gradient of f: ℝ^{d₁×d₂} → ℝ with respect to a matrix has the shape of the matrix:
 *   (∇_A f)ᵢⱼ = ∂f/∂Aᵢⱼ.
 *
 * Every entry is the central difference
 *
 *   ∂f/∂xᵢ ≈ (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / (2hᵢ),   hᵢ = step·max(1, |xᵢ|),
 *
 * whose error is about hᵢ²|f‴|/6 (truncation) plus ε|f|/hᵢ (rounding, ε ≈ 2.2e-16). The default
 * step 1e-5 sits near the balance point (3ε|f|/|f‴|)^{1/3} for well-scaled functions; on a
 * quadratic, where f‴ = 0, only the rounding part is left, about 1e-11·|f|. Scaling h with |xᵢ|
 * keeps x ± h distinguishable from x for large entries.
 */

/** Options of the finite-difference functions. */
export interface FiniteDifferenceOptions {
  /** Relative step: hᵢ = step·max(1, |xᵢ|). Default 1e-5. */
  step?: number;
}

function checkStep(fn: string, options: FiniteDifferenceOptions | undefined): number {
  const step = options?.step ?? 1e-5;
  if (typeof step !== "number" || !(step > 0) || !Number.isFinite(step)) {
    throw new RangeError(`${fn}: step must be a positive finite number, got ${String(step)}. The default 1e-5 suits most functions.`);
  }
  return step;
}

/** Throws unless `x` is a non-empty array of finite numbers. @internal */
export function checkPoint(fn: string, name: string, x: readonly number[]): void {
  if (!Array.isArray(x) || x.length === 0) {
    throw new RangeError(`${fn}: ${name} must be a non-empty array of numbers, got ${Array.isArray(x) ? "[]" : String(x)}.`);
  }
  for (let i = 0; i < x.length; i++) {
    if (typeof x[i] !== "number" || !Number.isFinite(x[i])) {
      throw new RangeError(`${fn}: ${name}[${i}] is ${String(x[i])}; every entry must be a finite number.`);
    }
  }
}

/** Throws unless `A` is a non-empty rectangular array of rows of finite numbers; returns [rows, columns]. @internal */
export function checkRect(fn: string, name: string, A: readonly (readonly number[])[]): [number, number] {
  if (!Array.isArray(A) || A.length === 0 || !Array.isArray(A[0]) || A[0].length === 0) {
    throw new RangeError(`${fn}: ${name} must be a non-empty matrix given as an array of rows, e.g. [[1, 2], [3, 4]].`);
  }
  const cols = A[0].length;
  A.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new RangeError(`${fn}: ${name} row ${i} has ${Array.isArray(row) ? row.length : String(row)} entries but row 0 has ${cols}; rows must have equal length.`);
    }
    checkPoint(fn, `${name}[${i}]`, row);
  });
  return [A.length, cols];
}

function finiteResult(fn: string, what: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(`${fn}: ${what} returned ${String(v)}; the function must return a finite number near the point.`);
  }
  return v;
}

/**
 * The gradient of f: ℝⁿ → ℝ at x by central differences: an array with the shape of x.
 * @example numericGradient((x) => x[0] ** 2 + x[1] ** 2, [1, 2]) // ≈ [2, 4] = 2x
 */
export function numericGradient(f: (x: number[]) => number, x: readonly number[], options?: FiniteDifferenceOptions): number[] {
  const fn = "numericGradient";
  checkPoint(fn, "x", x);
  const step = checkStep(fn, options);
  return x.map((xi, i) => {
    const h = step * Math.max(1, Math.abs(xi));
    const plus = x.slice(), minus = x.slice();
    plus[i] = xi + h;
    minus[i] = xi - h;
    return (finiteResult(fn, "f", f(plus)) - finiteResult(fn, "f", f(minus))) / (2 * h);
  });
}

/**
 * The Jacobian of F: ℝⁿ → ℝᵐ at x by central differences, in numerator layout: m rows (one per
 * output) of n columns (one per input), J[i][j] = ∂Fᵢ/∂xⱼ. Column j comes from the two
 * evaluations F(x ± hⱼeⱼ), which is how one forward-mode pass with tangent eⱼ reads it too.
 * @example numericJacobian((x) => [x[0] * x[1], x[0]], [2, 3]) // ≈ [[3, 2], [1, 0]]
 */
export function numericJacobian(F: (x: number[]) => readonly number[], x: readonly number[], options?: FiniteDifferenceOptions): number[][] {
  const fn = "numericJacobian";
  checkPoint(fn, "x", x);
  const step = checkStep(fn, options);
  const evaluate = (p: number[]): readonly number[] => {
    const out = F(p);
    if (!Array.isArray(out) || out.length === 0) {
      throw new RangeError(`${fn}: F must return a non-empty array of numbers (its m outputs), got ${Array.isArray(out) ? "[]" : String(out)}.`);
    }
    out.forEach((v, i) => finiteResult(fn, `F(x)[${i}]`, v));
    return out;
  };
  const m = evaluate(x.slice()).length;
  const columns = x.map((xj, j) => {
    const h = step * Math.max(1, Math.abs(xj));
    const plus = x.slice(), minus = x.slice();
    plus[j] = xj + h;
    minus[j] = xj - h;
    const fp = evaluate(plus), fm = evaluate(minus);
    if (fp.length !== m || fm.length !== m) throw new RangeError(`${fn}: F returned ${m} outputs at x but ${fp.length} or ${fm.length} near it; the output length must not change.`);
    return fp.map((v, i) => (v - fm[i]) / (2 * h));
  });
  return Array.from({ length: m }, (_, i) => columns.map((col) => col[i]));
}

/**
 * The gradient of f: ℝ^{d₁×d₂} → ℝ with respect to the matrix A by central differences: a
 * d₁ × d₂ array of rows with the shape of A, entry [i][j] = ∂f/∂Aᵢⱼ.
 * @example numericMatrixGradient((A) => A[0][1] * 3, [[1, 2]]) // ≈ [[0, 3]]
 */
export function numericMatrixGradient(
  f: (A: number[][]) => number,
  A: readonly (readonly number[])[],
  options?: FiniteDifferenceOptions,
): number[][] {
  const fn = "numericMatrixGradient";
  checkRect(fn, "A", A);
  const step = checkStep(fn, options);
  const copy = () => A.map((row) => row.slice());
  return A.map((row, i) =>
    row.map((aij, j) => {
      const h = step * Math.max(1, Math.abs(aij));
      const plus = copy(), minus = copy();
      plus[i][j] = aij + h;
      minus[i][j] = aij - h;
      return (finiteResult(fn, "f", f(plus)) - finiteResult(fn, "f", f(minus))) / (2 * h);
    }),
  );
}
