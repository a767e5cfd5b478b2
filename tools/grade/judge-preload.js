// Preloaded into the judge (tools/grade/child.ts) before tsx registers: loads mocha from the one
// file judge-mocha.js built (build/grade/mocha-<version>.cjs), outside tsx's require hook, which cost
// 0.4 s of CPU per question for mocha's 40 files (0.04 s this way). child.ts takes the class from
// here, or requires mocha itself when there is no bundle (a read-only pack). Plain JavaScript:
// it runs before any TypeScript can be loaded. It loads nothing from the code under grading.
"use strict";
const bundle = process.env.DESCENT_JUDGE_MOCHA;
delete process.env.DESCENT_JUDGE_MOCHA;
if (bundle) {
  try {
    globalThis[Symbol.for("descent.judge.mocha")] = require(bundle);
  } catch {
    // child.ts falls back to require("mocha/lib/mocha.cjs")
  }
}
