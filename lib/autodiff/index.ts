/**
 * The scalar automatic-differentiation engine: one import for notebooks and `lib/nn`.
 * In a notebook write the file name out (`./lib/autodiff/index`): tslab does not resolve a
 * folder import to its index.ts.
 *
 * ```ts
 * import { value, log, sin } from "./lib/autodiff/index";
 * const x1 = value(2, "x1"), x2 = value(5, "x2");
 * const y = log(x1).add(x1.mul(x2)).sub(sin(x2)); // Baydin et al. 2018's example
 * y.backward();
 * x1.grad; // 5.5
 * ```
 */
export { Value } from "./value";
export { Tape, currentTape, withTape, resetTape, DEFAULT_WARN_NODES, type TapeOptions, type BackwardOptions, type PassCounts } from "./tape";
export { OP, OP_NAMES, type OpName } from "./ops";
export { AutodiffDomainError, AutodiffNaNError, AutodiffTapeError } from "./errors";
export {
  value, constant, add, sub, mul, div, pow, neg, exp, log, sin, cos, tanh, sigmoid, relu, sqrt, abs,
  sum, dot, backward, gradients, type Scalar,
} from "./functions";
export { jvp, gradientByForwardMode } from "./forward";
export { trace, Trace, TraceTable, type TraceRow, type TraceOptions } from "./trace";
export { drawGraph, graphSvg, type GraphOptions } from "./graph";
export { graphLayout, type GraphLayout, type GraphNode, type GraphEdge, type LayoutOptions } from "./graph-layout";
export { gradCheck, GradCheck, type GradCheckRow, type GradCheckOptions } from "./gradcheck";
export { countCost, costTable, layeredNetwork, chain, type CostCount, type CostRow, type Network } from "./cost";
export { baydinExample, seed004Example, type Example } from "./examples";
export { formatNumber } from "./format";
