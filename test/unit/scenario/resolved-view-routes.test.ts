import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScenario, type Plan } from '../../../src/scenario/index.js';
import { summarize } from '../../../src/summary/summarize.js';
import { renderJson } from '../../../src/report/json.js';
import type { RunResult, WorkloadRun } from '../../../src/runner/run.js';

function plan(raw: unknown, env: Record<string, string>): Plan {
  const result = resolveScenario(raw, { file: null, env, baseDir: '/base' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.plan;
}

/** The JSON report of a run of `p` whose workloads did not run: the scenario's definition and resolved view in it. */
function jsonReport(p: Plan): string {
  const notRun = (workload: Plan['workloads'][number]): WorkloadRun => ({ workload, status: 'not-run', recorder: null, execution: null, connection: null, sessions: [], client: null, engine: null, setupCalls: {}, warnings: [], failure: null });
  const result: RunResult = { plan: p, startedAt: new Date(0), finishedAt: new Date(1000), workloads: p.workloads.map(notRun), interrupted: false };
  const environment = { node: 'v20.0.0', platform: 'linux', arch: 'x64', osRelease: '6.0', cpus: { count: 1, model: 'cpu' }, memoryBytes: 1 };
  return renderJson(summarize(result, environment, '0.0.0'));
}

const URL = 'http://127.0.0.1:1/mcp';
type Shown = { workloads: Array<Record<string, unknown>> };

// Short values (under the secrets registry's 6 characters, so no mask in free text would catch them) and env values.
const SHORT = ['zq1', 'zq2', 'zq3', 'zq4', 'zq5', 'zq6'];
const ENV = { GROUP_TOKEN: 'grp-env-value-81', ACME: 'acme-env-value-82', OWN: 'own-env-value-83', EP: 'ep-env-value-84' };

function routedScenario(): unknown {
  return {
    name: 'routes',
    target: { http: { url: URL } },
    client: {
      groups: {
        eu: { endpoints: [{ http: { url: URL, headers: { 'X-Endpoint': 'zq1', 'X-Env': '${EP}' } } }], timeout: '2s', headers: { 'X-Group': 'zq2', 'X-Token': '${GROUP_TOKEN}' } },
        storage: [{ http: { url: URL, headers: { 'X-Key': 'zq3' } } }],
      },
    },
    tenants: [
      { name: 'acme', weight: 3, headers: { Authorization: 'Bearer ${ACME}', 'X-Plan': 'zq4' }, route: 'eu' },
      { name: 'globex', thresholds: ['p99 < 1s'] },
    ],
    workloads: [
      { name: 'scenario-routes', type: 'sequential', iterations: 1, operations: [{ method: 'ping', route: 'storage' }] },
      {
        name: 'own-routes',
        type: 'sequential',
        iterations: 1,
        client: { groups: { west: { endpoints: [{ http: { url: URL } }], headers: { 'X-West': 'zq5' } } } },
        tenants: [{ name: 'solo', headers: { 'X-Solo': 'zq6', 'X-Own': '${OWN}' }, route: 'west' }],
        operations: [{ method: 'ping' }],
      },
    ],
  };
}

test('no header value of an endpoint group or a tenant, short or from ${VAR}, shows in the resolved view or a JSON report', () => {
  const p = plan(routedScenario(), ENV);
  const eu = p.workloads[0]?.groups?.['eu']?.endpoints[0];
  assert.ok(eu?.kind === 'http' && eu.headers['X-Group'] === 'zq2' && eu.headers['X-Env'] === ENV.EP, 'the plan itself has the values');
  const view = JSON.stringify(p.resolvedRedacted);
  const report = jsonReport(p);
  for (const value of [...SHORT, ...Object.values(ENV)]) {
    assert.ok(!view.includes(value), `${value} leaked into the resolved view: ${view}`);
    assert.ok(!report.includes(value), `${value} leaked into the JSON report`);
  }
});

test('groups and tenants show at the places they were written: references kept, every header hidden, timeouts as written', () => {
  const p = plan(routedScenario(), ENV);
  const [first, second] = (p.resolvedRedacted as Shown).workloads;
  const groups = first?.['groups'] as Record<string, { endpoints: Array<{ url: string; headers: Record<string, string> }>; timeoutUs: unknown }>;
  assert.deepEqual(groups['eu']?.endpoints[0]?.headers, { 'X-Endpoint': '[redacted]', 'X-Env': '[redacted]', 'X-Group': '[redacted]', 'X-Token': '[redacted]' });
  assert.equal(groups['eu']?.endpoints[0]?.url, URL, 'the rest of an endpoint stays visible');
  assert.equal(groups['eu']?.timeoutUs, 2_000_000);
  assert.deepEqual(groups['storage']?.endpoints[0]?.headers, { 'X-Key': '[redacted]' });
  const tenants = first?.['tenants'] as Array<Record<string, unknown>>;
  assert.deepEqual(tenants[0], { name: 'acme', weight: 3, route: 'eu', headers: { Authorization: 'Bearer ${ACME}', 'X-Plan': '[redacted]' } });
  assert.deepEqual(tenants[1]?.['thresholds'], [{ threshold: 'p99 < 1s', abortOnFail: false, source: 'scenario' }], 'no parsed limit');
  const own = second?.['tenants'] as Array<Record<string, unknown>>;
  assert.deepEqual(own[0]?.['headers'], { 'X-Solo': '[redacted]', 'X-Own': '${OWN}' }, "a workload's own tenants at their own place");
  const west = (second?.['groups'] as Record<string, { endpoints: Array<{ headers: Record<string, string> }> }>)['west'];
  assert.deepEqual(west?.endpoints[0]?.headers, { 'X-West': '[redacted]' });
});

test('a group timeout written with ${VAR} shows the reference', () => {
  const raw = routedScenario() as { client: { groups: { eu: { timeout: string } } } };
  raw.client.groups.eu.timeout = '${GROUP_TIMEOUT}';
  const p = plan(raw, { ...ENV, GROUP_TIMEOUT: '2345ms' });
  const groups = (p.resolvedRedacted as Shown).workloads[0]?.['groups'] as Record<string, { timeoutUs: unknown }>;
  assert.equal(groups['eu']?.timeoutUs, '${GROUP_TIMEOUT}');
  assert.doesNotMatch(JSON.stringify(p.resolvedRedacted), /2345/);
});

test('expect and capture show as written, with their references; a compiled template never shows', () => {
  const p = plan(
    {
      name: 'checks',
      target: { builtin: {} },
      workloads: [
        {
          name: 'w',
          type: 'sequential',
          iterations: 1,
          operations: [
            { tool: 'echo', args: { message: '{{seq}}' }, expect: { contains: ['${WORD}'], size: { max: '64KiB' } } },
            {
              journey: 'put-then-get',
              steps: [
                { name: 'put', tool: 'store_put', args: { value: '${VALUE}' }, capture: { key: 'structuredContent.key' } },
                { name: 'get', tool: 'store_get', args: { key: '{{vars.key}}' }, expect: { json: { 'structuredContent.value': '${VALUE}' } } },
              ],
            },
          ],
        },
      ],
    },
    { WORD: 'word-env-value-91', VALUE: 'value-env-value-92' },
  );
  const operations = (p.resolvedRedacted as Shown).workloads[0]?.['operations'] as Array<Record<string, unknown>>;
  assert.deepEqual(operations.map((op) => op['name']), ['tools/call echo', 'put-then-get', 'put-then-get › put', 'put-then-get › get']);
  assert.deepEqual(operations[0]?.['expect'], { contains: ['${WORD}'], size: { max: '64KiB' } });
  assert.deepEqual(operations[2]?.['capture'], { key: 'structuredContent.key' });
  assert.deepEqual(operations[3]?.['expect'], { json: { 'structuredContent.value': '${VALUE}' } });
  // A step's request is mirrored at the step's own place: its reference stays one.
  assert.deepEqual((operations[2]?.['request'] as { args: unknown }).args, { value: '${VALUE}' });
  assert.deepEqual((operations[1]?.['request'] as { args: unknown }).args, { value: '${VALUE}' }, "the journey's request is its first step's");
  assert.deepEqual(operations[1]?.['journey'], { steps: [2, 3] });
  assert.deepEqual(operations[3]?.['step'], { journey: 1, index: 1 });
  for (const op of operations) assert.ok(!('template' in op), `a compiled template shows: ${JSON.stringify(op)}`);
  assert.ok(p.workloads[0]?.operations[0]?.template, 'the plan has one');
  const view = JSON.stringify(p.resolvedRedacted);
  assert.doesNotMatch(view, /env-value/);
});
