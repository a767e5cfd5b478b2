/**
 * Clipping a path to a box before it is drawn. A diverging optimizer leaves the map by orders
 * of magnitude (10¹⁰ after a few dozen steps past 2/L), and coordinates that large make the SVG
 * rasterizer (resvg) abort the whole kernel. Clipping each segment to a box a little larger than
 * the view keeps every visible piece exactly where it was (same direction, same crossing point)
 * and keeps the numbers small.
 */

/** A box [xmin, xmax] × [ymin, ymax]. */
export interface Box {
  x: readonly [number, number];
  y: readonly [number, number];
}

/** The box grown by `fraction` of its width and height on every side. */
export function growBox(box: Box, fraction: number): Box {
  const dx = (box.x[1] - box.x[0]) * fraction, dy = (box.y[1] - box.y[0]) * fraction;
  return { x: [box.x[0] - dx, box.x[1] + dx], y: [box.y[0] - dy, box.y[1] + dy] };
}

/** Whether (x, y) lies in the box (edges included). */
export function inBox(box: Box, x: number, y: number): boolean {
  return x >= box.x[0] && x <= box.x[1] && y >= box.y[0] && y <= box.y[1];
}

/**
 * The part of the segment from (x0, y0) to (x1, y1) inside the box, as parameters [t0, t1] along
 * it (0 ≤ t0 ≤ t1 ≤ 1), or null when it misses the box (Liang–Barsky).
 */
export function clipSegment(box: Box, x0: number, y0: number, x1: number, y1: number): [number, number] | null {
  const dx = x1 - x0, dy = y1 - y0;
  let t0 = 0, t1 = 1;
  // Each pair (p, q): the segment is inside one edge where p·t ≤ q.
  const edges: Array<[number, number]> = [[-dx, x0 - box.x[0]], [dx, box.x[1] - x0], [-dy, y0 - box.y[0]], [dy, box.y[1] - y0]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null; // parallel to this edge and outside it
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return null;
  }
  return [t0, t1];
}

/**
 * The polyline through (xs[i], ys[i]) clipped to the box: the visible pieces as points, with a
 * NaN point between pieces (Observable Plot's line mark breaks a line at an undefined point).
 */
export function clipPolyline(xs: readonly number[], ys: readonly number[], box: Box): Array<{ x: number; y: number }> {
  const out: Array<{ x: number; y: number }> = [];
  let open = false; // whether the last point pushed ends a piece that the next segment may continue
  const push = (x: number, y: number) => out.push({ x, y });
  if (xs.length === 1 && inBox(box, xs[0], ys[0])) push(xs[0], ys[0]);
  for (let i = 0; i + 1 < xs.length; i++) {
    const [x0, y0, x1, y1] = [xs[i], ys[i], xs[i + 1], ys[i + 1]];
    const part = clipSegment(box, x0, y0, x1, y1);
    if (part === null) {
      open = false;
      continue;
    }
    const [t0, t1] = part;
    if (!(open && t0 === 0)) {
      if (out.length > 0) push(NaN, NaN);
      push(x0 + t0 * (x1 - x0), y0 + t0 * (y1 - y0));
    }
    push(x0 + t1 * (x1 - x0), y0 + t1 * (y1 - y0));
    open = t1 === 1;
  }
  return out;
}
