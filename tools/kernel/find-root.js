// Which clone of the pack a kernel belongs to. Jupyter starts a kernel in the notebook's own
// folder, and one kernelspec ("descent") serves every clone on the machine, so the launcher
// must not assume its own clone: a student's release beside the instructor's repository, or
// two courses, would otherwise run, import and check the other clone's files.
"use strict";
const fs = require("fs");
const path = require("path");

/** True when `dir` is the root of a Descent pack: package.json named "descent" and our kernel launcher. */
function isPackRoot(dir) {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    return pkg.name === "descent" && fs.existsSync(path.join(dir, "tools", "kernel", "launch.js"));
  } catch {
    return false;
  }
}

/** The nearest pack root at or above `start`, or null when `start` lies in no pack. */
function findPackRoot(start) {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (isPackRoot(dir)) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

module.exports = { findPackRoot, isPackRoot };
