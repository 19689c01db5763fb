import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveScenario, type Plan } from '../../../../src/scenario/index.js';
import { fixedPool } from '../../../../src/client/pool/policy.js';
import { minimalScenario } from '../../scenario/helpers.js';

const context = { file: null, env: {}, baseDir: '/srv/bench' };

function scenarioWith(top: unknown, workload: Record<string, unknown> = {}): unknown {
  return {
    ...minimalScenario(),
    ...(top === undefined ? {} : { client: top }),
    workloads: [{ name: 'w', type: 'sequential', iterations: 1, operations: [{ method: 'ping' }], ...workload }],
  };
}

function plan(top: unknown, workload?: Record<string, unknown>): Plan {
  const result = resolveScenario(scenarioWith(top, workload), context);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.plan;
}

function problems(top: unknown, workload?: Record<string, unknown>): { path: string; text: string }[] {
  const result = resolveScenario(scenarioWith(top, workload), context);
  assert.ok(!result.ok, 'expected problems');
  return result.issues.map((issue) => ({ path: issue.path, text: `${issue.message} ${issue.hint ?? ''}` }));
}

describe('the pool block', () => {
  it('sessions alone is a fixed pool; a pool block resolves with its defaults', () => {
    assert.deepEqual(plan({ sessions: 3 }).workloads[0]!.client.pool, fixedPool(3));
    const pool = plan({ pool: { min: 2, max: 6, health: true, recycle: { rss: '256MB' } } }).workloads[0]!.client.pool;
    assert.deepEqual(pool, {
      min: 2,
      max: 6,
      perSession: 1,
      idleUs: 30_000_000,
      acquireTimeoutUs: null,
      health: { everyUs: 5_000_000, timeoutUs: 1_000_000, failures: 3 },
      recycle: { calls: null, ageUs: null, rssBytes: 256_000_000, everyUs: 1_000_000 },
    });
    assert.equal(plan({ pool: { min: 2, max: 6, health: true } }).workloads[0]!.client.sessions, 2, 'sessions is the pool min');
    assert.equal(plan({ sessions: 4, pool: { health: true } }).workloads[0]!.client.pool.perSession, null, 'a pool that cannot grow multiplexes');
  });

  it('a workload merges its pool key by key over the scenario’s', () => {
    const pool = plan({ pool: { min: 1, max: 4 } }, { client: { pool: { max: 8, idle: false } } }).workloads[0]!.client.pool;
    assert.equal(pool.min, 1);
    assert.equal(pool.max, 8);
    assert.equal(pool.idleUs, null);
  });

  it('a workload that drops the scenario’s pool may set sessions', () => {
    assert.deepEqual(plan({ pool: { min: 2, max: 4 } }, { client: { pool: null, sessions: 1 } }).workloads[0]!.client.pool, fixedPool(1));
  });

  it('refuses max below min, sessions with pool.min, and unknown keys, each at its path with a hint', () => {
    const below = problems({ pool: { min: 4, max: 2 } });
    assert.equal(below[0]!.path, 'client.pool.max');
    assert.match(below[0]!.text, /below the 4 sessions opened first.*raise it or lower min/);
    const both = problems({ sessions: 2, pool: { min: 3 } });
    assert.equal(both[0]!.path, 'client.pool.min');
    assert.match(both[0]!.text, /both say how many sessions/);
    const unknown = problems({ pool: { maxx: 3 } });
    assert.match(unknown[0]!.path, /client\.pool/);
    assert.match(unknown[0]!.text, /max/);
  });
});

describe('warmup: { sessions: all }', () => {
  it('warms the pools and keeps the calls or span', () => {
    const w = plan(undefined, { warmup: { sessions: 'all', calls: 20 } }).workloads[0]!;
    assert.equal(w.warmSessions, 'all');
    assert.deepEqual(w.warmup, { kind: 'iterations', count: 20 });
    const only = plan(undefined, { warmup: { sessions: 'all' } }).workloads[0]!;
    assert.equal(only.warmup, null);
    assert.equal(only.warmSessions, 'all');
    assert.equal(plan(undefined, { warmup: '2s' }).workloads[0]!.warmSessions, undefined);
  });

  it('refuses what it does not know, with a hint', () => {
    assert.match(problems(undefined, { warmup: { session: 'all' } })[0]!.text, /sessions/);
    assert.match(problems(undefined, { warmup: { sessions: 'some' } })[0]!.text, /sessions: all opens every pooled session/);
    assert.match(problems(undefined, { warmup: { calls: 5, duration: '1s' } })[0]!.text, /calls or duration, not both/);
  });
});
