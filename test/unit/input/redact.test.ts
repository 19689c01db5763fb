import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPlan } from '../../../src/scenario/index.js';
import path from 'node:path';
import { hideInUrls, redact } from '../../../src/input/redact.js';
import { renderValue } from '../../../src/input/issues.js';
import { scenarioFile } from '../scenario/helpers.js';

const TEXT = `name: secrets
target:
  http:
    url: "https://alice:pa55word@example.com/mcp?token=qs-secret&region=eu"
    headers:
      Authorization: "Bearer \${MCP_TOKEN}"
      X-Api-Key: literal-header-secret
      X-Fallback: "\${MISSING:-default-secret}"
workloads:
  - name: w
    type: sequential
    iterations: 1
    operations: [{ method: ping }]
`;

test('redacted keeps ${MCP_TOKEN} as written and never contains a header value, the token or URL credentials', async () => {
  const file = await scenarioFile('secrets.yaml', TEXT);
  const result = await loadPlan(file, { MCP_TOKEN: 'env-token-value' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  assert.equal((result.plan.target as { headers: Record<string, string> }).headers.Authorization, 'Bearer env-token-value');
  const shown = JSON.stringify(result.plan.redacted);
  for (const secret of ['env-token-value', 'literal-header-secret', 'default-secret', 'alice', 'pa55word', 'qs-secret']) {
    assert.ok(!shown.includes(secret), `${secret} leaked: ${shown}`);
  }
  assert.ok(shown.includes('${MCP_TOKEN}'));
  assert.deepEqual((result.plan.redacted as { target: unknown }).target, {
    http: {
      url: 'https://[redacted]@example.com/mcp?token=[redacted]&region=eu',
      headers: {
        Authorization: 'Bearer ${MCP_TOKEN}',
        'X-Api-Key': '[redacted]',
        'X-Fallback': '${MISSING:-[redacted]}',
      },
    },
  });
});

test('stdio env values are redacted; other fields stay as written', () => {
  const raw = {
    name: 'x',
    target: { stdio: { command: 'node', args: ['server.js'], env: { API_KEY: 'sk-123', PORT: 3000, REF: '${HOME_DIR}' } } },
    workloads: [{ name: 'w', operations: [{ tool: 'login', args: { password: 'hunter2', user: 'bob' } }] }],
  };
  assert.deepEqual(redact(raw), {
    name: 'x',
    target: { stdio: { command: 'node', args: ['server.js'], env: { API_KEY: '[redacted]', PORT: '[redacted]', REF: '${HOME_DIR}' } } },
    workloads: [{ name: 'w', operations: [{ tool: 'login', args: { password: '[redacted]', user: 'bob' } }] }],
  });
});

test('resolvedRedacted shows effective settings but no header value and no ${ENV} substitution anywhere', async () => {
  const text = `${TEXT}  - name: uses-env
    type: concurrent
    concurrency: 2
    duration: 1s
    operations:
      - { tool: search, args: { apiKey: "\${SEARCH_KEY}", query: "q-\${QUERY_SUFFIX}" } }
`;
  const file = await scenarioFile('secrets-resolved.yaml', text);
  const result = await loadPlan(file, { MCP_TOKEN: 'env-token-value', SEARCH_KEY: 'search-key-value', QUERY_SUFFIX: 'suffix-value' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  const request = result.plan.workloads[1]!.operations[0]!.request as { args: Record<string, string> };
  assert.equal(request.args['apiKey'], 'search-key-value', 'the plan itself carries the real value');
  const shown = JSON.stringify(result.plan.resolvedRedacted);
  for (const secret of ['env-token-value', 'literal-header-secret', 'default-secret', 'alice', 'pa55word', 'qs-secret', 'search-key-value', 'suffix-value']) {
    assert.ok(!shown.includes(secret), `${secret} leaked: ${shown}`);
  }
  // A field written with ${VAR} shows as written, references kept.
  assert.match(shown, /"query":"q-\$\{QUERY_SUFFIX\}"/);
  assert.match(shown, /"apiKey":"\$\{SEARCH_KEY\}"/);
  assert.match(shown, /"concurrency":2/);
  assert.match(shown, /"us":1000000/);
});

test('the target label names the command or URL, never a substituted value or credential', async () => {
  const stdio = `name: s\ntarget:\n  stdio: { command: node, args: [server.js, --token, "\${TOKEN}", "two words"] }\nworkloads:\n  - { name: w, type: sequential, iterations: 1, operations: [ { method: ping } ] }\n`;
  const a = await loadPlan(await scenarioFile('label-stdio.yaml', stdio), { TOKEN: 'tok-value' });
  assert.ok(a.ok);
  assert.equal(a.plan.targetLabel, 'stdio: node server.js --token ${TOKEN} "two words"');
  const b = await loadPlan(await scenarioFile('label-http.yaml', TEXT), { MCP_TOKEN: 'x' });
  assert.ok(b.ok);
  assert.equal(b.plan.targetLabel, 'Streamable HTTP: https://[redacted]@example.com/mcp?token=[redacted]&region=eu');
});

test('endpoint header values, env values and URL credentials never appear in redacted or resolvedRedacted', async () => {
  const text = `name: endpoints
target:
  builtin: {}
client:
  endpoints:
    - http:
        url: "https://bob:endpoint-pass@example.com/mcp"
        headers: { Authorization: "Bearer \${EP_TOKEN}", X-Tenant: literal-endpoint-secret }
    - { sse: { url: "http://127.0.0.1:1/sse", headers: { X-Key: sse-header-secret } } }
workloads:
  - { name: top, type: sequential, iterations: 1, operations: [ { method: ping } ] }
  - name: own
    type: sequential
    iterations: 1
    client:
      endpoints:
        - { stdio: { command: node, args: [s.js], env: { API: stdio-env-secret } } }
        - { http: { url: "http://127.0.0.1:2/mcp", headers: { X-Other: workload-header-secret } } }
    operations: [ { method: ping } ]
`;
  const result = await loadPlan(await scenarioFile('endpoint-secrets.yaml', text), { EP_TOKEN: 'endpoint-env-token' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  const endpoint = result.plan.workloads[0]?.endpoints[0];
  assert.ok(endpoint?.kind === 'http');
  assert.equal(endpoint.headers['X-Tenant'], 'literal-endpoint-secret', 'the plan itself carries the real value');
  const secrets = ['endpoint-env-token', 'literal-endpoint-secret', 'sse-header-secret', 'stdio-env-secret', 'workload-header-secret', 'bob', 'endpoint-pass'];
  for (const [name, shown] of [['redacted', result.plan.redacted], ['resolvedRedacted', result.plan.resolvedRedacted]] as const) {
    const json = JSON.stringify(shown);
    for (const secret of secrets) assert.ok(!json.includes(secret), `${secret} leaked in ${name}: ${json}`);
  }
  const client = (result.plan.redacted as { client: { endpoints: Array<{ http?: { headers: unknown } }> } }).client;
  assert.deepEqual(client.endpoints[0]?.http?.headers, { Authorization: 'Bearer ${EP_TOKEN}', 'X-Tenant': '[redacted]' });
  const resolved = result.plan.resolvedRedacted as { workloads: Array<{ endpoints: unknown[] }> };
  assert.deepEqual(resolved.workloads[1]?.endpoints[0], { kind: 'stdio', command: 'node', args: ['s.js'], env: { API: '[redacted]' }, cwd: path.dirname(result.plan.sourceFile ?? '') });
});

describe('hideInUrls', () => {
  const cases: Array<[string, string]> = [
    ['https://alice:pw@example.com/mcp', 'https://[redacted]@example.com/mcp'],
    ['see http://u:p@ss@host/x?a=1 and more', 'see http://[redacted]@host/x?a=1 and more'],
    ['http//u:pw@host/mcp', 'http//[redacted]@host/mcp'],
    ['http:/u:pw@host', 'http:/[redacted]@host'],
    ['http:u:pw@host', '[redacted]@host'],
    ['//u:pw@host', '//[redacted]@host'],
    ['http://@host', 'http://[redacted]@host'],
    ['mail bob@example.com or user@host:8080', 'mail bob@example.com or user@host:8080'],
    ['http://h/p?token=abc&region=eu#x', 'http://h/p?token=[redacted]&region=eu#x'],
    ['http://h/p?a=1&api_key=${KEY}', 'http://h/p?a=1&api_key=${KEY}'],
    ['http://h/p?a?Auth=z', 'http://h/p?a?Auth=[redacted]'],
    ['no url here', 'no url here'],
  ];
  for (const [text, shown] of cases) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(shown)}`, () => assert.equal(hideInUrls(text), shown));
  }

  // Before it was a backtracking regex: 60 KB took 8–23 s, 1 MB hours. Linear, each of these takes milliseconds; the
  // test's timeout is a bound no linear scan comes near and no quadratic one stays under.
  const MB = 1024 * 1024;
  const adversarial: Record<string, string> = {
    letters: 'a'.repeat(MB),
    'scheme-like words': 'http'.repeat(MB / 4),
    'at signs': '@'.repeat(MB),
    'a@ pairs': 'a@'.repeat(MB / 2),
    'colons then an at sign': `${'a:'.repeat(MB / 2)}@`,
    'slashes then an at sign': `${'//a'.repeat(MB / 3)}@x`,
    'query starts': '?'.repeat(MB),
    'secret names without =': `?${'token'.repeat(MB / 5)}`,
    'many secret parameters': '&token=x'.repeat(MB / 8),
  };
  for (const [name, text] of Object.entries(adversarial)) {
    it(`1 MB of ${name} is hidden in linear time`, { timeout: 20_000 }, () => {
      const shown = hideInUrls(text);
      assert.ok(shown.length > 0);
    });
  }

  it('redact and renderValue of a scenario with 1 MB strings in every place finish (they call it on every string)', { timeout: 20_000 }, () => {
    const big = 'http://a'.repeat(MB / 8);
    const raw = { name: big, target: { http: { url: `${big}@x`, headers: { A: big } } }, workloads: [{ name: big, operations: [{ tool: big, args: { m: big } }] }] };
    const shown = JSON.stringify(redact(raw));
    assert.ok(shown.includes('[redacted]'));
    assert.ok(renderValue(raw).length <= 60);
  });
});
