/**
 * A picture of the computation graph, drawn in TypeScript as SVG (no Graphviz, unlike
 * micrograd's `draw_dot`) and shown in the notebook as a PNG through `lib/plot`.
 *
 * Each box shows the node's formula (`v₂ = v₋₁ × v₀`), its value and its current `.grad`; each
 * arrow is one input edge, duplicates included (`a+a` draws two arrows), labelled with its
 * local partial ∂v_node/∂v_input: the factor the reverse pass multiplies the adjoint by.
 * The layout is in `graph-layout.ts`.
 */
import type { Value } from "./value";
import { Trace } from "./trace";
import { formatNumber } from "./format";
import { graphLayout, bezierPoint, type LayoutOptions, type GraphNode, type GraphEdge } from "./graph-layout";
import { Chart } from "../plot/chart";
import { FONT_FAMILY, escapeXml, textWidth } from "../plot/render";

/** Options of {@link graphSvg} and {@link drawGraph}. */
export interface GraphOptions extends LayoutOptions {
  /** Label each edge with its local partial (default true). */
  partials?: boolean;
}

const MARGIN = 20;
/** Edge labels: the smallest text of the picture, still ≥ 11 px because the picture is shown at its own size. */
const LABEL_SIZE = 11;

function nodeSvg(n: GraphNode, f: (x: number) => string): string {
  if (n.constant) {
    return (
      `<rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="13" fill="#f4f4f4" stroke="#999" stroke-dasharray="3 2"/>` +
      `<text x="${n.x + n.width / 2}" y="${n.y + 17}" font-size="12" text-anchor="middle" fill="#444">${escapeXml(n.title)}</text>`
    );
  }
  const fill = n.op === "input" ? "#e8f0fe" : "#ffffff";
  return (
    `<rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="6" fill="${fill}" stroke="#4269d0" stroke-width="1.3"/>` +
    `<text x="${n.x + 9}" y="${n.y + 18}" font-size="13" font-weight="bold" fill="#222">${escapeXml(n.title)}</text>` +
    `<text x="${n.x + 9}" y="${n.y + 35}" font-size="12" fill="#222">value ${escapeXml(f(n.value))}</text>` +
    `<text x="${n.x + 9}" y="${n.y + 51}" font-size="12" fill="#c0392b">grad ${escapeXml(f(n.grad))}</text>`
  );
}

function edgeSvg(e: GraphEdge, showPartial: boolean, f: (x: number) => string, down: boolean): string {
  const [p0, p1, p2, p3] = e.points;
  const path = `<path d="M${p0[0]},${p0[1]} C${p1[0]},${p1[1]} ${p2[0]},${p2[1]} ${p3[0]},${p3[1]}" fill="none" stroke="#777" stroke-width="1.2" marker-end="url(#arrow)"/>`;
  if (!showPartial || e.fromConstant) return path;
  // The label sits on the curve about 40 px (left to right) or 24 px (top to bottom) before the
  // arrow, where the ports are spaced apart.
  const run = down ? p3[1] - p0[1] : p3[0] - p0[0];
  const [px, py] = bezierPoint(e.points, 1 - Math.min(0.45, (down ? 24 : 40) / Math.max(1, run)));
  const label = `∂ ${f(e.partial)}`;
  const w = textWidth(label, LABEL_SIZE) + 6;
  return (
    path +
    `<rect x="${(px - w / 2).toFixed(1)}" y="${(py - 9).toFixed(1)}" width="${w.toFixed(1)}" height="15" rx="3" fill="white" fill-opacity="0.9"/>` +
    `<text x="${px.toFixed(1)}" y="${(py + 3).toFixed(1)}" font-size="${LABEL_SIZE}" text-anchor="middle" fill="#555">${escapeXml(label)}</text>`
  );
}

function targetOf(target: Value | Trace): { out: Value; names?: ReadonlyMap<number, string> } {
  return target instanceof Trace ? { out: target.output, names: target.nodeNames } : { out: target };
}

/**
 * The graph of `target` (a `Value` and everything it depends on, or a `Trace`, whose names
 * v₋₁, v₀, … are reused) as a standalone SVG string with its size. Grads show each node's
 * `.grad` as it is now: call `out.backward()` first (a `Trace` already did).
 */
export function graphSvg(target: Value | Trace, options: GraphOptions = {}): { svg: string; width: number; height: number } {
  const { out, names } = targetOf(target);
  const layout = graphLayout(out, options, names);
  const f = (x: number) => formatNumber(x, options.digits ?? 3);
  const title = options.title
    ? `<text x="${MARGIN}" y="${MARGIN + 12}" font-size="15" font-weight="bold" fill="#222">${escapeXml(options.title)}</text>`
    : "";
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="${FONT_FAMILY}">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#777"/></marker></defs>` +
    `<rect width="100%" height="100%" fill="white"/>` +
    title +
    layout.edges.map((e) => edgeSvg(e, options.partials ?? true, f, layout.direction === "down")).join("") +
    layout.nodes.map((n) => nodeSvg(n, f)).join("") +
    `</svg>`;
  return { svg, width: layout.width, height: layout.height };
}

/**
 * The graph as a notebook chart (`Chart` from `lib/plot`): `.show()` sends a 2x PNG with a
 * text description; `.svg()` and `.png()` give the picture itself.
 * @example drawGraph(trace(baydinExample.f, baydinExample.point)).show()
 */
export function drawGraph(target: Value | Trace, options: GraphOptions = {}): Chart {
  const { out, names } = targetOf(target);
  const layout = graphLayout(out, options, names);
  const f = (x: number) => formatNumber(x, options.digits ?? 3);
  const inputs = layout.nodes.filter((n) => n.op === "input").map((n) => `${n.title}: value ${f(n.value)}, grad ${f(n.grad)}`);
  const description =
    `${options.title ? options.title + "\n" : ""}Computation graph: ${layout.nodes.length} nodes, ${layout.edges.length} edges; ` +
    `output ${f(out.data)}. Inputs: ${inputs.join("; ")}.`;
  return new Chart("computation graph", () => graphSvg(target, options), description);
}
