/**
 * A layer's counters per key (Layer.perKey: the cache's per tool, resource URI and prompt) merged over several parts
 * by name, each key by the layer's own counter rules (counters.ts), so a key's figures combine exactly as the layer's
 * totals do: summed, recomputed (a ratio), or a gauge (`last`: entries, bytes) taken from the latest round or added
 * over parallel stacks and shards.
 */
import type { KeyedCounters } from '../caller.js';
import { mergeCounters } from './counters.js';

type Counters = Readonly<Record<string, number | string>>;

/** The layers' per-key counters, by layer name, as the report holds them (`client.perKey`). */
export type PerKeyCounters = Readonly<Record<string, readonly KeyedCounters[]>>;

/**
 * `parts` of the layer named `layer`, keys in the order first met. Over rounds, a key a later round never met holds
 * nothing then: its gauges count as 0 in that round, so `last` is the last round's (0), not an older round's figure.
 */
export function mergeKeyed(layer: string, parts: readonly (readonly KeyedCounters[])[], over: 'rounds' | 'parallel'): KeyedCounters[] {
  const names = [...new Set(parts.flatMap((part) => part.map((row) => row.name)))];
  return names.map((name) => {
    const rows = parts.map((part) => part.find((row) => row.name === name)?.counters);
    const example = rows.find((row) => row !== undefined)!;
    const present = over === 'rounds' ? rows.map((row) => row ?? zeroed(example)) : rows.filter((row): row is Counters => row !== undefined);
    return { name, counters: mergeCounters(layer, present, over) };
  });
}

/** Every layer's per-key counters over `parts` (rounds or parallel stacks and shards); absent layers are skipped. */
export function mergePerKey(parts: readonly (PerKeyCounters | undefined)[], over: 'rounds' | 'parallel'): PerKeyCounters | undefined {
  const present = parts.filter((part): part is PerKeyCounters => part !== undefined);
  if (present.length === 0) return undefined;
  const layers = [...new Set(present.flatMap((part) => Object.keys(part)))];
  // Over rounds, a round without the layer's keys contributes no rows (its key list is empty), so gauges fall to 0.
  const listsOf = (layer: string) => (over === 'rounds' ? present.map((part) => part[layer] ?? []) : present.flatMap((part) => (part[layer] ? [part[layer]] : [])));
  return Object.fromEntries(layers.map((layer) => [layer, mergeKeyed(layer, listsOf(layer), over)]));
}

function zeroed(counters: Counters): Counters {
  return Object.fromEntries(Object.entries(counters).map(([key, value]) => [key, typeof value === 'number' ? 0 : value]));
}
