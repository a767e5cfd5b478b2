// Grades one or many target folders: every (target, question) pair is one isolated child,
// and the pairs run a few at a time.
import { gradeQuestion, type RunContext } from "./runner";
import { stageTarget, type Stage } from "./stage";
import type { GradeReport, Limits, QuestionInfo, QuestionResult } from "./types";
import { DEFAULT_LIMITS } from "./types";

/** One folder to grade. */
export interface Target {
  /** A name for reports: the student, or the folder as given. */
  name: string;
  /** The exercises-shaped folder. */
  dir: string;
  /** How the folder is named in messages ("exercises"). */
  label: string;
}

export interface GradeOptions {
  root: string;
  questions: QuestionInfo[];
  limits?: Partial<Limits>;
  /** How many children run at once (default 2, the cores of the course machines). */
  jobs?: number;
  signal?: AbortSignal;
  /** Called as each question of each target finishes (for progress output). */
  onResult?: (target: Target, result: QuestionResult) => void;
}

/** Grades every target on every question; reports come back in the order of `targets`. */
export async function gradeTargets(targets: Target[], options: GradeOptions): Promise<GradeReport[]> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const started = Date.now();
  const stages = new Map<Target, Stage | Error>();
  const results = new Map<Target, QuestionResult[]>(targets.map((t) => [t, []]));
  const work = targets.flatMap((target) => options.questions.map((q) => ({ target, q })));

  try {
    await pool(work, options.jobs ?? 2, async ({ target, q }) => {
      let result: QuestionResult;
      if (options.signal?.aborted) {
        result = unrun(q, "not run: grading was interrupted");
      } else {
        const stage = stageOnce(target, options.root, stages);
        if (stage instanceof Error) {
          result = unrun(q, `could not read the submission: ${stage.message}`, "load-error");
        } else {
          const ctx: RunContext = { root: options.root, stage, targetLabel: target.label, limits, signal: options.signal };
          result = await gradeQuestion({ id: q.id, lesson: q.lesson, files: q.files, expected: q.tests }, ctx);
        }
      }
      results.get(target)?.push(result);
      options.onResult?.(target, result);
    });
  } finally {
    for (const s of stages.values()) if (!(s instanceof Error)) s.cleanup();
  }

  const seconds = (Date.now() - started) / 1000;
  return targets.map((target) => {
    const byId = new Map((results.get(target) ?? []).map((r) => [r.id, r]));
    const questions = options.questions.map((q) => byId.get(q.id) ?? unrun(q, "not run: grading was interrupted"));
    const score = questions.reduce((s, q) => s + q.score, 0);
    const maxScore = questions.reduce((s, q) => s + q.maxScore, 0);
    return {
      target: target.name,
      questions,
      score: Number.isFinite(score) ? score : 0,
      maxScore,
      executionTime: seconds,
      interrupted: options.signal?.aborted ?? false,
    };
  });
}

function stageOnce(target: Target, root: string, stages: Map<Target, Stage | Error>): Stage | Error {
  let stage = stages.get(target);
  if (!stage) {
    try {
      stage = stageTarget(target.dir, root);
    } catch (err) {
      stage = err instanceof Error ? err : new Error(String(err));
    }
    stages.set(target, stage);
  }
  return stage;
}

/** A question whose tests never ran, every test scored 0 with `message`. */
function unrun(q: QuestionInfo, message: string, outcome: "not-run" | "load-error" = "not-run"): QuestionResult {
  const tests = q.tests.map((t) => ({
    ...t,
    question: q.id,
    outcome,
    score: 0,
    message,
    output: "",
    outputTruncated: false,
    outputBytes: 0,
    durationMs: 0,
  }));
  return { id: q.id, lesson: q.lesson, score: 0, maxScore: q.tests.reduce((s, t) => s + t.points, 0), tests };
}

/** Runs `fn` over `items` with at most `size` calls in flight. */
async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
}
