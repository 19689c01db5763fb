import type { TargetPlan } from '../targets/registry.js';
import type { Clock } from '../../time/clock.js';
import type { CallOptions, Layer } from '../caller.js';
import { connect, ConnectError, type Connection, type ConnectionTimings } from '../connect.js';
import type { EmitEvent } from '../events.js';
import type { Outcome } from '../outcome.js';
import type { McpRequest } from '../request.js';
import type { TransportOptions } from '../transports/opened.js';
import type { ServerLog } from '../transports/server-log.js';
import { BusyMeter } from './busy.js';
import { PoolCounts } from './pool-counts.js';
import { Member, type LeaveCause } from './member.js';
import { startMaintenance, type Maintenance } from './maintenance.js';
import type { PoolPolicy } from './policy.js';
import { isElastic } from './policy.js';
import { Waiters } from './waiters.js';

/** Revivals that fail back to back before the endpoint counts as failed (the run then stops, exit 3). */
const MAX_REVIVE_FAILURES = 3;
const REVIVE_BACKOFF_US = [100_000, 500_000, 2_000_000];

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
  private readonly slots: (Member | null)[];
  private readonly opening = new Set<number>();
  private readonly leaving = new Set<Member>();
  private readonly pending = new Set<Promise<void>>();
  private readonly waiters: Waiters;
  private readonly busy: BusyMeter;
  private readonly counts = new PoolCounts();
  private readonly timings: ConnectionTimings[] = [];
  private readonly maintenance: Maintenance | null;
  private readonly openSession: (target: TargetPlan) => Promise<Connection>;
  /** The plain client's one fixed session: calls go straight to it, nothing counted per call. */
  private readonly plain: boolean;
  /** Calls one session takes at once (`perSession`; unlimited: Infinity). */
  private readonly perSession: number;
  private next = 0;
  private consecutiveFailures = 0;
  private lastFailure: Outcome | null = null;
  private closed = false;
  /** Warming up: no session is closed for being idle (the ones opened first would be, while the last ones open). */
  private warming = false;

  private constructor(
    readonly endpoint: number,
    private readonly target: TargetPlan,
    connections: readonly Connection[],
    readonly policy: PoolPolicy,
    private readonly reconnect: boolean,
    private readonly deps: PoolDeps,
  ) {
    const now = deps.clock.nowUs();
    this.slots = Array.from({ length: policy.max }, (_, i) => (connections[i] ? new Member(connections[i], i, now) : null));
    this.timings.push(...connections.map((c) => c.timings));
    this.counts.opened = connections.length;
    this.waiters = new Waiters(deps.clock);
    this.busy = new BusyMeter();
    this.perSession = policy.perSession ?? Infinity;
    this.plain = !reconnect && !isElastic(policy) && policy.max === 1;
    this.openSession = deps.open ?? ((t) => connect(t, deps.log, deps.clock, deps.transport, deps.connectTimeoutMs));
    this.maintenance = startMaintenance(policy, deps, {
      members: () => this.slots.filter((m): m is Member => m !== null && m.state === 'live'),
      shrink: (m) => {
        if (!this.warming) this.retire(m, 'idle');
      },
      takeOut: (m) => this.retire(m, 'health'),
      recycle: (m, cause) => this.replace(m, cause),
      counts: this.counts,
      liveCount: () => this.liveCount(),
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
      for (let slot = this.freeSlot(); slot >= 0 && !this.closed; slot = this.freeSlot()) {
        const connection = await this.openSession(this.target);
        this.admit(connection, slot);
      }
    } finally {
      this.warming = false;
      // Warm means ready now: every session's idle time starts when warming ends.
      const now = this.deps.clock.nowUs();
      for (const member of this.slots) if (member && member.inFlight === 0) member.idleSinceUs = now;
    }
  }

  /** Every session's connection, leaving ones included (preflight, server sampling). */
  get connections(): readonly Connection[] {
    return [...this.slots.flatMap((m) => (m ? [m.connection] : [])), ...[...this.leaving].map((m) => m.connection)];
  }

  /** The set-up times of every session the pool opened (at the start, warming, growing, replacing, reviving). */
  get openedTimings(): readonly ConnectionTimings[] {
    return this.timings;
  }

  /** True once revival has failed repeatedly: the endpoint is gone. */
  get failed(): boolean {
    return this.consecutiveFailures >= MAX_REVIVE_FAILURES;
  }

  call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    if (this.plain) {
      const only = this.slots[0];
      if (only && !only.connection.caller.lost) {
        options.trace.session = 0;
        return only.connection.caller.call(request, options);
      }
    }
    const member = this.pick();
    if (member) return this.run(this.take(member), request, options);
    return this.waitAndCall(request, options);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.maintenance?.stop();
    this.waiters.failAll(CLOSED);
    await Promise.all([...this.pending, this.maintenance?.done]);
    const members = [...this.slots.flatMap((m) => (m ? [m] : [])), ...this.leaving];
    await Promise.all(members.map((m) => m.close()));
  }

  stats(): Readonly<Record<string, number | string>> {
    const now = this.deps.clock.nowUs();
    const max = this.policy.max;
    return {
      sessions: this.slots.filter((m) => m !== null).length,
      live: this.liveCount(),
      ...(isElastic(this.policy) && {
        min: this.policy.min,
        max,
        peakBusy: this.busy.peak,
        utilization: round4(this.busy.peak / max),
        meanUtilization: round4(this.busy.mean(now) / max),
      }),
      ...this.counts.stats(),
    };
  }

  /**
   * The next session with room. Sessions that take any number of calls are used in turn (the load spread over them);
   * with a `perSession` limit the lowest slot with room is taken, so calls pack onto the fewest sessions and those
   * the load no longer needs go idle and are closed (a connection pool's rule).
   */
  private pick(): Member | null {
    const n = this.slots.length;
    const from = this.perSession === Infinity ? this.next : 0;
    for (let i = 0; i < n; i++) {
      const index = (from + i) % n;
      const member = this.slots[index];
      if (member?.hasRoom(this.perSession)) {
        this.next = (index + 1) % n;
        return member;
      }
    }
    return null;
  }

  /** A call is placed on `member` (counted now, so nobody else takes its room before the call is sent). */
  private take(member: Member): Member {
    member.calls++;
    if (member.inFlight++ === 0 && member.state === 'live') {
      member.countedBusy = true;
      this.busy.change(1, this.deps.clock.nowUs());
    }
    return member;
  }

  private run(member: Member, request: McpRequest, options: CallOptions): Promise<Outcome> {
    options.trace.session = member.slot;
    return member.connection.caller.call(request, options).then((outcome) => this.release(member, outcome));
  }

  private release(member: Member, outcome: Outcome): Outcome {
    const now = this.deps.clock.nowUs();
    if (--member.inFlight === 0) {
      this.notBusy(member, now);
      member.idleSinceUs = now;
    }
    if (!this.closed && member.state === 'live') {
      const recycle = this.policy.recycle;
      if (this.reconnect && isLost(member, outcome)) this.retire(member, 'lost');
      else if (recycle?.calls != null && member.calls >= recycle.calls) this.replace(member, 'calls');
    }
    if (member.state === 'leaving' && member.inFlight === 0) this.finishLeaving(member);
    this.pump();
    return outcome;
  }

  /** No session has room: grow if the pool may, then wait for a session (or fail at once when none can come). */
  private async waitAndCall(request: McpRequest, options: CallOptions): Promise<Outcome> {
    const clock = this.deps.clock;
    const startUs = clock.nowUs();
    this.grow(1);
    if (!this.hope()) return this.lastFailure ?? CLOSED;
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
      const member = this.pick();
      if (!member) break;
      this.waiters.grantFirst(this.take(member));
    }
    if (this.waiters.length > 0) this.grow(0);
  }

  /** Opens sessions for the callers waiting (and `extra` about to), up to `max`; with `reconnect`, revives a dead pool. */
  private grow(extra: number): void {
    if (this.closed || this.failed) return;
    const wanted = this.waiters.length + extra;
    const perSession = this.perSession;
    const coming = perSession === Infinity ? (this.opening.size > 0 ? Infinity : 0) : this.opening.size * perSession;
    if (wanted <= coming) return;
    // A pool that never grows opens again only to revive (reconnect); a grown pool grows while it is under max.
    const dead = this.liveCount() === 0;
    if (this.policy.max === this.policy.min && !(dead && this.reconnect)) return;
    if (dead && !this.reconnect && this.slots.some((m) => m !== null)) return;
    const slot = this.freeSlot();
    if (slot >= 0) this.openInto(slot, dead && this.counts.opened > 0 ? 'revive' : 'grow', dead ? 'transport closed' : undefined);
  }

  /** Someone may still come: a live session, one opening, or a revival allowed. */
  private hope(): boolean {
    return this.liveCount() > 0 || this.opening.size > 0;
  }

  private freeSlot(): number {
    return this.slots.findIndex((m, i) => m === null && !this.opening.has(i));
  }

  private liveCount(): number {
    return this.slots.filter((m) => m !== null && m.state === 'live' && !m.connection.caller.lost).length;
  }

  /** A session leaves the rotation: closed now if idle, else once its calls end; lost or unhealthy ones are revived. */
  private retire(member: Member, cause: LeaveCause): void {
    if (member.state !== 'live' || this.closed) return;
    if (this.slots[member.slot] === member) this.slots[member.slot] = null;
    this.leave(member);
    this.counts.left(cause);
    if (cause === 'health') this.openInto(member.slot, 'revive', 'failed health checks');
    if (cause === 'lost') this.openInto(member.slot, 'revive', lostCause(member));
  }

  /** Recycling: the new session is opened first; the old one keeps taking calls until it is ready, then drains. */
  private replace(member: Member, cause: 'calls' | 'age' | 'rss'): void {
    if (member.state !== 'live' || member.replacing || this.closed) return;
    member.replacing = true;
    this.counts.recycled(cause);
    this.openInto(member.slot, 'replace', cause);
  }

  /** Utilization counts the sessions in rotation: one that leaves (draining its calls) is busy no more. */
  private notBusy(member: Member, nowUs: number): void {
    if (!member.countedBusy) return;
    member.countedBusy = false;
    this.busy.change(-1, nowUs);
  }

  private leave(member: Member): void {
    this.notBusy(member, this.deps.clock.nowUs());
    member.state = 'leaving';
    this.leaving.add(member);
    if (member.inFlight === 0) this.finishLeaving(member);
  }

  private finishLeaving(member: Member): void {
    if (!this.leaving.delete(member)) return;
    this.track(member.close());
  }

  private openInto(slot: number, why: 'grow' | 'revive' | 'replace', cause?: string): void {
    this.opening.add(slot);
    this.track(this.opened(slot, why, cause).finally(() => {
      this.opening.delete(slot);
      this.afterOpening();
    }));
  }

  private async opened(slot: number, why: 'grow' | 'revive' | 'replace', cause: string | undefined): Promise<void> {
    const backoff = why === 'revive' && this.consecutiveFailures > 0 ? REVIVE_BACKOFF_US[Math.min(this.consecutiveFailures, REVIVE_BACKOFF_US.length) - 1]! : 0;
    if (backoff > 0) await this.deps.clock.sleepUs(backoff);
    if (this.closed) return;
    try {
      const connection = await this.openSession(this.target);
      if (this.closed) return void (await connection.close());
      this.admit(connection, slot);
      this.consecutiveFailures = 0;
      this.lastFailure = null;
      if (why === 'grow') this.counts.grown++;
      if (why === 'revive') {
        this.counts.reconnects++;
        this.deps.emit?.({ type: 'reconnect', endpoint: this.endpoint, session: slot, cause: cause ?? 'no live session' });
      }
    } catch (error) {
      const replaced = this.slots[slot];
      if (why === 'replace' && replaced) replaced.replacing = false; // the old session serves on; tried again later
      if (why !== 'replace') {
        this.counts.reconnectFailures++;
        this.consecutiveFailures++;
      }
      this.lastFailure = { kind: 'transport', code: error instanceof ConnectError ? error.code.replace(/^transport:/, '') : 'closed' };
    }
  }

  /** A new session takes `slot`; a session it replaces leaves (draining its calls). */
  private admit(connection: Connection, slot: number): void {
    const old = this.slots[slot];
    this.slots[slot] = new Member(connection, slot, this.deps.clock.nowUs());
    this.timings.push(connection.timings);
    this.counts.opened++;
    if (old) this.leave(old);
    this.pump();
  }

  /** After an opening ended: hand out what opened; with nothing live and nothing coming, the waiters fail. */
  private afterOpening(): void {
    this.pump();
    if (this.waiters.length === 0 || this.hope() || this.closed) return;
    if (this.reconnect && !this.failed) this.grow(0);
    if (!this.hope()) this.waiters.failAll(this.lastFailure ?? CLOSED);
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }
}

/** Why a lost session was lost, as the reconnect event says it: its transport's code (a server over its limit), or expiry. */
function lostCause(member: Member): string {
  const caller = member.connection.caller;
  if (!caller.lost) return 'session expired';
  const code = caller.lostCode ?? 'closed';
  return code === 'closed' ? 'transport closed' : `transport ${code}`;
}

function isLost(member: Member, outcome: Outcome): boolean {
  return member.connection.caller.lost || (outcome.kind === 'transport' && outcome.code === 'http-404');
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
