/**
 * The cache's figures per tool, resource URI and prompt (the report's `client.perKey.cache`): lookups, stores, what
 * left and why, warm calls, and the entries and bytes held now. Entries and bytes follow the store exactly: the store
 * (lru.ts) tells `removed` of every entry that leaves it, evicted, expired or replaced, so each key's entries and
 * bytes always add up to the store's own. The counters are named as the layer's own, so they merge over rounds,
 * stacks and shards by the same rules (counters.ts).
 */
import { hideInUrls } from '../../input/redact.js';
import type { KeyedCounters } from '../caller.js';
import type { McpRequest } from '../request.js';
import type { RemovalCause } from './lru.js';

/** Keys named one by one at most; calls past them (a templated URI reads many) share one row per method. */
export const MAX_NAMED_KEYS = 100;

/** One key's figures; the layer holds a reference per stored entry, so a removal finds its key without a lookup. */
export class KeyFigures {
  hits = 0;
  misses = 0;
  stores = 0;
  evictions = 0;
  expirations = 0;
  entries = 0;
  bytes = 0;
  warmed = 0;
  warmFailed = 0;

  constructor(readonly name: string) {}

  /** Counters as the layer's `stats()` names them; the warm ones only when the cache has a warm list. */
  counters(warming: boolean): Record<string, number> {
    const lookups = this.hits + this.misses;
    const { hits, misses, stores, evictions, expirations, entries, bytes } = this;
    const base = { hits, misses, stores, evictions, expirations, entries, bytes, hitRatio: lookups === 0 ? 0 : hits / lookups };
    return warming ? { ...base, warmed: this.warmed, warmFailed: this.warmFailed } : base;
  }
}

type Method = 'tools/call' | 'resources/read' | 'prompts/get';

const OVERFLOW: Readonly<Record<Method, string>> = {
  'tools/call': 'tools/call (other tools)',
  'resources/read': 'resources/read (other URIs)',
  'prompts/get': 'prompts/get (other prompts)',
};

export class CacheAccounting {
  /** By method, then by tool name, URI or prompt name: the hot path looks up without building a string. */
  private readonly byMethod: Readonly<Record<Method, Map<string, KeyFigures>>> = {
    'tools/call': new Map(),
    'resources/read': new Map(),
    'prompts/get': new Map(),
  };
  /** Every row by its name, in the order first met. */
  private readonly byName = new Map<string, KeyFigures>();

  /** The figures of a cacheable request's key (tools/call, resources/read, prompts/get). */
  of(request: McpRequest): KeyFigures {
    switch (request.method) {
      case 'tools/call':
        return this.find('tools/call', request.tool);
      case 'resources/read':
        return this.find('resources/read', request.uri);
      case 'prompts/get':
        return this.find('prompts/get', request.prompt);
      default:
        throw new Error(`unreachable: ${request.method} is never cached`);
    }
  }

  stored(figures: KeyFigures, bytes: number): void {
    figures.stores++;
    figures.entries++;
    figures.bytes += bytes;
  }

  /** The store's removal listener. */
  readonly removed = (figures: KeyFigures, bytes: number, cause: RemovalCause): void => {
    figures.entries--;
    figures.bytes -= bytes;
    if (cause === 'evicted') figures.evictions++;
    else if (cause === 'expired') figures.expirations++;
  };

  /** Every key's counters, in the order first met. */
  counters(warming: boolean): KeyedCounters[] {
    return [...this.byName.values()].map((row) => ({ name: row.name, counters: row.counters(warming) }));
  }

  private find(method: Method, name: string): KeyFigures {
    const seen = this.byMethod[method].get(name);
    if (seen !== undefined) return seen;
    // Two URIs that read alike once their credentials are hidden share a row: one name, one row.
    const shown = `${method} ${method === 'resources/read' ? hideInUrls(name) : name}`;
    const known = this.byName.get(shown);
    // Past the limit a new key is not remembered either, so a million distinct URIs keep no million names.
    if (known === undefined && this.byName.size >= MAX_NAMED_KEYS) return this.row(OVERFLOW[method]);
    const figures = known ?? this.row(shown);
    this.byMethod[method].set(name, figures);
    return figures;
  }

  private row(name: string): KeyFigures {
    let figures = this.byName.get(name);
    if (figures === undefined) {
      figures = new KeyFigures(name);
      this.byName.set(name, figures);
    }
    return figures;
  }
}
