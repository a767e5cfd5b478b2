/**
 * Lesson 7, Second-order methods: a damped Newton step solved through a Cholesky factorisation,
 * the trust-region ratio ρ, and the radius update that uses it.
 *
 * @lesson 7
 */

/**
 * One damped Newton step (the Topic 4 slides, "Trust regions and damping"):
 *
 *     θ⁺ = θ − (H + λI)⁻¹ g
 *
 * with g = ∇f(θ), H = ∇²f(θ) and λ = `damping` ≥ 0 (λ = 0 is plain Newton). Solve the linear
 * system (H + λI)d = −g; do not form an inverse. The Cholesky factorisation H + λI = LLᵀ is the
 * natural way: it exists exactly when H + λI is positive definite, which is exactly when the
 * step is guaranteed to go downhill, so it doubles as the check.
 *
 * Cholesky, for A = H + λI (n × n): for j = 0 … n−1,
 *   Lⱼⱼ = √(Aⱼⱼ − Σ_{k<j} Lⱼₖ²)   (if the number under the root is ≤ 0, A is not positive definite)
 *   Lᵢⱼ = (Aᵢⱼ − Σ_{k<j} Lᵢₖ Lⱼₖ) / Lⱼⱼ   for i > j;
 * then solve Ly = −g (forward substitution) and Lᵀd = y (back substitution).
 *
 * Returns θ⁺ as a new array; the inputs are left untouched.
 *
 * @param theta the current point θ (length n)
 * @param grad the gradient g at θ (length n)
 * @param hessian the Hessian H at θ, n rows of n numbers (symmetric)
 * @param damping λ ≥ 0 added to H's diagonal
 * @throws RangeError mentioning `damping` when λ < 0 or not finite; mentioning "positive
 *   definite" when H + λI is not (say: use a larger damping); mentioning "length" when the
 *   sizes do not match
 */
export function dampedNewtonStep(theta: number[], grad: number[], hessian: number[][], damping: number): number[] {
  // BEGIN SOLUTION
  const n = theta.length;
  if (typeof damping !== "number" || !Number.isFinite(damping) || damping < 0) {
    throw new RangeError(`dampedNewtonStep: damping must be a finite number ≥ 0, got ${damping}.`);
  }
  if (grad.length !== n || hessian.length !== n || hessian.some((row) => row.length !== n)) {
    throw new RangeError(`dampedNewtonStep: theta has length ${n}; grad must have the same length and the Hessian must be ${n} × ${n}.`);
  }
  const L = choleskyFactor(hessian.map((row, i) => row.map((h, j) => (i === j ? h + damping : h))));
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = -grad[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
    y[i] = s / L[i][i];
  }
  const d = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k][i] * d[k];
    d[i] = s / L[i][i];
  }
  return theta.map((t, i) => t + d[i]);
  // END SOLUTION
}

// BEGIN SOLUTION
/** The lower-triangular L with A = LLᵀ, or a RangeError when A is not positive definite. */
function choleskyFactor(A: number[][]): number[][] {
  const n = A.length;
  const L = A.map(() => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let s = A[j][j];
    for (let k = 0; k < j; k++) s -= L[j][k] * L[j][k];
    if (!(s > 0)) {
      throw new RangeError(`dampedNewtonStep: H + λI is not positive definite (pivot ${j} is ${s}); use a larger damping λ.`);
    }
    L[j][j] = Math.sqrt(s);
    for (let i = j + 1; i < n; i++) {
      let t = A[i][j];
      for (let k = 0; k < j; k++) t -= L[i][k] * L[j][k];
      L[i][j] = t / L[j][j];
    }
  }
  return L;
}
// END SOLUTION

/**
 * The trust-region ratio of a trial step p (the "actual / predicted reduction" of lesson 7 §3):
 *
 *     ρ = (f(θ) − f(θ + p)) / (m(0) − m(p)),     m(0) − m(p) = −(gᵀp + ½ pᵀHp)
 *
 * where m is the quadratic model f(θ) + gᵀp + ½pᵀHp. ρ ≈ 1 means the model was right about this
 * step; ρ small or negative means it promised more than f delivered.
 *
 * @param fOld f(θ)
 * @param fNew f(θ + p)
 * @param grad g = ∇f(θ) (length n)
 * @param hessian H = ∇²f(θ), n × n
 * @param step the trial step p (length n)
 * @throws RangeError mentioning "predicted" when the model predicts no decrease (m(0) − m(p) ≤ 0),
 *   where the ratio means nothing
 */
export function trustRegionRatio(fOld: number, fNew: number, grad: number[], hessian: number[][], step: number[]): number {
  // BEGIN SOLUTION
  const n = step.length;
  let gp = 0, pHp = 0;
  for (let i = 0; i < n; i++) {
    gp += grad[i] * step[i];
    for (let j = 0; j < n; j++) pHp += step[i] * hessian[i][j] * step[j];
  }
  const predicted = -(gp + 0.5 * pHp);
  if (!(predicted > 0)) throw new RangeError(`trustRegionRatio: the model's predicted reduction is ${predicted} ≤ 0, so ρ is undefined; the step must be a descent step for the model.`);
  return (fOld - fNew) / predicted;
  // END SOLUTION
}

/**
 * The radius update of the basic trust-region method (Nocedal & Wright, Algorithm 4.1):
 *
 * - ρ < ¼: the model was poor; shrink, Δ⁺ = ¼Δ;
 * - ρ > ¾ and the step reached the boundary (‖p‖ = Δ, up to a relative 1e-9): the model was
 *   good and the ball held it back; grow, Δ⁺ = min(2Δ, Δ_max);
 * - otherwise keep Δ⁺ = Δ.
 *
 * @param rho the ratio ρ of the last step
 * @param radius the radius Δ > 0 the last step was taken with
 * @param stepNorm ‖p‖ of the last step (≤ Δ)
 * @param maxRadius Δ_max ≥ Δ
 * @returns Δ⁺
 */
export function updateRadius(rho: number, radius: number, stepNorm: number, maxRadius: number): number {
  // BEGIN SOLUTION
  if (rho < 0.25) return 0.25 * radius;
  if (rho > 0.75 && stepNorm >= radius * (1 - 1e-9)) return Math.min(2 * radius, maxRadius);
  return radius;
  // END SOLUTION
}
