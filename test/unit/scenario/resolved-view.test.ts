import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScenario, type Plan } from '../../../src/scenario/index.js';

function plan(raw: unknown, env: Record<string, string>): Plan {
  const result = resolveScenario(raw, { file: null, env, baseDir: '/base' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.plan;
}

interface Shown {
  target: Record<string, unknown>;
  workloads: Array<Record<string, unknown> & { operations: Array<Record<string, unknown>>; client: Record<string, Record<string, unknown> | null>; endpoints: Array<Record<string, unknown>> }>;
}

const shown = (p: Plan): Shown => p.resolvedRedacted as Shown;

const ping = [{ method: 'ping' }];

test('a field written with ${VAR} shows as written, and only that field: ${PORT} in a URL stays a reference', () => {
  const p = plan(
    {
      name: 'port',
      target: { http: { url: 'http://127.0.0.1:${PORT}/mcp' } },
      workloads: [{ name: 'w', type: 'concurrent', concurrency: 3000, duration: '3000ms', operations: ping }],
    },
    { PORT: '3000' },
  );
  assert.equal(p.target.kind === 'http' && p.target.url, 'http://127.0.0.1:3000/mcp', 'the plan itself has the value');
  const view = shown(p);
  assert.equal(view.target['url'], 'http://127.0.0.1:${PORT}/mcp');
  assert.equal(view.workloads[0]?.endpoints[0]?.['url'], 'http://127.0.0.1:${PORT}/mcp');
  assert.equal(p.targetLabel, 'Streamable HTTP: http://127.0.0.1:${PORT}/mcp');
  // Numbers equal to a substituted text were redacted before; they did not come from the environment.
  assert.equal(view.workloads[0]?.['concurrency'], 3000);
  assert.deepEqual(view.workloads[0]?.['measure'], { kind: 'duration', us: 3_000_000 });
  assert.doesNotMatch(JSON.stringify(view), /\[redacted\]/);
});

test('converted values show their field as written; values computed from substituted fields show [redacted]', () => {
  const p = plan(
    {
      name: 'converted',
      seed: '${SEED}',
      timeout: '${TIMEOUT}',
      target: { builtin: { transport: 'http', latency: '${LATENCY}', rateLimit: '${LIMIT}' } },
      client: { retry: { attempts: '${ATTEMPTS}', on: '${CLASSES}' }, rateLimit: { rate: '${CLIENT_RATE}' } },
      workloads: [
        { name: 'open', type: 'constant-rate', rate: '${RATE}', duration: '1s', operations: ping },
        {
          name: 'ramp',
          type: 'ramping-rate',
          seed: 5,
          stages: [{ target: '50/s', duration: '${STAGE}' }],
          client: null,
          operations: [{ method: 'ping', timeout: '2s' }],
        },
      ],
    },
    { SEED: '41', TIMEOUT: '9s', LATENCY: '7ms', LIMIT: '80/s', ATTEMPTS: '4', CLASSES: 'timeout', CLIENT_RATE: '40/s', RATE: '20/s', STAGE: '4s' },
  );
  const view = shown(p);
  assert.deepEqual(view.target['server'], { latencyUs: '${LATENCY}', jitterUs: 0, failRate: 0, seed: 1, rateLimitPerSec: '${LIMIT}' });
  const [open, ramp] = view.workloads;
  assert.equal(open?.['ratePerSec'], '${RATE}');
  assert.equal(open?.['maxInFlight'], '[redacted]', 'the default cap follows from the rate');
  assert.equal(open?.['seed'], '[redacted]', "the scenario's seed plus the workload's index");
  assert.equal(open?.operations[0]?.['timeoutUs'], '${TIMEOUT}');
  assert.equal(open?.client['retry']?.['attempts'], '${ATTEMPTS}');
  assert.equal(open?.client['retry']?.['on'], '${CLASSES}');
  assert.equal(open?.client['retry']?.['baseUs'], 100_000, 'defaults stay visible');
  assert.equal(open?.client['rateLimit']?.['perSecond'], '${CLIENT_RATE}');
  assert.equal(open?.client['rateLimit']?.['burst'], '[redacted]', 'the default burst follows from the rate');
  assert.deepEqual(ramp?.['stages'], [{ target: 50, durationUs: '${STAGE}' }]);
  assert.deepEqual(ramp?.['measure'], '[redacted]', "a ramp's length is the sum of its stages");
  assert.equal(ramp?.['seed'], 5);
  assert.equal(ramp?.operations[0]?.['timeoutUs'], 2_000_000);
  assert.equal(ramp?.client['retry'], null, 'client: null drops the block, and with it its references');
});

test('no value substituted anywhere shows in resolvedRedacted or the target label', () => {
  const env: Record<string, string> = {
    NAME: 'sub-name-7001',
    COMMAND: 'sub-command-7002',
    ARG: 'sub-arg-7003',
    CWD: 'sub-cwd-7004',
    WORKLOAD: 'sub-workload-7005',
    TOOL: 'sub-tool-7006',
    ARG_VALUE: 'sub-argument-7007',
    NESTED: 'sub-nested-7008',
    RESOURCE: 'sub-resource-7009',
    PROMPT: 'sub-prompt-7010',
    WEIGHT: '7011',
    TIMEOUT: '7012ms',
    WARMUP: '7013',
    ITERATIONS: '7014',
    SEED: '7015',
    CONCURRENCY: '7016',
    SESSIONS: '7017',
    BASE: '4718ms',
    TTL: '7019ms',
    TOOLS: 'sub-cached-7020',
    MAX: '7021',
    ENDPOINT_URL: 'http://127.0.0.1:7022/mcp',
    BALANCE: 'least-outstanding',
    DEDUP_WINDOW: '7023ms',
    BREAKER: '7024',
  };
  const p = plan(
    {
      name: 'everything',
      target: { stdio: { command: '${COMMAND}', args: ['--flag', '${ARG}'], cwd: '${CWD}' } },
      client: {
        retry: { base: '${BASE}' },
        cache: { ttl: '${TTL}', tools: ['${TOOLS}'], force: true },
        dedup: { window: '${DEDUP_WINDOW}' },
        breaker: { failures: '${BREAKER}' },
        concurrency: { max: '${MAX}' },
        sessions: '${SESSIONS}',
        balance: '${BALANCE}',
      },
      workloads: [
        {
          name: '${WORKLOAD}',
          type: 'concurrent',
          concurrency: '${CONCURRENCY}',
          iterations: '${ITERATIONS}',
          warmup: '${WARMUP}',
          seed: '${SEED}',
          operations: [
            { tool: '${TOOL}', args: { message: '${ARG_VALUE}', deep: { list: ['${NESTED}'] } }, weight: '${WEIGHT}', timeout: '${TIMEOUT}' },
            { resource: 'bench://items/${RESOURCE}' },
            { prompt: '${PROMPT}', args: { name: 'x' } },
          ],
        },
        { name: 'balanced', type: 'sequential', iterations: 1, client: { endpoints: [{ http: { url: '${ENDPOINT_URL}' } }] }, operations: ping },
      ],
    },
    env,
  );
  const json = `${JSON.stringify(p.resolvedRedacted)}\n${p.targetLabel}`;
  for (const value of Object.values(env)) {
    const visible = value.replace(/ms$/, '');
    assert.ok(!json.includes(visible), `${value} leaked: ${json}`);
  }
  // The plan itself carries every value; names are taken as written.
  const first = p.workloads[0];
  assert.ok(first?.type === 'concurrent');
  assert.equal(first.name, '${WORKLOAD}');
  assert.equal(first.concurrency, 7016);
  assert.equal(p.targetLabel, 'stdio: ${COMMAND} --flag ${ARG}');
});

test('secret-looking argument keys are hidden as in Plan.redacted; argument names are never respelt', () => {
  const p = plan(
    {
      name: 'args',
      target: { builtin: {} },
      workloads: [
        {
          name: 'w',
          type: 'sequential',
          iterations: 1,
          operations: [{ tool: 'login', args: { password: 'hunter2', user: 'bob', delayUs: '${DELAY}', token: 'Bearer ${TOKEN}' } }],
        },
      ],
    },
    { DELAY: '12345', TOKEN: 'tok-value' },
  );
  const request = shown(p).workloads[0]?.operations[0]?.['request'] as { args: Record<string, unknown> };
  assert.deepEqual(request.args, { password: '[redacted]', user: 'bob', delayUs: '${DELAY}', token: 'Bearer ${TOKEN}' });
});
