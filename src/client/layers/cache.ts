import { CACHE_ENTRIES_BOUND } from '../../input/bounds.js';
import { z } from 'zod';
import type { Random } from '../../random/seeded.js';
import type { McpRequest } from '../request.js';
import type { Clock } from '../../time/clock.js';
import { bytes, duration, field, listOf, text, wholeNumber } from '../../input/fields.js';
import { createHistogram, latencyStats, recordUs } from '../../stats/histogram.js';
import type { CallOptions, Caller, Layer } from '../caller.js';
import type { EmitEvent } from '../events.js';
import type { Outcome } from '../outcome.js';
import type { CallTrace } from '../trace.js';
import { isReadOnly } from '../read-only.js';
import { requestKey } from '../request-key.js';
import { counter, declareFigures, declareLayer, type Counters, type FigureRecord, type FigureSchemas, type Formats } from './declaration.js';
import { ratio } from './figures.js';
import { LruMap } from './lru.js';

export interface CachePolicy {
  readonly ttlUs: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
  /** Tools cached by name. */
  readonly tools: readonly string[];
  /** Also cache every tool the server annotates `readOnlyHint: true`. */
  readonly readOnly: boolean;
  /** Allow caching listed tools the server does not annotate as read-only. */
  readonly force: boolean;
  /** Cache resources/read: all (true), none (false), or these URIs. */
  readonly resources: boolean | readonly string[];
  /** Cache prompts/get: all, none, or these prompt names. */
  readonly prompts: boolean | readonly string[];
}

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
 * Whether a request may be answered from the cache (read-only as read-only.ts says, unless `force`). A tool is cacheable when `readOnly` is on and the server
 * annotates it read-only, or when the policy lists it and either the server annotates it read-only or the policy
 * says `force` (CachePolicy.force: without it, a listed tool the server does not call read-only is not cached).
 * Resources and prompts: all (`true`), none (`false`) or the listed URIs/names. List methods and ping never.
 */
export function isCacheable(request: McpRequest, rules: CacheRules, readOnlyTools: ReadonlySet<string>): boolean {
  switch (request.method) {
    case 'tools/call': {
      const readOnly = isReadOnly(request, readOnlyTools);
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

const isEmpty = (choice: unknown) => choice === false || (Array.isArray(choice) && choice.length === 0);

const cacheFiguresSchema = ({ count, share, latencyStats: stats }: FigureSchemas) =>
  z.object({ hits: count, misses: count, hitRatio: share, hitLatencyUs: stats, missLatencyUs: stats });

export type CacheFigures = z.output<ReturnType<typeof cacheFiguresSchema>>;

/** Per operation: hits and misses, and the latency of each (calls the cache does not store count in neither). */
export class CacheRecord implements FigureRecord<CacheFigures> {
  hits = 0;
  misses = 0;
  readonly hitHistogram = createHistogram();
  readonly missHistogram = createHistogram();

  record(latencyUs: number, trace: CallTrace): void {
    if (trace.cache === 'hit') {
      this.hits++;
      recordUs(this.hitHistogram, latencyUs);
    } else if (trace.cache === 'miss') {
      this.misses++;
      recordUs(this.missHistogram, latencyUs);
    }
  }

  mergeFrom(other: CacheRecord): void {
    this.hits += other.hits;
    this.misses += other.misses;
    this.hitHistogram.add(other.hitHistogram);
    this.missHistogram.add(other.missHistogram);
  }

  summarize(): CacheFigures {
    return {
      hits: this.hits,
      misses: this.misses,
      hitRatio: ratio(this.hits, this.hits + this.misses),
      hitLatencyUs: latencyStats(this.hitHistogram),
      missLatencyUs: latencyStats(this.missHistogram),
    };
  }
}

/** Over rounds, the ratio is recomputed from the summed hits and misses. */
function hitRatio(stats: Counters): number {
  const lookups = counter(stats, 'hits') + counter(stats, 'misses');
  return lookups === 0 ? 0 : counter(stats, 'hits') / lookups;
}

function cacheLine(stats: Counters, f: Formats): string {
  const n = (key: string) => counter(stats, key);
  return `cache: ${f.counted(n('entries'), 'entry', 'entries')}, ${f.bytes(n('bytes'))}, ${f.count(n('evictions'))} evicted, ${f.count(n('expirations'))} expired`;
}

export const cacheDeclaration = declareLayer({
  key: 'cache',
  name: 'cache',
  options: {
    ttl: duration({ positive: true, zeroHint: 'entries that expire at once are never used; to switch the cache off write cache: false' }).optional(),
    maxEntries: wholeNumber({ min: 1, hint: 'a cache that holds no entries caches nothing; to switch it off write cache: false', max: CACHE_ENTRIES_BOUND }).optional(),
    maxBytes: bytes().optional(),
    tools: listOf(text('a tool name')).optional(),
    readOnly: z.boolean().optional(),
    force: z.boolean().optional(),
    resources: selection('resource URIs').optional(),
    prompts: selection('prompt names').optional(),
  },
  aliases: ['caching'],
  defaults: {
    ttl: 300_000_000,
    maxEntries: 1_000,
    maxBytes: 50_000_000,
    tools: [],
    readOnly: false,
    force: false,
    resources: false,
    prompts: false,
  },
  rules: [
    {
      fields: ['tools', 'readOnly', 'resources', 'prompts'],
      check: ({ tools, readOnly, resources, prompts }) =>
        isEmpty(tools) && readOnly === false && isEmpty(resources) && isEmpty(prompts)
          ? {
              message: 'this cache caches nothing: no tools, readOnly false, resources and prompts false',
              hint: 'name what to cache, e.g. cache: { tools: [get_weather] }, or readOnly: true for every read-only tool',
            }
          : undefined,
    },
  ],
  policy: (settings): CachePolicy => ({
    ttlUs: settings.ttl,
    maxEntries: settings.maxEntries,
    maxBytes: settings.maxBytes,
    tools: settings.tools,
    readOnly: settings.readOnly,
    // Whether the listed tools may be cached although the server does not call them read-only is checked against
    // the server at run time; here it is only carried through.
    force: settings.force,
    resources: settings.resources,
    prompts: settings.prompts,
  }),
  build: (policy, inner, deps) => new CacheLayer(policy, inner, deps),
  counters: { entries: 'last', bytes: 'last', hitRatio },
  figures: declareFigures({
    key: 'cache',
    schema: cacheFiguresSchema,
    create: () => new CacheRecord(),
    columns: [
      { head: 'cache hits', cell: (c, f) => `${f.percent(c.hitRatio)} of ${f.count(c.hits + c.misses)}` },
      { head: 'hit p50', cell: (c, f) => (c.hits ? f.latency(c.hitLatencyUs.p50) : '—') },
      { head: 'miss p50', cell: (c, f) => (c.misses ? f.latency(c.missLatencyUs.p50) : '—') },
    ],
  }),
  line: cacheLine,
});
