import { z } from 'zod';
import { count, forbidden, rate, wholeNumber } from '../input/fields.js';
import { CALLS_IN_FLIGHT_BOUND, DEFAULT_MAX_OPEN_SESSIONS, LEFT_OPEN_SESSIONS_BOUND } from '../input/bounds.js';
import { constantArrivals } from '../schedule/arrivals.js';
import { shareOfCount } from '../schedule/shard.js';
import { defaultMaxInFlight } from './defaults.js';
import { defineWorkloadType } from './descriptor.js';
import { runChurnClosed, runChurnOpen } from './loops/session-churn-loop.js';
import { checkChurn } from './session-churn-checks.js';
import { maxInFlightField } from './open-model.js';
import type { WorkloadBase } from './plan.js';
import { closedLoopIdle, closedLoopShare, openLoopIdle, openLoopShare } from './split.js';

/**
 * Sessions opened, used and closed over and over: each session is opened (stdio: a process spawned; HTTP:
 * initialize), makes `callsPerSession` calls one after another (the mix drawn per call), and is closed properly
 * (HTTP: DELETE; stdio: the process ended) — or, with `close: false`, left open until the workload ends (the leak
 * variant), at most `maxOpen` at once: past that the oldest left open is closed (counted as evicted). Sessions start
 * `concurrency` at a time (closed) or at `sessionsPerSecond` (open). Iterations count sessions. Requests are sent as
 * written: templates, journeys, checks, routes, data and tenants are refused at load (session-churn-checks.ts). The
 * report's sessions block: open and close latency, sessions/s, calls per session, server RSS growth per 1,000
 * sessions.
 */
export interface SessionChurnWorkloadPlan extends WorkloadBase {
  readonly type: 'session-churn';
  readonly callsPerSession: number;
  /** Sessions at a time (closed), or null for sessions arriving at `sessionsPerSecond` (open). A shard: its share. */
  readonly concurrency: number | null;
  /** The global session arrival rate (open), or null; a shard strides it. */
  readonly sessionsPerSecond: number | null;
  /** Sessions in flight at most: the open model's cap (a shard: its share), or `concurrency`. */
  readonly maxInFlight: number;
  /** False: each session is left open until the workload ends (or `maxOpen` newer ones are). */
  readonly close: boolean;
  /** Sessions left open at once at most (close: false); past it the oldest is closed. A shard: its share (≥ 1). */
  readonly maxOpen: number;
}

const arrivals = (plan: SessionChurnWorkloadPlan) => constantArrivals(plan.sessionsPerSecond ?? 1, plan.measure);

/**
 * Split: closed — concurrency by shareOfCount, iteration bounds over the shards with sessions in flight, each shard
 * its own mix seed; open — the global schedule strided (session arrival k ≡ i mod N), the cap by shareOfCount;
 * maxOpen by shareOfCount, at least 1.
 * Session and call numbers stay global, so a call's operation is the one it draws on one machine.
 */
export const sessionChurn = defineWorkloadType<SessionChurnWorkloadPlan>()({
  type: 'session-churn',
  description: 'sessions opened, used for a few calls and closed, over and over: open/close latency and server memory per session',
  model: 'closed',
  fields: {
    callsPerSession: wholeNumber({ min: 0 }).optional(),
    concurrency: count({ max: CALLS_IN_FLIGHT_BOUND }).optional(),
    sessionsPerSecond: rate().optional(),
    maxInFlight: maxInFlightField(),
    close: z.boolean().optional(),
    maxOpen: count({ max: LEFT_OPEN_SESSIONS_BOUND }).optional(),
    rate: forbidden('a session-churn workload has no call rate', 'sessions arrive at sessionsPerSecond; calls follow callsPerSession'),
  },
  check: checkChurn,
  build: (common, raw) => ({
    ...common,
    type: 'session-churn',
    callsPerSession: raw.callsPerSession ?? 1,
    concurrency: raw.concurrency ?? null,
    sessionsPerSecond: raw.sessionsPerSecond ?? null,
    maxInFlight: raw.concurrency ?? raw.maxInFlight ?? defaultMaxInFlight(raw.sessionsPerSecond ?? 1),
    close: raw.close ?? true,
    maxOpen: raw.maxOpen ?? DEFAULT_MAX_OPEN_SESSIONS,
  }),
  execute: (plan, context) =>
    plan.sessionsPerSecond === null
      ? runChurnClosed(plan, plan.maxInFlight, context)
      : runChurnOpen(plan, plan.sessionsPerSecond, plan.maxInFlight, context),
  split: (plan, shard) => {
    const maxOpen = Math.max(1, shareOfCount(plan.maxOpen, shard));
    if (plan.sessionsPerSecond !== null) return { ...openLoopShare(plan, shard), maxOpen };
    const share = shareOfCount(plan.maxInFlight, shard);
    return { ...closedLoopShare(plan, shard, { measure: plan.maxInFlight, warmup: plan.maxInFlight }), concurrency: share, maxInFlight: share, maxOpen };
  },
  idleShare: (share) =>
    share.sessionsPerSecond !== null
      ? openLoopIdle(arrivals(share), share.shard)
      : closedLoopIdle(share, share.maxInFlight, `concurrency ${share.shard.index} or less over ${share.shard.count} shards`),
  concurrency: (plan) => plan.maxInFlight,
  headline: (facts) => `session-churn · ${facts.concurrency} ${facts.concurrency === 1 ? 'session' : 'sessions'} at a time`,
});
