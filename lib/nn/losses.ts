/**
 * Loss functions on engine nodes, named after torch.nn's (`CrossEntropyLoss`,
 * `BCEWithLogitsLoss`, `MSELoss`), each written in its numerically stable form so that no
 * `log 0` or `exp` overflow reaches the engine (which would stop with a named error).
 *
 * Each returns the loss of one example as a `Value`; average a batch with {@link meanLoss}.
 */
import type { Value } from "../autodiff/value";
import { sum } from "../autodiff/functions";

function checkLogits(fn: string, logits: readonly Value[]): void {
  if (!Array.isArray(logits) || logits.length === 0) {
    throw new RangeError(`${fn}: expected a non-empty array of output nodes (the network's logits), got ${Array.isArray(logits) ? "[]" : String(logits)}.`);
  }
}

/**
 * Softmax followed by cross-entropy, from the logits z (Lecture 8 notes §5):
 * ℓ = −Σᵢ yᵢ log softmax(z)ᵢ = logsumexp(z) − Σᵢ yᵢ zᵢ  (when Σᵢ yᵢ = 1),
 * with logsumexp(z) = m + log Σᵢ e^{zᵢ−m} and m = max z. m enters as a constant: the identity
 * holds for any m, so the gradient, softmax(z) − y (δʸ = ŷ − y), is exact, while every
 * exponent is ≤ 0 and cannot overflow.
 *
 * @param logits the network's outputs z (before any softmax)
 * @param target the true class index (0..k−1), or a probability vector y of length k
 *   (one-hot in the seed)
 */
export function crossEntropyLoss(logits: readonly Value[], target: number | readonly number[]): Value {
  const fn = "crossEntropyLoss";
  checkLogits(fn, logits);
  const k = logits.length;
  let y: readonly number[];
  if (typeof target === "number") {
    if (!Number.isSafeInteger(target) || target < 0 || target >= k) {
      throw new RangeError(`${fn}: the target class must be a whole number in 0..${k - 1} (one per logit), got ${target}.`);
    }
    y = Array.from({ length: k }, (_, i) => (i === target ? 1 : 0));
  } else {
    if (!Array.isArray(target) || target.length !== k) {
      throw new RangeError(`${fn}: a target vector needs one entry per logit (${k}), got ${JSON.stringify(target)}.`);
    }
    const s = target.reduce((a, b) => a + b, 0);
    if (target.some((v) => !Number.isFinite(v) || v < 0) || Math.abs(s - 1) > 1e-9) {
      throw new RangeError(`${fn}: a target vector must be one-hot or a probability vector (entries ≥ 0 summing to 1), got [${target.join(", ")}].`);
    }
    y = target;
  }
  const m = logits.reduce((a, z) => Math.max(a, z.data), -Infinity);
  const lse = sum(logits.map((z) => z.sub(m).exp())).log().add(m);
  const picked = sum(logits.flatMap((z, i) => (y[i] === 0 ? [] : [y[i] === 1 ? z : z.mul(y[i])])));
  return lse.sub(picked);
}

/**
 * Binary cross-entropy on a logit z with target y ∈ [0, 1] (the negative log-likelihood of a
 * sigmoid output; the NN optimization slides with the sign that is minimised):
 * ℓ = −[y log σ(z) + (1 − y) log(1 − σ(z))] = softplus(z) − y·z,
 * softplus(z) = max(z, 0) + log(1 + e^{−|z|}). The branch on the sign of z only picks which
 * of two equal formulas to evaluate, so the gradient σ(z) − y is exact and e^{…} never overflows.
 */
export function bceWithLogitsLoss(logit: Value, target: number): Value {
  const fn = "bceWithLogitsLoss";
  if (logit === null || typeof logit !== "object" || typeof (logit as Value).data !== "number") {
    throw new TypeError(`${fn}: expected one output node (a Value), got ${String(logit)}. For a network with one output pass outputs[0].`);
  }
  if (typeof target !== "number" || !(target >= 0 && target <= 1)) {
    throw new RangeError(`${fn}: the target must be a number in [0, 1] (a class 0 or 1), got ${String(target)}.`);
  }
  const softplus = logit.data >= 0 ? logit.add(logit.neg().exp().add(1).log()) : logit.exp().add(1).log();
  return target === 0 ? softplus : softplus.sub(logit.mul(target));
}

/**
 * Mean squared error over the outputs: ℓ = (1/k) Σᵢ (oᵢ − tᵢ)².
 * @param outputs one node or k nodes
 * @param targets one number or k numbers
 */
export function mseLoss(outputs: Value | readonly Value[], targets: number | readonly number[]): Value {
  const fn = "mseLoss";
  const o = Array.isArray(outputs) ? (outputs as readonly Value[]) : [outputs as Value];
  const t = typeof targets === "number" ? [targets] : targets;
  checkLogits(fn, o);
  if (!Array.isArray(t) || t.length !== o.length || !t.every(Number.isFinite)) {
    throw new RangeError(`${fn}: need one finite target per output (${o.length}), got ${JSON.stringify(targets)}.`);
  }
  return sum(o.map((oi, i) => oi.sub(t[i]).pow(2))).div(o.length);
}

/** The mean of per-example losses, R = (1/B) Σₖ ℓₖ: the empirical risk of a batch (Lecture 8 notes §5). */
export function meanLoss(losses: readonly Value[]): Value {
  if (!Array.isArray(losses) || losses.length === 0) throw new RangeError("meanLoss: no losses to average (the batch is empty).");
  return sum(losses).div(losses.length);
}
