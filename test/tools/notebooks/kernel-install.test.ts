import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultJupyterDataDir } from "../../../tools/kernel/jupyter";

const root = path.resolve(__dirname, "..", "..", "..");
const tsxCli = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
const installer = path.join(root, "tools", "kernel", "install.ts");

function install(dataDir: string, cwd: string) {
  return spawnSync(process.execPath, [tsxCli, installer], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, JUPYTER_DATA_DIR: dataDir },
    timeout: 30000,
  });
}

describe("kernel:install (tools/kernel/install.ts)", function () {
  this.timeout(60000);
  let dataDir: string;
  let elsewhere: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "descent-jupyter-data-"));
    elsewhere = mkdtempSync(path.join(os.tmpdir(), "descent-cwd-"));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it("writes kernels/descent/kernel.json with this node and the absolute launcher, from another cwd", () => {
    const run = install(dataDir, elsewhere);
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.contain("registered");
    const spec = JSON.parse(readFileSync(path.join(dataDir, "kernels", "descent", "kernel.json"), "utf8"));
    expect(spec).to.deep.equal({
      argv: [process.execPath, path.join(root, "tools", "kernel", "launch.js"), "{connection_file}"],
      display_name: "Descent (TypeScript)",
      language: "typescript",
    });
    expect(path.isAbsolute(spec.argv[0]) && path.isAbsolute(spec.argv[1])).to.equal(true);
  });

  it("is idempotent: a second run says 'already registered' and leaves one kernel", () => {
    expect(install(dataDir, root).status).to.equal(0);
    const first = readFileSync(path.join(dataDir, "kernels", "descent", "kernel.json"), "utf8");
    const again = install(dataDir, elsewhere);
    expect(again.status, again.stderr).to.equal(0);
    expect(again.stdout).to.contain("already registered");
    expect(readdirSync(path.join(dataDir, "kernels"))).to.deep.equal(["descent"]);
    expect(readFileSync(path.join(dataDir, "kernels", "descent", "kernel.json"), "utf8")).to.equal(first);
  });

  it("updates a kernelspec that points at another checkout and says so", () => {
    const dir = path.join(dataDir, "kernels", "descent");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "kernel.json"), JSON.stringify({ argv: ["/old/node", "/old/pack/tools/kernel/launch.js", "{connection_file}"], display_name: "Descent (TypeScript)", language: "typescript" }));
    const run = install(dataDir, elsewhere);
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.contain("updated");
    expect(run.stdout).to.contain("/old/pack/tools/kernel/launch.js");
    const spec = JSON.parse(readFileSync(path.join(dir, "kernel.json"), "utf8"));
    expect(spec.argv[1]).to.equal(path.join(root, "tools", "kernel", "launch.js"));
  });

  it("knows each platform's default data dir", () => {
    const env = { HOME: "/home/u", APPDATA: "C:\\Users\\u\\AppData\\Roaming" };
    expect(defaultJupyterDataDir(env, "linux")).to.equal(path.join("/home/u", ".local", "share", "jupyter"));
    expect(defaultJupyterDataDir({ ...env, XDG_DATA_HOME: "/xdg" }, "linux")).to.equal(path.join("/xdg", "jupyter"));
    expect(defaultJupyterDataDir(env, "darwin")).to.equal(path.join("/home/u", "Library", "Jupyter"));
    expect(defaultJupyterDataDir(env, "win32")).to.equal(path.join("C:\\Users\\u\\AppData\\Roaming", "jupyter"));
  });
});
