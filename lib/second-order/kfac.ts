/**
 * K-FAC, Kronecker-factored approximate curvature (Martens & Grosse, "Optimizing Neural Networks
 * with Kronecker-factored Approximate Curvature", ICML 2015), for the dense layers of lib/nn's
 * MLP at toy scale: the Topic 4 slides' (Deep Learning and Neural Networks) answer to "we cannot
 * compute, store or invert an n × n curvature matrix", and one of the three methods of their
 * deep-net experiment (K-FAC + momentum vs momentum vs Adam).
 *
 * For layer l with input ā = [a; 1] (a 1 appended for the bias) and pre-activation
 * gradient δ = ∂ℓ/∂s, the weight gradient is δāᵀ and the layer's block of the Fisher is
 *
 *     F_l = E[(āāᵀ) ⊗ (δδᵀ)] ≈ E[āāᵀ] ⊗ E[δδᵀ] = A ⊗ G,
 *
 * so F_l⁻¹ vec(∇W) ≈ vec(G⁻¹ ∇W A⁻¹): two small inverses (sizes in+1 and out) instead of one of
 * size out·(in+1). With damping λ each factor gets π = √λ on its diagonal, and the update is
 *
 *     ΔW = −η (G + √λ I)⁻¹ ∇W (A + √λ I)⁻¹
 *
 * (the paper's factored Tikhonov damping with π = 1; each solve by Cholesky, no explicit
 * inverse). A and G are running averages over steps, X ← εX + (1 − ε)X_batch (the paper's
 * ε = min(1 − 1/k, 0.95)). The δ's for G come from labels drawn from the model's own predictive
 * distribution (that is what makes it the Fisher and not the empirical Fisher); at toy scale we
 * take the exact expectation over those labels instead of one sample: the output factor
 * u_c = √p_c(e_c − p) of diag(p) − ppᵀ (lib/second-order/mlp-layers.ts `outputHessianFactor`) is
 * backpropagated and G = E[Σ_c δ_c δ_cᵀ]. Option `fisher: "empirical"` uses the true labels.
 *
 * Exactness: for a single linear layer with squared error the output Hessian is (2/k)I for every
 * example, so δδᵀ does not depend on ā and A ⊗ G IS the Gauss–Newton matrix (= the Hessian):
 * one undamped K-FAC step with η = 1 is then Newton's step (test/lib/second-order/kfac.test.ts).
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import type { Optimizer } from "../optim/optimizer";
import { checkOption } from "../optim/optimizer";
import { checkStep } from "../optim/base";
import type { MLP } from "../nn/mlp";
import type { Dataset } from "../data/dataset";
import { rng, type Rng } from "../random";
import { backwardLayers, denseStackOf, forwardLayers, outputHessianFactor, outputLoss, type DenseStack, type LayerLoss } from "./mlp-layers";
import { fmt } from "./spd";

/** Options of {@link KFAC}. */
export interface KFACOptions {
  /** η (default 0.1). */
  lr?: number;
  /** λ ≥ 0; each factor gets √λ on its diagonal (default 1e-3). */
  damping?: number;
  /** Heavy-ball momentum μ on the preconditioned step, v ← μv + ΔW (default 0; the slides' experiment uses K-FAC + momentum). */
  momentum?: number;
  /** ε of the running averages of A and G (default 0.95; the first step takes the batch's factors as they are). */
  decay?: number;
  /** Examples per step for the factor statistics (default: all of them). */
  batchSize?: number;
  /** Seed of the statistics' minibatches (default 0). */
  seed?: number;
  /** `"exact"` (default): G from the model's predictive distribution (the Fisher); `"empirical"`: from the true labels. */
  fisher?: "exact" | "empirical";
  /** The loss (default lib/nn's "auto"). */
  loss?: LayerLoss;
}

/** What {@link KFAC} keeps: the factors per layer, for a lesson to print. */
export interface KFACState {
  step: number;
  /** A_l = E[āāᵀ] (running average), one per layer, (in+1) × (in+1). */
  A: Matrix[];
  /** G_l = E[δδᵀ] (running average), one per layer, out × out. */
  G: Matrix[];
  /** The momentum buffer (null without momentum). */
  velocity: Float64Array | null;
  /** The last preconditioned direction (before lr). */
  direction: Float64Array | null;
}

/**
 * K-FAC as an {@link Optimizer} over the MLP's flat parameters θ (`mlp.parameters()` order; read
 * them with `getParams(mlp)` and write the result back with `setParams`). Each `step(g)` with
 * g = ∇f(θ) (e.g. from `lossAndGradient`) refreshes A and G on a batch at the current θ,
 * preconditions each layer's block of g and moves θ.
 */
export class KFAC implements Optimizer<KFACState> {
  readonly name = "K-FAC";
  readonly params: Float64Array;
  lr: number;
  /** λ; may be changed between steps. */
  damping: number;
  readonly state: KFACState;
  /** The layer view of the MLP. */
  readonly stack: DenseStack;
  private readonly momentum: number;
  private readonly decay: number;
  private readonly batchSize: number;
  private readonly fisher: "exact" | "empirical";
  private readonly r: Rng;

  constructor(params: Float64Array, mlp: MLP, readonly data: Dataset, options: KFACOptions = {}) {
    const owner = "KFAC";
    if (!(params instanceof Float64Array)) throw new TypeError(`${owner}: params must be a Float64Array (getParams(mlp)), got ${String(params)}.`);
    this.stack = denseStackOf(mlp, options.loss ?? "auto");
    const dim = this.stack.offsets[this.stack.offsets.length - 1];
    if (params.length !== dim) throw new RangeError(`${owner}: params has length ${params.length} but the MLP has ${dim} parameters.`);
    if (!data || !Array.isArray(data.X) || data.X.length === 0 || data.X.length !== data.y?.length) throw new RangeError(`${owner}: data must be a non-empty dataset { X, y } with one label per row.`);
    if (data.X[0].length !== this.stack.sizes[0]) throw new RangeError(`${owner}: the data has ${data.X[0].length} features but the MLP takes ${this.stack.sizes[0]} inputs.`);
    this.lr = checkOption(owner, "lr", options.lr ?? 0.1, { min: 0, minExclusive: true }, "Use e.g. lr: 0.1.");
    this.damping = checkOption(owner, "damping", options.damping ?? 1e-3, { min: 0 }, "λ adds √λ to each factor's diagonal; use λ ≥ 0, e.g. 1e-3.");
    this.momentum = checkOption(owner, "momentum", options.momentum ?? 0, { min: 0, max: 1, maxExclusive: true }, "Use 0 ≤ momentum < 1, e.g. 0.9.");
    this.decay = checkOption(owner, "decay", options.decay ?? 0.95, { min: 0, max: 1, maxExclusive: true }, "Use 0 ≤ decay < 1, e.g. 0.95.");
    this.batchSize = checkOption(owner, "batchSize", options.batchSize ?? data.y.length, { min: 1, max: data.y.length }, `Use a whole number from 1 to ${data.y.length}.`);
    this.fisher = options.fisher ?? "exact";
    if (this.fisher !== "exact" && this.fisher !== "empirical") throw new RangeError(`${owner}: fisher must be "exact" or "empirical", got ${JSON.stringify(options.fisher)}.`);
    this.r = rng(options.seed ?? 0);
    this.params = params;
    this.state = { step: 0, A: [], G: [], velocity: null, direction: null };
  }

  /** A_l and G_l of one batch at the current θ (not averaged). */
  batchFactors(batch: ArrayLike<number>): { A: Matrix[]; G: Matrix[] } {
    const { sizes } = this.stack;
    const L = sizes.length - 1;
    // Accumulate in flat arrays (ml-matrix's get/set per entry costs ~10× a typed-array access).
    const A = Array.from({ length: L }, (_, l) => new Float64Array((sizes[l] + 1) ** 2));
    const G = Array.from({ length: L }, (_, l) => new Float64Array(sizes[l + 1] ** 2));
    const w = 1 / batch.length;
    for (let t = 0; t < batch.length; t++) {
      const i = batch[t];
      const cache = forwardLayers(this.stack, this.params, this.data.X[i]);
      const outs = this.fisher === "exact" ? outputHessianFactor(this.stack, cache) : [outputLoss(this.stack, cache, this.data.y[i]).delta];
      for (let l = 0; l < L; l++) addOuter(A[l], cache.inputs[l], w);
      for (const u of outs) {
        const deltas = backwardLayers(this.stack, this.params, cache, u);
        for (let l = 0; l < L; l++) addOuter(G[l], deltas[l], w);
      }
    }
    const square = (a: Float64Array, n: number) => Matrix.from1DArray(n, n, a);
    return { A: A.map((a, l) => square(a, sizes[l] + 1)), G: G.map((g, l) => square(g, sizes[l + 1])) };
  }

  /**
   * The Kronecker approximation of layer l's curvature block in θ's layout (row-major W̄, so
   * entry ((i,j),(i′,j′)) = G[i][i′]·A[j][j′], i.e. G ⊗ A), undamped, from the current factors.
   */
  kroneckerBlock(l: number): Matrix {
    const A = this.state.A[l], G = this.state.G[l];
    if (!A || !G) throw new RangeError(`KFAC.kroneckerBlock: no factors for layer ${l} yet; take a step first (layers 0 … ${this.stack.sizes.length - 2}).`);
    return kron(G, A);
  }

  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    checkOption(this.name, "damping", this.damping, { min: 0 }, "Use λ ≥ 0.");
    const s = this.state;
    const n = this.data.y.length;
    const batch = this.batchSize === n ? this.data.y.map((_, i) => i) : Array.from({ length: this.batchSize }, () => this.r.int(0, n - 1));
    const { A, G } = this.batchFactors(batch);
    if (s.step === 0) {
      s.A = A;
      s.G = G;
    } else {
      const e = this.decay;
      s.A = s.A.map((M, l) => M.mul(e).add(A[l].mul(1 - e)));
      s.G = s.G.map((M, l) => M.mul(e).add(G[l].mul(1 - e)));
    }
    const pi = Math.sqrt(this.damping);
    const { sizes, offsets } = this.stack;
    const d = new Float64Array(this.params.length);
    for (let l = 0; l < sizes.length - 1; l++) {
      const rows = sizes[l + 1], cols = sizes[l] + 1, off = offsets[l];
      const gradW = new Matrix(rows, cols);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) gradW.set(i, j, grad[off + i * cols + j]);
      const left = cholesky(s.G[l], pi, `layer ${l + 1}'s G (${rows} × ${rows})`, s.step);
      const right = cholesky(s.A[l], pi, `layer ${l + 1}'s A (${cols} × ${cols})`, s.step);
      // (G + πI)⁻¹ ∇W (A + πI)⁻¹, as two solves; A is symmetric, so X(A + πI)⁻¹ = ((A + πI)⁻¹Xᵀ)ᵀ.
      const X = left.solve(gradW);
      const P = right.solve(X.transpose()).transpose();
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) d[off + i * cols + j] = P.get(i, j);
    }
    let step: Float64Array = d;
    if (this.momentum > 0) {
      const v = s.velocity ?? new Float64Array(d.length);
      for (let i = 0; i < d.length; i++) v[i] = this.momentum * v[i] + d[i];
      s.velocity = v;
      step = v;
    }
    for (let i = 0; i < d.length; i++) this.params[i] -= this.lr * step[i];
    s.direction = d;
    s.step++;
  }
}

/** M += w·vvᵀ for a row-major n × n array M. */
function addOuter(M: Float64Array, v: ArrayLike<number>, w: number): void {
  const n = v.length;
  for (let a = 0; a < n; a++) {
    const va = v[a] * w;
    if (va === 0) continue;
    const row = a * n;
    for (let b = 0; b < n; b++) M[row + b] += va * v[b];
  }
}

function cholesky(M: Matrix, pi: number, what: string, step: number): CholeskyDecomposition {
  // Symmetrise: the outer products are summed in floating point, so M may be off by an ulp.
  const D = M.clone().add(M.transpose()).mul(0.5).add(Matrix.eye(M.rows, M.rows).mul(pi));
  const c = new CholeskyDecomposition(D);
  let ok = c.isPositiveDefinite();
  if (ok) {
    let maxDiag = 0;
    for (let i = 0; i < D.rows; i++) maxDiag = Math.max(maxDiag, D.get(i, i));
    const L = c.lowerTriangularMatrix;
    for (let i = 0; i < D.rows; i++) if (L.get(i, i) ** 2 <= D.rows * Number.EPSILON * maxDiag) ok = false;
  }
  if (!ok) {
    throw new RangeError(
      `KFAC step ${step}: ${what} + √λ·I is singular to working precision (√λ = ${fmt(pi)}); the factor is only PSD (e.g. a unit that never varies over the batch). Use damping > 0, e.g. damping: 1e-3.`,
    );
  }
  return c;
}

/** The Kronecker product A ⊗ B. */
export function kron(A: Matrix, B: Matrix): Matrix {
  const K = new Matrix(A.rows * B.rows, A.columns * B.columns);
  for (let i = 0; i < A.rows; i++)
    for (let j = 0; j < A.columns; j++) {
      const a = A.get(i, j);
      for (let p = 0; p < B.rows; p++) for (let q = 0; q < B.columns; q++) K.set(i * B.rows + p, j * B.columns + q, a * B.get(p, q));
    }
  return K;
}
