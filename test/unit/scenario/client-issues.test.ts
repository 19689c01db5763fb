import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScenario, type Issue } from '../../../src/scenario/index.js';
import { minimalScenario } from './helpers.js';

function issues(raw: unknown): Issue[] {
  const result = resolveScenario(raw, { file: null, env: {}, baseDir: '/srv' });
  assert.equal(result.ok, false, 'expected the scenario to be rejected');
  return result.ok ? [] : result.issues;
}

const workload = (name: string, client?: unknown) => ({
  name,
  type: 'sequential',
  iterations: 1,
  ...(client === undefined ? {} : { client }),
  operations: [{ method: 'ping' }],
});

const hintsByPath = (found: readonly Issue[]) => new Map(found.map((issue) => [issue.path, issue.hint]));

test('every invalid client setting is reported at once, at its path, with a hint unless the message lists the choices', () => {
  const found = issues({
    ...minimalScenario(),
    client: {
      retires: 3,
      retry: { attempts: 0, multiplier: 0.5, base: '1s', max: '500ms', on: ['timeout', 'timout', 'nope'] },
      cache: { ttl: 0, maxEntries: 0, tools: ['search'] },
      breaker: { failures: 0, cooldown: 0, halfOpenProbes: 0 },
      rateLimit: { rate: '100/s', burst: 0, queue: -1 },
      concurrency: { max: 0, queue: -5 },
      sessions: 0,
      compression: 'br',
      endpoints: [],
    },
    workloads: [workload('a'), workload('b', { rateLimit: { burst: 0 }, balance: 'random' })],
  });
  const hints = hintsByPath(found);
  // null: the message says it all (it lists what is allowed).
  const expectations: ReadonlyArray<[string, RegExp | null]> = [
    ['client.retires', /did you mean "retry"\?/],
    ['client.retry.attempts', /1 means no retries/],
    ['client.retry.multiplier', /backoff: constant/],
    ['client.retry.max', /raise max or lower base/],
    ['client.retry.on[1]', /did you mean "timeout"\?/],
    ['client.retry.on[2]', null],
    ['client.cache.ttl', /cache: false/],
    ['client.cache.maxEntries', /caches nothing/],
    ['client.breaker.failures', /failures/],
    ['client.breaker.cooldown', /a breaker that never stays open does nothing/],
    ['client.breaker.halfOpenProbes', /probes/],
    ['client.rateLimit.burst', /burst/],
    ['client.rateLimit.queue', /0 rejects/],
    ['client.concurrency.max', /concurrency: false/],
    ['client.concurrency.queue', /0 rejects/],
    ['client.sessions', /connections each endpoint/],
    ['client.compression', /br compresses answers only: write compression: \{ answers: \[br\] \}/],
    ['client.endpoints', /leave endpoints out/],
    ['workloads[1].client.rateLimit.burst', /burst/],
    ['workloads[1].client.balance', null],
  ];
  for (const [path, hint] of expectations) {
    assert.ok(hints.has(path), `no issue at ${path}`);
    if (hint) assert.match(hints.get(path) ?? '(no hint)', hint, path);
  }
  assert.equal(found.length, expectations.length, JSON.stringify(found, null, 1));
  const on = found.find((issue) => issue.path === 'client.retry.on[2]');
  assert.equal(on?.expected, 'one of timeout, transport, rate-limited, unavailable, tool-error or rpc-error');
  const balance = found.find((issue) => issue.path === 'workloads[1].client.balance');
  assert.match(balance?.message ?? '', /one of round-robin, least-outstanding or fastest/);
});

test('unknown keys inside a layer suggest the key meant; a layer of the wrong kind says what it takes', () => {
  const found = issues({ ...minimalScenario(), client: { retry: { attemps: 2 }, cache: 5, dedup: 'yes' } });
  assert.deepEqual(
    found.map((issue) => [issue.path, issue.message, issue.hint]),
    [
      ['client.retry.attemps', 'unknown key', 'did you mean "attempts"?'],
      ['client.cache', 'expected a mapping of cache settings, true for the defaults, or false for none; got 5', undefined],
      ['client.dedup', 'expected a mapping of dedup settings, true for the defaults, or false for none; got "yes"', undefined],
    ],
  );
});

test('a cache that caches nothing is an issue, also when true brings in only the defaults', () => {
  const found = issues({
    ...minimalScenario(),
    client: { cache: { tools: [], resources: false } },
    workloads: [workload('a', { cache: true }), workload('b', { cache: { readOnly: false } }), workload('c', { cache: { readOnly: true } })],
  });
  // Workload a takes the top-level settings (judged once, at the top level); b sets a field the rule reads, and c
  // caches every read-only tool.
  assert.deepEqual(found.map((issue) => issue.path), ['workloads[1].client.cache', 'client.cache']);
  assert.match(found[1]?.hint ?? '', /tools: \[get_weather\]/);
  const alone = issues({ ...minimalScenario(), workloads: [workload('a', { cache: true })] });
  assert.deepEqual(alone.map((issue) => issue.path), ['workloads[0].client.cache']);
});

test('merged settings are checked where they are written: max below an inherited base, a missing rate', () => {
  const found = issues({
    ...minimalScenario(),
    client: { retry: { base: '1s' }, concurrency: { queue: 5 } },
    workloads: [
      workload('fine', { retry: { max: '2s' } }),
      workload('too-low', { retry: { max: '500ms' } }),
      workload('no-rate', { rateLimit: { burst: 5 }, concurrency: { max: 4 } }),
      workload('unrelated', { retry: { attempts: 2 } }),
    ],
  });
  // Issues come in document order, and the top-level client block is written after the workloads here.
  assert.deepEqual(
    found.map((issue) => issue.path),
    ['workloads[1].client.retry.max', 'workloads[2].client.rateLimit.rate', 'client.concurrency.max'],
  );
  assert.match(found[0]?.message ?? '', /max \(500ms\) is below base \(1\.00s\)/);
  assert.match(found[1]?.message ?? '', /required field is missing/);
  assert.match(found[1]?.hint ?? '', /rate: 200\/s/);
  assert.match(found[2]?.hint ?? '', /max: 32/);
});

test('a cross-field rule is skipped when a field it reads is itself invalid (one mistake, one issue)', () => {
  const found = issues({ ...minimalScenario(), client: { retry: { base: 'soon', max: '50ms' }, rateLimit: { rate: 'fast' } } });
  assert.deepEqual(found.map((issue) => issue.path), ['client.retry.base', 'client.rateLimit.rate']);
  const unit = issues({ ...minimalScenario(), client: { rateLimit: { rate: 200 } } });
  assert.equal(unit[0]?.hint, 'add a unit: write 200/s');
});

test('the builtin HTTP-only knobs resolve over http and are issues over stdio', () => {
  const http = resolveScenario(
    { ...minimalScenario(), target: { builtin: { transport: 'http', rateLimit: '100/s', unavailableRate: 0.1, sessionTtl: '30s' } } },
    { file: null, env: {} },
  );
  assert.ok(http.ok, JSON.stringify(!http.ok && http.issues));
  assert.deepEqual(http.plan.target, {
    kind: 'builtin',
    transport: 'http',
    server: { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1, rateLimitPerSec: 100, unavailableRate: 0.1, sessionTtlUs: 30_000_000 },
  });
  const found = issues({
    ...minimalScenario(),
    target: { builtin: { rateLimit: '100/s', unavailableRate: 2 } },
    client: { endpoints: [{ builtin: { transport: 'stdio', sessionTtl: '1m' } }] },
  });
  assert.deepEqual(
    found.map((issue) => [issue.path, issue.hint]),
    [
      ['target.builtin.rateLimit', 'add transport: http to the builtin target'],
      ['target.builtin.unavailableRate', undefined],
      ['target.builtin.unavailableRate', 'add transport: http to the builtin target'],
      ['client.endpoints[0].builtin.sessionTtl', 'add transport: http to the builtin target'],
    ],
  );
  assert.match(found[0]?.message ?? '', /only applies over HTTP/);
});
