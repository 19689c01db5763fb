/**
 * A pool's background work, each on its own period of the injected clock until the pool closes: closing sessions
 * above `min` that stayed idle for `idle`, pinging every live session (`health`), and recycling sessions by age and
 * by their server's RSS (`recycle`; recycling by calls is decided when a call ends, pool.ts). Nothing here runs for
 * a fixed pool without health checks or recycling.
 */
import type { Clock } from '../../time/clock.js';
import type { Connection } from '../connect.js';
import { treeRssBytes } from '../transports/proc-tree.js';
import type { Member } from './member.js';
import type { PoolCounts } from './pool-counts.js';
import type { HealthPolicy, PoolPolicy, RecyclePolicy } from './policy.js';

/** The pool's side: its live sessions, and what to do with one. */
export interface PoolHooks {
  members(): readonly Member[];
  liveCount(): number;
  shrink(member: Member): void;
  takeOut(member: Member): void;
  recycle(member: Member, cause: 'age' | 'rss'): void;
  readonly counts: PoolCounts;
}

export interface MaintenanceDeps {
  readonly clock: Clock;
  readonly rssOf?: (pid: number) => Promise<number | null>;
  readonly ping?: (connection: Connection, timeoutUs: number) => Promise<boolean>;
}

export interface Maintenance {
  stop(): void;
  readonly done: Promise<void>;
}

/** Idle sessions are looked for this often at most (and at least every `idle / 4`). */
const IDLE_TICK_US = 1_000_000;

export function startMaintenance(policy: PoolPolicy, deps: MaintenanceDeps, pool: PoolHooks): Maintenance | null {
  const tasks: { everyUs: number; run: () => Promise<void> | void }[] = [];
  if (policy.idleUs !== null && policy.max > policy.min) tasks.push({ everyUs: Math.min(IDLE_TICK_US, policy.idleUs / 4), run: () => shrinkIdle(policy, deps.clock, pool) });
  if (policy.health) tasks.push({ everyUs: policy.health.everyUs, run: () => checkHealth(policy.health!, deps, pool) });
  if (policy.recycle && (policy.recycle.ageUs !== null || policy.recycle.rssBytes !== null)) {
    tasks.push({ everyUs: policy.recycle.everyUs, run: () => recycleDue(policy.recycle!, deps, pool) });
  }
  if (tasks.length === 0) return null;
  const stopping = new AbortController();
  const loop = async (task: (typeof tasks)[number]): Promise<void> => {
    for (;;) {
      await deps.clock.sleepUs(task.everyUs, stopping.signal);
      if (stopping.signal.aborted) return;
      await task.run();
    }
  };
  return { stop: () => stopping.abort(), done: Promise.all(tasks.map(loop)).then(() => undefined) };
}

/** Closes idle sessions above `min`, the highest slots first. */
export function shrinkIdle(policy: PoolPolicy, clock: Clock, pool: PoolHooks): void {
  const now = clock.nowUs();
  const idle = pool.members().filter((m) => m.inFlight === 0 && now - m.idleSinceUs >= policy.idleUs!).sort((a, b) => b.slot - a.slot);
  let live = pool.liveCount();
  for (const member of idle) {
    if (live <= policy.min) return;
    pool.shrink(member);
    live--;
  }
}

/** Pings every live session at once; a session that failed `failures` pings in a row is taken out. */
export async function checkHealth(health: HealthPolicy, deps: MaintenanceDeps, pool: PoolHooks): Promise<void> {
  const ping = deps.ping ?? ((connection, timeoutUs) => pingWithin(connection, timeoutUs, deps.clock));
  await Promise.all(pool.members().map(async (member) => {
    pool.counts.pings++;
    const answered = await ping(member.connection, health.timeoutUs);
    if (answered) {
      member.healthFailures = 0;
      return;
    }
    pool.counts.pingFailures++;
    if (++member.healthFailures >= health.failures) pool.takeOut(member);
  }));
}

/** Recycles sessions past their age, or whose server's RSS passed the limit. */
export async function recycleDue(recycle: RecyclePolicy, deps: MaintenanceDeps, pool: PoolHooks): Promise<void> {
  const now = deps.clock.nowUs();
  const rssOf = deps.rssOf ?? ((pid: number) => treeRssBytes(pid));
  await Promise.all(pool.members().map(async (member) => {
    if (recycle.ageUs !== null && now - member.openedUs >= recycle.ageUs) return pool.recycle(member, 'age');
    const pid = member.connection.serverPid;
    if (recycle.rssBytes === null || !pid) return;
    const rss = await rssOf(pid);
    if (rss !== null && rss > recycle.rssBytes) pool.recycle(member, 'rss');
  }));
}

/** An MCP `ping` answered within `timeoutUs` of the clock; one that is not is cancelled. */
async function pingWithin(connection: Connection, timeoutUs: number, clock: Clock): Promise<boolean> {
  const stop = new AbortController();
  const answered = connection.client.ping({ signal: stop.signal }).then(() => true, () => false);
  const late = clock.sleepUs(timeoutUs, stop.signal).then(() => false);
  const result = await Promise.race([answered, late]);
  stop.abort();
  return result;
}
