/**
 * The `pool:` block of a client: how an endpoint's sessions grow and shrink, how they are checked and when they are
 * replaced. Without it a pool is fixed at `sessions` (min = max, any number of calls per session, nothing checked),
 * as it always was.
 *
 * ```yaml
 * client:
 *   pool:
 *     min: 1            # sessions opened before the workload and always kept (default: `sessions`, else 1)
 *     max: 8            # the most sessions: grows on demand up to here (default: min)
 *     perSession: 1     # calls one session takes at once before callers wait or the pool grows
 *                       # (default: 1 when max > min, else unlimited)
 *     idle: 30s         # a session above min with no call this long is closed (false: never; default 30s)
 *     acquireTimeout: 5s  # a caller waiting longer for a session ends rejected:pool-exhausted (default: the call's timeout)
 *     health: { every: 5s, timeout: 1s, failures: 3 }   # ping each session; N failures in a row: out of rotation
 *     recycle: { calls: 10k, age: 10m, rss: 512MB, every: 1s }  # replace a session, draining its calls first
 * ```
 */
import { z } from 'zod';
import { SESSIONS_BOUND } from '../../input/bounds.js';
import { bytes, count, duration, strict, wholeNumber } from '../../input/fields.js';

const onOff = (value: unknown): unknown => (value === true ? {} : value === false ? null : value);

const healthShape = {
  every: duration({ positive: true }).optional(),
  timeout: duration({ positive: true }).optional(),
  failures: wholeNumber({ min: 1, hint: 'failures is how many pings in a row must fail before a session is taken out; 1 takes it out at the first' }).optional(),
};

const recycleShape = {
  calls: count({ hint: 'calls is how many calls a session serves before it is replaced' }).optional(),
  age: duration({ positive: true }).optional(),
  rss: bytes().optional(),
  every: duration({ positive: true }).optional(),
};

/** `false` switches a setting of the pool off (never shrink, no acquire limit). */
const orOff = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === false ? null : value), schema.nullable());

export const poolShape = {
  min: wholeNumber({ min: 1, hint: 'min is how many sessions are opened first and always kept; at least 1', max: SESSIONS_BOUND }).optional(),
  max: wholeNumber({ min: 1, hint: 'max is the most sessions the pool grows to', max: SESSIONS_BOUND }).optional(),
  perSession: wholeNumber({ min: 1, hint: 'perSession is how many calls one session takes at once; leave it out for no limit' }).optional(),
  idle: orOff(duration({ positive: true })).optional(),
  acquireTimeout: orOff(duration({ positive: true })).optional(),
  health: z.preprocess(onOff, strict(healthShape).nullable()).optional(),
  recycle: z.preprocess(onOff, strict(recycleShape).nullable()).optional(),
};

export const poolSchema = z.preprocess(onOff, strict(poolShape, { maxSessions: 'max', minSessions: 'min', healthCheck: 'health', ping: 'health' }).nullable());
export type RawPool = NonNullable<z.output<typeof poolSchema>>;

export interface HealthPolicy {
  readonly everyUs: number;
  readonly timeoutUs: number;
  readonly failures: number;
}

export interface RecyclePolicy {
  readonly calls: number | null;
  readonly ageUs: number | null;
  readonly rssBytes: number | null;
  /** How often the servers' RSS is read (with `rssBytes`) and ages are looked at. */
  readonly everyUs: number;
}

/** A pool, resolved. */
export interface PoolPolicy {
  readonly min: number;
  readonly max: number;
  /** Calls one session takes at once; null: any number (they are multiplexed). */
  readonly perSession: number | null;
  readonly idleUs: number | null;
  /** null: a caller waits as long as its call's own timeout. */
  readonly acquireTimeoutUs: number | null;
  readonly health: HealthPolicy | null;
  readonly recycle: RecyclePolicy | null;
}

export const POOL_DEFAULTS = {
  idleUs: 30_000_000,
  health: { everyUs: 5_000_000, timeoutUs: 1_000_000, failures: 3 },
  recycleEveryUs: 1_000_000,
} as const;

/** A fixed pool of `sessions` sessions: what every client had before pools could grow. */
export function fixedPool(sessions: number): PoolPolicy {
  return { min: sessions, max: sessions, perSession: null, idleUs: null, acquireTimeoutUs: null, health: null, recycle: null };
}

/** The pool of a merged client block: `pool` over `sessions` (which is its min when `pool.min` is not written). */
export function buildPool(sessions: number | undefined, raw: RawPool | null | undefined): PoolPolicy {
  if (!raw) return fixedPool(sessions ?? 1);
  const min = raw.min ?? sessions ?? 1;
  const max = raw.max ?? Math.max(min, sessions ?? min);
  const health = raw.health && {
    everyUs: raw.health.every ?? POOL_DEFAULTS.health.everyUs,
    timeoutUs: raw.health.timeout ?? POOL_DEFAULTS.health.timeoutUs,
    failures: raw.health.failures ?? POOL_DEFAULTS.health.failures,
  };
  const recycle = raw.recycle && {
    calls: raw.recycle.calls ?? null,
    ageUs: raw.recycle.age ?? null,
    rssBytes: raw.recycle.rss ?? null,
    everyUs: raw.recycle.every ?? POOL_DEFAULTS.recycleEveryUs,
  };
  return {
    min,
    max,
    perSession: raw.perSession ?? (max > min ? 1 : null),
    idleUs: raw.idle === undefined ? POOL_DEFAULTS.idleUs : raw.idle,
    acquireTimeoutUs: raw.acquireTimeout ?? null,
    health: health ?? null,
    recycle: recycle ?? null,
  };
}

/** True when the pool does anything beyond rotating calls over fixed sessions. */
export function isElastic(pool: PoolPolicy): boolean {
  return pool.max > pool.min || pool.perSession !== null || pool.health !== null || pool.recycle !== null;
}
