/**
 * The reference server's leak knobs: memory kept for ever, the way a leaking server keeps it. `--leak-per-session
 * 100KB`: every session opened keeps that many bytes in per-session state that is never freed, the way a server that
 * files each session in a map and never removes it does (the most reported MCP server leak: ~100 KB per session that
 * is never cleaned up). `--leak-per-call 64KB` (call-leak.ts): every tools/call answered keeps its bytes, so a
 * long-lived server's RSS climbs with the calls it serves. The bytes are filled, so their pages are touched and count
 * in the process's RSS. Without a knob nothing is kept: a closed session's transport and server are dropped by the
 * session tables (streamable-sessions.ts, sse-sessions.ts) and collected.
 */
export class KeptBytes {
  private readonly kept: Buffer[] = [];

  /** `bytesEach`: kept for ever by each event (0: nothing, the default); `what` names the event in errors. */
  constructor(
    private readonly bytesEach: number,
    what: string,
  ) {
    if (!(Number.isSafeInteger(bytesEach) && bytesEach >= 0)) {
      throw new RangeError(`leak per ${what} must be a whole number of bytes ≥ 0; got ${bytesEach}`);
    }
  }

  /** Whether anything is kept at all (the knob is on). */
  get on(): boolean {
    return this.bytesEach > 0;
  }

  /** One more event: with the knob on, its share is allocated, filled, and never let go. */
  protected keepOne(): void {
    if (this.bytesEach === 0) return;
    // Buffer.alloc with a fill writes every byte: the pages are resident, not merely reserved.
    this.kept.push(Buffer.alloc(this.bytesEach, 0x5a));
  }

  /** Bytes kept so far (what the leak has cost the process). */
  get leakedBytes(): number {
    return this.kept.length * this.bytesEach;
  }
}

/** `--leak-per-session`: each session opened keeps its bytes for ever. */
export class SessionLeak extends KeptBytes {
  constructor(bytesPerSession: number) {
    super(bytesPerSession, 'session');
  }

  /** A session was opened. */
  sessionOpened(): void {
    this.keepOne();
  }
}
