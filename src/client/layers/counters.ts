/**
 * The layers' own counters in the report (`client.layers`, by layer name): how each merges over the rounds of a
 * variants run and the line it gets under the client table, from the declarations (registry.ts) and the pools'
 * (pool.ts). A layer without rules (attempt, balancer) sums its counters and adds no line.
 */
import { POOL_COUNTERS } from '../pool/counters.js';
import type { CounterMerge, Counters, Formats, LayerCounters } from './declaration.js';
import { LAYER_LIST } from './registry.js';

const KNOWN: readonly LayerCounters[] = [...LAYER_LIST, POOL_COUNTERS];

/** What is known of the layer named `name` in the report; `pool1` is the second endpoint's pool. */
function countersOf(name: string): LayerCounters | undefined {
  return KNOWN.find((known) => name === known.name || (name.startsWith(known.name) && /^\d+$/.test(name.slice(known.name.length))));
}

/**
 * The counters of the layer named `name` over several parts, merged by its rules (declaration.ts: CounterMerge).
 * `rounds`: one layer at successive times, so a gauge (`last`: a cache's entries, a pool's sessions) is the latest.
 * `parallel`: layers side by side (tenants' stacks, shards), each with its own cache and sessions, so gauges add.
 */
export function mergeCounters(name: string, parts: readonly Counters[], over: 'rounds' | 'parallel' = 'rounds'): Record<string, number | string> {
  const rules = countersOf(name)?.counters ?? {};
  const merged: Record<string, number | string> = {};
  for (const stats of parts) {
    for (const [key, value] of Object.entries(stats)) {
      const rule = over === 'parallel' && rules[key] === 'last' ? undefined : rules[key];
      merged[key] = combine(rule, merged[key], value);
    }
  }
  for (const [key, rule] of Object.entries(rules)) {
    if (typeof rule === 'function' && typeof merged[key] === 'number') merged[key] = rule(merged);
  }
  return merged;
}

function combine(rule: CounterMerge | undefined, sofar: number | string | undefined, value: number | string): number | string {
  if (typeof value === 'string' || typeof sofar !== 'number' || rule === 'last') return value;
  return rule === 'max' ? Math.max(sofar, value) : sofar + value;
}

/** The line under the client table for the layer named `name`, if it has one to say. */
export function counterLine(name: string, stats: Counters, format: Formats): string | null {
  return countersOf(name)?.line?.(stats, format, name) ?? null;
}
