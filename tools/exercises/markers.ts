// Turns a solution file into an exercise stub by replacing its marked solution code.
//
// Markers (always on their own line, as line comments):
//   // BEGIN SOLUTION            a block of solution lines, up to
//   // END SOLUTION
//   // BEGIN SOLUTION <what>     the same, naming the stub's message explicitly
//   <one line of code> // SOLUTION    a single line
// Inside a function, a block or marked line becomes
//   throw new Error("not implemented yet: <what> (lesson <n>)");
// where <what> is the enclosing function ("gdStep", "Adam.step") unless the marker names it,
// and <n> comes from the `@lesson <n>` tag in the file's header comment. A block outside any
// function (a private helper, a lookup table) is removed. Everything else (imports,
// signatures, TSDoc) is kept as written.
import * as ts from "typescript";

const BEGIN = /^(\s*)\/\/\s*BEGIN SOLUTION\b\s*(.*?)\s*$/;
const END = /^\s*\/\/\s*END SOLUTION\s*$/;
const ONE_LINE = /^(\s*)\S.*\/\/\s*SOLUTION\s*$/;
const LESSON = /@lesson\s+(\S+)/;

/** The exercise text for one solution file; `file` names it in error messages. */
export function toExercise(source: string, file: string): { text: string; stubs: number } {
  const lesson = LESSON.exec(source)?.[1];
  if (!lesson) throw new Error(`${file}: add "@lesson <n>" to the header comment, e.g. " * @lesson 3"; stub messages name the lesson`);
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const lines = source.split("\n");
  const starts = lineStarts(lines);
  const out: string[] = [];
  let stubs = 0;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const begin = BEGIN.exec(line);
    if (begin) {
      const end = findEnd(lines, i, file);
      const owner = enclosingFunction(sourceFile, starts[i] + begin[1].length);
      if (owner) {
        out.push(stubLine(begin[1], begin[2] || owner, lesson));
        stubs += 1;
      }
      i = end;
      continue;
    }
    if (END.test(line)) throw new Error(`${file}:${i + 1}: "// END SOLUTION" without a "// BEGIN SOLUTION" before it`);
    const one = ONE_LINE.exec(line);
    if (one) {
      const owner = enclosingFunction(sourceFile, starts[i] + one[1].length);
      if (!owner) throw new Error(`${file}:${i + 1}: "// SOLUTION" marks a line outside any function; use a BEGIN/END SOLUTION block to remove top-level code`);
      out.push(stubLine(one[1], owner, lesson));
      stubs += 1;
      continue;
    }
    out.push(line);
  }
  const text = out.join("\n");
  const problems = ts.transpileModule(text, { reportDiagnostics: true, fileName: file }).diagnostics ?? [];
  if (problems.length) {
    const first = ts.flattenDiagnosticMessageText(problems[0].messageText, " ");
    throw new Error(`${file}: the generated stub does not parse (${first}); check the solution markers`);
  }
  return { text, stubs };
}

function stubLine(indent: string, what: string, lesson: string): string {
  return `${indent}throw new Error(${JSON.stringify(`not implemented yet: ${what} (lesson ${lesson})`)});`;
}

function findEnd(lines: string[], begin: number, file: string): number {
  for (let j = begin + 1; j < lines.length; j++) {
    if (END.test(lines[j])) return j;
    if (BEGIN.test(lines[j])) throw new Error(`${file}:${j + 1}: "// BEGIN SOLUTION" inside another block (opened on line ${begin + 1}); blocks do not nest`);
  }
  throw new Error(`${file}:${begin + 1}: "// BEGIN SOLUTION" is never closed by "// END SOLUTION"`);
}

function lineStarts(lines: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  return starts;
}

/** The name of the innermost named function whose body contains `pos`, e.g. "gdStep" or "Adam.step". */
function enclosingFunction(sf: ts.SourceFile, pos: number): string | undefined {
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (pos < node.getStart(sf) || pos >= node.getEnd()) return;
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
      const name = functionName(node);
      if (name) found = name;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function functionName(node: ts.SignatureDeclaration): string | undefined {
  const own = node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isPrivateIdentifier(node.name)) ? node.name.text : undefined;
  const owner = ts.isClassLike(node.parent) && node.parent.name ? node.parent.name.text : undefined;
  if (ts.isConstructorDeclaration(node)) return owner ? `${owner} constructor` : "constructor";
  if (ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) return owner && own ? `${owner}.${own}` : own;
  if (own) return own;
  const p = node.parent;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) {
    return owner && ts.isPropertyDeclaration(p) ? `${owner}.${p.name.text}` : p.name.text;
  }
  return undefined;
}
