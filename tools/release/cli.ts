// `npm run release -- <dir>`: writes a student copy of the pack into a new or empty folder.
import * as path from "path";
import { packRoot } from "../grade/layout";
import { makeRelease } from "./release";

const args = process.argv.slice(2);
if (args.length !== 1 || args[0].startsWith("-")) {
  console.error("usage: npm run release -- <new-or-empty-folder>");
  process.exit(2);
}
try {
  const here = process.env.INIT_CWD ?? process.cwd();
  const s = makeRelease(packRoot(__dirname), path.resolve(here, args[0]));
  console.log(`release written to ${s.dest}`);
  console.log(`  ${s.copied} files copied, ${s.withheld} instructor-only files withheld, ${s.exercises.length} exercise stubs generated (${s.exercises.join(", ")})`);
  for (const why of s.skipped) console.warn(`  warning: not shipped: ${why}`);
  const rel = path.relative(here, s.dest);
  console.log(`  next: cd ${rel && !rel.startsWith("..") ? rel : s.dest} && npm ci && npm test && npm run grade`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
}
