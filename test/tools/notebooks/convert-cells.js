// Child process for fast-tslab.test.ts: compiles cells with tslab's converter, in the pack root,
// with lib/ precompiled as the kernel serves it, patched or not (argv[2] = "fast" | "plain"),
// and prints what tslab would run: JavaScript, declarations, diagnostics, side outputs.
// Cells come as a JSON array on stdin. A cell that fails keeps the previous declarations, as
// tslab's executor does.
"use strict";
const path = require("path");
const root = path.resolve(__dirname, "..", "..", "..");
process.chdir(root);
const ts = require(path.join(root, "node_modules", "@tslab", "typescript-for-tslab"));
require(path.join(root, "tools", "kernel", "compiled-lib.js")).useCompiledLib(root, ts);
let status = { active: false, reason: "plain" };
if (process.argv[2] === "fast") status = require(path.join(root, "tools", "kernel", "fast-tslab.js")).installFastTslab(root, ts);
const { createConverter } = require(path.join(root, "node_modules", "tslab", "dist", "converter.js"));
const cells = JSON.parse(require("fs").readFileSync(0, "utf8"));
const converter = createConverter({ isJS: false, isBrowser: false });
let prevDecl = "";
const results = [];
for (const src of cells) {
  const out = converter.convert(prevDecl, src);
  results.push({
    output: out.output ?? null,
    declOutput: out.declOutput ?? null,
    diagnostics: out.diagnostics.map((d) => ({ line: d.start.line, character: d.start.character, messageText: String(d.messageText), code: d.code, fileName: d.fileName ?? null })),
    sideOutputs: (out.sideOutputs ?? []).map((s) => ({ path: path.relative(root, s.path), data: s.data })),
    hasToplevelAwait: Boolean(out.hasToplevelAwait),
    lastExpressionVar: out.lastExpressionVar ?? null,
  });
  if (out.diagnostics.length === 0) prevDecl = out.declOutput ?? "";
}
converter.close();
process.stdout.write(JSON.stringify({ status, stats: globalThis.__descentFastTslab ?? null, results }));
process.exit(0);
