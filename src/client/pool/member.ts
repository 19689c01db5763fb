import type { Connection } from '../connect.js';
import type { Outcome } from '../outcome.js';

/** Why a session left the pool's rotation. */
/** Why a session is recycled (replaced, its calls drained first). */
export const RECYCLE_CAUSES = ['calls', 'age', 'rss'] as const;
export type RecycleCause = (typeof RECYCLE_CAUSES)[number];
export type LeaveCause = 'idle' | 'health' | 'lost' | RecycleCause;

/**
 * One session of a pool: its connection and what the pool counts of it. `live` takes calls; `leaving` takes no new
 * call and is closed once its calls in flight have ended (drained: a session is never closed under a call).
 */
export class Member {
  inFlight = 0;
  /** Calls started on this session (recycle.calls counts them). */
  calls = 0;
  /** Pings failed in a row. */
  healthFailures = 0;
  state: 'live' | 'leaving' = 'live';
  /** Counted among the pool's busy sessions (busy.ts): holds a call and has not left the rotation. */
  countedBusy = false;
  /** A replacement is being opened for it (recycling opens the new session before the old one stops taking calls). */
  replacing = false;
  idleSinceUs: number;
  private closing: Promise<void> | null = null;

  constructor(
    readonly connection: Connection,
    /** Its place in the pool: `trace.session`, stable while it lives. */
    readonly slot: number,
    readonly openedUs: number,
  ) {
    this.idleSinceUs = openedUs;
  }

  /** Takes calls and has room for one more under `perSession`. */
  hasRoom(perSession: number): boolean {
    return this.state === 'live' && this.inFlight < perSession && !this.connection.caller.lost;
  }

  /** The session is gone: its transport closed, or its HTTP session expired (404). */
  lostBy(outcome: Outcome): boolean {
    return this.connection.caller.lost || (outcome.kind === 'transport' && outcome.code === 'http-404');
  }

  /** Why it was lost, as the reconnect event says it: its transport's code (a server over its limit), or expiry. */
  lostCause(): string {
    const caller = this.connection.caller;
    if (!caller.lost) return 'session expired';
    const code = caller.lostCode ?? 'closed';
    return code === 'closed' ? 'transport closed' : `transport ${code}`;
  }

  /** Closes the connection once (later calls share the first close). */
  close(): Promise<void> {
    this.closing ??= this.connection.close().catch(() => undefined);
    return this.closing;
  }
}
