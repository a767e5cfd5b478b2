/**
 * Confidence ellipses of a 2-D normal: the curve to draw around a cloud of simulated θ̂ to show
 * it follows Cov(θ̂) = σ²(XᵀX)⁻¹ (OLS) or ridge's covariance (CS 182 Discussion 2 (Berkeley)).
 *
 * For θ̂ ~ N(c, Σ), the region (θ − c)ᵀΣ⁻¹(θ − c) ≤ r² holds a fraction 1 − e^(−r²/2) of the draws
 * (the χ² law with 2 degrees of freedom), so the ellipse at confidence p has r² = −2 ln(1 − p).
 */
import { checkLambda, checkSigma } from "./check";
import { checkVector, type MatrixLike } from "../linalg/check";
import { ridgeTheory } from "./theory";

/** Options of {@link covarianceEllipse}. */
export interface EllipseOptions {
  /** Confidence level p in (0, 1): the fraction of normal draws inside (default 0.95). */
  level?: number;
  /** Points on the closed curve (default 120; the first is repeated at the end). */
  points?: number;
}

/** An ellipse as a closed polyline, ready for a line series. */
export interface Ellipse {
  x: number[];
  y: number[];
  /** r = √(−2 ln(1 − level)), the Mahalanobis radius. */
  radius: number;
  level: number;
}

/**
 * Points of {θ : (θ − c)ᵀΣ⁻¹(θ − c) = r²}, r² = −2 ln(1 − level), for a 2×2 covariance Σ:
 * c + r·L(cos t, sin t) with Σ = LLᵀ. Throws for a Σ that is not symmetric positive definite.
 */
export function covarianceEllipse(center: ArrayLike<number>, cov: ReadonlyArray<ArrayLike<number>>, options: EllipseOptions = {}): Ellipse {
  const fn = "covarianceEllipse";
  const c = checkVector(fn, "center", center, 2, "the ellipse is 2-D");
  const S = checkCov2(fn, cov);
  const level = options.level ?? 0.95;
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new RangeError(`${fn}: level must be a probability strictly between 0 and 1, got ${level}. 0.95 draws the 95% ellipse.`);
  }
  const k = options.points ?? 120;
  if (!Number.isInteger(k) || k < 8 || k > 10_000) throw new RangeError(`${fn}: points must be a whole number from 8 to 10000, got ${k}.`);
  const radius = Math.sqrt(-2 * Math.log(1 - level));
  const l11 = Math.sqrt(S[0][0]), l21 = S[1][0] / l11, l22 = Math.sqrt(S[1][1] - l21 * l21);
  const x: number[] = [], y: number[] = [];
  for (let i = 0; i <= k; i++) {
    const t = (2 * Math.PI * i) / k;
    const u = radius * Math.cos(t), v = radius * Math.sin(t);
    x.push(c[0] + l11 * u);
    y.push(c[1] + l21 * u + l22 * v);
  }
  return { x, y, radius, level };
}

/** (θ − c)ᵀΣ⁻¹(θ − c) for a 2-D point: ≤ r² means inside the ellipse of radius r. */
export function mahalanobis2(point: ArrayLike<number>, center: ArrayLike<number>, cov: ReadonlyArray<ArrayLike<number>>): number {
  const fn = "mahalanobis2";
  const p = checkVector(fn, "point", point, 2, "it is 2-D");
  const c = checkVector(fn, "center", center, 2, "it is 2-D");
  const S = checkCov2(fn, cov);
  const det = S[0][0] * S[1][1] - S[0][1] * S[1][0];
  const a = p[0] - c[0], b = p[1] - c[1];
  return (S[1][1] * a * a - 2 * S[0][1] * a * b + S[0][0] * b * b) / det;
}

/**
 * The theoretical ellipse of two coordinates (`dims`, default [0, 1]) of OLS (λ = 0) or ridge
 * for y = Xθ + ε, Cov(ε) = σ²I: centred at E[θ̃], shaped by the 2×2 block of Cov(θ̃).
 */
export function estimatorEllipse(
  X: MatrixLike,
  theta: ArrayLike<number>,
  options: EllipseOptions & { sigma?: number; lambda?: number; dims?: [number, number] } = {},
): Ellipse & { center: number[]; cov: number[][] } {
  const fn = "estimatorEllipse";
  const sigma = checkSigma(fn, options.sigma ?? 1);
  const lambda = checkLambda(fn, options.lambda ?? 0);
  const t = ridgeTheory(X, theta, { sigma, lambda });
  const [i, j] = options.dims ?? [0, 1];
  const d = t.theta.length;
  for (const k of [i, j]) {
    if (!Number.isInteger(k) || k < 0 || k >= d) throw new RangeError(`${fn}: dims must be two indices from 0 to ${d - 1}, got [${i}, ${j}].`);
  }
  if (i === j) throw new RangeError(`${fn}: dims must be two different coordinates, got [${i}, ${j}].`);
  const center = [t.mean[i], t.mean[j]];
  const cov = [[t.cov[i][i], t.cov[i][j]], [t.cov[j][i], t.cov[j][j]]];
  return { ...covarianceEllipse(center, cov, options), center, cov };
}

function checkCov2(fn: string, cov: ReadonlyArray<ArrayLike<number>>): number[][] {
  if (!Array.isArray(cov) || cov.length !== 2) throw new RangeError(`${fn}: cov must be a 2×2 matrix [[a, b], [b, c]].`);
  const S = cov.map((row, i) => checkVector(fn, `cov[${i}]`, row, 2, "cov is 2×2"));
  const scale = Math.max(Math.abs(S[0][0]), Math.abs(S[1][1]));
  if (Math.abs(S[0][1] - S[1][0]) > 1e-9 * scale) throw new RangeError(`${fn}: cov is not symmetric (${S[0][1]} vs ${S[1][0]}).`);
  if (!(S[0][0] > 0) || !(S[0][0] * S[1][1] - S[0][1] * S[1][0] > 0)) {
    throw new RangeError(`${fn}: cov must be positive definite (a > 0 and ac − b² > 0), got [[${S[0][0]}, ${S[0][1]}], [${S[1][0]}, ${S[1][1]}]].`);
  }
  return S;
}
