// `npm run exercises`: regenerates exercises/ from solutions/.
//   --check   write nothing; exit 1 if any exercise file is missing or out of date
//   --force   also overwrite exercise files that were edited (each is first backed up as
//             <file>.bak, <file>.bak2, ...)
// Never deletes a file, and never overwrites an edited one without --force.
import * as fs from "fs";
import * as path from "path";
import { packRoot } from "../grade/layout";
import { syncExercises } from "./sync";

function main(args: string[]): number {
  const unknown = args.filter((a) => a !== "--check" && a !== "--force");
  if (unknown.length) {
    console.error(`exercises: unknown argument ${unknown.join(" ")}\nusage: npm run exercises [-- --check | --force]`);
    return 2;
  }
  const check = args.includes("--check");
  const root = packRoot(__dirname);
  if (!fs.existsSync(path.join(root, "solutions"))) {
    console.log("exercises: there is no solutions/ folder here (a student copy has none), so there is nothing to generate");
    return 0;
  }
  const r = syncExercises(root, { check, force: args.includes("--force") });
  for (const f of r.backups) console.log(`backed up ${f}`);
  for (const f of r.created) console.log(`created ${f}`);
  for (const f of r.updated) console.log(`updated ${f}`);
  for (const f of r.orphans) console.log(`left alone: ${f} (no solutions/ file generates it)`);
  if (check) {
    for (const f of r.stale) console.log(`out of date: ${f}`);
    if (r.stale.length) {
      console.error(`exercises: ${r.stale.length} file(s) out of date with solutions/: run \`npm run exercises\``);
      return 1;
    }
  }
  if (r.refused.length) {
    console.error(
      `exercises: not overwriting ${r.refused.join(", ")}: edited since it was generated (its fingerprint no longer matches), ` +
        "so it may hold someone's work. Move it away, or run `npm run exercises -- --force` to overwrite it (a .bak copy is kept).",
    );
    return 1;
  }
  if (!r.stale.length) console.log(`exercises: all ${r.upToDate} file(s) up to date`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
