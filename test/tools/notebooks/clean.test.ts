import { expect } from "chai";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  formatNotebook,
  listNotebooks,
  notebookProblems,
  readNotebook,
  stripNotebook,
  type Notebook,
} from "../../../tools/notebooks/nbformat";
import { stripFile } from "../../../tools/notebooks/strip";

const root = path.resolve(__dirname, "..", "..", "..");
const lessons = listNotebooks(path.join(root, "notebooks"));
const fixtures = path.join(root, "test", "fixtures", "notebooks");

describe("committed notebooks are clean (no outputs, no execution counts, descent kernel)", () => {
  it(`lists notebooks/*.ipynb (${lessons.length} found)`, () => {
    expect(lessons.every((f) => f.endsWith(".ipynb"))).to.equal(true);
  });
  for (const file of lessons) {
    const name = path.relative(root, file);
    it(name, () => {
      const problems = notebookProblems(readNotebook(file));
      expect(problems, `${name}: ${problems.join("; ")}. Run \`npm run notebooks:strip\` and commit again.`).to.deep.equal([]);
    });
  }
  for (const file of listNotebooks(fixtures)) {
    const name = path.relative(root, file);
    it(`${name} (fixture) is stripped and written as Jupyter writes it`, () => {
      const problems = notebookProblems(readNotebook(file));
      expect(problems, `${name}: ${problems.join("; ")}. Run \`npm run notebooks:strip -- ${name}\`.`).to.deep.equal([]);
      expect(formatNotebook(readNotebook(file))).to.equal(readFileSync(file, "utf8"));
    });
  }
});

describe("notebookProblems / stripNotebook / notebooks:strip", () => {
  const dirty = (): Notebook => ({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" }, custom: { keep: true } },
    cells: [
      { cell_type: "markdown", id: "m1", metadata: { tags: ["intro"] }, source: ["# Title\n"] },
      {
        cell_type: "code",
        id: "c1",
        metadata: { tags: ["keep-me"] },
        source: ["console.log(1)"],
        outputs: [{ output_type: "stream", name: "stdout", text: ["1\n"] }],
        execution_count: 3,
      },
    ],
  });

  it("names every problem: outputs, execution count, wrong kernel", () => {
    const problems = notebookProblems(dirty());
    expect(problems).to.deep.equal([
      "cell 2 has 1 output(s)",
      "cell 2 has execution_count 3",
      'kernelspec is "tslab", not "descent"',
    ]);
  });

  it("stripping clears outputs and counts, sets the kernel, keeps ids and other metadata", () => {
    const stripped = stripNotebook(dirty());
    expect(notebookProblems(stripped)).to.deep.equal([]);
    expect(stripped.cells.map((c) => c.id)).to.deep.equal(["m1", "c1"]);
    expect(stripped.cells[1].metadata).to.deep.equal({ tags: ["keep-me"] });
    expect(stripped.cells[1].source).to.deep.equal(["console.log(1)"]);
    expect(stripped.metadata.custom).to.deep.equal({ keep: true });
    expect(stripped.metadata.kernelspec).to.deep.equal({ name: "descent", display_name: "Descent (TypeScript)", language: "typescript" });
  });

  it("strips a file in place with Jupyter's formatting, and is a no-op the second time", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "descent-strip-"));
    try {
      const file = path.join(dir, "dirty.ipynb");
      writeFileSync(file, JSON.stringify(dirty()));
      expect(stripFile(file)).to.equal(true);
      const text = readFileSync(file, "utf8");
      expect(text.endsWith("}\n")).to.equal(true);
      expect(text.split("\n")[1]).to.equal(' "cells": ['); // 1-space indent, keys sorted
      expect(notebookProblems(readNotebook(file))).to.deep.equal([]);
      expect(stripFile(file)).to.equal(false);
      expect(readFileSync(file, "utf8")).to.equal(text);

      const clean = path.join(dir, "clean.ipynb");
      copyFileSync(path.join(fixtures, "ok.ipynb"), clean);
      expect(stripFile(clean)).to.equal(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
