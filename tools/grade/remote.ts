// The judge's side of the sandbox: load("welcome") in a graded test returns the lesson's
// exports as stand-ins whose calls cross to the sandbox process (peer.ts) and come back as
// plain data decoded here. Set up by tools/grade/child.ts before any test file loads; when
// no sandbox is connected (the instructor's `npm run test:unit`), test/graded/impl.ts loads
// modules in-process instead.
import type { ModuleInfo } from "./compile";
import { FdTransport, Peer } from "./peer";

/** A module that could not be loaded: missing, not compiling, or importing what it may not. */
export class LoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LoadError";
  }
}

interface Connection {
  peer: Peer;
  modules: Record<string, ModuleInfo>;
  loaded: Map<string, unknown>;
  label: string;
}

let connection: Connection | undefined;

/** Connects this judge to its sandbox over two blocking pipe fds. */
export function connectSandbox(readFd: number, writeFd: number, modules: Record<string, ModuleInfo>, label: string, onOutput: (text: string, bytes: number) => void): void {
  const peer = new Peer(new FdTransport(readFd, writeFd), { onReplyExtras: onOutput });
  connection = { peer, modules, loaded: new Map(), label };
}

/** True in a judge process (the grader, check()), false in an ordinary mocha run. */
export function sandboxConnected(): boolean {
  return connection !== undefined;
}

/** How the trusted grader compiled `module` (undefined outside a judge). */
export function moduleInfo(module: string): ModuleInfo | undefined {
  if (!connection) return undefined;
  return connection.modules[module] ?? { error: `${connection.label}/${module}.ts was not found: the file must exist with this name`, modules: [] };
}

/** The module's exports as remote stand-ins (functions call into the sandbox). */
export function remoteModule<T>(module: string): T {
  if (!connection) throw new Error("internal error: no sandbox is connected");
  const info = moduleInfo(module)!;
  if (info.error) throw new LoadError(info.error);
  let exports = connection.loaded.get(module);
  if (exports === undefined) {
    try {
      exports = connection.peer.remoteFunction(0)(module);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new LoadError(`${connection.label}/${module}.ts threw while loading: ${why.replace(/\s+/g, " ").slice(0, 600)}`);
    }
    if (exports === null || typeof exports !== "object") throw new LoadError(`${connection.label}/${module}.ts did not produce a module`);
    connection.loaded.set(module, exports);
  }
  return exports as T;
}

/**
 * `fn(...args)` for each argument list, in one round trip when `fn` is a sandbox function
 * (the sandbox runs the loop); otherwise an ordinary loop here. The first throw is thrown.
 */
export function callEachRemote<R>(fn: (...args: never[]) => R, argLists: unknown[][]): R[] {
  if (connection && connection.peer.isRemote(fn)) return connection.peer.remoteFunction(-1)(fn, argLists) as R[];
  return argLists.map((args) => (fn as (...a: unknown[]) => R)(...args));
}
