/**
 * How a workload's `client:` block combines with the scenario's top-level one. This is the only place the rule is
 * implemented; checks.ts follows it too when it checks merged settings.
 *
 * The workload's block is deep-merged over the scenario's:
 *  - a key the workload leaves out keeps the scenario's value;
 *  - layers (retry, cache, dedup, breaker, rateLimit, concurrency: layers/registry.ts) merge key by key:
 *    `retry: { base: 1s }` under a top-level `retry: { attempts: 5 }` gives attempts 5 and base 1s; defaults fill
 *    whatever neither sets;
 *  - `false`/`null` switches a layer off; `true` switches it on with the scenario's settings if it has them, else the
 *    defaults (so `true` is the same as `{}`);
 *  - `pool` merges key by key like a layer (its `health` and `recycle` replace as a whole);
 *  - scalars (timeout, sessions, balance, compression — its mapping form too, as a whole) and lists (`endpoints`,
 *    `tools`, `on`, …) replace, never append;
 *  - `endpoints: null` goes back to the scenario's target; `groups` (groups.ts) replaces the scenario's map as a whole;
 *  - `client: null` (or `false`) on a workload drops the whole block: the plain client (PLAIN_CLIENT), nothing
 *    inherited, the scenario's target.
 */
import { isLayerKey, type LayerKey } from '../layers/registry.js';
import type { RawClient } from './schema.js';

export function isLayer(key: string): key is LayerKey {
  return isLayerKey(key);
}

/** The effective block of one workload: its own (`workload`) over the scenario's (`scenario`). */
export function mergeClient(scenario: RawClient | null | undefined, workload: RawClient): RawClient;
export function mergeClient(scenario: RawClient | null | undefined, workload: RawClient | null | undefined): RawClient | null;
/** Null when no block applies: neither has one, or the workload dropped it (the plain client). */
export function mergeClient(
  scenario: RawClient | null | undefined,
  workload: RawClient | null | undefined,
): RawClient | null {
  if (workload === undefined) return scenario ?? null;
  if (workload === null) return null;
  const base: RawClient = scenario ?? {};
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(workload)) {
    if (value === undefined) continue;
    merged[key] = isLayer(key) || key === 'pool' ? mergeLayer(base[key], value) : value;
  }
  return merged as RawClient;
}

function mergeLayer(under: unknown, over: unknown): unknown {
  if (over === null || typeof over !== 'object') return over;
  return under !== null && typeof under === 'object' ? { ...under, ...over } : over;
}
