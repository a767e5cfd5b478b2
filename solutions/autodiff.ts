/**
 * Lesson 9, Automatic differentiation: the three pieces of an autodiff engine, on plain data.
 *
 * 1. `localPartials`: the local partial derivatives of one elementary operation (the NN optimization slides'
 *    computation model: affine maps, products and powers, one-dimensional functions).
 * 2. `reverseAdjoints`: the reverse (adjoint) pass over a tape, v̄ⱼ += v̄ᵢ·∂vᵢ/∂vⱼ
 *    (Baydin et al. 2018, Table 3; the NN optimization slides "Reverse Mode of Automatic Differentiation").
 * 3. `forwardTangents`: the forward (tangent) pass over the same tape, v̇ᵢ = Σⱼ ∂vᵢ/∂vⱼ·v̇ⱼ
 *    (Baydin et al. 2018, Table 2).
 *
 * A tape is an array of {@link TapeNode}s in creation order. Node i lists the indices of the
 * earlier nodes it reads (`inputs`, in order, repeats allowed: x·x lists x twice) and the local
 * partial ∂vᵢ/∂v_input for each of them (`partials`, same length). A node with no inputs is a
 * leaf: an input variable xₖ. Constants need no node; they live inside the partials (3·x is
 * one node with inputs [x] and partials [3]).
 *
 * Baydin's y = ln x₁ + x₁x₂ − sin x₂ at (2, 5) as a tape:
 *
 * ```ts
 * const tape: TapeNode[] = [
 *   { inputs: [], partials: [] },                  // 0: x₁ = 2
 *   { inputs: [], partials: [] },                  // 1: x₂ = 5
 *   { inputs: [0], partials: [1 / 2] },            // 2: ln x₁      ∂/∂x₁ = 1/x₁
 *   { inputs: [0, 1], partials: [5, 2] },          // 3: x₁·x₂      ∂/∂x₁ = x₂, ∂/∂x₂ = x₁
 *   { inputs: [1], partials: [Math.cos(5)] },      // 4: sin x₂     ∂/∂x₂ = cos x₂
 *   { inputs: [2, 3], partials: [1, 1] },          // 5: node2 + node3
 *   { inputs: [5, 4], partials: [1, -1] },         // 6: node5 − node4 = y
 * ];
 * reverseAdjoints(tape, 6);      // [5.5, 1.716, 1, 1, −1, 1, 1]
 * forwardTangents(tape, [1, 0]); // [1, 0, 0.5, 5, 0, 5.5, 5.5]
 * ```
 *
 * @lesson 9
 */

/** The elementary operations of {@link localPartials}. */
export type ElementaryOp =
  | "add" | "sub" | "mul" | "div" | "pow"
  | "exp" | "log" | "sin" | "cos" | "tanh" | "sigmoid" | "relu";

/** One node of a tape: the earlier nodes it reads and the local partial for each of them. */
export interface TapeNode {
  /** Indices of earlier nodes (each < this node's own index), in order; repeats allowed. */
  inputs: number[];
  /** ∂(this node)/∂(input k) for each entry k of `inputs`. */
  partials: number[];
}

/**
 * The local partial derivatives of one elementary operation at the given input values:
 * one number per input, ∂op/∂inputs[k].
 *
 * Two-input ops, inputs [a, b]:
 * - add a + b: [1, 1];  sub a − b: [1, −1]  (type 1, affine: the coefficients)
 * - mul a·b: [b, a];  div a/b: [1/b, −a/b²]  (type 2, products of powers)
 * - pow aᵇ: [b·a^(b−1), aᵇ·ln a]. The second partial needs ln a, so pow needs a base a > 0
 *   (write x² as mul(x, x) instead).
 *
 * One-input ops, inputs [a] (type 3; most derivatives reuse the op's own value):
 * - exp: [eᵃ];  log: [1/a];  sin: [cos a];  cos: [−sin a];
 * - tanh: [1 − tanh²a];  sigmoid: [σ(a)(1 − σ(a))] with σ(a) = 1/(1 + e⁻ᵃ), finite for
 *   every finite a (no NaN at a = ±1000);  relu max(a, 0): [1] if a > 0 else [0] (so relu′(0) = 0,
 *   as in PyTorch).
 *
 * @param op the operation
 * @param inputs its input values: 2 numbers for add/sub/mul/div/pow, 1 for the others
 * @returns a new array of the local partials, one per input
 * @throws RangeError naming the op when the number of inputs is wrong or the op is unknown,
 *   and for points outside the domain: log of a ≤ 0, division by zero, pow with a base ≤ 0
 */
export function localPartials(op: ElementaryOp, inputs: number[]): number[] {
  // BEGIN SOLUTION
  const binary = op === "add" || op === "sub" || op === "mul" || op === "div" || op === "pow";
  const unary = op === "exp" || op === "log" || op === "sin" || op === "cos" || op === "tanh" || op === "sigmoid" || op === "relu";
  if (!binary && !unary) {
    throw new RangeError(`localPartials: unknown op "${op}"; use one of add, sub, mul, div, pow, exp, log, sin, cos, tanh, sigmoid, relu`);
  }
  const arity = binary ? 2 : 1;
  if (inputs.length !== arity) {
    throw new RangeError(`localPartials: ${op} needs ${arity} input${arity === 1 ? "" : "s"}, got ${inputs.length}`);
  }
  const [a, b] = inputs;
  switch (op) {
    case "add":
      return [1, 1];
    case "sub":
      return [1, -1];
    case "mul":
      return [b, a];
    case "div":
      if (b === 0) throw new RangeError(`localPartials: div by zero (the divisor is 0, numerator ${a}); guard the case or add a small epsilon`);
      return [1 / b, -a / (b * b)];
    case "pow": {
      if (!(a > 0)) {
        throw new RangeError(`localPartials: pow needs a base > 0 because ∂aᵇ/∂b = aᵇ·ln a, got base ${a}; for x² use mul(x, x)`);
      }
      const x = Math.pow(a, b);
      return [b * Math.pow(a, b - 1), x * Math.log(a)];
    }
    case "exp":
      return [Math.exp(a)];
    case "log":
      if (!(a > 0)) throw new RangeError(`localPartials: log needs an input > 0, got ${a}`);
      return [1 / a];
    case "sin":
      return [Math.cos(a)];
    case "cos":
      return [-Math.sin(a)];
    case "tanh": {
      const t = Math.tanh(a);
      return [1 - t * t];
    }
    case "sigmoid": {
      // exp of a non-positive number never overflows, so σ stays finite for every finite a.
      const s = a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
      return [s * (1 - s)];
    }
    case "relu":
      return [a > 0 ? 1 : 0];
  }
  // END SOLUTION
}

/**
 * The reverse (adjoint) pass: for every node j, v̄ⱼ = ∂v_output/∂vⱼ.
 *
 * Start from v̄_output = 1 and every other adjoint 0, then visit the nodes from `output` down
 * to 0; for each input edge (i reads j, local partial p) add v̄ᵢ·p to v̄ⱼ. Creation order is a
 * topological order, so when node i is visited every node that reads it has already added its
 * share. An input listed twice (x·x) gets two contributions. Nodes after `output` get 0.
 *
 * @param tape the nodes in creation order (left untouched)
 * @param output the index of the node to differentiate
 * @returns a new array of length `tape.length`: the adjoint of every node
 * @throws RangeError when `output` is not an index of the tape, a node's `partials` and
 *   `inputs` differ in length, or a node reads a node that is not earlier than itself
 */
export function reverseAdjoints(tape: TapeNode[], output: number): number[] {
  // BEGIN SOLUTION
  checkTape("reverseAdjoints", tape);
  if (!Number.isInteger(output) || output < 0 || output >= tape.length) {
    throw new RangeError(`reverseAdjoints: output must be a node index in [0, ${tape.length - 1}], got ${output}`);
  }
  const adjoint = new Array<number>(tape.length).fill(0);
  adjoint[output] = 1;
  for (let i = output; i >= 0; i--) {
    const { inputs, partials } = tape[i];
    for (let k = 0; k < inputs.length; k++) adjoint[inputs[k]] += adjoint[i] * partials[k];
  }
  return adjoint;
  // END SOLUTION
}

/**
 * The forward (tangent) pass: for every node i, v̇ᵢ = Σₖ partials[k]·v̇_{inputs[k]}, visited in
 * creation order, starting from the given tangents of the leaves (nodes with no inputs).
 * With leaf tangents ẋ, the tangent of any node is its directional derivative ∇vᵢ(x)·ẋ; with ẋ
 * the k-th unit vector, the output's tangent is ∂y/∂xₖ.
 *
 * @param tape the nodes in creation order (left untouched)
 * @param inputTangents one tangent per leaf, in tape order (the first leaf gets inputTangents[0])
 * @returns a new array of length `tape.length`: the tangent of every node
 * @throws RangeError when the number of tangents differs from the number of leaves, a node's
 *   `partials` and `inputs` differ in length, or a node reads a node that is not earlier
 */
export function forwardTangents(tape: TapeNode[], inputTangents: number[]): number[] {
  // BEGIN SOLUTION
  checkTape("forwardTangents", tape);
  const leaves = tape.filter((node) => node.inputs.length === 0).length;
  if (inputTangents.length !== leaves) {
    throw new RangeError(`forwardTangents: the tape has ${leaves} leaves (nodes with no inputs) but ${inputTangents.length} input tangents were given; pass one tangent per leaf`);
  }
  const tangent = new Array<number>(tape.length).fill(0);
  let leaf = 0;
  for (let i = 0; i < tape.length; i++) {
    const { inputs, partials } = tape[i];
    if (inputs.length === 0) {
      tangent[i] = inputTangents[leaf++];
      continue;
    }
    let s = 0;
    for (let k = 0; k < inputs.length; k++) s += partials[k] * tangent[inputs[k]];
    tangent[i] = s;
  }
  return tangent;
  // END SOLUTION
}

// BEGIN SOLUTION
/** Throws unless every node reads only earlier nodes and has one partial per input. */
function checkTape(fn: string, tape: TapeNode[]): void {
  for (let i = 0; i < tape.length; i++) {
    const { inputs, partials } = tape[i];
    if (inputs.length !== partials.length) {
      throw new RangeError(`${fn}: node ${i} has ${inputs.length} inputs but ${partials.length} partials; give one partial per input`);
    }
    for (const j of inputs) {
      if (!Number.isInteger(j) || j < 0 || j >= i) {
        throw new RangeError(`${fn}: node ${i} reads node ${j}, but a node may only read earlier nodes (indices 0 … ${i - 1}): list the nodes in creation order`);
      }
    }
  }
}
// END SOLUTION
