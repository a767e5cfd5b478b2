#!/usr/bin/env node
// The pack's kernel. Jupyter starts a kernel in the notebook's own folder, and tslab only
// compiles .ts files below its working directory (tslab#63), so a notebook in notebooks/
// could not import ./lib/... . This launcher moves to the pack's root first, then hands
// over to the pinned local tslab, so every notebook sees the same root whatever its folder.
"use strict";
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
const connectionFile = process.argv[2];
if (!connectionFile) {
  console.error("usage: node tools/kernel/launch.js <connection_file>  (Jupyter passes it)");
  process.exit(2);
}
const absoluteConnection = path.resolve(connectionFile);
process.chdir(root);
process.argv = [process.argv[0], "tslab", "kernel", "--config-path", absoluteConnection];
require(path.join(root, "node_modules", "tslab", "dist", "main.js")).main();
