// Generates every exercise file in memory from solutions/ (nothing is written here).
import * as fs from "fs";
import * as path from "path";
import { withHeader } from "./header";
import { toExercise } from "./markers";

/** One generated exercise: where it comes from, where it goes, and its full text. */
export interface GeneratedExercise {
  /** e.g. "solutions/welcome.ts" (relative to the pack root, forward slashes). */
  solution: string;
  /** e.g. "exercises/welcome.ts". */
  exercise: string;
  text: string;
  /** How many solution regions became stubs. */
  stubs: number;
}

/** Every solutions/**\/*.ts of the pack at `root`, as the exercise it generates (sorted). */
export function generateExercises(root: string): GeneratedExercise[] {
  const dir = path.join(root, "solutions");
  if (!fs.existsSync(dir)) return [];
  return listTs(dir).map((abs) => {
    const rel = path.relative(dir, abs).split(path.sep).join("/");
    const solution = `solutions/${rel}`;
    const { text, stubs } = toExercise(fs.readFileSync(abs, "utf8"), solution);
    return { solution, exercise: `exercises/${rel}`, text: withHeader(solution, text), stubs };
  });
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listTs(full));
    else if (e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}
