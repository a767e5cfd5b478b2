import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findCommand } from "../../../tools/kernel/jupyter";

const root = path.resolve(__dirname, "..", "..", "..");

/**
 * A bin folder holding only node, npm and sh (plus any fake Jupyter commands), so `npm start`
 * runs with a PATH that has no real Jupyter even when node and jupyter share /usr/bin.
 */
function binDir(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "descent-bin-"));
  const npm = findCommand("npm");
  const sh = findCommand("sh") ?? "/bin/sh";
  if (npm === null) throw new Error("npm is not on PATH: the start test drives `npm start` itself");
  symlinkSync(process.execPath, path.join(dir, "node"));
  symlinkSync(npm, path.join(dir, "npm"));
  symlinkSync(sh, path.join(dir, "sh"));
  for (const [name, script] of Object.entries(extra)) {
    writeFileSync(path.join(dir, name), `#!/bin/sh\n${script}\n`);
    chmodSync(path.join(dir, name), 0o755);
  }
  return dir;
}

function npmStart(bin: string, args: string[]) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "descent-jupyter-data-"));
  try {
    return spawnSync(path.join(bin, "npm"), ["start", ...args], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, PATH: bin, JUPYTER_DATA_DIR: dataDir, npm_config_update_notifier: "false" },
      timeout: 60000,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe("npm start (tools/start.ts)", function () {
  this.timeout(90000);
  const made: string[] = [];
  after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const bin = (extra?: Record<string, string>) => {
    const dir = binDir(extra);
    made.push(dir);
    return dir;
  };

  it("without Jupyter on PATH: exits 1 with the install commands, no stack trace", () => {
    const run = npmStart(bin(), ["--dry-run"]);
    expect(run.status).to.equal(1);
    expect(run.stderr).to.contain("Jupyter was not found");
    expect(run.stderr).to.contain("pip install jupyterlab");
    expect(run.stderr).to.contain("sudo apt-get install jupyter-notebook python3-nbclient python3-nbconvert");
    expect(run.stderr + run.stdout).not.to.match(/\n\s+at .*\(.*:\d+:\d+\)/);
  });

  it("with JupyterLab: roots the server at the pack, opens notebooks/, passes extra args through", () => {
    const fake = bin({ jupyter: "exit 0", "jupyter-lab": "exit 0" });
    const run = npmStart(fake, ["--dry-run", "--", "--no-browser", "--port", "8899"]);
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.contain(`${path.join(fake, "jupyter")} lab --ServerApp.root_dir=${root} --LabApp.default_url=/lab/tree/notebooks --no-browser --port 8899`);
    expect(run.stdout).to.contain("Descent (TypeScript)");
  });

  it("with only the classic Notebook 6: notebook_dir at the pack, /tree/notebooks", () => {
    const fake = bin({ jupyter: 'if [ "$1" = notebook ]; then echo 6.4.12; fi', "jupyter-notebook": "exit 0" });
    const run = npmStart(fake, ["--dry-run"]);
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.contain(`notebook --NotebookApp.notebook_dir=${root} --NotebookApp.default_url=/tree/notebooks`);
  });
});

describe("npm start as root (planStart)", () => {
  // Jupyter refuses to run as root without --allow-root; containers and CI often are root.
  const { planStart } = require("../../../tools/start") as typeof import("../../../tools/start");
  let fake = "";
  before(() => (fake = binDir({ jupyter: "exit 0", "jupyter-lab": "exit 0" })));
  after(() => rmSync(fake, { recursive: true, force: true }));

  it("adds --allow-root for root only, and only once", () => {
    const env = { ...process.env, PATH: fake };
    const asRoot = planStart(["--no-browser"], env, true);
    const asUser = planStart(["--no-browser"], env, false);
    const given = planStart(["--allow-root"], env, true);
    expect(asRoot?.args).to.include("--allow-root");
    expect(asUser?.args).to.not.include("--allow-root");
    expect(given?.args.filter((a) => a === "--allow-root")).to.have.length(1);
  });
});
