/** A validated, merged client block → ClientPolicies: defaults applied, names as the client layers read them. */
import type {
  BreakerPolicy,
  CachePolicy,
  ClientPolicies,
  ConcurrencyPolicy,
  DedupPolicy,
  RateLimitPolicy,
  RetryPolicy,
} from '../policies.js';
import { PLAIN_CLIENT } from '../policies.js';
import type { RawClient } from './schema.js';
import { CLIENT_DEFAULTS } from './defaults.js';

const D = CLIENT_DEFAULTS;

type Layer<K extends keyof RawClient> = NonNullable<RawClient[K]>;

/** A layer that is absent or switched off is not in the stack (null). */
const when = <T, P>(settings: T | null | undefined, build: (settings: T) => P): P | null =>
  settings === null || settings === undefined ? null : build(settings);

/** The policies of a merged block; no block at all is the plain client. */
export function buildClient(block: RawClient | null): ClientPolicies {
  if (block === null) return PLAIN_CLIENT;
  return {
    retry: when(block.retry, retry),
    cache: when(block.cache, cache),
    dedup: when(block.dedup, dedup),
    breaker: when(block.breaker, breaker),
    rateLimit: when(block.rateLimit, rateLimit),
    concurrency: when(block.concurrency, concurrency),
    sessions: block.sessions ?? D.sessions,
    reconnect: block.reconnect ?? D.reconnect,
    balance: block.balance ?? D.balance,
    compression: block.compression ?? D.compression,
  };
}

function retry(settings: Layer<'retry'>): RetryPolicy {
  return {
    attempts: settings.attempts ?? D.retry.attempts,
    backoff: settings.backoff ?? D.retry.backoff,
    baseUs: settings.base ?? D.retry.base,
    maxUs: settings.max ?? D.retry.max,
    multiplier: settings.multiplier ?? D.retry.multiplier,
    jitter: settings.jitter ?? D.retry.jitter,
    on: settings.on ?? D.retry.on,
    respectRetryAfter: settings.respectRetryAfter ?? D.retry.respectRetryAfter,
  };
}

function cache(settings: Layer<'cache'>): CachePolicy {
  return {
    ttlUs: settings.ttl ?? D.cache.ttl,
    maxEntries: settings.maxEntries ?? D.cache.maxEntries,
    maxBytes: settings.maxBytes ?? D.cache.maxBytes,
    tools: settings.tools ?? D.cache.tools,
    readOnly: settings.readOnly ?? D.cache.readOnly,
    // Whether the listed tools may be cached although the server does not call them read-only is checked against
    // the server at run time; here it is only carried through.
    force: settings.force ?? D.cache.force,
    resources: settings.resources ?? D.cache.resources,
    prompts: settings.prompts ?? D.cache.prompts,
  };
}

function dedup(settings: Layer<'dedup'>): DedupPolicy {
  return { inFlight: settings.inFlight ?? D.dedup.inFlight, windowUs: settings.window ?? D.dedup.window };
}

function breaker(settings: Layer<'breaker'>): BreakerPolicy {
  return {
    failures: settings.failures ?? D.breaker.failures,
    windowUs: settings.window ?? D.breaker.window,
    cooldownUs: settings.cooldown ?? D.breaker.cooldown,
    halfOpenProbes: settings.halfOpenProbes ?? D.breaker.halfOpenProbes,
  };
}

/** A bucket of a tenth of a second's calls, at least one, unless `burst` says otherwise. */
export const defaultBurst = (perSecond: number): number => Math.max(1, Math.round(perSecond / 10));

function rateLimit(settings: Layer<'rateLimit'>): RateLimitPolicy {
  // client-checks.ts reports a rate limit without a rate, so a validated block always has one.
  const perSecond = settings.rate ?? unreachable('rateLimit.rate');
  return { perSecond, burst: settings.burst ?? defaultBurst(perSecond), queue: settings.queue ?? D.rateLimit.queue };
}

function concurrency(settings: Layer<'concurrency'>): ConcurrencyPolicy {
  return { max: settings.max ?? unreachable('concurrency.max'), queue: settings.queue ?? D.concurrency.queue };
}

function unreachable(what: string): never {
  throw new Error(`unreachable: ${what} is required and checked before resolving`);
}
