// Synchronous calls across the judge–sandbox boundary: length-prefixed JSON frames on two
// pipe file descriptors, read and written with fs.readSync/fs.writeSync (which block), so a
// graded test calls a student's function as an ordinary synchronous call. Both sides run this
// file; each trusts nothing the other sends (every frame is size-capped, parsed with its own
// JSON.parse and checked field by field), and a callback may call back the other way while a
// call is in flight (a gradient function passed to gdRun runs in the judge, on data).
import * as fs from "fs";
import { Decoder, Encoder, WireError, type Wire } from "./codec";

/** Largest frame either side accepts (a test's arguments and results are far smaller). */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** The other side closed its end, or sent something that cannot be read: the channel is unusable. */
export class ChannelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChannelError";
  }
}

/** Two blocking pipe ends. */
export class FdTransport {
  private broken: string | undefined;
  private readonly header = Buffer.alloc(4);

  constructor(private readonly readFd: number, private readonly writeFd: number, private readonly maxBytes = MAX_FRAME_BYTES) {}

  send(message: object): void {
    this.check();
    const body = Buffer.from(JSON.stringify(message), "utf8");
    if (body.length > this.maxBytes) throw new ChannelError(`a message of ${body.length} bytes is over the ${this.maxBytes}-byte limit`);
    const frame = Buffer.alloc(4 + body.length);
    frame.writeUInt32LE(body.length, 0);
    body.copy(frame, 4);
    let off = 0;
    while (off < frame.length) {
      try {
        off += fs.writeSync(this.writeFd, frame, off, frame.length - off);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EAGAIN") {
          pause();
          continue;
        }
        this.broken = "the other side closed the channel";
        throw new ChannelError(this.broken);
      }
    }
  }

  receive(): unknown {
    this.check();
    this.readExactly(this.header, 4);
    const length = this.header.readUInt32LE(0);
    if (length > this.maxBytes) {
      this.broken = `a message announced as ${length} bytes, over the ${this.maxBytes}-byte limit`;
      throw new ChannelError(this.broken);
    }
    const body = Buffer.alloc(length);
    this.readExactly(body, length);
    try {
      return JSON.parse(body.toString("utf8"));
    } catch {
      this.broken = "a message that is not valid JSON";
      throw new ChannelError(this.broken);
    }
  }

  private readExactly(buf: Buffer, n: number): void {
    let off = 0;
    while (off < n) {
      let got: number;
      try {
        got = fs.readSync(this.readFd, buf, off, n - off, null);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // Someone set the shared pipe non-blocking: wait a little and read again.
        if (code === "EAGAIN") {
          pause();
          continue;
        }
        this.broken = `the channel failed (${code ?? String(err)})`;
        throw new ChannelError(this.broken);
      }
      if (got === 0) {
        this.broken = "the other side closed the channel";
        throw new ChannelError(this.broken);
      }
      off += got;
    }
  }

  private check(): void {
    if (this.broken) throw new ChannelError(this.broken);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function pause(): void {
  Atomics.wait(sleeper, 0, 0, 1);
}

/** What a transport does: send one message, block for the next. */
export interface Transport {
  send(message: object): void;
  receive(): unknown;
}

/** A thrown value as it crosses: a name and a message, and where it was thrown when known. */
export interface WireErrorInfo {
  name: string;
  message: string;
  stack: string;
  /** False when the thrown value was not an Error (a string, say). */
  isError: boolean;
}

/** An error thrown on the other side, rebuilt here from its strings. */
export class RemoteError extends Error {
  constructor(info: WireErrorInfo) {
    super(info.message);
    this.name = info.name;
    this.stack = `${info.name}: ${info.message}\n${info.stack}`;
    Object.defineProperty(this, "isError", { value: info.isError, enumerable: false });
  }
}

const CALL_FIELDS = new Set(["op", "id", "fn", "args"]);
const REPLY_FIELDS = new Set(["op", "re", "value", "state", "same", "error", "out", "outBytes"]);

export interface PeerOptions {
  /** Extra fields to attach to each reply this side sends (the sandbox's captured output). */
  replyExtras?: () => { out: string; outBytes: number };
  /** Called with the extras of each reply received. */
  onReplyExtras?: (out: string, outBytes: number) => void;
  /** Turns a thrown value into strings (the sandbox locates it in the student's file). */
  describeError?: (err: unknown) => WireErrorInfo;
  /** Rebuilds a function the other side sent as source (the sandbox only). */
  compile?: (source: string) => unknown;
}

/** Marks a function as self-contained: it crosses as its source and runs on the other side (see sendAsSource in test/graded/impl.ts). */
export const AS_SOURCE = Symbol.for("descent.grade.asSource");

/**
 * One side of the channel: it exports functions under numbers, calls the other side's, and
 * serves the other side's calls (callbacks) while it waits for a reply.
 */
export class Peer {
  private nextCall = 1;
  private exported = new Map<number, (...args: unknown[]) => unknown>();
  private ids = new WeakMap<object, number>();
  private nextFn = 1;
  private remote = new Map<number, (...args: unknown[]) => unknown>();
  /** Stand-ins for the other side's functions, to hand them back as {"$h": id}. */
  private remoteIds = new WeakMap<object, number>();
  /** Functions rebuilt from source here, with their source, to describe them the same way again. */
  private sources = new WeakMap<object, string>();

  constructor(private readonly transport: Transport, private readonly options: PeerOptions = {}) {}

  /** Makes `fn` callable from the other side as function number `id` (0 is the sandbox's loader). */
  export(id: number, fn: (...args: unknown[]) => unknown): void {
    this.exported.set(id, fn);
    this.ids.set(fn, id);
  }

  /** True for a stand-in made by remoteFunction (a function of the other side). */
  isRemote(fn: unknown): boolean {
    return typeof fn === "function" && this.remoteIds.has(fn);
  }

  /** A local stand-in for the other side's function `id`. */
  remoteFunction(id: number): (...args: unknown[]) => unknown {
    let f = this.remote.get(id);
    if (!f) {
      const peer = this;
      f = function remoteCall(...args: unknown[]) {
        return peer.call(id, args);
      };
      this.remote.set(id, f);
      this.remoteIds.set(f, id);
    }
    return f;
  }

  /** Calls the other side's function `fn` with `args`; returns its result or throws its error. */
  call(fn: number, args: unknown[]): unknown {
    const id = this.nextCall++;
    const encoder = this.encoder();
    const wireArgs = encoder.encode(args);
    const sent = encoder.table;
    this.transport.send({ op: "call", id, fn, args: wireArgs });
    for (;;) {
      const msg = this.receiveChecked();
      if (msg.op === "call") {
        this.serve(msg);
        continue;
      }
      if (msg.re !== id) throw new ChannelError(`a reply to call ${String(msg.re).slice(0, 20)} arrived while call ${id} was waiting`);
      if (this.options.onReplyExtras && (typeof msg.out === "string" || typeof msg.outBytes === "number")) {
        this.options.onReplyExtras(typeof msg.out === "string" ? msg.out : "", typeof msg.outBytes === "number" && Number.isFinite(msg.outBytes) ? msg.outBytes : 0);
      }
      const decoder = this.decoder();
      decoder.seed(sent);
      try {
        const state = msg.same === true ? undefined : msg.state;
        if (state !== undefined) {
          if (!Array.isArray(state) || state.length !== sent.length) throw new WireError("the arguments' state does not match what was sent");
          for (let k = 0; k < sent.length; k++) decoder.decodeInto(sent[k], state[k]);
        }
        if (msg.op === "throw") throw new RemoteError(checkErrorInfo(msg.error));
        return decoder.decode(msg.value);
      } catch (err) {
        if (err instanceof WireError) throw new ChannelError(`a malformed reply: ${err.message}`);
        throw err;
      }
    }
  }

  /** Serves calls until the other side closes the channel (the sandbox's main loop). */
  serveForever(): void {
    for (;;) {
      const msg = this.receiveChecked();
      if (msg.op !== "call") throw new ChannelError(`a ${String(msg.op)} message arrived while nothing was waiting for it`);
      this.serve(msg);
    }
  }

  private serve(msg: Record<string, unknown>): void {
    const decoder = this.decoder();
    let reply: Record<string, Wire | undefined>;
    let args: unknown;
    try {
      args = decoder.decode(msg.args);
      if (!Array.isArray(args)) throw new WireError("call arguments are not an array");
    } catch (err) {
      throw new ChannelError(`a malformed call: ${err instanceof Error ? err.message : String(err)}`);
    }
    const fn = this.exported.get(msg.fn as number);
    const received = decoder.table;
    let result: unknown;
    let error: WireErrorInfo | undefined;
    try {
      if (!fn) throw new Error(`function ${String(msg.fn)} is not known here (a callback used after its call returned?)`);
      result = fn(...(args as unknown[]));
    } catch (err) {
      error = this.describe(err);
    }
    const encoder = this.encoder();
    encoder.seed(received);
    try {
      // Arguments the call left as they were (most calls) need no state: the same encoding, written
      // afresh, gives the same text. Otherwise every argument object's final state goes back.
      const unchanged = JSON.stringify(this.encoder(true).encode(args)) === JSON.stringify(msg.args);
      const state = unchanged ? undefined : received.map((o) => encoder.encodeState(o));
      const base = unchanged ? { op: "", re: msg.id as number, same: true } : { op: "", re: msg.id as number, state };
      reply = error ? { ...base, op: "throw", error: error as unknown as Wire } : { ...base, op: "ret", value: encoder.encode(result) };
    } catch (err) {
      reply = { op: "throw", re: msg.id as number, error: this.describe(err) as unknown as Wire };
    }
    if (this.options.replyExtras) Object.assign(reply, this.options.replyExtras());
    this.transport.send(reply);
  }

  private describe(err: unknown): WireErrorInfo {
    if (this.options.describeError) return this.options.describeError(err);
    const isError = err instanceof Error;
    return { name: isError ? String(err.name) : "", message: isError ? String(err.message) : String(err), stack: "", isError };
  }

  private receiveChecked(): Record<string, unknown> {
    const msg = this.transport.receive();
    if (!msg || typeof msg !== "object" || Array.isArray(msg)) throw new ChannelError("a message that is not an object");
    const m = msg as Record<string, unknown>;
    const allowed = m.op === "call" ? CALL_FIELDS : m.op === "ret" || m.op === "throw" ? REPLY_FIELDS : undefined;
    if (!allowed) throw new ChannelError(`a message with an unknown op ${JSON.stringify(m.op)?.slice(0, 40)}`);
    for (const k of Object.keys(m)) if (!allowed.has(k)) throw new ChannelError(`a message with an unknown field "${k.slice(0, 40)}"`);
    if (m.op === "call" && (typeof m.id !== "number" || typeof m.fn !== "number")) throw new ChannelError("a call without a numeric id and function");
    if (m.op !== "call" && typeof m.re !== "number") throw new ChannelError("a reply without the id of its call");
    if (m.out !== undefined && (typeof m.out !== "string" || m.out.length > MAX_FRAME_BYTES)) throw new ChannelError("a reply whose output is not a string");
    if (m.outBytes !== undefined && (typeof m.outBytes !== "number" || !Number.isFinite(m.outBytes) || m.outBytes < 0)) throw new ChannelError("a reply whose output size is not a number");
    return m;
  }

  /** `describeOnly`: write functions as they arrived, registering nothing (to compare arguments). */
  private encoder(describeOnly = false): Encoder {
    return new Encoder((fn): Wire => {
      const remoteId = this.remoteIds.get(fn);
      if (remoteId !== undefined) return describeOnly ? { $f: remoteId } : { $h: remoteId };
      const source = this.sources.get(fn);
      if (source !== undefined) return { $s: source };
      if ((fn as unknown as Record<symbol, unknown>)[AS_SOURCE] === true) return { $s: Function.prototype.toString.call(fn) };
      if (describeOnly) return { $h: this.ids.get(fn) ?? -1 };
      let id = this.ids.get(fn);
      if (id === undefined) {
        id = this.nextFn++; // each side numbers its own functions; a $f names the sender's
        this.export(id, fn);
      }
      return { $f: id };
    });
  }

  private decoder(): Decoder {
    const compile = this.options.compile;
    return new Decoder(
      (id) => this.remoteFunction(id),
      compile
        ? (source) => {
            const fn = compile(source);
            if (fn && (typeof fn === "function" || typeof fn === "object")) this.sources.set(fn as object, source);
            return fn;
          }
        : undefined,
      (id) => this.exported.get(id),
    );
  }
}

function checkErrorInfo(e: unknown): WireErrorInfo {
  const r = e as Record<string, unknown>;
  if (!r || typeof r !== "object" || typeof r.name !== "string" || typeof r.message !== "string" || typeof r.stack !== "string" || typeof r.isError !== "boolean") {
    throw new WireError("a malformed error");
  }
  for (const k of Object.keys(r)) if (!["name", "message", "stack", "isError"].includes(k)) throw new WireError(`an error with an unknown field "${k.slice(0, 40)}"`);
  return { name: r.name.slice(0, 200), message: r.message.slice(0, 8000), stack: r.stack.slice(0, 4000), isError: r.isError };
}
