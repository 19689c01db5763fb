import type { Random } from '../../random/seeded.js';
import type { McpRequest } from '../request.js';
import type { Clock } from '../../time/clock.js';
import type { CallOptions, Caller, Layer } from '../caller.js';
import type { EmitEvent } from '../events.js';
import type { Outcome } from '../outcome.js';
import type { CachePolicy } from '../policies.js';
import { requestKey } from '../request-key.js';
import { LruMap } from './lru.js';

export interface CacheDeps {
  readonly clock: Clock;
  readonly random?: Random;
  readonly emit?: EmitEvent;
  /** Tools the server annotates `readOnlyHint: true` (read at each call, so it may be filled after connecting). */
  readonly readOnlyTools: ReadonlySet<string>;
}

/** A cache policy's choices as sets, so deciding per call is a few O(1) lookups. */
export interface CacheRules {
  readonly tools: ReadonlySet<string>;
  readonly readOnly: boolean;
  readonly force: boolean;
  readonly resources: boolean | ReadonlySet<string>;
  readonly prompts: boolean | ReadonlySet<string>;
}

export function cacheRules(policy: CachePolicy): CacheRules {
  const asSet = (choice: boolean | readonly string[]): boolean | ReadonlySet<string> =>
    typeof choice === 'boolean' ? choice : new Set(choice);
  return {
    tools: new Set(policy.tools),
    readOnly: policy.readOnly,
    force: policy.force,
    resources: asSet(policy.resources),
    prompts: asSet(policy.prompts),
  };
}

/**
 * Whether a request may be answered from the cache. A tool is cacheable when `readOnly` is on and the server
 * annotates it read-only, or when the policy lists it and either the server annotates it read-only or the policy
 * says `force` (CachePolicy.force: without it, a listed tool the server does not call read-only is not cached).
 * Resources and prompts: all (`true`), none (`false`) or the listed URIs/names. List methods and ping never.
 */
export function isCacheable(request: McpRequest, rules: CacheRules, readOnlyTools: ReadonlySet<string>): boolean {
  switch (request.method) {
    case 'tools/call': {
      const readOnly = readOnlyTools.has(request.tool);
      if (readOnly && rules.readOnly) return true;
      return (readOnly || rules.force) && rules.tools.has(request.tool);
    }
    case 'resources/read':
      return chosen(rules.resources, request.uri);
    case 'prompts/get':
      return chosen(rules.prompts, request.prompt);
    default:
      return false;
  }
}

function chosen(choice: boolean | ReadonlySet<string>, name: string): boolean {
  return typeof choice === 'boolean' ? choice : choice.has(name);
}

/**
 * The outermost layer: answers cacheable requests from an LRU with a TTL. Only `ok` outcomes are stored (never a
 * tool error or any failure); an entry's size is the length of its result's JSON. A hit returns the stored outcome
 * object and makes no attempt; `trace.cache` says `hit` or `miss` for cacheable requests and stays `none` otherwise.
 */
export class CacheLayer implements Layer {
  readonly name = 'cache';
  private readonly store: LruMap<string, Outcome>;
  private readonly rules: CacheRules;
  private hits = 0;
  private misses = 0;
  private stores = 0;

  constructor(
    policy: CachePolicy,
    private readonly inner: Caller,
    private readonly deps: CacheDeps,
  ) {
    this.rules = cacheRules(policy);
    this.store = new LruMap({ maxEntries: policy.maxEntries, maxBytes: policy.maxBytes, ttlUs: policy.ttlUs });
  }

  async call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    if (!isCacheable(request, this.rules, this.deps.readOnlyTools)) return this.inner.call(request, options);
    const key = requestKey(request);
    const cached = this.store.get(key, this.deps.clock.nowUs());
    if (cached !== undefined) {
      this.hits++;
      options.trace.cache = 'hit';
      return cached;
    }
    this.misses++;
    options.trace.cache = 'miss';
    const outcome = await this.inner.call(request, options);
    if (outcome.kind === 'ok') this.remember(key, outcome);
    return outcome;
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  stats(): Readonly<Record<string, number>> {
    const lookups = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      stores: this.stores,
      evictions: this.store.evictions,
      expirations: this.store.expirations,
      entries: this.store.size,
      bytes: this.store.bytes,
      hitRatio: lookups === 0 ? 0 : this.hits / lookups,
    };
  }

  private remember(key: string, outcome: Outcome & { kind: 'ok' }): void {
    const bytes = resultBytes(outcome.result);
    if (bytes !== null && this.store.set(key, outcome, bytes, this.deps.clock.nowUs())) this.stores++;
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
