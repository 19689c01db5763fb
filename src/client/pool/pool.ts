import type { TargetPlan } from '../targets/registry.js';
import type { Clock } from '../../time/clock.js';
import type { CallOptions, Layer } from '../caller.js';
import { connect, type Connection, type ConnectionTimings } from '../connect.js';
import type { EmitEvent } from '../events.js';
import type { Outcome } from '../outcome.js';
import type { McpRequest } from '../request.js';
import type { TransportOptions } from '../transports/opened.js';
import type { ServerLog } from '../transports/server-log.js';
import { PoolCounts } from './pool-counts.js';
import { Member, type LeaveCause, type RecycleCause } from './member.js';
import { Seats } from './seats.js';
import { SessionOpener } from './opener.js';
import { startMaintenance, type Maintenance } from './maintenance.js';
import type { PoolPolicy } from './policy.js';
import { isElastic } from './policy.js';
import { Waiters } from './waiters.js';

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
  /** The RSS of a server process and its children (recycle.rss); absent: proc-tree's reading of /proc. */
  readonly rssOf?: (pid: number) => Promise<number | null>;
  /** One health check: true when the session answered in time; absent: an MCP `ping` raced against the clock. */
  readonly ping?: (connection: Connection, timeoutUs: number) => Promise<boolean>;
}

/** What a caller that waited too long for a session ends with: never sent. */
export const POOL_EXHAUSTED: Outcome = Object.freeze({ kind: 'rejected', reason: 'pool-exhausted' });
const CLOSED: Outcome = Object.freeze({ kind: 'transport', code: 'closed' });

/**
 * The sessions (connections) to one endpoint. Calls go round the sessions with room (`perSession` calls at once,
 * unlimited unless the pool says); when none has room the pool grows up to `max`, else the caller waits first come,
 * first served (`acquireTimeout`, else its call's timeout: then rejected:pool-exhausted). Sessions above `min` idle
 * for `idle` are closed. With `reconnect`, a session whose transport closed or whose HTTP session expired (404) is
 * re-opened in the background while calls go to the others; without it a lost session stays lost. Revival failing
 * three times in a row marks the endpoint failed. Health checks (maintenance.ts) take a session that stops answering
 * `ping` out of rotation and revive it; recycling replaces a session after N calls, an age or an RSS, opening the
 * new one first. A session that leaves takes no new call and is closed only once its calls in flight have ended.
 */
export class EndpointPool implements Layer {
  readonly name = 'pool';
  private readonly seats: Seats;
  private readonly pending = new Set<Promise<void>>();
  private readonly waiters: Waiters;
  private readonly counts = new PoolCounts();
  private readonly timings: ConnectionTimings[] = [];
  private readonly maintenance: Maintenance | null;
  private readonly opener: SessionOpener;
  /** The plain client's one fixed session: calls go straight to it, nothing counted per call. */
  private readonly plain: boolean;
  /** Calls one session takes at once (`perSession`; unlimited: Infinity). */
  private readonly perSession: number;
  private closed = false;
  /** Warming up: no session is closed for being idle (the ones opened first would be, while the last ones open). */
  private warming = false;

  private constructor(
    readonly endpoint: number,
    target: TargetPlan,
    connections: readonly Connection[],
    readonly policy: PoolPolicy,
    private readonly reconnect: boolean,
    private readonly deps: PoolDeps,
  ) {
    this.perSession = policy.perSession ?? Infinity;
    this.seats = new Seats(policy.max, this.perSession, deps.clock, (closed) => this.track(closed));
    connections.forEach((connection, slot) => this.seats.seat(connection, slot));
    this.timings.push(...connections.map((c) => c.timings));
    this.counts.opened = connections.length;
    this.waiters = new Waiters(deps.clock);
    this.plain = !reconnect && !isElastic(policy) && policy.max === 1;
    this.opener = new SessionOpener(target, deps.open ?? ((t) => connect(t, deps.log, deps.clock, deps.transport, deps.connectTimeoutMs)), deps.clock);
    this.maintenance = startMaintenance(policy, deps, {
      members: () => this.seats.live(),
      shrink: (m) => {
        if (!this.warming) this.retire(m, 'idle');
      },
      takeOut: (m) => this.retire(m, 'health'),
      recycle: (m, cause) => this.replace(m, cause),
      counts: this.counts,
      liveCount: () => this.seats.liveCount(),
    });
  }

  /** Opens `policy.min` sessions one after another (so each one's set-up is timed alone). Throws ConnectError. */
  static async open(endpoint: number, target: TargetPlan, policy: PoolPolicy, reconnect: boolean, deps: PoolDeps): Promise<EndpointPool> {
    const open = deps.open ?? ((t: TargetPlan) => connect(t, deps.log, deps.clock, deps.transport, deps.connectTimeoutMs, deps.signal));
    const connections: Connection[] = [];
    try {
      for (let i = 0; i < policy.min; i++) connections.push(await open(target));
    } catch (error) {
      await Promise.all(connections.map((c) => c.close()));
      throw error;
    }
    return new EndpointPool(endpoint, target, connections, policy, reconnect, deps);
  }

  /** Opens sessions one after another until the pool holds `max` (warmup: { sessions: all }). Throws ConnectError. */
  async warm(): Promise<void> {
    this.warming = true;
    try {
      for (let slot = this.seats.freeSlot(); slot >= 0 && !this.closed; slot = this.seats.freeSlot()) {
        this.admit(await this.opener.openOrThrow(), slot);
      }
    } finally {
      this.warming = false;
      this.seats.touch();
    }
  }

  /** Every session's connection, leaving ones included (preflight, server sampling). */
  get connections(): readonly Connection[] {
    return this.seats.connections();
  }

  /** The set-up times of every session the pool opened (at the start, warming, growing, replacing, reviving). */
  get openedTimings(): readonly ConnectionTimings[] {
    return this.timings;
  }

  /** True once revival has failed repeatedly: the endpoint is gone. */
  get failed(): boolean {
    return this.opener.failed;
  }

  call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    if (this.plain) {
      const only = this.seats.at(0);
      if (only && !only.connection.caller.lost) {
        options.trace.session = 0;
        return only.connection.caller.call(request, options);
      }
    }
    const member = this.seats.pick();
    if (member) return this.run(this.seats.take(member), request, options);
    return this.waitAndCall(request, options);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.maintenance?.stop();
    this.waiters.failAll(CLOSED);
    await Promise.all([...this.pending, this.maintenance?.done]);
    await Promise.all(this.seats.all().map((m) => m.close()));
  }

  stats(): Readonly<Record<string, number | string>> {
    const { min, max } = this.policy;
    return {
      sessions: this.seats.seated,
      live: this.seats.liveCount(),
      ...(isElastic(this.policy) && { min, max, ...this.seats.utilization(max) }),
      ...this.counts.stats(),
    };
  }

  private run(member: Member, request: McpRequest, options: CallOptions): Promise<Outcome> {
    options.trace.session = member.slot;
    return member.connection.caller.call(request, options).then((outcome) => this.release(member, outcome));
  }

  private release(member: Member, outcome: Outcome): Outcome {
    this.seats.release(member);
    if (!this.closed && member.state === 'live') {
      const recycle = this.policy.recycle;
      if (this.reconnect && member.lostBy(outcome)) this.retire(member, 'lost');
      else if (recycle?.calls != null && member.calls >= recycle.calls) this.replace(member, 'calls');
    }
    this.pump();
    return outcome;
  }

  /** No session has room: grow if the pool may, then wait for a session (or fail at once when none can come). */
  private async waitAndCall(request: McpRequest, options: CallOptions): Promise<Outcome> {
    const clock = this.deps.clock;
    const startUs = clock.nowUs();
    // A session whose transport closed while it held no call (a server that died idle) has no call to notice it.
    if (this.reconnect) for (const member of this.seats.live()) if (member.connection.caller.lost) this.retire(member, 'lost');
    this.grow(1);
    if (!this.hope()) return this.opener.lastFailure ?? CLOSED;
    const grant = await this.waiters.wait(this.policy.acquireTimeoutUs ?? options.timeoutUs, () => {
      this.counts.exhausted++;
      return POOL_EXHAUSTED;
    });
    const waitedUs = clock.nowUs() - startUs;
    options.trace.poolWaitUs += waitedUs;
    this.counts.waited(waitedUs);
    return grant instanceof Member ? this.run(grant, request, options) : grant;
  }

  /** Hands sessions with room to the callers waiting, first come first served. */
  private pump(): void {
    while (this.waiters.length > 0) {
      const member = this.seats.pick();
      if (!member) break;
      this.waiters.grantFirst(this.seats.take(member));
    }
    if (this.waiters.length > 0) this.grow(0);
  }

  /** Opens sessions for the callers waiting (and `extra` about to), up to `max`; with `reconnect`, revives a dead pool. */
  private grow(extra: number): void {
    if (this.closed || this.failed) return;
    const wanted = this.waiters.length + extra;
    const perSession = this.perSession;
    const opening = this.seats.opening.size;
    const coming = perSession === Infinity ? (opening > 0 ? Infinity : 0) : opening * perSession;
    if (wanted <= coming) return;
    // A pool that never grows opens again only to revive (reconnect); a grown pool grows while it is under max.
    const dead = this.seats.liveCount() === 0;
    if (this.policy.max === this.policy.min && !(dead && this.reconnect)) return;
    if (dead && !this.reconnect && this.seats.seated > 0) return;
    const slot = this.seats.freeSlot();
    if (slot >= 0) this.openInto(slot, dead && this.counts.opened > 0 ? 'revive' : 'grow', dead ? 'transport closed' : undefined);
  }

  /** Someone may still come: a live session, one opening, or a revival allowed. */
  private hope(): boolean {
    return this.seats.liveCount() > 0 || this.seats.opening.size > 0;
  }

  /** A session leaves the rotation: closed now if idle, else once its calls end; lost or unhealthy ones are revived. */
  private retire(member: Member, cause: LeaveCause): void {
    if (member.state !== 'live' || this.closed) return;
    this.seats.unseat(member);
    this.counts.left(cause);
    if (cause === 'health') this.openInto(member.slot, 'revive', 'failed health checks');
    if (cause === 'lost') this.openInto(member.slot, 'revive', member.lostCause());
  }

  /** Recycling: the new session is opened first; the old one keeps taking calls until it is ready, then drains. */
  private replace(member: Member, cause: RecycleCause): void {
    if (member.state !== 'live' || member.replacing || this.closed) return;
    member.replacing = true;
    this.counts.recycled(cause);
    this.openInto(member.slot, 'replace', cause);
  }

  private openInto(slot: number, why: 'grow' | 'revive' | 'replace', cause?: string): void {
    this.seats.opening.add(slot);
    this.track(this.opened(slot, why, cause).finally(() => {
      this.seats.opening.delete(slot);
      this.afterOpening();
    }));
  }

  private async opened(slot: number, why: 'grow' | 'revive' | 'replace', cause: string | undefined): Promise<void> {
    const connection = await this.opener.open(why === 'revive', () => this.closed);
    if (connection === null) {
      const replaced = this.seats.at(slot);
      if (why === 'replace' && replaced) replaced.replacing = false; // the old session serves on; tried again later
      if (why !== 'replace' && !this.closed) this.counts.reconnectFailures++;
      return;
    }
    if (this.closed) return void (await connection.close());
    this.admit(connection, slot);
    if (why === 'grow') this.counts.grown++;
    if (why === 'revive') {
      this.counts.reconnects++;
      this.deps.emit?.({ type: 'reconnect', endpoint: this.endpoint, session: slot, cause: cause ?? 'no live session' });
    }
  }

  /** A new session takes `slot`; a session it replaces leaves (draining its calls). */
  private admit(connection: Connection, slot: number): void {
    this.seats.seat(connection, slot);
    this.timings.push(connection.timings);
    this.counts.opened++;
    this.pump();
  }

  /** After an opening ended: hand out what opened; with nothing live and nothing coming, the waiters fail. */
  private afterOpening(): void {
    this.pump();
    if (this.waiters.length === 0 || this.hope() || this.closed) return;
    if (this.reconnect && !this.failed) this.grow(0);
    if (!this.hope()) this.waiters.failAll(this.opener.lastFailure ?? CLOSED);
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }
}
