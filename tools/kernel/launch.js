#!/usr/bin/env node
// The pack's kernel. Jupyter starts a kernel in the notebook's own folder, and tslab only
// compiles .ts files below its working directory (tslab#63), so a notebook in notebooks/
// could not import ./lib/... . This launcher finds the pack the notebook belongs to (the
// nearest enclosing pack root of the folder it was started in; the launcher's own pack when
// that folder is in none), moves there, and hands over to that pack's pinned tslab, so every
// notebook sees its own clone's lib/, exercises/ and tools/ whatever its folder.
"use strict";
const fs = require("fs");
const path = require("path");
const { findPackRoot } = require("./find-root");

const connectionFile = process.argv[2];
if (!connectionFile) {
  console.error("usage: node tools/kernel/launch.js <connection_file>  (Jupyter passes it)");
  process.exit(2);
}
const absoluteConnection = path.resolve(connectionFile);
const root = findPackRoot(process.cwd()) || path.resolve(__dirname, "..", "..");
const tslab = path.join(root, "node_modules", "tslab", "dist", "main.js");
if (!fs.existsSync(tslab)) {
  // Never fall back to another clone's tslab: its files are not this notebook's.
  console.error(`Descent kernel: the pack at ${root} has no node_modules/tslab. Run "npm install" in ${root}, then restart the kernel.`);
  process.exit(1);
}
process.chdir(root);
const ts = require(path.join(root, "node_modules", "@tslab", "typescript-for-tslab"));
// lib/ is served precompiled, so import cells take ~1–2 s instead of 5–11 (see compiled-lib.js).
require("./compiled-lib").useCompiledLib(root, ts);
// Each cell compiles without TypeScript's incremental-emit bookkeeping (see fast-tslab.js).
require("./fast-tslab").installFastTslab(root, ts);
process.argv = [process.argv[0], "tslab", "kernel", "--config-path", absoluteConnection];
require(tslab).main();
