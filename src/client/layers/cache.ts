/**
 * The cache layer: answers cacheable requests (cache-policy.ts) from an LRU with a TTL and a byte bound (lru.ts),
 * keeps its figures per tool, URI and prompt (cache-accounting.ts), and can be warmed before measuring (`warm`).
 * Its declaration — options, defaults, rules, report figures — is cache-declaration.ts.
 */
import type { Clock } from '../../time/clock.js';
import type { Random } from '../../random/seeded.js';
import type { CallOptions, Caller, KeyedCounters, Layer } from '../caller.js';
import type { EmitEvent } from '../events.js';
import { errorKey, type Outcome } from '../outcome.js';
import type { McpRequest } from '../request.js';
import { requestKey } from '../request-key.js';
import { CallTrace } from '../trace.js';
import { CacheAccounting, type KeyFigures } from './cache-accounting.js';
import { cacheRules, isCacheable, type CachePolicy, type CacheRules, type WarmRequest } from './cache-policy.js';
import { LruMap } from './lru.js';

export interface CacheDeps {
  readonly clock: Clock;
  readonly random?: Random;
  readonly emit?: EmitEvent;
  /** Tools the server annotates `readOnlyHint: true` (read at each call, so it may be filled after connecting). */
  readonly readOnlyTools: ReadonlySet<string>;
}

/** What one warm call did: stored its entry, or why not (`code`: an outcome's error key, or the cache's own word). */
export type WarmResult = { readonly stored: true } | WarmFailure;

/** `code`: `not-cacheable` (not sent), `not-stored` (an answer too large or not JSON), or the outcome's error key. */
export interface WarmFailure {
  readonly stored: false;
  readonly sent: boolean;
  readonly code: string;
}

interface Stored {
  readonly outcome: Outcome;
  readonly figures: KeyFigures;
}

/**
 * The outermost layer: answers cacheable requests from an LRU with a TTL. Only `ok` outcomes are stored (never a
 * tool error or any failure); an entry's size is the length of its result's JSON. A hit returns the stored outcome
 * object and makes no attempt; `trace.cache` says `hit` or `miss` for cacheable requests and stays `none` otherwise.
 */
export class CacheLayer implements Layer {
  readonly name = 'cache';
  private readonly store: LruMap<string, Stored>;
  private readonly rules: CacheRules;
  private readonly accounting = new CacheAccounting();
  private readonly warming: boolean;
  private hits = 0;
  private misses = 0;
  private stores = 0;
  private warmed = 0;
  private warmFailed = 0;

  constructor(
    policy: CachePolicy,
    private readonly inner: Caller,
    private readonly deps: CacheDeps,
  ) {
    this.rules = cacheRules(policy);
    this.warming = policy.warm.length > 0;
    const limits = { maxEntries: policy.maxEntries, maxBytes: policy.maxBytes, ttlUs: policy.ttlUs };
    this.store = new LruMap(limits, (stored, bytes, cause) => this.accounting.removed(stored.figures, bytes, cause));
  }

  async call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    if (!isCacheable(request, this.rules, this.deps.readOnlyTools)) return this.inner.call(request, options);
    const key = requestKey(request);
    const figures = this.accounting.of(request);
    const cached = this.store.get(key, this.deps.clock.nowUs());
    if (cached !== undefined) {
      this.hits++;
      figures.hits++;
      options.trace.cache = 'hit';
      return cached.outcome;
    }
    this.misses++;
    figures.misses++;
    options.trace.cache = 'miss';
    const outcome = await this.inner.call(request, options);
    if (outcome.kind === 'ok') this.remember(key, outcome, figures);
    return outcome;
  }

  /**
   * One call of the warm list, before measuring: sent through the layers below (never answered from the store, never
   * a hit or a miss) and stored by the same rules as a miss's answer, its TTL starting now. A request the cache would
   * not store (a tool the server does not annotate read-only, under `readOnly: true`) is not sent.
   */
  async warm(request: WarmRequest, timeoutUs: number): Promise<WarmResult> {
    if (!isCacheable(request, this.rules, this.deps.readOnlyTools)) {
      this.warmFailed++;
      return { stored: false, sent: false, code: 'not-cacheable' };
    }
    const figures = this.accounting.of(request);
    const outcome = await this.inner.call(request, { timeoutUs, trace: new CallTrace() });
    const stored = outcome.kind === 'ok' && this.remember(requestKey(request), outcome, figures);
    if (stored) {
      this.warmed++;
      figures.warmed++;
      return { stored: true };
    }
    this.warmFailed++;
    figures.warmFailed++;
    return { stored: false, sent: true, code: outcome.kind === 'ok' ? 'not-stored' : errorKey(outcome) };
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Expired entries are dropped first, so `entries` and `bytes` are what the cache holds alive now. */
  stats(): Readonly<Record<string, number>> {
    this.store.dropExpired(this.deps.clock.nowUs());
    const lookups = this.hits + this.misses;
    const stats = {
      hits: this.hits,
      misses: this.misses,
      stores: this.stores,
      evictions: this.store.evictions,
      expirations: this.store.expirations,
      entries: this.store.size,
      bytes: this.store.bytes,
      hitRatio: lookups === 0 ? 0 : this.hits / lookups,
    };
    return this.warming ? { ...stats, warmed: this.warmed, warmFailed: this.warmFailed } : stats;
  }

  perKey(): readonly KeyedCounters[] {
    this.store.dropExpired(this.deps.clock.nowUs());
    return this.accounting.counters(this.warming);
  }

  private remember(key: string, outcome: Outcome & { kind: 'ok' }, figures: KeyFigures): boolean {
    const bytes = resultBytes(outcome.result);
    if (bytes === null || !this.store.set(key, { outcome, figures }, bytes, this.deps.clock.nowUs())) return false;
    this.stores++;
    this.accounting.stored(figures, bytes);
    return true;
  }
}

/** Length of the result's JSON; null when it cannot be serialized (such a result is not cached). */
function resultBytes(result: unknown): number | null {
  try {
    return JSON.stringify(result ?? null).length;
  } catch {
    return null;
  }
}
