import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issues, resolve } from './helpers.js';

const HTTP_BUILTIN = { builtin: { transport: 'http' } };
const HTTP_URL = { http: { url: 'http://127.0.0.1:3000/mcp' } };
const ECHO = [{ tool: 'echo', args: { message: 'hi' } }];

const concurrent = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'concurrent',
  concurrency: 8,
  duration: '1s',
  operations: ECHO,
  ...extra,
});

const scenario = (target: unknown, workloads: unknown[], client?: unknown) => ({
  name: 'engines',
  target,
  ...(client === undefined ? {} : { client }),
  workloads,
});

test('engine resolves to autocannon (pipelining 1 unless set) where chosen, and to the client everywhere else', () => {
  const plan = resolve(
    scenario(HTTP_BUILTIN, [
      concurrent('ac', { engine: 'autocannon' }),
      concurrent('ac-pipelined', { engine: 'autocannon', pipelining: '4', client: { timeout: '2s' } }),
      { name: 'ac-rate', type: 'constant-rate', engine: 'autocannon', rate: '2000/s', duration: '5s', operations: ECHO },
      concurrent('explicit-client', { engine: 'client' }),
      { name: 'seq', type: 'sequential', iterations: 1, operations: [{ method: 'ping' }] },
      { name: 'rampc', type: 'ramping-concurrency', stages: [{ target: 2, duration: '1s' }], operations: [{ method: 'ping' }] },
    ]),
  );
  assert.deepEqual(
    plan.workloads.map((workload) => workload.engine),
    [
      { kind: 'autocannon', pipelining: 1 },
      { kind: 'autocannon', pipelining: 4 },
      { kind: 'autocannon', pipelining: 1 },
      { kind: 'client' },
      { kind: 'client' },
      { kind: 'client' },
    ],
  );
  assert.deepEqual(plan.workloads[1]?.operations.map((operation) => operation.timeoutUs), [2_000_000]);
  const shown = plan.resolvedRedacted as { workloads: ReadonlyArray<{ engine: unknown }> };
  assert.deepEqual(shown.workloads[1]?.engine, { kind: 'autocannon', pipelining: 4 });
});

test('autocannon accepts an http target, one http endpoint, layers switched off, and client: null under a scenario block', () => {
  const plan = resolve(
    scenario(
      { stdio: { command: 'node', args: ['server.js'] } },
      [
        concurrent('own-endpoint', { engine: 'autocannon', client: { endpoints: [HTTP_URL], retry: false, cache: null } }),
        concurrent('inherited-endpoint', { engine: 'autocannon', client: { retry: false, compression: false } }),
      ],
      { timeout: '1s', retry: true, sessions: 1, endpoints: [HTTP_BUILTIN] },
    ),
  );
  assert.deepEqual(plan.workloads.map((workload) => workload.endpoints.map((endpoint) => endpoint.kind)), [['http'], ['builtin']]);
  // client: null drops the scenario's endpoints too: the stdio target would not do, so check it separately.
  const found = issues(scenario({ stdio: { command: 'node' } }, [concurrent('plain', { engine: 'autocannon', client: null })], { retry: true }));
  assert.deepEqual(found.map((issue) => issue.path), ['workloads[0].engine']);
  resolve(scenario(HTTP_URL, [concurrent('plain', { engine: 'autocannon', client: null })], { retry: true }));
});

test('every autocannon rule is an issue at its path with a hint, all reported at once', () => {
  const found = issues(
    scenario(
      HTTP_BUILTIN,
      [
        {
          name: 'ramp',
          type: 'ramping-rate',
          engine: 'autocannon',
          stages: [{ target: '10/s', duration: '1s' }],
          operations: ECHO,
          client: { retry: false },
        },
        concurrent('mixed', {
          engine: 'autocannon',
          operations: [{ tool: 'echo' }, { resource: 'bench://static/small' }, { method: 'ping' }, { prompt: 'greeting' }],
          client: { retry: false, cache: { readOnly: true }, sessions: 2, timeout: '1s', balance: 'fastest' },
        }),
        concurrent('inherits-retry', { engine: 'autocannon' }),
        { name: 'seq', type: 'sequential', iterations: 1, pipelining: 2, operations: ECHO },
        concurrent('stdio-endpoint', { engine: 'autocannon', client: { retry: false, endpoints: [{ stdio: { command: 'node' } }] } }),
        concurrent('two-endpoints', { engine: 'autocannon', client: { retry: false, endpoints: [HTTP_URL, HTTP_BUILTIN] } }),
        concurrent('typo', { engine: 'autocanon' }),
        concurrent('bad-pipelining', { engine: 'autocannon', pipelining: 0, client: null }),
      ],
      { retry: true },
    ),
  );
  const expected: ReadonlyArray<readonly [string, RegExp]> = [
    ['workloads[0].engine', /use type: concurrent or constant-rate, or remove engine: autocannon/],
    ['workloads[1].operations[1]', /keep tool: operations only for autocannon, or use engine: client/],
    ['workloads[1].operations[2]', /keep tool: operations only/],
    ['workloads[1].operations[3]', /keep tool: operations only/],
    ['workloads[1].client.cache', /remove client\.cache \(autocannon honours client\.timeout only\), or use engine: client/],
    ['workloads[1].client.sessions', /remove client\.sessions/],
    ['workloads[2].engine', /set client: \{ retry: false \} on this workload, or client: null/],
    ['workloads[3].pipelining', /add engine: autocannon, or remove pipelining/],
    ['workloads[4].engine', /^autocannon speaks raw HTTP; use an http target or builtin with transport: http$/],
    ['workloads[5].engine', /keep one http endpoint/],
    ['workloads[6].engine', /did you mean "autocannon"\?/],
    ['workloads[7].pipelining', /how many requests autocannon sends on a connection/],
  ];
  const summary = JSON.stringify(found.map((issue) => [issue.path, issue.message, issue.hint]), null, 1);
  assert.deepEqual(found.map((issue) => issue.path), expected.map(([path]) => path), summary);
  expected.forEach(([, hint], index) => assert.match(found[index]?.hint ?? '', hint, summary));
  const messages = found.map((issue) => issue.message);
  assert.match(messages[0] ?? '', /runs concurrent and constant-rate workloads only, not ramping-rate/);
  assert.match(messages[1] ?? '', /sends tools\/call only, but this operation sends resources\/read/);
  assert.match(messages[2] ?? '', /sends ping/);
  assert.match(messages[3] ?? '', /sends prompts\/get/);
  assert.match(messages[6] ?? '', /the scenario's client\.retry applies to this workload/);
  assert.match(messages[8] ?? '', /needs a Streamable HTTP target, but this workload \(client\.endpoints\) calls a stdio server/);
  assert.match(messages[9] ?? '', /sends to one server, but client\.endpoints lists 2/);
});

test('autocannon on a target that is not Streamable HTTP: an issue at engine, whatever the kind', () => {
  const targets: ReadonlyArray<readonly [unknown, string]> = [
    [{ builtin: {} }, 'the built-in server over stdio'],
    [{ builtin: { transport: 'stdio' } }, 'the built-in server over stdio'],
    [{ stdio: { command: 'node' } }, 'a stdio server'],
    [{ sse: { url: 'http://127.0.0.1:3000/sse' } }, 'a legacy SSE server'],
  ];
  for (const [target, calls] of targets) {
    const found = issues(scenario(target, [concurrent('w', { engine: 'autocannon' })]));
    assert.deepEqual(found.map((issue) => [issue.path, issue.message, issue.hint]), [
      [
        'workloads[0].engine',
        `the autocannon engine needs a Streamable HTTP target, but this workload calls ${calls}`,
        'autocannon speaks raw HTTP; use an http target or builtin with transport: http',
      ],
    ]);
  }
  // The scenario's own endpoints are named as what the workload calls.
  const inherited = issues(scenario(HTTP_URL, [concurrent('w', { engine: 'autocannon' })], { endpoints: [{ builtin: {} }] }));
  assert.match(inherited[0]?.message ?? '', /this workload \(the scenario's client\.endpoints\) calls the built-in server over stdio/);
});

test('an invalid target is reported once, by the schema, not again by the engine rules', () => {
  const found = issues(scenario({ builtin: {}, http: { url: 'http://127.0.0.1:1/mcp' } }, [concurrent('w', { engine: 'autocannon' })]));
  assert.deepEqual(found.map((issue) => issue.path), ['target']);
});
