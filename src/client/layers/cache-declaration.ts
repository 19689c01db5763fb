/** The cache layer's declaration (declaration.ts says what one is): its `cache:` options, rules and report figures. */
import { z } from 'zod';
import { CACHE_ENTRIES_BOUND } from '../../input/bounds.js';
import { bytes, duration, field, listOf, text, wholeNumber } from '../../input/fields.js';
import { CacheLayer } from './cache.js';
import { CacheRecord, cacheFiguresSchema } from './cache-figures.js';
import type { CachePolicy, WarmRequest } from './cache-policy.js';
import { uncachedWarmCalls, warmBeyondMaxEntries, warmList } from './cache-warm.js';
import { counter, declareFigures, declareLayer, type Counters, type Formats } from './declaration.js';

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

/** Over rounds, the ratio is recomputed from the summed hits and misses. */
function hitRatio(stats: Counters): number {
  const lookups = counter(stats, 'hits') + counter(stats, 'misses');
  return lookups === 0 ? 0 : counter(stats, 'hits') / lookups;
}

function cacheLine(stats: Counters, f: Formats): string {
  const n = (key: string) => counter(stats, key);
  const warm = 'warmed' in stats ? `, ${f.count(n('warmed'))} warmed${n('warmFailed') > 0 ? ` (${f.counted(n('warmFailed'), 'warm call')} failed)` : ''}` : '';
  return `cache: ${f.counted(n('entries'), 'entry', 'entries')}, ${f.bytes(n('bytes'))}, ${f.count(n('evictions'))} evicted, ${f.count(n('expirations'))} expired${warm}`;
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
    /** Calls made through the cache before measuring (cache-warm.ts). */
    warm: warmList().optional(),
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
    warm: [] as (WarmRequest | null)[],
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
    { fields: ['warm', 'tools', 'readOnly', 'resources', 'prompts'], at: 'warm', check: uncachedWarmCalls },
    { fields: ['warm', 'maxEntries'], at: 'warm', check: warmBeyondMaxEntries },
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
    // A validated list holds no refused entry (null): its issues stopped the scenario.
    warm: settings.warm.filter((request): request is WarmRequest => request !== null),
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
