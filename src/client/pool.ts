import type { TargetPlan } from './targets/registry.js';
import type { Clock } from '../time/clock.js';
import type { CallOptions, Layer } from './caller.js';
import { connect, ConnectError, type Connection } from './connect.js';
import type { EmitEvent } from './events.js';
import { counter, type LayerCounters } from './layers/declaration.js';
import type { Outcome } from './outcome.js';
import type { TransportOptions } from './transports/opened.js';
import type { ServerLog } from './transports/server-log.js';

/** Revivals that fail back to back before the endpoint counts as failed (the run then stops, exit 3). */
const MAX_REVIVE_FAILURES = 3;
const REVIVE_BACKOFF_US = [100_000, 500_000, 2_000_000];

interface Slot {
  connection: Connection | null;
  reviving: Promise<void> | null;
  /** Why the last revival failed, as an outcome calls can be answered with. */
  lastFailure: Outcome | null;
}

export interface PoolDeps {
  readonly clock: Clock;
  readonly log: ServerLog;
  readonly emit?: EmitEvent;
  /** Settings for each session's transport (compression). */
  readonly transport?: TransportOptions;
  /** How sessions are opened; the real connect() unless a test says otherwise. */
  readonly open?: (target: TargetPlan) => Promise<Connection>;
  /** How long each session's set-up (spawn, `initialize`) may take; CONNECT_TIMEOUT_MS when absent. */
  readonly connectTimeoutMs?: number;
  /** Ends the first opening of the sessions at once (an interrupt): ConnectError CONNECT_INTERRUPTED. Revivals ignore it. */
  readonly signal?: AbortSignal;
}

function opener(deps: PoolDeps, signal: AbortSignal | undefined): (target: TargetPlan) => Promise<Connection> {
  return deps.open ?? ((t) => connect(t, deps.log, deps.clock, deps.transport, deps.connectTimeoutMs, signal));
}

/**
 * A pool's counters in the report (one pool per endpoint: `pool`, `pool1`, …): its size and live sessions are the
 * last round's; a line under the client table when it has several sessions or had to reconnect.
 */
export const POOL_COUNTERS: LayerCounters = {
  name: 'pool',
  counters: { sessions: 'last', live: 'last' },
  line: (stats, f, name) => {
    const n = (key: string): number => counter(stats, key);
    if (n('reconnects') === 0 && n('reconnectFailures') === 0 && n('sessions') <= 1) return null;
    return `${name}: ${f.counted(n('sessions'), 'session')}, ${f.counted(n('reconnects'), 'reconnect')}, ${f.counted(n('reconnectFailures'), 'failed reconnect')}`;
  },
};

/**
 * The sessions (connections) to one endpoint. Calls rotate over the live sessions. With `reconnect`, a session whose
 * transport closed, or whose HTTP session expired (404), is re-opened and re-initialized in the background while
 * calls go to the others; calls already sent on it get their transport error (a retry layer above may retry them).
 * Without `reconnect`, a lost session stays lost. Revival failing three times in a row marks the endpoint failed.
 */
export class EndpointPool implements Layer {
  readonly name = 'pool';
  private readonly slots: Slot[];
  private next = 0;
  private reconnects = 0;
  private reviveFailures = 0;
  private consecutiveFailures = 0;
  private closed = false;
  private readonly openSession: (target: TargetPlan) => Promise<Connection>;

  private constructor(
    readonly endpoint: number,
    private readonly target: TargetPlan,
    connections: Connection[],
    private readonly reconnect: boolean,
    private readonly deps: PoolDeps,
  ) {
    this.slots = connections.map((connection) => ({ connection, reviving: null, lastFailure: null }));
    this.openSession = opener(deps, undefined);
  }

  /** Opens `size` sessions one after another (so each one's set-up is timed alone). Throws ConnectError. */
  static async open(endpoint: number, target: TargetPlan, size: number, reconnect: boolean, deps: PoolDeps): Promise<EndpointPool> {
    const open = opener(deps, deps.signal);
    const connections: Connection[] = [];
    try {
      for (let i = 0; i < size; i++) connections.push(await open(target));
    } catch (error) {
      await Promise.all(connections.map((c) => c.close()));
      throw error;
    }
    return new EndpointPool(endpoint, target, connections, reconnect, deps);
  }

  /** Every session's connection as opened first (for the report's connect / initialize figures). */
  get connections(): readonly Connection[] {
    return this.slots.flatMap((slot) => (slot.connection ? [slot.connection] : []));
  }

  /** True once revival has failed repeatedly: the endpoint is gone. */
  get failed(): boolean {
    return this.consecutiveFailures >= MAX_REVIVE_FAILURES;
  }

  call(request: Parameters<Layer['call']>[0], options: CallOptions): Promise<Outcome> {
    const index = this.pickLive();
    if (index < 0) return this.callWhenNoneLive(request, options);
    const slot = this.slots[index]!;
    const connection = slot.connection!;
    options.trace.session = index;
    // Without reconnection there is nothing to do after the call: hand back its promise (no extra async hop per call).
    if (!this.reconnect) return connection.caller.call(request, options);
    return this.callAndWatch(index, slot, connection, request, options);
  }

  private async callAndWatch(index: number, slot: Slot, connection: Connection, request: Parameters<Layer['call']>[0], options: CallOptions): Promise<Outcome> {
    const outcome = await connection.caller.call(request, options);
    if (!this.closed && this.isLost(connection, outcome)) this.revive(index, slot, connection);
    return outcome;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map(async (slot) => {
      await slot.reviving?.catch(() => undefined);
      await slot.connection?.close();
    }));
  }

  stats(): Readonly<Record<string, number | string>> {
    return {
      sessions: this.slots.length,
      live: this.slots.filter((s) => s.connection && !s.connection.caller.lost).length,
      reconnects: this.reconnects,
      reconnectFailures: this.reviveFailures,
    };
  }

  private isLost(connection: Connection, outcome: Outcome): boolean {
    return connection.caller.lost || (outcome.kind === 'transport' && outcome.code === 'http-404');
  }

  private pickLive(): number {
    const n = this.slots.length;
    for (let i = 0; i < n; i++) {
      const index = (this.next + i) % n;
      const connection = this.slots[index]!.connection;
      if (connection && !connection.caller.lost && !this.slots[index]!.reviving) {
        this.next = (index + 1) % n;
        return index;
      }
    }
    return -1;
  }

  /** Every session is down: wait for a revival (starting one if needed), then try once more. */
  private async callWhenNoneLive(request: Parameters<Layer['call']>[0], options: CallOptions): Promise<Outcome> {
    const slot = this.slots[0]!;
    if (!this.reconnect || this.closed || this.failed) return slot.lastFailure ?? CLOSED;
    if (!slot.reviving) this.revive(0, slot, slot.connection);
    await Promise.all(this.slots.map((s) => s.reviving));
    return this.pickLive() < 0 ? (slot.lastFailure ?? CLOSED) : this.call(request, options);
  }

  private revive(index: number, slot: Slot, lost: Connection | null): void {
    if (slot.reviving) return;
    slot.connection = null;
    slot.reviving = this.reopen(index, slot, lost).finally(() => {
      slot.reviving = null;
    });
  }

  private async reopen(index: number, slot: Slot, lost: Connection | null): Promise<void> {
    await lost?.close().catch(() => undefined);
    const delayUs = this.consecutiveFailures > 0 ? REVIVE_BACKOFF_US[Math.min(this.consecutiveFailures, REVIVE_BACKOFF_US.length) - 1]! : 0;
    if (delayUs > 0) await this.deps.clock.sleepUs(delayUs);
    if (this.closed) return;
    try {
      slot.connection = await this.openSession(this.target);
      this.reconnects++;
      this.consecutiveFailures = 0;
      slot.lastFailure = null;
      this.deps.emit?.({ type: 'reconnect', endpoint: this.endpoint, session: index, cause: lost?.caller.lost ? 'transport closed' : 'session expired' });
    } catch (error) {
      this.reviveFailures++;
      this.consecutiveFailures++;
      slot.lastFailure = { kind: 'transport', code: error instanceof ConnectError ? error.code.replace(/^transport:/, '') : 'closed' };
    }
  }
}

const CLOSED: Outcome = Object.freeze({ kind: 'transport', code: 'closed' });
