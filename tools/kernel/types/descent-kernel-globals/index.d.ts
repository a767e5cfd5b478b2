// The Node.js globals and modules a cell in the pack's kernel sees, declared loosely in place of
// @types/node. Why: tslab parses every declaration file of its program when the kernel starts and
// merges them again at every cell; @types/node is 60 files, and leaving it out took the start of
// tslab's compiler from 2.2 s to 0.8 s of CPU (measured 12-02, lesson 7's cells), which the 10 s
// lesson budget needs (issue 9 item 8). Lessons use console and performance; a student's cell may
// use more of Node, and it runs as before: what is not declared precisely here is typed `any`.
// The grader's type check (tools/grade/typecheck.ts) and loadExercise (lib/exercise.ts) read this
// same file, so a lesson's import cell, loadExercise and `npm run grade` agree on what is an error.

interface DescentConsole {
  log(...data: any[]): void;
  info(...data: any[]): void;
  warn(...data: any[]): void;
  error(...data: any[]): void;
  debug(...data: any[]): void;
  table(data: any, columns?: string[]): void;
  dir(item: any, options?: any): void;
  time(label?: string): void;
  timeEnd(label?: string): void;
  timeLog(label?: string, ...data: any[]): void;
  assert(condition?: boolean, ...data: any[]): void;
  count(label?: string): void;
  group(...label: any[]): void;
  groupEnd(): void;
  trace(...data: any[]): void;
  [method: string]: any;
}
declare var console: DescentConsole;

declare var performance: { now(): number; readonly timeOrigin: number; [member: string]: any };

declare var process: {
  env: Record<string, string | undefined>;
  argv: string[];
  platform: string;
  version: string;
  versions: Record<string, string>;
  pid: number;
  cwd(): string;
  exit(code?: number | string): never;
  abort(): never;
  hrtime: { (time?: [number, number]): [number, number]; bigint(): bigint };
  memoryUsage: { (): { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number }; rss(): number };
  cpuUsage(previous?: { user: number; system: number }): { user: number; system: number };
  uptime(): number;
  nextTick(callback: (...args: any[]) => void, ...args: any[]): void;
  stdout: { write(chunk: string | Uint8Array): boolean; [member: string]: any };
  stderr: { write(chunk: string | Uint8Array): boolean; [member: string]: any };
  [member: string]: any;
};

declare function setTimeout(callback: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function clearTimeout(handle: any): void;
declare function setInterval(callback: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function clearInterval(handle: any): void;
declare function setImmediate(callback: (...args: any[]) => void, ...args: any[]): any;
declare function clearImmediate(handle: any): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T, options?: any): T;

interface NodeModule {
  id: string;
  filename: string;
  exports: any;
  loaded: boolean;
  children: NodeModule[];
  paths: string[];
  [member: string]: any;
}
declare var require: {
  (id: string): any;
  resolve(id: string, options?: { paths?: string[] }): string;
  cache: Record<string, NodeModule | undefined>;
  main: NodeModule | undefined;
  [member: string]: any;
};
declare var module: NodeModule;
declare var exports: any;
declare var __dirname: string;
declare var __filename: string;
interface Buffer extends Uint8Array {
  toString(encoding?: string, start?: number, end?: number): string;
  [member: string]: any;
}
declare var Buffer: {
  from(data: any, encodingOrOffset?: any, length?: number): Buffer;
  alloc(size: number, fill?: any, encoding?: string): Buffer;
  allocUnsafe(size: number): Buffer;
  concat(list: readonly Uint8Array[], totalLength?: number): Buffer;
  byteLength(data: any, encoding?: string): number;
  isBuffer(value: any): value is Buffer;
  [member: string]: any;
};
declare namespace NodeJS {
  type Timeout = any;
  type Immediate = any;
  type ProcessEnv = Record<string, string | undefined>;
  type ErrnoException = Error & { code?: string; errno?: number; path?: string; syscall?: string };
}
declare var global: any;
declare var TextEncoder: any;
declare var TextDecoder: any;
declare var URL: any;
declare var URLSearchParams: any;
declare var AbortController: any;
declare var fetch: (input: any, init?: any) => Promise<any>;

// Node's own modules (Node 20's list): importable, typed any.
declare module "assert";
declare module "node:assert";
declare module "assert/strict";
declare module "node:assert/strict";
declare module "async_hooks";
declare module "node:async_hooks";
declare module "buffer";
declare module "node:buffer";
declare module "child_process";
declare module "node:child_process";
declare module "cluster";
declare module "node:cluster";
declare module "console";
declare module "node:console";
declare module "constants";
declare module "node:constants";
declare module "crypto";
declare module "node:crypto";
declare module "dgram";
declare module "node:dgram";
declare module "diagnostics_channel";
declare module "node:diagnostics_channel";
declare module "dns";
declare module "node:dns";
declare module "dns/promises";
declare module "node:dns/promises";
declare module "domain";
declare module "node:domain";
declare module "events";
declare module "node:events";
declare module "fs";
declare module "node:fs";
declare module "fs/promises";
declare module "node:fs/promises";
declare module "http";
declare module "node:http";
declare module "http2";
declare module "node:http2";
declare module "https";
declare module "node:https";
declare module "inspector";
declare module "node:inspector";
declare module "inspector/promises";
declare module "node:inspector/promises";
declare module "module";
declare module "node:module";
declare module "net";
declare module "node:net";
declare module "os";
declare module "node:os";
declare module "path";
declare module "node:path";
declare module "path/posix";
declare module "node:path/posix";
declare module "path/win32";
declare module "node:path/win32";
declare module "perf_hooks";
declare module "node:perf_hooks";
declare module "process";
declare module "node:process";
declare module "punycode";
declare module "node:punycode";
declare module "querystring";
declare module "node:querystring";
declare module "readline";
declare module "node:readline";
declare module "readline/promises";
declare module "node:readline/promises";
declare module "repl";
declare module "node:repl";
declare module "stream";
declare module "node:stream";
declare module "stream/consumers";
declare module "node:stream/consumers";
declare module "stream/promises";
declare module "node:stream/promises";
declare module "stream/web";
declare module "node:stream/web";
declare module "string_decoder";
declare module "node:string_decoder";
declare module "sys";
declare module "node:sys";
declare module "timers";
declare module "node:timers";
declare module "timers/promises";
declare module "node:timers/promises";
declare module "tls";
declare module "node:tls";
declare module "trace_events";
declare module "node:trace_events";
declare module "tty";
declare module "node:tty";
declare module "url";
declare module "node:url";
declare module "util";
declare module "node:util";
declare module "util/types";
declare module "node:util/types";
declare module "v8";
declare module "node:v8";
declare module "vm";
declare module "node:vm";
declare module "wasi";
declare module "node:wasi";
declare module "worker_threads";
declare module "node:worker_threads";
declare module "zlib";
declare module "node:zlib";
