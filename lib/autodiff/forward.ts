/**
 * Forward mode over the same tape (Baydin et al. 2018, Table 2 right; the NN optimization slides). A tangent
 * pass pushes a direction ẋ through the graph in creation order,
 * v̇ᵢ = Σⱼ ∂vᵢ/∂vⱼ · v̇ⱼ, giving the directional derivative ẏ = ∇f(x)·ẋ of every node in one
 * pass. A full gradient needs one pass per input (n passes), against one reverse pass.
 */
import type { Value } from "./value";

/**
 * Directional derivative of `out` along the given input tangents (one forward-mode pass over
 * `out` and the nodes it depends on). Afterwards each of those nodes' `.tangent` holds its v̇;
 * other nodes keep theirs.
 * @param seeds [input, ẋ] pairs with finite ẋ; inputs not listed get ẋ = 0.
 * @example jvp(y, [[x1, 1]]) // ∂y/∂x₁
 */
export function jvp(out: Value, seeds: Iterable<readonly [Value, number]>): number {
  out.tape.jvp(seeds, out);
  return out.tangent;
}

/**
 * The gradient ∇out with respect to `inputs` by n forward-mode passes, seeding ẋ = eᵢ
 * for i = 1 … n. Equal to the reverse-mode gradient; costs n tangent passes instead of one
 * adjoint pass, which is why reverse mode wins for many inputs and one output.
 */
export function gradientByForwardMode(out: Value, inputs: readonly Value[]): number[] {
  return inputs.map((x) => jvp(out, [[x, 1]]));
}
