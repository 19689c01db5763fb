/**
 * The `client:` block (top level, and per workload over it): the reliability and caching layers calls go through,
 * and the endpoints they are balanced over. Every field here is optional, because a workload's block only says
 * what it changes (client-merge.ts); rules that need the merged settings are in client-checks.ts, defaults in
 * defaults.ts, and the resolved form in client-build.ts.
 *
 * Each layer key takes a mapping (missing fields take their defaults), `true` (all defaults), or `false`/`null` (off).
 */
import { z } from 'zod';
import { RETRY_CLASSES, type RetryClass } from '../outcome.js';
import type { BalanceStrategy } from '../policies.js';
import { bytes, duration, field, numberAtLeast, rate, strict, text, wholeNumber } from '../../input/fields.js';
import { targetSchema } from '../targets/registry.js';
import { didYouMean, listWords } from '../../input/suggest.js';

/** `true` is the layer with its settings as they stand (all defaults, or the scenario's), `false` is off (null). */
const onOff = (value: unknown): unknown => (value === true ? {} : value === false ? null : value);

/** A layer: its settings, `true`, or `false`/`null`. */
const layer = <S extends z.ZodRawShape>(shape: S) => z.preprocess(onOff, strict(shape).nullable()).optional();

/** A list, or one item written on its own (`on: timeout`). */
const listOf = <T extends z.ZodType>(item: T, min = 0) =>
  z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(item).min(min));

const QUEUE_HINT = 'queue is how many calls may wait; 0 rejects every call that cannot go at once';

const RETRY_CLASS_EXPECTED = `one of ${listWords(RETRY_CLASSES)}`;
const retryClass = () =>
  field(RETRY_CLASS_EXPECTED, (value) => {
    const known = RETRY_CLASSES.find((name) => name === value);
    if (known !== undefined) return { ok: true, value: known as RetryClass };
    const hint = typeof value === 'string' ? didYouMean(value, RETRY_CLASSES) : undefined;
    return { ok: false, expected: RETRY_CLASS_EXPECTED, ...(hint ? { hint } : {}) };
  });

/** `true` (all), `false` (none), or a list of names. */
const selection = (what: string) => {
  const expected = `true (all), false (none) or a list of ${what}`;
  return field(expected, (value): { ok: true; value: boolean | string[] } | { ok: false; expected: string } => {
    if (typeof value === 'boolean') return { ok: true, value };
    const names = typeof value === 'string' ? [value] : value;
    const valid = Array.isArray(names) && names.every((name) => typeof name === 'string' && name.trim() !== '');
    return valid ? { ok: true, value: names as string[] } : { ok: false, expected };
  });
};

export const retryShape = {
  attempts: wholeNumber({ min: 1, hint: 'attempts counts the first call too: 1 means no retries, 3 up to two' }).optional(),
  backoff: z.enum(['exponential', 'linear', 'constant']).optional(),
  base: duration({ positive: false }).optional(),
  max: duration({ positive: false }).optional(),
  multiplier: numberAtLeast({ min: 1, hint: 'below 1 the delays would shrink; for a fixed delay write backoff: constant' }).optional(),
  jitter: z.enum(['none', 'full', 'equal']).optional(),
  on: listOf(retryClass(), 1).optional(),
  respectRetryAfter: z.boolean().optional(),
};

export const cacheShape = {
  ttl: duration({ positive: true, zeroHint: 'entries that expire at once are never used; to switch the cache off write cache: false' }).optional(),
  maxEntries: wholeNumber({ min: 1, hint: 'a cache that holds no entries caches nothing; to switch it off write cache: false' }).optional(),
  maxBytes: bytes().optional(),
  tools: listOf(text('a tool name')).optional(),
  readOnly: z.boolean().optional(),
  force: z.boolean().optional(),
  resources: selection('resource URIs').optional(),
  prompts: selection('prompt names').optional(),
};

export const dedupShape = {
  inFlight: z.boolean().optional(),
  window: duration({ positive: false }).optional(),
};

export const breakerShape = {
  failures: wholeNumber({ min: 1, hint: 'failures is how many failures within window open the breaker' }).optional(),
  window: duration({ positive: true }).optional(),
  cooldown: duration({ positive: true, zeroHint: 'a breaker that never stays open does nothing' }).optional(),
  halfOpenProbes: wholeNumber({ min: 1, hint: 'probes are the calls let through to test a recovering server' }).optional(),
};

export const rateLimitShape = {
  rate: rate().optional(),
  burst: wholeNumber({ min: 1, hint: 'burst is how many calls may go at once after a quiet spell; 1 means none bunch up' }).optional(),
  queue: wholeNumber({ min: 0, hint: QUEUE_HINT }).optional(),
};

export const concurrencyShape = {
  max: wholeNumber({ min: 1, hint: 'max is how many calls may be in flight; to lift the limit write concurrency: false' }).optional(),
  queue: wholeNumber({ min: 0, hint: QUEUE_HINT }).optional(),
};

/** The layers, in the order a call passes through them. */
export const LAYER_SHAPES = {
  cache: cacheShape,
  dedup: dedupShape,
  breaker: breakerShape,
  rateLimit: rateLimitShape,
  concurrency: concurrencyShape,
  retry: retryShape,
};
export type LayerName = keyof typeof LAYER_SHAPES;
export const LAYER_NAMES = Object.keys(LAYER_SHAPES) as LayerName[];

const BALANCE_STRATEGIES = ['round-robin', 'least-outstanding', 'fastest'] as const satisfies readonly BalanceStrategy[];

const COMPRESSION_EXPECTED = 'gzip, or false for none';
const compression = () =>
  field(COMPRESSION_EXPECTED, (value) => {
    if (value === 'gzip') return { ok: true, value: 'gzip' as const };
    if (value === null || value === false) return { ok: true, value: null };
    const hint = typeof value === 'string' ? (didYouMean(value, ['gzip']) ?? 'only gzip is supported') : undefined;
    return { ok: false, expected: COMPRESSION_EXPECTED, ...(hint ? { hint } : {}) };
  });

export const clientShape = {
  /** Per attempt; the default timeout of the workload's operations. */
  timeout: duration({ positive: true }).optional(),
  retry: layer(retryShape),
  cache: layer(cacheShape),
  dedup: layer(dedupShape),
  breaker: layer(breakerShape),
  rateLimit: layer(rateLimitShape),
  concurrency: layer(concurrencyShape),
  sessions: wholeNumber({ min: 1, hint: 'sessions is how many connections each endpoint gets; 1 is one connection' }).optional(),
  /** Re-open a lost or expired session instead of failing the run (default: on, with any client block). */
  reconnect: z.boolean().optional(),
  balance: z.enum(BALANCE_STRATEGIES).optional(),
  /** Several targets, each written like `target:`; they replace the scenario's target for this block's calls. */
  endpoints: z.preprocess((value) => (value === false ? null : value), z.array(targetSchema).min(1).nullable()).optional(),
  compression: compression().optional(),
};

/** Words people write for a key of the block, so a misspelling of them still finds the key. */
const CLIENT_ALIASES = {
  retries: 'retry',
  caching: 'cache',
  deduplicate: 'dedup',
  deduplication: 'dedup',
  circuitBreaker: 'breaker',
  rate: 'rateLimit',
  rateLimiter: 'rateLimit',
  maxConcurrency: 'concurrency',
  balancer: 'balance',
  loadBalancing: 'balance',
  gzip: 'compression',
} as const;

/** A client block; `false`/`null` is "no client block" (the plain client, nothing inherited), `true` is `{}`. */
export const clientSchema = z.preprocess(onOff, strict(clientShape, CLIENT_ALIASES).nullable());

/** A validated client block, units resolved, before merging and defaults. */
export type RawClient = NonNullable<z.output<typeof clientSchema>>;
