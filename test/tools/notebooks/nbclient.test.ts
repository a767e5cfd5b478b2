import { expect } from "chai";
import path from "node:path";
import { findPythonWithNbclient } from "../../../tools/kernel/jupyter";
import { runNbclient } from "../../../tools/notebooks/nbclient";

const fixtures = path.resolve(__dirname, "..", "..", "fixtures", "notebooks");

describe("tools/notebooks nbclient pass", function () {
  this.timeout(120000);

  it("without nbclient: one 'skipped' line and success", async () => {
    const lines: string[] = [];
    const summary = await runNbclient([path.join(fixtures, "ok.ipynb")], { python: null, log: (l) => lines.push(l) });
    expect(summary.ok).to.equal(true);
    expect(summary.skipped).to.contain("nbclient pass skipped");
    expect(lines).to.have.length(1);
  });

  it("with nbclient (where a Python has it): passes ok.ipynb, reports cell 3 of broken-throw with tslab's text", async () => {
    const python = findPythonWithNbclient();
    const lines: string[] = [];
    const summary = await runNbclient([path.join(fixtures, "ok.ipynb"), path.join(fixtures, "broken-throw.ipynb")], {
      python,
      log: (l) => lines.push(l),
    });
    if (python === null) {
      // This machine has no nbclient: the pass must say so rather than pretend to run.
      expect(summary.skipped).to.contain("skipped");
      return;
    }
    expect(summary.skipped).to.equal(null);
    expect(summary.results.map((r) => r.ok)).to.deep.equal([true, false]);
    const failure = summary.results[1].failure!;
    expect(failure.cell).to.equal(3);
    expect(failure.evalue).to.contain("deliberate failure in cell 3");
    expect(failure.source).to.contain("throw new Error");
    expect(summary.ok).to.equal(false);
  });
});
