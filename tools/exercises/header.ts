// The header of a generated exercise file. Its fingerprint is a hash of everything below the
// header, so the generator can tell a file it wrote (safe to regenerate) from a file a
// student has edited (never overwritten without --force).
import { createHash } from "crypto";

const FIRST = /^\/\/ GENERATED from (\S+) by `npm run exercises` \(fingerprint ([0-9a-f]{16})\)/;
const HEADER_LINES = 2;

/** Hash of an exercise body (the text below the header). */
export function fingerprint(body: string): string {
  return createHash("sha256").update(body).digest("hex").slice(0, 16);
}

/** Prepends the two header lines to a generated body. */
export function withHeader(solution: string, body: string): string {
  return [
    `// GENERATED from ${solution} by \`npm run exercises\` (fingerprint ${fingerprint(body)}). This is your copy to edit.`,
    `// Replace each \`throw new Error("not implemented yet: …")\` with your code, then run the check(...) cell of the lesson or \`npm run grade\`.`,
    body,
  ].join("\n");
}

/** What a file on disk is: generated and untouched, generated then edited, or not generated at all. */
export function inspectExercise(text: string): "pristine" | "edited" | "foreign" {
  const lines = text.split("\n");
  const m = FIRST.exec(lines[0] ?? "");
  if (!m) return "foreign";
  return fingerprint(lines.slice(HEADER_LINES).join("\n")) === m[2] ? "pristine" : "edited";
}
