/**
 * The Jupyter messaging protocol's wire format (v5.3), as a kernel client needs it.
 *
 * A message on a ZeroMQ socket is: routing identities, the delimiter `<IDS|MSG>`, an
 * HMAC-SHA256 signature (hex) over the four JSON frames that follow (header, parent_header,
 * metadata, content), those four frames, then optional binary buffers.
 * Reference: https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

const DELIMITER = Buffer.from("<IDS|MSG>");

/** The protocol version this client speaks. */
export const protocolVersion = "5.3";

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface Message<Content = Record<string, unknown>> {
  identities: Buffer[];
  header: Header;
  /** The header of the request this message answers; `{}` when it answers none. */
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Content;
  buffers: Buffer[];
}

/** HMAC-SHA256 (hex) over the JSON frames, as the connection file's `signature_scheme` says. */
export function sign(key: string, frames: (string | Buffer)[]): string {
  const hmac = createHmac("sha256", key);
  for (const frame of frames) hmac.update(frame);
  return hmac.digest("hex");
}

/** A fresh header for a request of type `msgType` in `session`. */
export function makeHeader(msgType: string, session: string): Header {
  return {
    msg_id: randomUUID(),
    session,
    username: "descent-runner",
    date: new Date().toISOString(),
    msg_type: msgType,
    version: protocolVersion,
  };
}

/** The frames to send for `message` (a Dealer adds no identity of its own). */
export function serialize(key: string, message: Omit<Message, "identities" | "buffers"> & Partial<Message>): Buffer[] {
  const json = [message.header, message.parent_header, message.metadata, message.content].map((part) =>
    Buffer.from(JSON.stringify(part)),
  );
  return [...(message.identities ?? []), DELIMITER, Buffer.from(sign(key, json)), ...json, ...(message.buffers ?? [])];
}

/** Parses and verifies a received message; a bad signature or shape throws. */
export function parse(key: string, frames: Buffer[]): Message {
  const at = frames.findIndex((frame) => frame.equals(DELIMITER));
  if (at < 0 || frames.length < at + 6) throw new Error("malformed Jupyter message: no <IDS|MSG> delimiter or too few frames");
  const signature = frames[at + 1];
  const json = frames.slice(at + 2, at + 6);
  if (key !== "") {
    const expected = Buffer.from(sign(key, json));
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
      throw new Error("Jupyter message with an invalid HMAC signature");
    }
  }
  const [header, parent_header, metadata, content] = json.map((frame) => JSON.parse(frame.toString("utf8")));
  return { identities: frames.slice(0, at), header, parent_header, metadata, content, buffers: frames.slice(at + 6) };
}
