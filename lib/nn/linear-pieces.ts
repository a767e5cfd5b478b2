/**
 * A ReLU network is piecewise linear (Lecture 8 notes (Université Côte d'Azur), §1: each dense
 * layer σ(Wx + b) with σ = ReLU is piecewise linear, and a composition of piecewise linear maps
 * is piecewise linear). Along a segment x(t) = from + t·(to − from), t ∈ [0, 1], the network's
 * output is therefore a piecewise linear function of t, and this file finds its pieces exactly.
 *
 * Method, layer by layer: on an interval of t where every unit's on/off pattern is fixed, each
 * unit's value is an affine function α·t + γ of t. A unit's pre-activation z(t) = Σⱼ Wᵢⱼhⱼ(t) + bᵢ
 * is then affine too; where it changes sign inside the interval (t* = −γ/α), its ReLU bends, so
 * the interval is split there. After the last layer every interval carries the output's slope
 * and intercept. Adjacent intervals can still share one slope (a bend that a later weight of 0
 * or an inactive unit hides); those are merged, so `pieces` counts the linear pieces of the
 * output, and `activationRegions` the intervals with distinct on/off patterns.
 */
import type { MLP } from "./mlp";

/** One linear piece of the output along the segment: value = slope·t + intercept on [t0, t1]. */
export interface LinearPiece {
  t0: number;
  t1: number;
  slope: number;
  intercept: number;
}

/** Options of {@link linearPiecesAlongLine}. */
export interface LinearPiecesOptions {
  /** Which output unit to follow (default 0). */
  output?: number;
  /**
   * Two neighbouring intervals count as one piece when their slopes differ by at most
   * `mergeTolerance`·max(1, |slope|). Default 1e-9 (rounding in a few dozen multiply-adds is
   * around 1e-14, a genuine bend changes the slope by far more).
   */
  mergeTolerance?: number;
}

/** The pieces, the t where the output bends, and how many activation patterns the segment crosses. */
export interface LinearPieces {
  pieces: LinearPiece[];
  /** The t in (0, 1) where one piece ends and the next begins. */
  breakpoints: number[];
  /** Intervals with distinct on/off patterns of the units (≥ pieces.length). */
  activationRegions: number;
  /** The output at t, from the pieces (equal to the network's output at x(t)). */
  valueAt(t: number): number;
  /** The input point x(t) = from + t·(to − from). */
  pointAt(t: number): number[];
}

interface Interval {
  t0: number;
  t1: number;
  /** Per unit of the current layer: value = slope·t + intercept. */
  slope: number[];
  intercept: number[];
}

function checkPoint(name: string, p: unknown, nin: number): number[] {
  if (!Array.isArray(p) || p.length !== nin || p.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
    throw new RangeError(`linearPiecesAlongLine: ${name} must be an array of ${nin} finite numbers (one per network input), got ${JSON.stringify(p)}.`);
  }
  return p as number[];
}

/**
 * The exact linear pieces of a ReLU network's output along the segment from `from` to `to`.
 * Hidden layers must use `"relu"` or `"linear"`; the output layer may use either (a linear
 * output is the usual choice). Other activations are curved, so the function throws for them.
 *
 * @example
 * const net = new MLP(2, [16, 16, 1], { activation: "relu", seed: 1 });
 * const { pieces, breakpoints } = linearPiecesAlongLine(net, [-2, -2], [2, 2]);
 */
export function linearPiecesAlongLine(model: MLP, from: number[], to: number[], options: LinearPiecesOptions = {}): LinearPieces {
  const fn = "linearPiecesAlongLine";
  const a = checkPoint("from", from, model.nin), b = checkPoint("to", to, model.nin);
  const output = options.output ?? 0;
  if (!Number.isSafeInteger(output) || output < 0 || output >= model.nout) {
    throw new RangeError(`${fn}: output must be a whole number from 0 to ${model.nout - 1} (the network has ${model.nout} outputs), got ${output}.`);
  }
  const tol = options.mergeTolerance ?? 1e-9;
  if (!(tol >= 0)) throw new RangeError(`${fn}: mergeTolerance must be ≥ 0, got ${tol}.`);
  model.layers.forEach((layer, l) => {
    if (layer.activation !== "relu" && layer.activation !== "linear") {
      throw new RangeError(
        `${fn}: layer ${l + 1} uses ${layer.activation}, which is curved, so the output is not piecewise linear. ` +
          `Build the network with { activation: "relu" } (and a "relu" or "linear" output).`,
      );
    }
  });

  // x(t) = a + t(b − a): every input is affine in t on the whole segment.
  let intervals: Interval[] = [{ t0: 0, t1: 1, slope: b.map((bj, j) => bj - a[j]), intercept: a.slice() }];
  for (const layer of model.layers) {
    const W = layer.neurons.map((nrn) => nrn.w.map((w) => w.data));
    const bias = layer.neurons.map((nrn) => (nrn.b === null ? 0 : nrn.b.data));
    const next: Interval[] = [];
    for (const iv of intervals) {
      // Pre-activations z_i(t) = Σⱼ Wᵢⱼ(slopeⱼ t + interceptⱼ) + bᵢ, affine on this interval.
      const zs = W.map((row) => row.reduce((s, w, j) => s + w * iv.slope[j], 0));
      const zc = W.map((row, i) => row.reduce((s, w, j) => s + w * iv.intercept[j], bias[i]));
      const cuts = [iv.t0, iv.t1];
      if (layer.activation === "relu") {
        const span = iv.t1 - iv.t0;
        zs.forEach((s, i) => {
          if (s === 0) return;
          const t = -zc[i] / s;
          // Roots at (or within rounding of) an end add no new piece.
          if (t > iv.t0 + 1e-12 * span && t < iv.t1 - 1e-12 * span) cuts.push(t);
        });
        cuts.sort((p, q) => p - q);
        // Several units can bend at the same t (all hyperplanes through one point, for instance):
        // keep one cut, or the interval between equal cuts would count as a piece of length 0.
        for (let k = cuts.length - 1; k > 0; k--) if (cuts[k] - cuts[k - 1] <= 1e-12 * span) cuts.splice(k === cuts.length - 1 ? k - 1 : k, 1);
      }
      for (let k = 0; k + 1 < cuts.length; k++) {
        const t0 = cuts[k], t1 = cuts[k + 1];
        if (layer.activation === "linear") {
          next.push({ t0, t1, slope: zs, intercept: zc });
          continue;
        }
        const mid = (t0 + t1) / 2;
        const on = zs.map((s, i) => s * mid + zc[i] > 0);
        next.push({ t0, t1, slope: zs.map((s, i) => (on[i] ? s : 0)), intercept: zc.map((c, i) => (on[i] ? c : 0)) });
      }
    }
    intervals = next;
  }

  const pieces: LinearPiece[] = [];
  for (const iv of intervals) {
    const slope = iv.slope[output], intercept = iv.intercept[output];
    const last = pieces[pieces.length - 1];
    if (last && Math.abs(last.slope - slope) <= tol * Math.max(1, Math.abs(slope))) {
      last.t1 = iv.t1; // the same line continues (its intercept agrees up to rounding)
    } else {
      pieces.push({ t0: iv.t0, t1: iv.t1, slope, intercept });
    }
  }
  const pointAt = (t: number) => a.map((aj, j) => aj + t * (b[j] - aj));
  const valueAt = (t: number) => {
    if (!(t >= 0 && t <= 1)) throw new RangeError(`${fn}: valueAt needs t in [0, 1], got ${t}.`);
    const p = pieces.find((q) => t <= q.t1) ?? pieces[pieces.length - 1];
    return p.slope * t + p.intercept;
  };
  return { pieces, breakpoints: pieces.slice(1).map((p) => p.t0), activationRegions: intervals.length, valueAt, pointAt };
}
