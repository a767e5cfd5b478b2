import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { SGD } from "../../../lib/optim/sgd";
import { Adagrad } from "../../../lib/optim/adagrad";
import { RMSprop } from "../../../lib/optim/rmsprop";
import { Adam } from "../../../lib/optim/adam";
import { AdamW } from "../../../lib/optim/adamw";
import { Adamax } from "../../../lib/optim/adamax";
import { NAdam } from "../../../lib/optim/nadam";
import { Adadelta } from "../../../lib/optim/adadelta";
import type { Optimizer } from "../../../lib/optim/optimizer";
import { expectRelClose, quadraticGradient } from "./close";

// Expected values: test/fixtures/optim/reference.py, a numpy transcription of torch.optim's
// documented algorithm boxes written independently of lib/optim (see its docstring).
interface Case {
  optimizer: string;
  options: Record<string, unknown>;
  problem: string;
  sign: number;
  params: number[];
  state: Record<string, number | number[] | null>;
}
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "../../fixtures/optim/reference.json"), "utf8")) as {
  steps: number;
  problems: Record<string, { A: number[][]; b: number[]; x0: number[] }>;
  cases: Case[];
};

const make: Record<string, (p: Float64Array, o: never) => Optimizer> = {
  SGD: (p, o) => new SGD(p, o), Adagrad: (p, o) => new Adagrad(p, o), RMSprop: (p, o) => new RMSprop(p, o),
  Adam: (p, o) => new Adam(p, o), AdamW: (p, o) => new AdamW(p, o), Adamax: (p, o) => new Adamax(p, o),
  NAdam: (p, o) => new NAdam(p, o), Adadelta: (p, o) => new Adadelta(p, o),
};

describe("lib/optim: every optimizer matches torch's algorithm after 50 steps", () => {
  it("the fixture covers every optimizer on both quadratics", () => {
    expect(new Set(fixture.cases.map((c) => c.optimizer))).to.deep.equal(new Set(Object.keys(make)));
    expect(fixture.cases.length).to.be.at.least(50);
  });

  for (const c of fixture.cases) {
    it(`${c.optimizer}(${JSON.stringify(c.options)}) on ${c.problem}: params and state to 1e-12 relative`, () => {
      const pr = fixture.problems[c.problem];
      const grad = quadraticGradient(pr.A, pr.b, c.sign);
      const opt = make[c.optimizer](Float64Array.from(pr.x0), c.options as never);
      for (let k = 0; k < fixture.steps; k++) opt.step(grad(opt.params));
      // Both sides do the same float64 algorithm in a different order of operations (numpy
      // follows the boxes' m̂, v̂; we follow torch's code), so they differ by rounding only:
      // ~1e-15 per step, and these runs contract, so 1e-12 leaves a wide margin while any
      // real difference (ε moved inside the root changes the result by ~1e-7 here, a missing
      // bias correction by far more) fails. Measured worst case: 8e-15.
      expectRelClose(opt.params, c.params, 1e-12, "params");
      const state = opt.state as Record<string, unknown>;
      for (const [key, want] of Object.entries(c.state)) {
        if (want === null) {
          expect(state[key] ?? null, key).to.equal(null);
        } else if (typeof want === "number") {
          expectRelClose([state[key] as number], [want], 1e-12, key);
        } else {
          expect(state[key], key).to.be.instanceOf(Float64Array);
          expectRelClose(state[key] as Float64Array, want, 1e-12, key);
        }
      }
      // The run really moved: the parameters are not still at x₀.
      expect(Array.from(opt.params)).to.not.deep.equal(pr.x0);
    });
  }
});
