/**
 * Sending MIME bundles to the notebook.
 *
 * tslab's public `display.png()` / `display.text()` send one MIME type per message, so a
 * front end that cannot show the first one (untrusted notebook, GitHub, nbconvert) shows
 * nothing. Jupyter's `display_data` message carries a whole bundle and the front end picks
 * the richest type it can render. tslab keeps the function that publishes `display_data` /
 * `update_display_data` on the kernel's iopub socket in `tslab/dist/jupyter.js`
 * (`lastWriteDisplayData(content, update)`); we call it with a full bundle.
 *
 * Outside a kernel (mocha, plain `node`) nothing is published: the text/plain part is printed
 * instead, or the bundle goes to a sink installed with {@link withDisplaySink} (for tests).
 */
import { randomBytes } from "crypto";

/**
 * A MIME bundle: MIME type → content. Binary content (PNG) is given as bytes and
 * base64-encoded on sending; JSON types (`application/...+json`) are given as objects.
 */
export type MimeBundle = { [mime: string]: string | Uint8Array | object };

/** Per-MIME metadata, e.g. `{ "image/png": { width: 640, height: 400 } }` (CSS size of a 2x PNG). */
export type MimeMetadata = { [mime: string]: object };

/** Options of {@link displayBundle}. */
export interface DisplayOptions {
  metadata?: MimeMetadata;
  /** Jupyter display id; outputs with the same id can later be replaced in place. */
  displayId?: string;
  /** Send `update_display_data` (replace the output with `displayId`) instead of a new output. */
  update?: boolean;
}

/** What a display sink receives: the message type and the wire content (bytes already base64). */
export interface DisplayMessage {
  msgType: "display_data" | "update_display_data";
  data: { [mime: string]: string | object };
  metadata: MimeMetadata;
  transient: { display_id?: string };
}

type Sink = (msg: DisplayMessage) => void;
let sinkOverride: Sink | undefined;

type Publisher = (content: object, update: boolean) => void;

/** The kernel's publish function, or undefined when not running inside a tslab kernel. */
function kernelPublisher(): Publisher | undefined {
  let file: string;
  try {
    file = require.resolve("tslab/dist/jupyter");
  } catch {
    return undefined;
  }
  // Only look at a module the kernel already loaded: loading tslab ourselves would pull in
  // its TypeScript compiler (slow) and could never publish anything anyway.
  const mod = require.cache[file];
  const fn = mod && (mod.exports as { lastWriteDisplayData?: unknown }).lastWriteDisplayData;
  return typeof fn === "function" ? (fn as Publisher) : undefined;
}

/** True when running inside a tslab kernel that is executing a cell (outputs can be sent). */
export function inKernel(): boolean {
  return kernelPublisher() !== undefined;
}

/**
 * Where {@link displayBundle} sends outputs right now: a test sink, the tslab kernel, or the
 * console (text/plain only). Live displays use it to stay quiet outside a notebook.
 */
export function displayTarget(): "sink" | "kernel" | "console" {
  if (sinkOverride) return "sink";
  return kernelPublisher() ? "kernel" : "console";
}

/** A fresh random display id (16 hex digits), as tslab's `newDisplay()` makes. */
export function newDisplayId(): string {
  return randomBytes(8).toString("hex");
}

/** Turn a bundle into wire form: bytes → base64 strings, everything else unchanged. */
export function encodeBundle(bundle: MimeBundle): { [mime: string]: string | object } {
  const out: { [mime: string]: string | object } = {};
  for (const [mime, v] of Object.entries(bundle)) {
    out[mime] = v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") : v;
  }
  return out;
}

/**
 * Send one output carrying a whole MIME bundle (one Jupyter `display_data`, or
 * `update_display_data` when `opts.update` is set). The front end shows the richest type it
 * can. Outside a kernel the `text/plain` part is printed to stdout.
 */
export function displayBundle(bundle: MimeBundle, opts: DisplayOptions = {}): void {
  if (Object.keys(bundle).length === 0) throw new Error("displayBundle: the bundle is empty; give at least text/plain");
  if (opts.update && !opts.displayId) throw new Error("displayBundle: update needs the displayId of the output to replace");
  const msg: DisplayMessage = {
    msgType: opts.update ? "update_display_data" : "display_data",
    data: encodeBundle(bundle),
    metadata: opts.metadata ?? {},
    transient: opts.displayId ? { display_id: opts.displayId } : {},
  };
  if (sinkOverride) {
    sinkOverride(msg);
    return;
  }
  const publish = kernelPublisher();
  if (publish) {
    publish({ data: msg.data, metadata: msg.metadata, transient: msg.transient }, !!opts.update);
    return;
  }
  const text = bundle["text/plain"];
  if (typeof text === "string" && !opts.update) console.log(text);
}

/**
 * Run `fn` with every display message captured by `sink` instead of being published
 * (for tests and scripts). Restores the previous sink afterwards, even on error.
 */
export function withDisplaySink<T>(sink: (msg: DisplayMessage) => void, fn: () => T): T {
  const prev = sinkOverride;
  sinkOverride = sink;
  try {
    return fn();
  } finally {
    sinkOverride = prev;
  }
}

/** Anything that knows how to present itself as a MIME bundle (charts do). */
export interface Displayable {
  mimeBundle(): MimeBundle;
  mimeMetadata?(): MimeMetadata;
}

/**
 * Show a chart (or any {@link Displayable}, or a raw bundle) as one notebook output.
 * `display(chart)` is the same as `chart.show()`.
 */
export function display(x: Displayable | MimeBundle): void {
  const d = x as Displayable;
  if (d && typeof d.mimeBundle === "function") {
    displayBundle(d.mimeBundle(), { metadata: d.mimeMetadata ? d.mimeMetadata() : {} });
  } else {
    displayBundle(x as MimeBundle);
  }
}
