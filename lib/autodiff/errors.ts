/**
 * The engine's named errors. Each one says which node, which op and which value went wrong,
 * and how to fix it, instead of letting a NaN travel silently to the loss.
 */

/**
 * An elementary function was applied outside the set where it is defined and differentiable:
 * `log` of x ≤ 0, division by 0, `sqrt` of x < 0 (or at 0, where its slope 1/(2√x) is
 * infinite), a negative base to a non-integer power, and the like.
 *
 * Thrown at the moment the node would be created (the forward pass), so the stack points at
 * the line that built it. Tapes created with `new Tape({ ieee: true })` let IEEE 754 results
 * (−Infinity, NaN) through instead.
 */
export class AutodiffDomainError extends RangeError {
  override readonly name = "AutodiffDomainError";
  /**
   * @param op the op that was applied, e.g. `"log"`
   * @param value the offending operand value
   * @param label how the offending operand is known: its label, else `#id (op)`
   * @param problem what is wrong, e.g. `"needs x > 0"`
   * @param fix what to do about it
   */
  constructor(
    readonly op: string,
    readonly value: number,
    readonly label: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${op}: ${problem}, got ${value} (operand ${label}). ${fix}`);
  }
}

/**
 * A NaN or an infinity appeared in a forward (primal), tangent or backward (adjoint) pass.
 * `node` is the first node, in that pass's execution order, whose number is not finite.
 */
export class AutodiffNaNError extends RangeError {
  override readonly name = "AutodiffNaNError";
  /**
   * @param pass which pass found it
   * @param node the tape index of the first bad node
   * @param label how that node is known: its label, else `#id (op)`
   * @param value the bad number (NaN, Infinity or −Infinity)
   * @param detail where the bad number came from and what to do (default: generic advice for the pass)
   */
  constructor(
    readonly pass: "forward" | "tangent" | "backward",
    readonly node: number,
    readonly label: string,
    readonly value: number,
    detail?: string,
  ) {
    super(
      `${pass} pass: ${value} first appeared at node ${label}. ` +
        (detail ??
          (pass === "forward"
            ? "Check that node's inputs (an overflow such as exp of a large number, or a NaN/Infinity input)."
            : "An adjoint or tangent overflowed: rescale the inputs or the loss.")),
    );
  }
}

/**
 * A node or tape was used when it could not give a right answer: the tape was reset, rewound
 * or freed after the node was made, two operands live on different tapes, or (stale graph) an
 * input was assigned (`x.data = …`) after the output was computed from it.
 */
export class AutodiffTapeError extends Error {
  override readonly name = "AutodiffTapeError";
}
