/**
 * `npm run test:notebooks`: every lesson in notebooks/ runs top to bottom, first through the
 * pack's own runner (ZeroMQ, no Python), then through Jupyter's nbclient where a Python has
 * it. A missing nbclient is one line and no failure on a laptop; under CI (CI set) it fails,
 * so a green CI always means both paths ran.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { packRoot } from "../kernel/jupyter";
import { runNbclient } from "./nbclient";
import { exitCleanlyOnSignals, notebooksDir, parseRunArgs, runNotebooks } from "./run";

async function main(): Promise<number> {
  exitCleanlyOnSignals();
  const { files, options } = parseRunArgs(process.argv.slice(2));
  if (files.length === 0) {
    console.log(`no notebooks found in ${notebooksDir}: nothing to run`);
    return 0;
  }
  // In the instructor's repository every check() cell must pass against solutions/; in a
  // student release (no solutions/) the checks grade the stubs and fail as an ordinary output.
  if (options.checkTarget === undefined && existsSync(path.join(packRoot, "solutions"))) options.checkTarget = path.join(packRoot, "solutions");
  const strict = options.checkTarget === undefined ? "" : ", check() cells graded against solutions/ (a failing check fails the lesson)";
  console.log(`== runner (ZeroMQ, pack kernel): ${files.length} notebook(s)${strict}`);
  const runner = await runNotebooks(files, options);
  console.log(`\n== nbclient`);
  const nbclient = await runNbclient(files, { cellTimeout: options.cellTimeout });
  const ci = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";
  const nbclientFailed = !nbclient.ok || (nbclient.skipped !== null && ci);
  if (nbclient.skipped !== null && ci) console.log("CI is set: a skipped nbclient pass counts as a failure");
  return runner.ok && !nbclientFailed ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(`test:notebooks: ${e.message}`);
      process.exit(1);
    },
  );
}
