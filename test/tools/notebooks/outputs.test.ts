import { expect } from "chai";
import { OutputCollector, stripAnsi, toDiskOutputs } from "../../../tools/notebooks/outputs";
import type { Message } from "../../../tools/notebooks/wire";
import { makeHeader, parse, serialize } from "../../../tools/notebooks/wire";

function iopub(msgType: string, content: Record<string, unknown>): Message {
  return { identities: [], header: makeHeader(msgType, "s"), parent_header: {}, metadata: {}, content, buffers: [] };
}

describe("tools/notebooks IOPub to nbformat outputs", () => {
  it("merges consecutive stream text of the same name and splits it into lines on disk", () => {
    const c = new OutputCollector();
    c.begin();
    c.handle(iopub("stream", { name: "stdout", text: "a" }));
    c.handle(iopub("stream", { name: "stdout", text: "b\nc\n" }));
    c.handle(iopub("stream", { name: "stderr", text: "e\n" }));
    expect(toDiskOutputs(c.outputs())).to.deep.equal([
      { output_type: "stream", name: "stdout", text: ["ab\n", "c\n"] },
      { output_type: "stream", name: "stderr", text: ["e\n"] },
    ]);
  });

  it("clear_output(wait) clears only when the next output arrives", () => {
    const c = new OutputCollector();
    c.begin();
    c.handle(iopub("stream", { name: "stdout", text: "old\n" }));
    c.handle(iopub("clear_output", { wait: true }));
    expect(c.outputs()).to.have.length(1);
    c.handle(iopub("stream", { name: "stdout", text: "new\n" }));
    expect(toDiskOutputs(c.outputs())).to.deep.equal([{ output_type: "stream", name: "stdout", text: ["new\n"] }]);
    c.handle(iopub("clear_output", { wait: false }));
    expect(c.outputs()).to.deep.equal([]);
  });

  it("update_display_data rewrites the earlier output with the same display id, in an earlier cell too", () => {
    const c = new OutputCollector();
    c.begin();
    c.handle(iopub("display_data", { data: { "text/plain": "v1" }, metadata: {}, transient: { display_id: "d" } }));
    const firstCell = c.outputs();
    c.begin();
    c.handle(iopub("update_display_data", { data: { "text/plain": "v2" }, metadata: {}, transient: { display_id: "d" } }));
    expect(c.outputs()).to.deep.equal([]);
    expect(toDiskOutputs(firstCell)).to.deep.equal([{ output_type: "display_data", data: { "text/plain": ["v2"] }, metadata: {} }]);
  });

  it("keeps execute_result's count, leaves base64 PNG and JSON data whole", () => {
    const c = new OutputCollector();
    c.begin();
    const png = "iVBORw0KGgo=";
    c.handle(iopub("execute_result", { execution_count: 7, data: { "image/png": png, "application/json": { a: 1 } }, metadata: {} }));
    expect(toDiskOutputs(c.outputs())).to.deep.equal([
      { output_type: "execute_result", execution_count: 7, data: { "image/png": png, "application/json": { a: 1 } }, metadata: {} },
    ]);
  });

  it("strips ANSI colour codes", () => {
    expect(stripAnsi("\u001b[0;31mError\u001b[0m: x\u001b[2K")).to.equal("Error: x");
  });
});

describe("tools/notebooks wire format", () => {
  it("signs with HMAC-SHA256 and round-trips; a tampered frame is rejected", () => {
    const header = makeHeader("execute_request", "session-1");
    const frames = serialize("secret", { header, parent_header: {}, metadata: {}, content: { code: "1+1" } });
    expect(frames[0].toString()).to.equal("<IDS|MSG>");
    expect(frames[1].toString()).to.match(/^[0-9a-f]{64}$/);
    const back = parse("secret", [Buffer.from("identity"), ...frames]);
    expect(back.header).to.deep.equal(header);
    expect(back.content).to.deep.equal({ code: "1+1" });
    expect(back.identities.map(String)).to.deep.equal(["identity"]);
    const tampered = [...frames];
    tampered[5] = Buffer.from(JSON.stringify({ code: "2+2" }));
    expect(() => parse("secret", tampered)).to.throw(/invalid HMAC/);
    expect(() => parse("other key", frames)).to.throw(/invalid HMAC/);
  });
});
