import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadPlan } from '../../../src/scenario/index.js';
import type { Plan } from '../../../src/scenario/plan.js';
import type { TargetPlan } from '../../../src/client/targets/registry.js';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { requestSignature } from '../../../src/operations/operation.js';
import { SCENARIOS_DIR } from './helpers.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';
import { planHash } from '../../../src/scenario/plan-hash.js';

const QUICKSTART = path.join(SCENARIOS_DIR, 'quickstart.yaml');
const TIMEOUT_US = 30_000_000;
const TARGET: TargetPlan = { kind: 'builtin', transport: 'stdio', server: { latencyUs: 1000, jitterUs: 0, failRate: 0, seed: 1 } };

const expectedCore: Omit<Plan, 'resolvedRedacted' | 'targetLabel'> = {
  name: 'quickstart',
  sourceFile: QUICKSTART,
  target: TARGET,
  workloads: [
    {
      type: 'sequential',
      name: 'echo-sequential',
      warmup: { kind: 'iterations', count: 200 },
      measure: { kind: 'iterations', count: 2000 },
      seed: 1,
      shard: WHOLE_RUN,
      client: PLAIN_CLIENT,
      endpoints: [TARGET],
      engine: { kind: 'client' },
      operations: [
        {
          name: 'tools/call echo',
          weight: 1,
          timeoutUs: TIMEOUT_US,
          request: { method: 'tools/call', tool: 'echo', args: { message: 'hello' } },
          signature: requestSignature({ tool: 'echo', args: { message: 'hello' } }),
        },
      ],
    },
    {
      type: 'concurrent',
      name: 'mixed-concurrent',
      concurrency: 16,
      warmup: { kind: 'duration', us: 1_000_000 },
      measure: { kind: 'duration', us: 5_000_000 },
      seed: 2,
      shard: WHOLE_RUN,
      client: PLAIN_CLIENT,
      endpoints: [TARGET],
      engine: { kind: 'client' },
      operations: [
        {
          name: 'tools/call echo',
          weight: 3,
          timeoutUs: TIMEOUT_US,
          request: { method: 'tools/call', tool: 'echo', args: { message: 'hello' } },
          signature: requestSignature({ tool: 'echo', args: { message: 'hello' } }),
        },
        {
          name: 'resources/read bench://static/small',
          weight: 1,
          timeoutUs: TIMEOUT_US,
          request: { method: 'resources/read', uri: 'bench://static/small' },
          signature: requestSignature({ resource: 'bench://static/small' }),
        },
        {
          name: 'prompts/get greeting',
          weight: 1,
          timeoutUs: TIMEOUT_US,
          request: { method: 'prompts/get', prompt: 'greeting', args: { name: 'world' } },
          signature: requestSignature({ prompt: 'greeting', args: { name: 'world' } }),
        },
        { name: 'tools/list', weight: 1, timeoutUs: TIMEOUT_US, request: { method: 'tools/list' }, signature: requestSignature({ method: 'tools/list' }) },
        { name: 'ping', weight: 1, timeoutUs: TIMEOUT_US, request: { method: 'ping' }, signature: requestSignature({ method: 'ping' }) },
      ],
    },
  ],
  redacted: {
    name: 'quickstart',
    target: { builtin: { latency: '1ms' } },
    workloads: [
      {
        name: 'echo-sequential',
        type: 'sequential',
        iterations: 2000,
        warmup: 200,
        operations: [{ tool: 'echo', args: { message: 'hello' } }],
      },
      {
        name: 'mixed-concurrent',
        type: 'concurrent',
        concurrency: 16,
        duration: '5s',
        warmup: '1s',
        operations: [
          { tool: 'echo', args: { message: 'hello' }, weight: 3 },
          { resource: 'bench://static/small', weight: 1 },
          { prompt: 'greeting', args: { name: 'world' }, weight: 1 },
          { method: 'tools/list' },
          { method: 'ping' },
        ],
      },
    ],
  },
};

/** With no ${VAR} and no headers, the report's resolved copy is the resolved plan itself. */
const { name, target, workloads } = expectedCore;
const shown = { ...expectedCore, resolvedRedacted: { name, target, workloads } };
const expected: Plan = {
  ...shown,
  targetLabel: 'built-in reference server over stdio',
  // No ${VAR}, header, env value or URL credentials: nothing to mask.
  secrets: [],
  // Not sharded: the whole run, no synchronised start; the fingerprint every shard of it would share.
  shard: { index: 0, count: 1 },
  start: null,
  planHash: planHash(shown),
};

test('the quickstart scenario resolves to exactly the expected plan', async () => {
  const result = await loadPlan(QUICKSTART, {});
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  assert.deepEqual(result.plan, expected);
});

test('the plan is deeply frozen', async () => {
  const result = await loadPlan(QUICKSTART, {});
  assert.ok(result.ok);
  const { plan } = result;
  const workload = plan.workloads[1];
  const operation = workload?.operations[0];
  assert.ok(workload && operation && operation.request.method === 'tools/call');
  for (const value of [plan, plan.target, plan.workloads, workload, workload.measure, operation, operation.request,
    operation.request.args, plan.redacted]) {
    assert.ok(Object.isFrozen(value));
  }
  assert.throws(() => {
    (operation as { weight: number }).weight = 99;
  }, TypeError);
  assert.throws(() => {
    (plan.workloads as unknown[]).push({});
  }, TypeError);
});
