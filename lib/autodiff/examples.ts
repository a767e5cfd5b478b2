/**
 * The worked examples of the NN optimization slides ("Auto-differentiation"), written so that the engine's node
 * numbering matches the text.
 */
import type { Value } from "./value";
import { log, sin, exp } from "./functions";

/** A function of named inputs at a point, ready for `trace(f, point)` or `gradCheck(f, point)`. */
export interface Example {
  /** What the function is, in words and symbols. */
  title: string;
  f: (...xs: Value[]) => Value;
  point: Record<string, number>;
}

/**
 * Baydin et al. 2018's running example (Tables 2–3; the NN optimization slides):
 * y = f(x₁, x₂) = ln x₁ + x₁x₂ − sin x₂ at (x₁, x₂) = (2, 5). The nodes are created in the
 * paper's order: v₁ = ln v₋₁, v₂ = v₋₁ × v₀, v₃ = sin v₀, v₄ = v₁ + v₂, v₅ = v₄ − v₃.
 */
export const baydinExample: Example = {
  title: "y = ln x₁ + x₁x₂ − sin x₂",
  f: (x1, x2) => {
    const v1 = log(x1);
    const v2 = x1.mul(x2);
    const v3 = sin(x2);
    const v4 = v1.add(v2);
    return v4.sub(v3);
  },
  point: { x1: 2, x2: 5 },
};

/**
 * The NN optimization slides' computation-graph example
 * f(w₁, w₂) = (sin(2πw₁/w₂) + 3w₁/w₂ − exp(2w₂))·(3w₁/w₂ − exp(2w₂)), built step by step as in
 * the slides: z₁ = w₁·w₂⁻¹, z₂ = sin(2πz₁), z₃ = exp(2w₂), z₄ = 3z₁ − z₃, z₅ = z₂ + z₄,
 * z₆ = z₅·z₄. (Multiplications by the constants 2π, 2 and 3 are nodes of their own here.)
 * The slides give no point; (1, 0.75) keeps every term visible.
 */
export const slidesExample: Example = {
  title: "f(w₁, w₂) = (sin(2πw₁/w₂) + 3w₁/w₂ − exp(2w₂))·(3w₁/w₂ − exp(2w₂))",
  f: (w1, w2) => {
    const z1 = w1.mul(w2.pow(-1));
    const z2 = sin(z1.mul(2 * Math.PI));
    const z3 = exp(w2.mul(2));
    const z4 = z1.mul(3).sub(z3);
    const z5 = z2.add(z4);
    return z5.mul(z4);
  },
  point: { w1: 1, w2: 0.75 },
};

/**
 * The same example as {@link slidesExample}, under its old name (from the course's internal
 * source numbering, which students never see).
 * @deprecated Use {@link slidesExample}.
 */
export const seed004Example: Example = slidesExample;
