// GENERATED from solutions/matrix-calculus.ts by `npm run exercises` (fingerprint 60097717d6f8f8e6). This is your copy to edit.
// Replace each `throw new Error("not implemented yet: …")` with your code, then run the check(...) cell of the lesson or `npm run grade`.
/**
 * Lesson 3, Vector and matrix calculus: the Jacobian of a linear map and the two gradients of
 * z = ‖Aᵀx‖² (CS 182 Discussion 2 (Berkeley), Problems 5–7), on plain arrays.
 *
 * Layout (the lesson's convention): a matrix is an array of rows, `A[i][j]` = Aᵢⱼ; a gradient
 * has the shape of what it differentiates with respect to; a Jacobian is outputs × inputs.
 *
 * @lesson 3
 */

/**
 * The Jacobian of y = Aᵀx with respect to x, in numerator layout (rows = outputs):
 * J[j][i] = ∂yⱼ/∂xᵢ = Aᵢⱼ, so J = Aᵀ, an n × d array for A of shape d × n. (The Discussion 2
 * notes use the transposed layout and so write the answer as A.)
 *
 * @param A a d × n matrix (array of d rows of n numbers)
 * @param x a vector of length d (the Jacobian of a linear map does not depend on it, but a
 *   wrong length is still an error)
 * @returns a new n × d array
 * @throws RangeError for an empty or ragged A, or x of the wrong length
 */
export function jacobianOfLinearMap(A: number[][], x: number[]): number[][] {
  throw new Error("not implemented yet: jacobianOfLinearMap (lesson 3)");
}

/**
 * The gradient of z = ‖Aᵀx‖² with respect to x, by the chain rule:
 * ∇ₓz = Jᵀ ∇_y z = A (2y) = 2AAᵀx, with y = Aᵀx. A vector of length d, like x.
 *
 * @param A a d × n matrix
 * @param x a vector of length d
 * @returns a new array of length d
 * @throws RangeError for an empty or ragged A, or x of the wrong length
 */
export function gradWrtX(A: number[][], x: number[]): number[] {
  throw new Error("not implemented yet: gradWrtX (lesson 3)");
}

/**
 * The gradient of z = ‖Aᵀx‖² with respect to the matrix A: ∂z/∂Aᵢⱼ = 2xᵢyⱼ with y = Aᵀx,
 * so ∇_A z = 2xyᵀ = 2xxᵀA, a d × n matrix with the shape of A.
 *
 * @param A a d × n matrix
 * @param x a vector of length d
 * @returns a new d × n array
 * @throws RangeError for an empty or ragged A, or x of the wrong length
 */
export function gradWrtA(A: number[][], x: number[]): number[][] {
  throw new Error("not implemented yet: gradWrtA (lesson 3)");
}

