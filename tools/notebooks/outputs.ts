/**
 * Turning a kernel's IOPub messages into nbformat outputs, the way Jupyter front ends do:
 * consecutive stream text merges, `clear_output(wait)` clears when the next output arrives,
 * `update_display_data` rewrites every earlier output carrying the same display id (in any
 * cell of the notebook), and text is stored as lists of lines like nbformat writes it.
 */
import type { MimeBundle, Output } from "./nbformat";
import { splitLines } from "./nbformat";
import type { Message } from "./wire";

type DataOutput = Extract<Output, { data: MimeBundle }>;

/** Collects the outputs of one notebook's cells, one cell at a time. */
export class OutputCollector {
  private current: Output[] = [];
  private clearOnNext = false;
  private readonly displays = new Map<string, DataOutput[]>();

  /** Starts collecting for the next cell. */
  begin(): void {
    this.current = [];
    this.clearOnNext = false;
  }

  /** Feeds one IOPub message that belongs to the current cell's request. */
  handle(msg: Message): void {
    const content = msg.content as Record<string, unknown>;
    const type = msg.header.msg_type;
    if (type === "clear_output") {
      if (content.wait) this.clearOnNext = true;
      else this.current = [];
      return;
    }
    if (type === "update_display_data") {
      const id = displayId(content);
      for (const output of (id && this.displays.get(id)) || []) {
        output.data = (content.data as MimeBundle) ?? {};
        output.metadata = (content.metadata as Record<string, unknown>) ?? {};
      }
      return;
    }
    if (!["stream", "display_data", "execute_result", "error"].includes(type)) return;
    if (this.clearOnNext) {
      this.current = [];
      this.clearOnNext = false;
    }
    if (type === "stream") {
      const name = content.name === "stderr" ? "stderr" : "stdout";
      const text = String(content.text ?? "");
      const last = this.current[this.current.length - 1];
      if (last && last.output_type === "stream" && last.name === name) last.text = String(last.text) + text;
      else this.current.push({ output_type: "stream", name, text });
    } else if (type === "error") {
      this.current.push({
        output_type: "error",
        ename: String(content.ename ?? ""),
        evalue: String(content.evalue ?? ""),
        traceback: Array.isArray(content.traceback) ? content.traceback.map(String) : [],
      });
    } else {
      const data = (content.data as MimeBundle) ?? {};
      const metadata = (content.metadata as Record<string, unknown>) ?? {};
      const output: DataOutput =
        type === "execute_result"
          ? { output_type: "execute_result", execution_count: (content.execution_count as number) ?? null, data, metadata }
          : { output_type: "display_data", data, metadata };
      this.current.push(output);
      const id = displayId(content);
      if (id) this.displays.set(id, [...(this.displays.get(id) ?? []), output]);
    }
  }

  /** The current cell's outputs so far (live objects; `update_display_data` may still change them). */
  outputs(): Output[] {
    return this.current;
  }
}

function displayId(content: Record<string, unknown>): string | undefined {
  const transient = content.transient as { display_id?: unknown } | undefined;
  return typeof transient?.display_id === "string" ? transient.display_id : undefined;
}

/** MIME types nbformat stores as lists of lines (all text/*, plus these two). */
const splitMimeTypes = new Set(["application/javascript", "image/svg+xml"]);

/** A copy of `outputs` with text split into lines, as nbformat writes it to disk (idempotent). */
export function toDiskOutputs(outputs: Output[]): Output[] {
  return outputs.map((output) => {
    if (output.output_type === "stream") return { ...output, text: Array.isArray(output.text) ? output.text : splitLines(output.text) };
    if (output.output_type === "error") return { ...output };
    const data: MimeBundle = {};
    for (const [mime, value] of Object.entries(output.data)) {
      data[mime] = typeof value === "string" && (mime.startsWith("text/") || splitMimeTypes.has(mime)) ? splitLines(value) : value;
    }
    return { ...output, data };
  });
}

/** Removes ANSI colour and cursor codes (kernels colour their tracebacks). */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, "");
}
