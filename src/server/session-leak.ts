/**
 * The reference server's session-leak knob (`--leak-per-session 100KB`): every session opened keeps that many bytes in
 * per-session state that is never freed, the way a server that files each session in a map and never removes it
 * does (the most reported MCP server leak: ~100 KB per session that is never cleaned up). The bytes are filled, so
 * their pages are touched and count in the process's RSS, where a session-churn workload sees them as growth per
 * 1,000 sessions. Without the knob nothing is kept: a closed session's transport and server are dropped by the
 * session tables (streamable-sessions.ts, sse-sessions.ts) and collected.
 */
export class SessionLeak {
  private readonly kept: Buffer[] = [];

  /** `bytesPerSession`: kept for ever by each session opened (0: nothing, the default). */
  constructor(private readonly bytesPerSession: number) {
    if (!(Number.isSafeInteger(bytesPerSession) && bytesPerSession >= 0)) {
      throw new RangeError(`leak per session must be a whole number of bytes ≥ 0; got ${bytesPerSession}`);
    }
  }

  /** A session was opened: with the knob on, its share is allocated, filled, and never let go. */
  sessionOpened(): void {
    if (this.bytesPerSession === 0) return;
    // Buffer.alloc with a fill writes every byte: the pages are resident, not merely reserved.
    this.kept.push(Buffer.alloc(this.bytesPerSession, 0x5a));
  }

  /** Bytes kept so far (what the leak has cost the process). */
  get leakedBytes(): number {
    return this.kept.length * this.bytesPerSession;
  }
}
