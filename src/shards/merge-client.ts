/**
 * The client layers' figures of every shard as one. A workload's layer counters merge by each layer's own rules
 * (client/layers/counters.ts, as rounds of a variants run do: summed, or the last, or the largest). An operation's
 * per-layer figures are summed where they are counts (hits, misses, attempts, attempts per call, calls per endpoint);
 * the rest (ratios, latencies of attempts or of hits) are not stored as histograms, so they are the figures of the
 * shard with the most calls of that operation, and the merge says so.
 */
import { z } from 'zod';
import { mergeCounters } from '../client/layers/counters.js';
import { mergePerKey } from '../client/layers/per-key.js';
import { layerFigureShapes } from '../client/layers/registry.js';
import type { ClientOperationSummary } from '../summary/client-summary.js';
import type { OperationSummary, WorkloadSummary } from '../summary/summary.js';

type Layers = NonNullable<WorkloadSummary['client']>['layers'];

/** Each layer's counters over the shards, merged by its declared rules; null when no shard had a client block. */
export function mergeClientLayers(workloads: readonly WorkloadSummary[]): WorkloadSummary['client'] {
  const clients = workloads.flatMap((w) => (w.client ? [w.client] : []));
  if (clients.length === 0) return null;
  const byLayer = new Map<string, Layers[string][]>();
  for (const client of clients) {
    for (const [name, counters] of Object.entries(client.layers)) byLayer.set(name, [...(byLayer.get(name) ?? []), counters]);
  }
  const layers = Object.fromEntries([...byLayer].map(([name, all]) => [name, mergeCounters(name, all, 'parallel')]));
  // The cache's per-key figures: each shard's own cache, side by side, so gauges add, as the layers' own do.
  const perKey = mergePerKey(clients.map((client) => client.perKey), 'parallel');
  return { layers, ...(perKey && { perKey }) };
}

/** An operation's per-layer figures over the shards (undefined when no shard has any). */
export function mergeClientFigures(parts: readonly OperationSummary[], inexact: (figure: string) => void): ClientOperationSummary | undefined {
  const withFigures = parts.filter((p) => p.client !== undefined);
  if (withFigures.length === 0) return undefined;
  if (withFigures.length === 1) return withFigures[0]!.client;
  const busiest = [...withFigures].sort((a, b) => b.count - a.count)[0]!;
  let approximated = false;
  const merged = mergeAt(figuresSchema(), withFigures.map((p) => p.client), busiest.client, () => (approximated = true));
  if (approximated) inexact('client-layer ratios and latencies');
  return merged as ClientOperationSummary;
}

/** A JSON Schema node, as far as the merge reads it. */
interface Node {
  readonly type?: string;
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, Node>>;
  readonly additionalProperties?: Node | boolean;
  readonly items?: Node;
}

let cached: Node | null = null;

/**
 * What each figure is, from the layers' own declarations (their zod schemas, as the report schema builds them): a
 * whole number (`integer`: a count, µs waited in all) adds up; a fraction (`number`: a ratio, a share) and a latency
 * statistic (a `$ref` to LatencyStats) do not.
 */
function figuresSchema(): Node {
  if (cached) return cached;
  const count = z.number().int().nonnegative();
  const latencyStats = z.object({ p50: count, p90: count, p95: count, p99: count, p999: count, min: count, max: count, mean: z.number(), stdev: z.number() }).meta({ id: 'LatencyStats' });
  const blocks = { count, wholeUs: count, share: z.number().min(0).max(1), counts: z.record(z.string(), count), latencyStats };
  const schema = z.object({ ...layerFigureShapes(blocks), endpointCalls: z.array(count).optional(), sessionCalls: z.array(count).optional(), poolWaitUs: latencyStats.optional() });
  cached = z.toJSONSchema(schema, { io: 'output' }) as Node;
  return cached;
}

/** The shards' values at one node of the figures: added where they are counts, else `busiest`'s (and approximate). */
function mergeAt(node: Node | undefined, values: readonly unknown[], busiest: unknown, approximate: () => void): unknown {
  const present = values.filter((v) => v !== undefined);
  if (node?.type === 'integer' && present.every(Number.isInteger)) return (present as number[]).reduce((a, b) => a + b, 0);
  if (node?.type === 'array' && node.items?.type === 'integer' && present.every(Array.isArray)) return sumLists(present as number[][]);
  if (node?.type === 'object' && present.every(isObject)) {
    const keys = [...new Set(present.flatMap((v) => Object.keys(v as object)))];
    const at = (v: unknown, key: string): unknown => (v as Record<string, unknown>)[key];
    const extra = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    return Object.fromEntries(keys.map((key) => [key, mergeAt(node.properties?.[key] ?? extra, present.map((v) => at(v, key)), at(busiest, key), approximate)]));
  }
  approximate();
  return busiest;
}

function sumLists(lists: readonly number[][]): number[] {
  const length = Math.max(0, ...lists.map((list) => list.length));
  return Array.from({ length }, (_, i) => lists.reduce((sum, list) => sum + (list[i] ?? 0), 0));
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
