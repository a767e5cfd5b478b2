/**
 * Hessian–vector products on the engine's tape by forward mode over reverse mode
 * (Pearlmutter 1994, "Fast exact multiplication by the Hessian"; Baydin et al. 2018 §3.3):
 *
 *     H v = d/dε ∇f(x + εv) |_{ε=0}
 *
 * The reverse pass computes adjoints by v̄ⱼ += v̄ᵢ · ∂vᵢ/∂vⱼ over every edge (i ← j).
 * Differentiating that loop along the direction v (one tangent pass first gives every node's
 * v̇ᵢ) gives a second loop, run alongside it, for the tangents of the adjoints:
 *
 *     v̄ⱼ  += v̄ᵢ · pₑ
 *     v̄̇ⱼ += v̄̇ᵢ · pₑ + v̄ᵢ · ṗₑ,    pₑ = ∂vᵢ/∂vⱼ,  ṗₑ = d pₑ / dε = Σₖ (∂pₑ/∂vₖ) v̇ₖ,
 *
 * and at an input xⱼ, v̄ⱼ = ∂f/∂xⱼ and v̄̇ⱼ = (Hv)ⱼ. The tape already stores each pₑ (it is
 * "linearised"); ṗₑ needs the op's second derivative, which depends only on the op, its inputs'
 * values and tangents and its own value, all on the tape: e.g. for tanh, p = 1 − y² and
 * ṗ = −2yẏ; for a product ab, the edge to a has p = b and ṗ = ḃ. Cost: one tangent pass and one
 * doubled reverse pass, a small constant times one gradient, independent of the dimension, with
 * no n×n matrix anywhere. Exact to rounding, unlike differences of gradients.
 *
 * This file only reads the tape (values, tangents, ops, edges); it changes no engine file.
 */
import type { Value } from "./value";
import { OP } from "./ops";

/** The gradient and a Hessian–vector product of one output. */
export interface HvpResult {
  /** ∇f with respect to the inputs, in their order. */
  grad: Float64Array;
  /** ∇²f · v with respect to the inputs, in their order. */
  hv: Float64Array;
}

/**
 * ∇f and ∇²f·v for a scalar node `out` with respect to `inputs` (input nodes of the same tape),
 * by forward-over-reverse; see the module comment. Overwrites the tape's tangents (as `jvp`
 * does) but not its gradients.
 *
 * @param v the direction, one entry per input
 * @example
 * const x = value(1), y = value(2);
 * const f = x.mul(x).mul(y);              // x²y: H = [[2y, 2x], [2x, 0]]
 * hessianVectorProduct(f, [x, y], [1, 0]).hv; // [4, 2]
 */
export function hessianVectorProduct(out: Value, inputs: readonly Value[], v: ArrayLike<number>): HvpResult {
  if (!Array.isArray(inputs)) throw new TypeError(`hessianVectorProduct: inputs must be an array of input Values, got ${typeof inputs}.`);
  if (v === null || typeof v !== "object" || v.length !== inputs.length) {
    throw new RangeError(`hessianVectorProduct: v needs one entry per input (${inputs.length}), got ${v === null || typeof v !== "object" ? String(v) : `length ${v.length}`}.`);
  }
  for (let j = 0; j < v.length; j++) {
    if (!Number.isFinite(v[j])) throw new RangeError(`hessianVectorProduct: v[${j}] is ${v[j]}; every entry of the direction must be finite.`);
  }
  const tape = out.tape;
  const o = tape.check(out);
  tape.jvp(inputs.map((x, j) => [x, v[j]] as const));
  const t = tape.tangents, val = tape.values, ops = tape.ops;
  const first = tape.firstEdge, src = tape.edgeSrc, partial = tape.edgePartial;
  const g = new Float64Array(o + 1), h = new Float64Array(o + 1);
  g[o] = 1;
  for (let i = o; i >= 0; i--) {
    const gi = g[i], hi = h[i];
    if (gi === 0 && hi === 0) continue;
    const e0 = first[i], e1 = first[i + 1];
    if (e0 === e1) continue;
    const op = ops[i];
    for (let e = e0; e < e1; e++) {
      const s = src[e], p = partial[e];
      g[s] += gi * p;
      // A constant's adjoint is never read, and its edge may have no finite ṗ (ln of a negative base).
      if (ops[s] === OP.const) continue;
      h[s] += hi * p + (gi === 0 ? 0 : gi * partialTangent(op, i, e, e0, val, t, src));
    }
  }
  const grad = new Float64Array(inputs.length), hv = new Float64Array(inputs.length);
  inputs.forEach((x, j) => {
    const id = tape.check(x);
    if (id <= o) {
      grad[j] = g[id];
      hv[j] = h[id];
    }
  });
  return { grad, hv };
}

/** ṗₑ = d(∂vᵢ/∂v_src)/dε for edge e of node i, from values and tangents. */
function partialTangent(op: number, i: number, e: number, e0: number, val: Float64Array, t: Float64Array, src: Int32Array): number {
  switch (op) {
    case OP.mul: // p_a = b, p_b = a
      return e === e0 ? t[src[e0 + 1]] : t[src[e0]];
    case OP.dot: // edges a₀, b₀, a₁, b₁, …: p_{a_k} = b_k, p_{b_k} = a_k
      return (e - e0) % 2 === 0 ? t[src[e + 1]] : t[src[e - 1]];
    case OP.div: {
      // x = a/b: p_a = 1/b → −ḃ/b²; p_b = −x/b → −ẋ/b + x·ḃ/b²
      const b = src[e0 + 1], vb = val[b], tb = t[b];
      if (e === e0) return -tb / (vb * vb);
      return -t[i] / vb + (val[i] * tb) / (vb * vb);
    }
    case OP.pow: {
      // x = aᶜ: p_a = c·a^{c−1} → c(c−1)a^{c−2}·ȧ + ċ·a^{c−1}(1 + c ln a); p_c = x ln a → ẋ ln a + x·ȧ/a
      const a = src[e0], b = src[e0 + 1], va = val[a], c = val[b], ta = t[a], tc = t[b];
      if (e === e0) {
        const second = c === 0 || c === 1 ? 0 : c * (c - 1) * Math.pow(va, c - 2) * ta;
        return tc === 0 ? second : second + tc * Math.pow(va, c - 1) * (1 + c * Math.log(va));
      }
      return t[i] * Math.log(va) + (val[i] * ta) / va;
    }
    case OP.exp: // p = eᵃ = x → ẋ
      return t[i];
    case OP.log: {
      // p = 1/a → −ȧ/a²
      const a = src[e], va = val[a];
      return -t[a] / (va * va);
    }
    case OP.sin: {
      const a = src[e];
      return -Math.sin(val[a]) * t[a];
    }
    case OP.cos: {
      const a = src[e];
      return -Math.cos(val[a]) * t[a];
    }
    case OP.tanh: // p = 1 − x² → −2xẋ
      return -2 * val[i] * t[i];
    case OP.sigmoid: // p = x(1 − x) → (1 − 2x)ẋ
      return (1 - 2 * val[i]) * t[i];
    case OP.sqrt: {
      // p = 1/(2x) → −ẋ/(2x²)
      const x = val[i];
      return (-0.5 * t[i]) / (x * x);
    }
    default: // add, sub, neg, sum: constant partials; relu, abs: piecewise constant
      return 0;
  }
}
