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
  // BEGIN SOLUTION
  const [d, n] = checkShapes("jacobianOfLinearMap", A, x);
  return Array.from({ length: n }, (_, j) => Array.from({ length: d }, (_, i) => A[i][j]));
  // END SOLUTION
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
  // BEGIN SOLUTION
  const [d, n] = checkShapes("gradWrtX", A, x);
  const y = Array.from({ length: n }, (_, j) => A.reduce((s, row, i) => s + row[j] * x[i], 0));
  return Array.from({ length: d }, (_, i) => 2 * A[i].reduce((s, aij, j) => s + aij * y[j], 0));
  // END SOLUTION
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
  // BEGIN SOLUTION
  const [d, n] = checkShapes("gradWrtA", A, x);
  const y = Array.from({ length: n }, (_, j) => A.reduce((s, row, i) => s + row[j] * x[i], 0));
  return Array.from({ length: d }, (_, i) => y.map((yj) => 2 * x[i] * yj));
  // END SOLUTION
}

// BEGIN SOLUTION
/** [d, n] for a non-empty rectangular d × n matrix A and x of length d; a clear error otherwise. */
function checkShapes(fn: string, A: number[][], x: number[]): [number, number] {
  if (!Array.isArray(A) || A.length === 0 || !Array.isArray(A[0]) || A[0].length === 0) {
    throw new RangeError(`${fn}: A must be a non-empty matrix given as an array of rows, e.g. [[1, 2], [3, 4]].`);
  }
  const n = A[0].length;
  A.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) throw new RangeError(`${fn}: A row ${i} has ${row?.length} entries but row 0 has ${n}; every row must have the same length.`);
  });
  if (!Array.isArray(x) || x.length !== A.length) {
    throw new RangeError(`${fn}: x has length ${Array.isArray(x) ? x.length : String(x)} but A has ${A.length} rows; x must have one entry per row of A.`);
  }
  return [A.length, n];
}
// END SOLUTION
