// Collects what the code under test prints, per test, up to a cap. Runs inside the child.
// Capturing in the child (not only at the pipe) means megabytes of console.log never cross
// the process boundary, and each test gets its own output.

/** A per-test console buffer with a byte cap. */
export class OutputCapture {
  private chunks: string[] = [];
  private kept = 0;
  private total = 0;

  constructor(private readonly capBytes: number) {}

  /** Starts a fresh buffer (called when a test starts). */
  reset(): void {
    this.chunks = [];
    this.kept = 0;
    this.total = 0;
  }

  /** Records one write; bytes past the cap are counted but dropped. */
  write(chunk: unknown): void {
    const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString("utf8") : String(chunk);
    const bytes = Buffer.byteLength(text);
    this.total += bytes;
    if (this.kept >= this.capBytes) return;
    const room = this.capBytes - this.kept;
    const piece = bytes <= room ? text : Buffer.from(text).subarray(0, room).toString("utf8");
    this.chunks.push(piece);
    this.kept += Math.min(bytes, room);
  }

  /** Counts bytes printed but already dropped elsewhere (past the sandbox's own cap). */
  count(bytes: number): void {
    if (Number.isFinite(bytes) && bytes > 0) this.total += bytes;
  }

  /** What was kept, whether anything was cut, and the total printed. */
  take(): { output: string; truncated: boolean; bytes: number } {
    const result = { output: this.chunks.join(""), truncated: this.total > this.kept, bytes: this.total };
    this.reset();
    return result;
  }

  /**
   * Routes process.stdout and process.stderr (and so console.*) into this buffer. Returns the
   * original stdout writer, for the rare message the child itself must print.
   */
  install(): (s: string) => void {
    const original = process.stdout.write.bind(process.stdout);
    const sink = (chunk: unknown, encodingOrCallback?: unknown, callback?: unknown): boolean => {
      this.write(chunk);
      const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
      if (typeof done === "function") process.nextTick(done as () => void);
      return true;
    };
    process.stdout.write = sink as typeof process.stdout.write;
    process.stderr.write = sink as typeof process.stderr.write;
    return (s: string) => void original(s);
  }
}
