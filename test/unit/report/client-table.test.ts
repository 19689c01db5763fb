import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chalk } from 'chalk';
import { clientLines, renderClientBlock } from '../../../src/report/client-table.js';
import type { ClientOperationSummary } from '../../../src/summary/client-summary.js';
import type { WorkloadSummary } from '../../../src/summary/summary.js';
import type { LatencyStats } from '../../../src/stats/histogram.js';

const plain = new Chalk({ level: 0 });

const stats = (p50: number, p99: number): LatencyStats => ({ p50, p90: p50, p95: p99, p99, p999: p99, min: 0, max: p99, mean: p50, stdev: 0 });

const figures: ClientOperationSummary = {
  retry: {
    attempts: 130,
    amplification: 1.3,
    attemptsPerCall: { '1': 80, '2': 10, '3': 10 },
    successRateFirstAttempt: 0.8,
    successRate: 0.95,
    backoffUs: 1_000,
    attemptLatencyUs: stats(2_000, 9_000),
  },
  cache: { hits: 75, misses: 25, hitRatio: 0.75, hitLatencyUs: stats(12, 40), missLatencyUs: stats(5_000, 6_000) },
  dedup: { joins: 3, repeats: 4 },
  rateLimitWaitUs: stats(100, 900),
  queueWaitUs: stats(200, 800),
  endpointCalls: [30, 70],
};

function block(client: ClientOperationSummary | undefined, layers: WorkloadSummary['client']): string {
  const operations = [{ name: 'echo', count: 100, client }, { name: 'idle', count: 0, client }];
  return renderClientBlock({ operations, client: layers } as unknown as WorkloadSummary, plain).join('\n');
}

describe('client table', () => {
  it("shows each switched-on layer's columns, in stack order, then the calls per endpoint", () => {
    const text = block(figures, { layers: {} });
    const head = text.split('\n').find((line) => line.includes('client'))!;
    const heads = head.split('│').map((cell) => cell.trim()).filter((cell) => cell !== '');
    assert.deepEqual(heads, [
      'client',
      'cache hits',
      'hit p50',
      'miss p50',
      'dedup joins',
      'rate wait p50/p99',
      'queue wait p50/p99',
      'attempts/call',
      'ok 1st try → final',
      'attempt p50',
      'attempt p99',
      'per endpoint',
    ]);
    const row = text.split('\n').find((line) => line.includes('echo'))!;
    for (const cell of ['75.0% of 100', '12µs', '5.00ms', ' 7 ', '100µs / 900µs', '200µs / 800µs', '1.30', '80.0% → 95.0%', '2.00ms', '9.00ms', '30% 70%']) {
      assert.ok(row.includes(cell), `${cell} in ${row}`);
    }
    assert.match(text.split('\n').find((line) => line.includes('idle'))!, /idle\s*│\s*—/, 'an operation without calls shows dashes');
  });

  it('shows only the columns of layers some operation has figures for', () => {
    const text = block({ dedup: { joins: 1, repeats: 0 } }, { layers: {} });
    assert.match(text, /dedup joins/);
    assert.doesNotMatch(text, /cache hits|attempts\/call|per endpoint/);
  });

  it("adds a line of a layer's own counters where it has something to say", () => {
    const layers = {
      cache: { hits: 10, misses: 3, stores: 3, evictions: 1, expirations: 2, entries: 3, bytes: 3000, hitRatio: 0.7 },
      breaker: { state: 'half-open', opens: 2, rejected: 7, openUs: 1_500_000 },
      'rate-limit': { admitted: 5, waited: 2, rejected: 3, waitUs: 100 },
      concurrency: { admitted: 5, queued: 2, rejected: 0, maxQueued: 2, waitUs: 10 },
      retry: { calls: 10, retries: 4, retriedCalls: 3, exhausted: 1, backoffUs: 5 },
      attempt: { attempts: 14 },
      pool: { sessions: 3, live: 3, reconnects: 1, reconnectFailures: 0 },
      pool1: { sessions: 1, live: 1, reconnects: 0, reconnectFailures: 0 },
    };
    const lines = block(figures, { layers }).split('\n').filter((line) => !/[│┌└├]/.test(line)).map((line) => line.trim());
    assert.deepEqual(lines, [
      'cache: 3 entries, 2.9 KiB, 1 evicted, 2 expired',
      'breaker: half-open, opened 2×, open 1.50s, rejected 7',
      'rate-limit: 3 rejected',
      'retry: 4 retries over 3 calls, 1 gave up',
      'pool: 3 sessions · 1 reconnect, 0 failed reconnects',
    ]);
  });

  it('words a count of one in the singular: 1 entry, 1 retry over 1 call (issue 11)', () => {
    const layers = {
      cache: { hits: 1, misses: 1, stores: 1, evictions: 0, expirations: 0, entries: 1, bytes: 10, hitRatio: 0.5 },
      retry: { calls: 1, retries: 1, retriedCalls: 1, exhausted: 0, backoffUs: 5 },
    };
    const lines = block(figures, { layers }).split('\n').filter((line) => !/[│┌└├]/.test(line)).map((line) => line.trim());
    assert.deepEqual(lines, ['cache: 1 entry, 10 B, 0 evicted, 0 expired', 'retry: 1 retry over 1 call, 0 gave up']);
  });

  it("words the cache's warm calls and, under its line, each tool's, URI's and prompt's figures (the view's client lines too)", () => {
    const counters = (hits: number, misses: number, entries: number, bytes: number, more: Record<string, number> = {}) => ({
      hits, misses, stores: misses, evictions: 0, expirations: 0, entries, bytes, hitRatio: hits / Math.max(1, hits + misses), ...more,
    });
    const client = {
      layers: { cache: { ...counters(40, 3, 3, 3000), evictions: 1, warmed: 2, warmFailed: 1 }, attempt: { attempts: 6 } },
      perKey: {
        cache: [
          { name: 'tools/call lookup', counters: counters(38, 2, 2, 280, { evictions: 1, expirations: 2, warmed: 2, warmFailed: 1 }) },
          { name: 'resources/read bench://static/small', counters: counters(0, 0, 1, 2720, { warmed: 0, warmFailed: 0 }) },
        ],
      },
    };
    const expected = [
      'cache: 3 entries, 2.9 KiB, 1 evicted, 0 expired, 2 warmed (1 warm call failed)',
      'cache · tools/call lookup: 95.0% hits of 40 · holds 2 entries, 280 B · 1 evicted, 2 expired · 2 warmed, 1 failed',
      'cache · resources/read bench://static/small: no lookups · holds 1 entry, 2.7 KiB · 0 warmed',
    ];
    const lines = block(figures, client).split('\n').filter((line) => !/[│┌└├]/.test(line)).map((line) => line.trim());
    assert.deepEqual(lines, expected);
    assert.deepEqual(clientLines({ client } as unknown as WorkloadSummary), expected);
  });
});
