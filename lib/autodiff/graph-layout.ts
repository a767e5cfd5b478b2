/**
 * Where the boxes and edges of a computation-graph picture go (drawn by `graph.ts`).
 *
 * Columns: as soon as possible (inputs in column 0, a computed node one right of its deepest
 * input), then every computed node moves right to just before its first consumer, so long
 * edges are rare. Rows: the mean row of a node's neighbours, swept left→right, right→left,
 * left→right (the barycentre heuristic of layered graph drawing). Edges: one per input,
 * duplicates included; an edge that would cross a box, or repeats an earlier edge (a+a),
 * bends up or down until it is clear.
 *
 * A graph wider than a notebook column (`maxWidth`, 940 CSS px: Notebook 6 and JupyterLab at a
 * 1280 px window) is laid out top to bottom instead: the columns become rows, so a deep graph
 * grows down the page at full size rather than being scaled down until its text is unreadable
 * (the NN optimization slides' example was 2882 px wide, shown at a third of its size).
 */
import type { Value } from "./value";
import { OP, OP_NAMES } from "./ops";
import { expression, type Operands } from "./notation";
import { formatNumber, prettyLabel } from "./format";
import { textWidth } from "../plot/render";

/** Options that change the layout. */
export interface LayoutOptions {
  /** Refuse graphs with more nodes than this (default 80): thousands of boxes show nothing. */
  maxNodes?: number;
  /** Constants written into their consumer's formula ("inline", default) or drawn as small nodes ("nodes"). */
  constants?: "inline" | "nodes";
  /** Decimals printed (default 3). */
  digits?: number;
  /** Leave room for a title line. */
  title?: string;
  /**
   * "right": inputs on the left, output on the right; "down": inputs at the top, output at the
   * bottom; "auto" (default): "right" when that fits in `maxWidth`, else "down".
   */
  direction?: "auto" | "right" | "down";
  /** Widest picture, in CSS pixels, that "auto" lays out left to right (default 940: a notebook column). */
  maxWidth?: number;
}

/** A box as laid out. */
export interface GraphNode {
  id: number;
  /** "v₂ = v₋₁ × v₀", "v₋₁ = x₁", or a constant's number. */
  title: string;
  op: string;
  value: number;
  grad: number;
  constant: boolean;
  column: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An edge as laid out: input `from` feeds node `to` as its `port`-th drawn input. */
export interface GraphEdge {
  from: number;
  to: number;
  port: number;
  ports: number;
  /** The local partial ∂v_to/∂v_from of this edge. */
  partial: number;
  /** True when the input is a constant (its partial is not meaningful and not labelled). */
  fromConstant: boolean;
  /** The path's start, its two Bézier control points and its end. */
  points: [number, number][];
}

/** Every box and edge, and the picture's size in CSS pixels. */
export interface GraphLayout {
  nodes: GraphNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
  /** Which way the edges run: "right" (columns left to right) or "down" (rows top to bottom). */
  direction: "right" | "down";
}

const BOX_H = 58, CONST_H = 26, COL_GAP = 90, ROW_GAP = 26, MARGIN = 20, TITLE_SIZE = 13;
/** Top-to-bottom layout: vertical gap between layers (room for the edge labels) and horizontal gap between boxes. */
const LAYER_GAP = 64, BOX_GAP = 30;

/** The nodes `out` depends on (itself included), in creation order. */
function ancestors(out: Value): number[] {
  const tape = out.tape, keep = new Uint8Array(out.id + 1);
  keep[out.id] = 1;
  for (let i = out.id; i >= 0; i--) if (keep[i]) for (const j of tape.inputsOf(i)) keep[j] = 1;
  const ids: number[] = [];
  keep.forEach((k, i) => k && ids.push(i));
  return ids;
}

/** Columns: as soon as possible, then each non-input as late as its first consumer allows. */
function columnsOf(out: Value, ids: number[], drawnInputs: (i: number) => number[]): Map<number, number> {
  const col = new Map<number, number>();
  for (const i of ids) {
    const inputs = drawnInputs(i);
    col.set(i, inputs.length === 0 ? 0 : 1 + Math.max(...inputs.map((j) => col.get(j) as number)));
  }
  const firstUse = new Map<number, number>();
  for (let k = ids.length - 1; k >= 0; k--) {
    const i = ids[k];
    if (i !== out.id && out.tape.ops[i] !== OP.input) col.set(i, (firstUse.get(i) as number) - 1);
    for (const j of drawnInputs(i)) firstUse.set(j, Math.min(firstUse.get(j) ?? Infinity, col.get(i) as number));
  }
  return col;
}

/** Orders each column by the mean row of its neighbours in the previous (or next) column. */
function orderRows(columns: number[][], neighbours: (i: number, forward: boolean) => number[]): void {
  const row = new Map<number, number>();
  columns.forEach((c) => c.forEach((i, r) => row.set(i, r)));
  const sweep = (forward: boolean) => {
    const order = forward ? columns : [...columns].reverse();
    for (const c of order) {
      const key = (i: number) => {
        const rows = neighbours(i, forward).map((j) => row.get(j) as number);
        return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : (row.get(i) as number);
      };
      const keys = new Map(c.map((i) => [i, key(i)]));
      c.sort((a, b) => (keys.get(a) as number) - (keys.get(b) as number) || a - b);
      c.forEach((i, r) => row.set(i, r));
    }
  };
  sweep(true);
  sweep(false);
  sweep(true);
}

/** Operands rendered with node names, constants as numbers (for a box's formula). */
function namedOperands(out: Value, i: number, nameOf: (j: number) => string, fmt: (x: number) => string): Operands {
  const tape = out.tape, srcs = tape.inputsOf(i);
  const isConst = (k: number) => tape.ops[srcs[k]] === OP.const;
  const text = (k: number) => (isConst(k) ? fmt(tape.values[srcs[k]]) : nameOf(srcs[k]));
  const negative = (k: number) => isConst(k) && text(k).startsWith("−");
  return {
    count: srcs.length,
    arg: (k) => (negative(k) ? `(${text(k)})` : text(k)),
    term: text,
    negative,
    magnitude: (k) => (negative(k) ? fmt(-tape.values[srcs[k]]) : text(k)),
    self: nameOf(i),
  };
}

/** Positions every box and routes every edge. `names` (from a trace) name the nodes v₋₁, v₀, …. */
export function graphLayout(out: Value, options: LayoutOptions = {}, names?: ReadonlyMap<number, string>): GraphLayout {
  const tape = out.tape;
  tape.check(out);
  const fmt = (x: number) => formatNumber(x, options.digits ?? 3);
  const inline = (options.constants ?? "inline") === "inline";
  const ids = ancestors(out).filter((i) => !(inline && tape.ops[i] === OP.const && i !== out.id));
  const maxNodes = options.maxNodes ?? 80;
  if (ids.length > maxNodes) {
    throw new RangeError(`drawGraph: the graph has ${ids.length} nodes, more than maxNodes = ${maxNodes}. Draw a smaller expression, or raise maxNodes.`);
  }
  const drawn = new Set(ids);
  const drawnInputs = (i: number) => tape.inputsOf(i).filter((j) => drawn.has(j));
  const consumers = new Map<number, number[]>();
  for (const i of ids) for (const j of drawnInputs(i)) consumers.set(j, [...(consumers.get(j) ?? []), i]);

  const nameOf = (j: number) => names?.get(j) ?? (tape.labelOf(j) !== undefined ? prettyLabel(tape.labelOf(j) as string) : `#${j}`);
  const titleOf = (i: number): string => {
    const op = OP_NAMES[tape.ops[i]];
    if (op === "const") return fmt(tape.values[i]);
    if (op === "input") {
      const label = tape.labelOf(i);
      return names?.has(i) && label !== undefined ? `${names.get(i)} = ${prettyLabel(label)}` : nameOf(i);
    }
    return `${nameOf(i)} = ${expression(op, namedOperands(out, i, nameOf, fmt))}`;
  };

  const col = columnsOf(out, ids, drawnInputs);
  const columns: number[][] = [];
  for (const i of ids) (columns[col.get(i) as number] ??= []).push(i);
  for (let c = 0; c < columns.length; c++) columns[c] ??= [];
  orderRows(columns, (i, forward) => (forward ? drawnInputs(i) : consumers.get(i) ?? []));

  const top = MARGIN + (options.title ? 30 : 0);
  const sizes = new Map(ids.map((i) => {
    const constant = tape.ops[i] === OP.const;
    const title = titleOf(i);
    const minWidth = constant ? 50 : 120;
    return [i, { title, constant, width: Math.max(minWidth, Math.ceil(textWidth(title, TITLE_SIZE)) + 18), height: constant ? CONST_H : BOX_H }];
  }));
  const colWidth = columns.map((c) => Math.max(0, ...c.map((i) => sizes.get(i)!.width)));
  const rightWidth = MARGIN + colWidth.reduce((a, b) => a + b, 0) + COL_GAP * (columns.length - 1) + MARGIN;
  const maxWidth = options.maxWidth ?? 940;
  if (!(maxWidth > 0)) throw new RangeError(`drawGraph: maxWidth must be a positive number of pixels, got ${maxWidth}`);
  const direction = options.direction === "right" || options.direction === "down" ? options.direction : rightWidth <= maxWidth ? "right" : "down";
  const nodes: GraphNode[] = [];
  const place = (i: number, k: number, x: number, y: number) => {
    const s = sizes.get(i)!;
    nodes.push({ id: i, title: s.title, op: OP_NAMES[tape.ops[i]], value: tape.values[i], grad: tape.grads[i], constant: s.constant, column: k, x, y, width: s.width, height: s.height });
  };
  if (direction === "right") {
    const colHeight = (c: number[]) => c.reduce((h, i) => h + sizes.get(i)!.height + ROW_GAP, -ROW_GAP);
    const tallest = Math.max(...columns.map(colHeight));
    let x = MARGIN;
    columns.forEach((c, k) => {
      let y = top + (tallest - colHeight(c)) / 2;
      for (const i of c) {
        place(i, k, x + (colWidth[k] - sizes.get(i)!.width) / 2, y);
        y += sizes.get(i)!.height + ROW_GAP;
      }
      x += colWidth[k] + COL_GAP;
    });
  } else {
    // Each column of the left-to-right layout becomes a row, centred on the widest row.
    const rowWidth = (c: number[]) => c.reduce((w, i) => w + sizes.get(i)!.width + BOX_GAP, -BOX_GAP);
    const widest = Math.max(...columns.map(rowWidth));
    let y = top;
    columns.forEach((c, k) => {
      const rowHeight = Math.max(0, ...c.map((i) => sizes.get(i)!.height));
      let x = MARGIN + (widest - rowWidth(c)) / 2;
      for (const i of c) {
        place(i, k, x, y + (rowHeight - sizes.get(i)!.height) / 2);
        x += sizes.get(i)!.width + BOX_GAP;
      }
      y += rowHeight + LAYER_GAP;
    });
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = routeEdges(ids, tape.inputsOf.bind(tape), tape.partialsOf.bind(tape), drawn, byId, direction);
  const layout = fit({ nodes, edges, width: 0, height: 0, direction }, top);
  // The title (15 px bold, drawn by graph.ts) must fit too; bold runs about 8 % wider than regular.
  if (options.title) layout.width = Math.max(layout.width, Math.ceil(1.08 * textWidth(options.title, 15)) + 2 * MARGIN);
  return layout;
}

/**
 * Shifts everything right and down if a bent edge (or its label) leaves the margins, and sets
 * the width and height to include every box and curve.
 */
function fit(layout: GraphLayout, top: number): GraphLayout {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const n of layout.nodes) {
    minX = Math.min(minX, n.x);
    maxX = Math.max(maxX, n.x + n.width);
    minY = Math.min(minY, n.y);
    maxY = Math.max(maxY, n.y + n.height);
  }
  for (const e of layout.edges) {
    for (let k = 0; k <= 20; k++) {
      const [x, y] = bezierPoint(e.points, k / 20);
      // Room for the edge label: about 8 px above and below, 30 px either side.
      minX = Math.min(minX, x - 30);
      maxX = Math.max(maxX, x + 30);
      minY = Math.min(minY, y - 8);
      maxY = Math.max(maxY, y + 8);
    }
  }
  const dx = Math.max(0, MARGIN - minX), dy = Math.max(0, top - minY);
  for (const n of layout.nodes) {
    n.x += dx;
    n.y += dy;
  }
  for (const e of layout.edges) for (const p of e.points) {
    p[0] += dx;
    p[1] += dy;
  }
  const width = Math.ceil(Math.max(maxX + dx, ...layout.nodes.map((n) => n.x + n.width)) + MARGIN);
  return { ...layout, width, height: Math.ceil(maxY + dy + MARGIN) };
}

/** One edge per drawn input; each bends (±26 px steps) until it clears every other box and earlier edge between the same nodes. */
function routeEdges(
  ids: number[], inputsOf: (i: number) => number[], partialsOf: (i: number) => number[], drawn: Set<number>, byId: Map<number, GraphNode>,
  direction: "right" | "down",
): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const boxes = [...byId.values()];
  for (const i of ids) {
    const srcs = inputsOf(i), partials = partialsOf(i);
    const shown = srcs.map((j, k) => [j, k] as const).filter(([j]) => drawn.has(j));
    shown.forEach(([j, k], port) => {
      const a = byId.get(j) as GraphNode, b = byId.get(i) as GraphNode;
      const down = direction === "down";
      const start: [number, number] = down ? [a.x + a.width / 2, a.y + a.height] : [a.x + a.width, a.y + a.height / 2];
      const end: [number, number] = down
        ? [b.x + (b.width * (port + 1)) / (shown.length + 1), b.y - 2]
        : [b.x - 2, b.y + (b.height * (port + 1)) / (shown.length + 1)];
      const repeat = shown.slice(0, port).filter(([s]) => s === j).length;
      const axis = down ? 0 : 1; // bends go across the flow: sideways for "down", up or down for "right"
      const used = edges.filter((e) => e.from === j && e.to === i).map((e) => e.points[1][axis] - e.points[0][axis]);
      let best = curve(start, end, 0, down);
      for (const bend of [0, 26, -26, 52, -52, 78, -78, 104, -104, 130, -130, 156, -156]) {
        const candidate = curve(start, end, bend, down);
        if (repeat > 0 && used.some((u) => Math.abs(u - bend) < 13)) continue;
        if (!crossesBox(candidate, boxes, a, b)) {
          best = candidate;
          break;
        }
      }
      edges.push({ from: j, to: i, port, ports: shown.length, partial: partials[k], fromConstant: a.constant, points: best });
    });
  }
  return edges;
}

function curve(start: [number, number], end: [number, number], bend: number, down = false): [number, number][] {
  if (down) {
    const dy = Math.max(24, (end[1] - start[1]) / 2);
    return [start, [start[0] + bend, start[1] + dy], [end[0] + bend, end[1] - dy], end];
  }
  const dx = Math.max(30, (end[0] - start[0]) / 2);
  return [start, [start[0] + dx, start[1] + bend], [end[0] - dx, end[1] + bend], end];
}

/** The point at parameter t of a cubic Bézier curve. */
export function bezierPoint(p: [number, number][], t: number): [number, number] {
  const s = 1 - t;
  const w = [s * s * s, 3 * s * s * t, 3 * s * t * t, t * t * t];
  return [w.reduce((acc, wi, k) => acc + wi * p[k][0], 0), w.reduce((acc, wi, k) => acc + wi * p[k][1], 0)];
}

function crossesBox(points: [number, number][], boxes: GraphNode[], from: GraphNode, to: GraphNode): boolean {
  for (let k = 1; k < 40; k++) {
    const [px, py] = bezierPoint(points, k / 40);
    for (const n of boxes) {
      if (n === from || n === to) continue;
      if (px > n.x - 6 && px < n.x + n.width + 6 && py > n.y - 6 && py < n.y + n.height + 6) return true;
    }
  }
  return false;
}
