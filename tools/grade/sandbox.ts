// The sandbox: the only process that runs a student's code. Started by tools/grade/isolate.ts
// as plain node (no tsx) on JavaScript the trusted grader compiled into a private folder,
// under Node's permission model (it may read that folder only: no writes, no child
// processes, no workers), with frozen intrinsics, its own process group, a heap cap and an
// environment of its own. It answers the judge's calls over fds 3 (requests in) and 4
// (replies out) with plain data (codec.ts); it decides nothing about scores.
//
// Bundled by tools/grade/compile.ts into <stage>/run/sandbox.js; the judge's side is remote.ts.
import * as path from "path";
import { createRequire } from "module";
import { OutputCapture } from "./capture";
import { FdTransport, Peer, ChannelError, type WireErrorInfo } from "./peer";

const REQUEST_FD = 3;
const REPLY_FD = 4;

const runDir = __dirname;
const outputCap = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 64 * 1024;
const realExit = process.exit.bind(process);
const localRequire = createRequire(path.join(runDir, "sandbox.js"));

function lockDown(): void {
  // A function must return or throw; ending the process would end every later test too.
  const refuse = (what: string) => (code?: unknown) => {
    throw new Error(`the code under test called ${what}(${code === undefined ? "" : String(code).slice(0, 20)}); a function should return or throw instead`);
  };
  const proc = process as unknown as Record<string, unknown>;
  proc.exit = refuse("process.exit");
  proc.reallyExit = refuse("process.reallyExit");
  proc.abort = refuse("process.abort");
  // No signals to anyone: the grader, the judge and other students' sandboxes are processes too.
  for (const key of ["kill", "_kill", "dlopen", "_debugProcess", "_debugEnd", "_startProfilerIdleNotifier", "_stopProfilerIdleNotifier", "setuid", "setgid", "seteuid", "setegid", "setgroups", "initgroups", "chdir"]) {
    try {
      delete proc[key];
    } catch {
      // A non-configurable property stays; the permission model and the user id are the next layers.
    }
  }
}

/** A thrown value as strings, located in the student's file when its stack shows one. */
function describe(err: unknown): WireErrorInfo {
  if (err instanceof Error) {
    let stack = "";
    try {
      stack = String(err.stack ?? "").split("\n").slice(1, 12).join("\n");
    } catch {
      stack = "";
    }
    return { name: safe(() => String(err.name)), message: safe(() => String(err.message)), stack, isError: true };
  }
  return { name: "", message: safe(() => (typeof err === "string" ? JSON.stringify(err) : String(err))), stack: "", isError: false };
}

function safe(f: () => string): string {
  try {
    return f();
  } catch {
    return "(unprintable)";
  }
}

function main(): void {
  const capture = new OutputCapture(outputCap);
  capture.install();
  lockDown();
  const peer = new Peer(new FdTransport(REQUEST_FD, REPLY_FD), {
    replyExtras: () => {
      const { output, bytes } = capture.take();
      return { out: output, outBytes: bytes };
    },
    describeError: describe,
    // A test's self-contained callback (a loss, a model) runs here, where calling it costs no
    // round trip. It is the judge's code on the student's data; its result is the student's to
    // influence anyway. __name is the helper tsx's compiler wraps nested named functions in.
    compile: (source) => {
      try {
        return new Function("__name", `"use strict"; return (${source});`)((f: unknown) => f);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return () => {
          throw new Error(`a test's callback sent as source could not be rebuilt in the sandbox (${why}); mark only self-contained functions with sendAsSource`);
        };
      }
    },
  });
  // Function 0: load a compiled lesson module by name and hand over its exports.
  peer.export(0, (name: unknown) => {
    if (typeof name !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`not a module name: ${String(name).slice(0, 60)}`);
    return localRequire(path.join(runDir, `${name}.js`));
  });
  // Function −1: call one of the module's functions on many argument lists in one round trip
  // (test/graded/impl.ts callEach), for tests that compare hundreds of values.
  peer.export(-1, (fn: unknown, argLists: unknown) => {
    if (typeof fn !== "function" || !Array.isArray(argLists)) throw new Error("callEach needs a function and an array of argument lists");
    return argLists.map((args) => (fn as (...a: unknown[]) => unknown)(...(Array.isArray(args) ? args : [args])));
  });
  try {
    peer.serveForever();
  } catch (err) {
    // The judge went away (its end closed) or spoke nonsense: nothing left to do here.
    realExit(err instanceof ChannelError ? 0 : 3);
  }
}

main();
