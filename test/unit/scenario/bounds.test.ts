import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issues, minimalScenario, resolve } from './helpers.js';

/**
 * Upper bounds of the scenario schema: calls in flight ≤ 100,000, rates ≤ 1,000,000/s, durations ≤ 24h. Each value
 * just past its bound is refused at its path with the exact expected/got/hint; the bound itself is accepted.
 */
const ECHO = [{ tool: 'echo' }];
const withWorkloads = (...workloads: Record<string, unknown>[]) => ({ ...minimalScenario(), workloads });

const IN_FLIGHT_HINT =
  'calls in flight are capped at 100,000: each holds memory in mcp-bench and one process serves them all; to load a server harder, run several';
const RATE_HINT = 'one mcp-bench process sends tens of thousands of calls a second at most; to load a server harder, run several';
const DURATION_HINT = 'durations are capped at 24h, longer than any benchmark needs; for a longer soak, run the scenario again';

const tooMany = (min: number, got: string) => ({ message: `expected a whole number from ${min} to 100,000; got ${got}`, hint: IN_FLIGHT_HINT });
const tooFast = (got: string) => ({ message: `expected a rate of at most 1,000,000/s; got "${got}"`, hint: RATE_HINT });
const tooLong = (got: string) => ({ message: `expected a duration of at most 24h; got "${got}"`, hint: DURATION_HINT });

test('values past the upper bounds are refused at their paths with the exact expected, got and hint', () => {
  const found = issues({
    ...withWorkloads(
      { name: 'c', type: 'concurrent', concurrency: 100_000_000, duration: '25h', operations: ECHO },
      { name: 'r', type: 'constant-rate', rate: '1000000000000/s', maxInFlight: '200k', duration: '1s', warmup: '48h', operations: ECHO },
      { name: 'rc', type: 'ramping-concurrency', startConcurrency: 100_001, stages: [{ target: 100_001, duration: '24.5h' }], operations: ECHO },
      { name: 'rr', type: 'ramping-rate', startRate: '60000001/m', stages: [{ target: '1000001/s', duration: '1s' }], operations: ECHO },
      { name: 't', type: 'sequential', iterations: 1, timeout: '86400001ms', operations: [{ tool: 'echo', timeout: '1441m' }] },
    ),
    timeout: '600h',
  });
  const byPath = Object.fromEntries(found.map((issue) => [issue.path, { message: issue.message, hint: issue.hint }]));
  assert.deepEqual(byPath, {
    timeout: tooLong('600h'),
    'workloads[0].concurrency': tooMany(1, '100000000'),
    'workloads[0].duration': tooLong('25h'),
    'workloads[1].rate': tooFast('1000000000000/s'),
    'workloads[1].maxInFlight': tooMany(1, '"200k"'),
    'workloads[1].warmup': tooLong('48h'),
    'workloads[2].startConcurrency': tooMany(0, '100001'),
    'workloads[2].stages[0].target': tooMany(0, '100001'),
    'workloads[2].stages[0].duration': tooLong('24.5h'),
    'workloads[3].startRate': tooFast('60000001/m'),
    'workloads[3].stages[0].target': tooFast('1000001/s'),
    'workloads[4].timeout': tooLong('86400001ms'),
    'workloads[4].operations[0].timeout': tooLong('1441m'),
  });
});

test('the bounds themselves are accepted: 100,000 in flight, 1,000,000/s, 24h', () => {
  const plan = resolve({
    ...withWorkloads(
      { name: 'c', type: 'concurrent', concurrency: '100k', duration: '24h', operations: ECHO },
      { name: 'r', type: 'constant-rate', rate: '1000000/s', maxInFlight: 100_000, duration: '1s', warmup: '1440m', operations: ECHO },
      { name: 'rc', type: 'ramping-concurrency', startConcurrency: 100_000, stages: [{ target: 100_000, duration: '86400s' }], operations: ECHO },
    ),
    timeout: '24h',
  });
  const [c, r, rc] = plan.workloads;
  assert.ok(c?.type === 'concurrent' && r?.type === 'constant-rate' && rc?.type === 'ramping-concurrency');
  assert.equal(c.concurrency, 100_000);
  assert.equal(c.measure.kind === 'duration' && c.measure.us, 86_400_000_000);
  assert.equal(r.ratePerSec, 1_000_000);
  assert.equal(r.maxInFlight, 100_000);
  assert.equal(c.operations[0]?.timeoutUs, 86_400_000_000);
});

test('the client block has upper bounds too: sessions, limits, queues, cache entries, attempts, bursts', () => {
  const found = issues({
    ...withWorkloads({ name: 'c', type: 'sequential', iterations: 1, operations: ECHO }),
    client: {
      sessions: 100_000_000,
      concurrency: { max: 100_001, queue: 100_001 },
      cache: { maxEntries: 10_000_001, tools: ['echo'] },
      retry: { attempts: 1_000_001 },
      rateLimit: { rate: '10/s', burst: 1_000_001 },
    },
  });
  const byPath = Object.fromEntries(found.map((issue) => [issue.path, issue.message]));
  assert.deepEqual(byPath, {
    'client.sessions': 'expected a whole number from 1 to 10,000; got 100000000',
    'client.concurrency.max': 'expected a whole number from 1 to 100,000; got 100001',
    'client.concurrency.queue': 'expected a whole number from 0 to 100,000; got 100001',
    'client.cache.maxEntries': 'expected a whole number from 1 to 10,000,000; got 10000001',
    'client.retry.attempts': 'expected a whole number from 1 to 1,000,000; got 1000001',
    'client.rateLimit.burst': 'expected a whole number from 1 to 1,000,000; got 1000001',
  });
  assert.match(found.find((issue) => issue.path === 'client.sessions')?.hint ?? '', /each is a server process/);
});
