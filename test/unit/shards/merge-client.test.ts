import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeClientFigures, mergeClientLayers } from '../../../src/shards/merge-client.js';
import type { ClientOperationSummary } from '../../../src/summary/client-summary.js';
import type { OperationSummary, WorkloadSummary } from '../../../src/summary/summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';

const stats = (p50: number) => ({ p50, p90: p50, p95: p50, p99: p50, p999: p50, min: p50, max: p50, mean: p50, stdev: 0 });

function operation(count: number, client: ClientOperationSummary): OperationSummary {
  return { ...fixtureSummary().workloads[0]!.total, count, ok: count, client };
}

describe('client-layer figures over shards', () => {
  const a = operation(100, {
    cache: { hits: 60, misses: 40, hitRatio: 0.6, hitLatencyUs: stats(10), missLatencyUs: stats(1_000) },
    retry: { attempts: 110, amplification: 1.1, attemptsPerCall: { '1': 90, '2': 10 }, successRateFirstAttempt: 0.9, successRate: 1, backoffUs: 5_000, attemptLatencyUs: stats(900) },
    endpointCalls: [60, 40],
  });
  const b = operation(300, {
    cache: { hits: 300, misses: 0, hitRatio: 1, hitLatencyUs: stats(12), missLatencyUs: stats(0) },
    retry: { attempts: 300, amplification: 1, attemptsPerCall: { '1': 300 }, successRateFirstAttempt: 1, successRate: 1, backoffUs: 0, attemptLatencyUs: stats(950) },
    endpointCalls: [150, 150],
  });

  it('sums counts (hits, misses, attempts, attempts per call, µs waited, calls per endpoint), even whole-number ratios are not summed', () => {
    const said: string[] = [];
    const merged = mergeClientFigures([a, b], (figure) => said.push(figure))!;
    assert.equal(merged.cache?.hits, 360);
    assert.equal(merged.cache?.misses, 40);
    assert.equal(merged.retry?.attempts, 410);
    assert.deepEqual(merged.retry?.attemptsPerCall, { '1': 390, '2': 10 });
    assert.equal(merged.retry?.backoffUs, 5_000);
    assert.deepEqual(merged.endpointCalls, [210, 190]);
    // Ratios and latencies have no histogram to merge from: the busiest shard's (b, 300 calls), and the merge says so.
    assert.equal(merged.cache?.hitRatio, 1);
    assert.equal(merged.retry?.successRate, 1);
    assert.deepEqual(merged.cache?.hitLatencyUs, stats(12));
    assert.deepEqual(said, ['client-layer ratios and latencies']);
  });

  it('one shard with figures: its own, nothing approximated', () => {
    const said: string[] = [];
    assert.deepEqual(mergeClientFigures([a, { ...a, client: undefined } as OperationSummary], (f) => said.push(f)), a.client);
    assert.deepEqual(said, []);
    assert.equal(mergeClientFigures([{ ...a, client: undefined } as OperationSummary], () => undefined), undefined);
  });

  it('layer counters merge by each layer\'s rules: each shard\'s cache is its own: sizes and hits summed', () => {
    const base = fixtureSummary().workloads[0]!;
    const withLayers = (layers: NonNullable<WorkloadSummary['client']>['layers']): WorkloadSummary => ({ ...base, client: { layers } });
    const merged = mergeClientLayers([
      withLayers({ retry: { retries: 3, retriedCalls: 2, exhausted: 0 }, cache: { hits: 5, misses: 5, entries: 3, bytes: 100, hitRatio: 0.5 } }),
      withLayers({ retry: { retries: 4, retriedCalls: 4, exhausted: 1 }, cache: { hits: 15, misses: 5, entries: 4, bytes: 120, hitRatio: 0.75 } }),
    ]);
    assert.deepEqual(merged?.layers['retry'], { retries: 7, retriedCalls: 6, exhausted: 1 });
    const cache = merged?.layers['cache'];
    assert.deepEqual([cache?.['hits'], cache?.['misses'], cache?.['entries'], cache?.['bytes']], [20, 10, 7, 220]);
    assert.ok(Math.abs(Number(cache?.['hitRatio']) - 2 / 3) < 1e-3, `hitRatio recomputed from the sums: ${String(cache?.['hitRatio'])}`);
    assert.equal(mergeClientLayers([base, base]), null);
  });

  it("the cache's figures per tool merge the same way, key by key: each shard's entries and bytes add", () => {
    const base = fixtureSummary().workloads[0]!;
    const counters = (hits: number, misses: number, entries: number, bytes: number) => ({ hits, misses, stores: misses, evictions: 0, expirations: 0, entries, bytes, hitRatio: hits / (hits + misses) });
    const shard = (rows: { name: string; counters: ReturnType<typeof counters> }[]): WorkloadSummary => ({ ...base, client: { layers: { cache: counters(1, 1, 1, 1) }, perKey: { cache: rows } } });
    const merged = mergeClientLayers([
      shard([{ name: 'tools/call lookup', counters: counters(9, 1, 1, 100) }]),
      shard([{ name: 'tools/call echo', counters: counters(1, 1, 1, 30) }, { name: 'tools/call lookup', counters: counters(3, 3, 2, 200) }]),
    ]);
    assert.deepEqual(merged?.perKey?.['cache'], [
      { name: 'tools/call lookup', counters: counters(12, 4, 3, 300) },
      { name: 'tools/call echo', counters: counters(1, 1, 1, 30) },
    ]);
  });
});
