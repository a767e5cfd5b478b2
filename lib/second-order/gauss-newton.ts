/**
 * Curvature matrices that are positive semi-definite where the Hessian is not: the
 * Gauss–Newton matrix, the generalized Gauss–Newton (GGN) and the empirical Fisher, from the
 * Topic 4 slides (Deep Learning and Neural Networks), "Alternative Curvature Matrices", and a
 * Gauss–Newton / natural-gradient optimizer that steps with them.
 *
 * For a loss f(θ) = (1/n) Σᵢ ℓ(zᵢ(θ), yᵢ) of model outputs zᵢ with Jacobians Jᵢ = ∂zᵢ/∂θ,
 *
 *     ∇²f = (1/n) Σᵢ JᵢᵀHᵢJᵢ + (1/n) Σᵢ Σ_c (∂ℓ/∂z_c) ∇²z_{i,c},     Hᵢ = ∇²_z ℓ,
 *
 * and dropping the second sum leaves the GGN G = (1/n) Σᵢ JᵢᵀHᵢJᵢ, which is PSD whenever ℓ is
 * convex in z (Hᵢ ⪰ 0), whatever the model. For least squares ℓ = ½r², H = 1 and G = JᵀJ/n, the
 * Gauss–Newton matrix; when z is linear in θ the dropped term is 0 and G IS the Hessian (linear
 * least squares; logistic regression). For softmax cross-entropy Hᵢ = diag(p) − ppᵀ, the
 * Fisher information of the model's predictive distribution, so there the GGN is the Fisher.
 * The empirical Fisher F̃ = (1/n) Σᵢ gᵢgᵢᵀ (gᵢ = ∇ℓᵢ at the true labels) is PSD by construction;
 * it is not the Fisher (Kunstner et al. 2019 show where it misleads), but it is cheap.
 *
 * A model here says, per example, its loss, its gradient gᵢ and the columns vᵢ,c = Jᵢᵀuᵢ,c of a
 * factor of JᵢᵀHᵢJᵢ = Σ_c vᵢ,c vᵢ,cᵀ (u_c a factor of Hᵢ); then every matrix is a sum of outer
 * products and PSD in exact arithmetic, and the tests check it to rounding (λ_min ≥ −1e-12).
 */
import { Matrix } from "ml-matrix";
import type { Optimizer } from "../optim/optimizer";
import { checkOption } from "../optim/optimizer";
import { checkStep } from "../optim/base";
import type { MLP } from "../nn/mlp";
import type { Dataset } from "../data/dataset";
import { accumulateGradient, backwardLayers, denseStackOf, forwardLayers, outputHessianFactor, outputLoss, type DenseStack, type LayerLoss } from "./mlp-layers";
import { checkSquare, solveDamped } from "./spd";

/** One example's contribution: loss ℓᵢ, gradient gᵢ, and GGN factor columns vᵢ,c (Σ_c vvᵀ = JᵢᵀHᵢJᵢ). */
export interface ExampleCurvature {
  loss: number;
  grad: Float64Array;
  ggnFactors: Float64Array[];
}

/** A finite-sum loss f = (1/n) Σᵢ ℓᵢ that can give per-example curvature factors. */
export interface CurvatureModel {
  readonly name: string;
  /** Number of parameters. */
  readonly dim: number;
  /** Number of examples n. */
  readonly examples: number;
  /** Example i at θ. */
  example(theta: Float64Array, i: number): ExampleCurvature;
}

function checkTheta(owner: string, model: CurvatureModel, theta: ArrayLike<number>): void {
  if (theta === null || typeof theta !== "object" || theta.length !== model.dim) {
    throw new RangeError(`${owner}: θ must have ${model.dim} entries for model "${model.name}", got ${theta === null || typeof theta !== "object" ? String(theta) : theta.length}.`);
  }
}

function outerSum(vectors: readonly Float64Array[], dim: number, scale: number): Matrix {
  const M = new Matrix(dim, dim);
  for (const v of vectors) {
    for (let a = 0; a < dim; a++) {
      const va = v[a] * scale;
      if (va === 0) continue;
      for (let b = a; b < dim; b++) M.set(a, b, M.get(a, b) + va * v[b]);
    }
  }
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) M.set(a, b, M.get(b, a));
  return M;
}

/** The Gauss–Newton matrix JᵀJ/n of residuals r(θ) ∈ ℝⁿ with Jacobian J (n × d): the curvature of f = (1/2n)‖r‖² without the Σrᵢ∇²rᵢ term. */
export function gaussNewtonFromJacobian(J: Matrix): Matrix {
  if (!(J instanceof Matrix) || J.rows === 0) throw new TypeError("gaussNewtonFromJacobian: J must be a non-empty ml-matrix Matrix (one row per residual).");
  return J.transpose().mmul(J).div(J.rows);
}

/** The GGN (1/n) Σᵢ JᵢᵀHᵢJᵢ from per-example output Jacobians Jᵢ (k × d) and loss Hessians Hᵢ (k × k). */
export function generalizedGaussNewton(jacobians: readonly Matrix[], lossHessians: readonly Matrix[]): Matrix {
  const owner = "generalizedGaussNewton";
  if (!Array.isArray(jacobians) || jacobians.length === 0 || jacobians.length !== lossHessians.length) {
    throw new RangeError(`${owner}: need one loss Hessian per Jacobian and at least one example; got ${jacobians?.length} Jacobians and ${lossHessians?.length} Hessians.`);
  }
  const d = jacobians[0].columns;
  let G = new Matrix(d, d);
  jacobians.forEach((J, i) => {
    checkSquare(owner, `lossHessians[${i}]`, lossHessians[i], J.rows);
    if (J.columns !== d) throw new RangeError(`${owner}: jacobians[${i}] has ${J.columns} columns, jacobians[0] has ${d}.`);
    G = G.add(J.transpose().mmul(lossHessians[i]).mmul(J));
  });
  return G.div(jacobians.length);
}

/** The empirical Fisher (1/n) Σᵢ gᵢgᵢᵀ of per-example gradients gᵢ. */
export function empiricalFisherFromGradients(grads: readonly ArrayLike<number>[]): Matrix {
  if (!Array.isArray(grads) || grads.length === 0) throw new RangeError("empiricalFisherFromGradients: need at least one per-example gradient.");
  const d = grads[0].length;
  grads.forEach((g, i) => {
    if (g.length !== d) throw new RangeError(`empiricalFisherFromGradients: grads[${i}] has length ${g.length}, grads[0] has ${d}.`);
  });
  return outerSum(grads.map((g) => Float64Array.from(g)), d, 1 / grads.length);
}

/** The GGN (1/n) Σᵢ JᵢᵀHᵢJᵢ of a {@link CurvatureModel} at θ (= JᵀJ/n for a residual model). */
export function gaussNewtonMatrix(model: CurvatureModel, theta: Float64Array): Matrix {
  checkTheta("gaussNewtonMatrix", model, theta);
  const factors: Float64Array[] = [];
  for (let i = 0; i < model.examples; i++) factors.push(...model.example(theta, i).ggnFactors);
  return outerSum(factors, model.dim, 1 / model.examples);
}

/** The empirical Fisher (1/n) Σᵢ gᵢgᵢᵀ of a {@link CurvatureModel} at θ. */
export function empiricalFisher(model: CurvatureModel, theta: Float64Array): Matrix {
  checkTheta("empiricalFisher", model, theta);
  const grads: Float64Array[] = [];
  for (let i = 0; i < model.examples; i++) grads.push(model.example(theta, i).grad);
  return outerSum(grads, model.dim, 1 / model.examples);
}

/** f(θ) = (1/n) Σ ℓᵢ and ∇f(θ) of a {@link CurvatureModel}. */
export function modelLossAndGradient(model: CurvatureModel, theta: Float64Array): { loss: number; grad: Float64Array } {
  checkTheta("modelLossAndGradient", model, theta);
  const grad = new Float64Array(model.dim);
  let loss = 0;
  for (let i = 0; i < model.examples; i++) {
    const e = model.example(theta, i);
    loss += e.loss;
    for (let j = 0; j < model.dim; j++) grad[j] += e.grad[j];
  }
  for (let j = 0; j < model.dim; j++) grad[j] /= model.examples;
  return { loss: loss / model.examples, grad };
}

/** Definition of a least-squares model: residuals rᵢ(θ) and their gradients ∇rᵢ(θ). */
export interface ResidualModelSpec {
  name: string;
  dim: number;
  examples: number;
  residual(theta: Float64Array, i: number): number;
  residualGradient(theta: Float64Array, i: number): Float64Array;
}

/** f = (1/n) Σ ½rᵢ(θ)²: gᵢ = rᵢ∇rᵢ, GGN factor ∇rᵢ (H = 1), so its GGN is the Gauss–Newton matrix JᵀJ/n. */
export function residualModel(spec: ResidualModelSpec): CurvatureModel {
  return {
    name: spec.name,
    dim: spec.dim,
    examples: spec.examples,
    example(theta, i) {
      const r = spec.residual(theta, i);
      const dr = spec.residualGradient(theta, i);
      return { loss: 0.5 * r * r, grad: dr.map((v) => r * v), ggnFactors: [Float64Array.from(dr)] };
    },
  };
}

/** Linear least squares rᵢ = xᵢᵀθ − yᵢ: its GGN is exactly its Hessian XᵀX/n. */
export function linearLeastSquaresModel(X: readonly (readonly number[])[], y: readonly number[]): CurvatureModel {
  checkXy("linearLeastSquaresModel", X, y);
  return residualModel({
    name: "linear least squares",
    dim: X[0].length,
    examples: X.length,
    residual: (theta, i) => X[i].reduce((s, v, j) => s + v * theta[j], 0) - y[i],
    residualGradient: (_theta, i) => Float64Array.from(X[i]),
  });
}

/**
 * Logistic regression with labels ±1 (the NN optimization slides' ℓᵢ = log(1 + e^{−yᵢxᵢᵀw})):
 * gᵢ = −σ(−mᵢ)yᵢxᵢ, Hℓ = σ(mᵢ)σ(−mᵢ), GGN factor √(σσ′)·xᵢ. The model is linear in w, so the
 * GGN equals the Hessian (1/n) Σ σ(mᵢ)σ(−mᵢ)xᵢxᵢᵀ.
 */
export function logisticModel(X: readonly (readonly number[])[], y: readonly number[]): CurvatureModel {
  checkXy("logisticModel", X, y);
  y.forEach((v, i) => {
    if (v !== 1 && v !== -1) throw new RangeError(`logisticModel: labels must be +1 or −1 (the slides' convention), y[${i}] = ${v}; map 0/1 labels with 2y − 1.`);
  });
  const sig = (t: number) => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));
  return {
    name: "logistic regression",
    dim: X[0].length,
    examples: X.length,
    example(theta, i) {
      const m = y[i] * X[i].reduce((s, v, j) => s + v * theta[j], 0);
      const loss = Math.max(-m, 0) + Math.log1p(Math.exp(-Math.abs(m)));
      const s = sig(-m);
      const h = Math.sqrt(sig(m) * s);
      return { loss, grad: Float64Array.from(X[i], (v) => -s * y[i] * v), ggnFactors: [Float64Array.from(X[i], (v) => h * v)] };
    },
  };
}

/**
 * lib/nn's MLP on a dataset, at a flat θ in `mlp.parameters()` order (lib/second-order/mlp-layers.ts):
 * gᵢ by backprop, GGN factors Jᵢᵀu_c by backpropagating each column u_c of the output loss
 * Hessian's factor (for cross-entropy this GGN is the Fisher).
 */
export function mlpCurvatureModel(mlp: MLP, data: Dataset, loss: LayerLoss = "auto"): CurvatureModel & { stack: DenseStack } {
  const stack = denseStackOf(mlp, loss);
  const dim = stack.offsets[stack.offsets.length - 1];
  return {
    name: `MLP(${stack.sizes.join("-")}) ${stack.loss}`,
    dim,
    examples: data.y.length,
    stack,
    example(theta, i) {
      const cache = forwardLayers(stack, theta, data.X[i]);
      const out = outputLoss(stack, cache, data.y[i]);
      const grad = new Float64Array(dim);
      accumulateGradient(stack, cache, backwardLayers(stack, theta, cache, out.delta), grad);
      const ggnFactors = outputHessianFactor(stack, cache).map((u) => {
        const v = new Float64Array(dim);
        accumulateGradient(stack, cache, backwardLayers(stack, theta, cache, u), v);
        return v;
      });
      return { loss: out.loss, grad, ggnFactors };
    },
  };
}

function checkXy(owner: string, X: readonly (readonly number[])[], y: readonly number[]): void {
  if (!Array.isArray(X) || X.length === 0 || !Array.isArray(X[0]) || X[0].length === 0) throw new RangeError(`${owner}: X must be a non-empty array of rows.`);
  if (!Array.isArray(y) || y.length !== X.length) throw new RangeError(`${owner}: y has ${y?.length} entries but X has ${X.length} rows; one label per row.`);
  X.forEach((row, i) => {
    if (row.length !== X[0].length) throw new RangeError(`${owner}: X[${i}] has ${row.length} entries, X[0] has ${X[0].length}.`);
  });
}

/** Options of {@link GaussNewton}. */
export interface GaussNewtonOptions {
  /** Step size t in θ ← θ + t·d (default 1). */
  lr?: number;
  /** λ ≥ 0 in d = −(C + λI)⁻¹∇f (default 1e-4): C is only PSD, so some damping is usually needed. */
  damping?: number;
  /** C = the GGN (`"gauss-newton"`, default) or the empirical Fisher (`"empirical-fisher"`, a "natural gradient" step). */
  curvature?: "gauss-newton" | "empirical-fisher";
}

/** What {@link GaussNewton} records. */
export interface GaussNewtonState {
  step: number;
  /** The last direction d. */
  direction: Float64Array | null;
}

/**
 * Gauss–Newton (Levenberg–Marquardt with fixed λ) or empirical-Fisher natural gradient as an
 * {@link Optimizer}: d = −(C(θ) + λI)⁻¹∇f(θ), θ ← θ + lr·d, C from the model at the current θ.
 */
export class GaussNewton implements Optimizer<GaussNewtonState> {
  readonly name: string;
  readonly params: Float64Array;
  lr: number;
  /** λ; may be changed between steps. */
  damping: number;
  readonly state: GaussNewtonState;
  private readonly curvature: "gauss-newton" | "empirical-fisher";

  constructor(params: Float64Array, readonly model: CurvatureModel, options: GaussNewtonOptions = {}) {
    const owner = "GaussNewton";
    if (!(params instanceof Float64Array)) throw new TypeError(`${owner}: params must be a Float64Array, got ${String(params)}.`);
    if (model === null || typeof model !== "object" || typeof model.example !== "function") {
      throw new TypeError(`${owner}: the second argument must be a CurvatureModel (residualModel, logisticModel, mlpCurvatureModel, …).`);
    }
    if (model.dim !== params.length) throw new RangeError(`${owner}: params has length ${params.length} but model "${model.name}" has ${model.dim} parameters.`);
    this.lr = checkOption(owner, "lr", options.lr ?? 1, { min: 0, minExclusive: true }, "Use lr: 1 for the full Gauss–Newton step.");
    this.damping = checkOption(owner, "damping", options.damping ?? 1e-4, { min: 0 }, "λ is added to C's diagonal; use λ ≥ 0, e.g. 1e-4.");
    this.curvature = options.curvature ?? "gauss-newton";
    if (this.curvature !== "gauss-newton" && this.curvature !== "empirical-fisher") {
      throw new RangeError(`${owner}: curvature must be "gauss-newton" or "empirical-fisher", got ${JSON.stringify(options.curvature)}.`);
    }
    this.name = this.curvature === "gauss-newton" ? "GaussNewton" : "NaturalGradient (empirical Fisher)";
    this.params = params;
    this.state = { step: 0, direction: null };
  }

  step(grad: Float64Array): void {
    checkStep(this.name, this.params, grad);
    checkOption(this.name, "damping", this.damping, { min: 0 }, "Use λ ≥ 0.");
    const C = this.curvature === "gauss-newton" ? gaussNewtonMatrix(this.model, this.params) : empiricalFisher(this.model, this.params);
    const d = solveDamped(`${this.name} step ${this.state.step} on "${this.model.name}"`, C, grad, this.damping);
    for (let i = 0; i < d.length; i++) this.params[i] += this.lr * d[i];
    this.state.direction = d;
    this.state.step++;
  }
}
