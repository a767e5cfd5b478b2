/**
 * The elementary operations the engine knows, as small integer codes stored on the tape.
 *
 * They cover the NN optimization slides' computation model ("Computation Model"): type 1 affine maps
 * (`add`, `sub`, `neg`, `sum`, multiplication by a constant), type 2 products and powers
 * (`mul`, `div`, `pow`, `dot`) and type 3 one-dimensional functions (`exp`, `log`, `sin`, `cos`,
 * `tanh`, `sigmoid`, `relu`, `sqrt`, `abs`). `input` and `const` are the leaves.
 */

/** Op code of every node kind (one byte per node on the tape). */
export const OP = {
  input: 0,
  const: 1,
  add: 2,
  sub: 3,
  mul: 4,
  div: 5,
  neg: 6,
  pow: 7,
  exp: 8,
  log: 9,
  sin: 10,
  cos: 11,
  tanh: 12,
  sigmoid: 13,
  relu: 14,
  sqrt: 15,
  abs: 16,
  sum: 17,
  dot: 18,
} as const;

/** The name of an op, e.g. `"mul"`; `Value.op` returns one of these. */
export type OpName = keyof typeof OP;

/** Op names indexed by op code. */
export const OP_NAMES: readonly OpName[] = (Object.keys(OP) as OpName[]).sort((a, b) => OP[a] - OP[b]);

/** True for the leaves of a graph: inputs (differentiated) and constants (not differentiated). */
export function isLeafOp(code: number): boolean {
  return code === OP.input || code === OP.const;
}
