import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScenario, type Issue } from '../../../src/scenario/index.js';
import { resolveClientOptions } from '../../../src/client/options/resolve.js';
import { renderValue } from '../../../src/input/issues.js';
import { minimalScenario } from '../scenario/helpers.js';

function issues(raw: unknown, env: Record<string, string> = {}): Issue[] {
  const result = resolveScenario(raw, { file: null, env });
  assert.ok(!result.ok, 'expected issues');
  return result.issues;
}

const withTarget = (target: unknown) => ({ ...minimalScenario(), target });

test('a bad value from ${VAR} is quoted as written, never as its value, and the hint names the variable', () => {
  const [issue, ...rest] = issues(withTarget({ http: { url: '${MCP_URL}' } }), { MCP_URL: 'htps://user:hunter22@127.0.0.1:1/mcp' });
  assert.deepEqual(rest, []);
  assert.equal(issue?.path, 'target.http.url');
  assert.equal(issue?.got, '"${MCP_URL}"');
  assert.equal(issue?.message, 'expected an http(s) URL, like http://127.0.0.1:3000/mcp; got "${MCP_URL}"');
  assert.equal(issue?.hint, 'check what MCP_URL is set to; its value is not shown here');
});

test('a hint that would repeat the value is replaced: "write 5s" would tell what DELAY is', () => {
  const raw = { ...minimalScenario(), timeout: '${DELAY}' };
  const [issue] = issues(raw, { DELAY: '5' });
  assert.equal(issue?.got, '"${DELAY}"');
  assert.ok(!JSON.stringify(issue).includes('5s'), JSON.stringify(issue));
  const several = issues({ ...minimalScenario(), timeout: '${AMOUNT}${UNIT}' }, { AMOUNT: '5', UNIT: 'parsecs' });
  assert.equal(several[0]?.hint, 'check what AMOUNT and UNIT are set to; their values are not shown here');
});

test('URL credentials and secret query parameters never appear in got, even in a long value cut short', () => {
  const long = `htps://alice:${'p'.repeat(80)}@example.com/mcp`;
  const [issue] = issues(withTarget({ http: { url: long } }));
  assert.ok(!JSON.stringify(issue).includes('alice') && !JSON.stringify(issue).includes('ppp'), JSON.stringify(issue));
  assert.match(issue?.got ?? '', /^"htps:\/\/\[redacted\]@example\.com\/mcp"$/);
  assert.equal(renderValue('ftp://x/?token=t0k&region=eu'), '"ftp://x/?token=[redacted]&region=eu"');
});

test('a bad header or env value is never quoted; a value above a ${VAR} shows it as written', () => {
  const header = issues(withTarget({ http: { url: 'http://127.0.0.1:1/mcp', headers: { 'X-Key': ['sk-literal-123'] } } }));
  assert.equal(header[0]?.path, 'target.http.headers.X-Key');
  assert.ok(!JSON.stringify(header).includes('sk-literal-123'), JSON.stringify(header));
  const env = issues(withTarget({ stdio: { command: 'node', env: { API_KEY: { nested: 'env-secret' } } } }));
  assert.ok(!JSON.stringify(env).includes('env-secret'), JSON.stringify(env));
  const above = issues(withTarget({ http: ['${MCP_URL}'] }), { MCP_URL: 'http://127.0.0.1:1/secret-path' });
  assert.equal(above[0]?.path, 'target.http');
  assert.equal(above[0]?.got, '["${MCP_URL}"]');
});

test('a value reshaped before it was checked (on: ${CLASS} is checked as a list) is quoted as written', () => {
  const raw = { ...minimalScenario(), client: { retry: { on: '${CLASS}' } } };
  const [issue] = issues(raw, { CLASS: 'sometimes-secret' });
  assert.equal(issue?.path, 'client.retry.on[0]');
  assert.equal(issue?.got, '"${CLASS}"');
  assert.ok(!JSON.stringify(issue).includes('sometimes-secret'));
});

test('client options (the library) follow the same rules, endpoint headers included', () => {
  const result = resolveClientOptions(
    { retry: { attempts: '${ATTEMPTS}' }, endpoints: [{ http: { url: 'http://127.0.0.1:1/mcp', headers: { 'X-Key': 42, Auth: [1] } } }] },
    { ATTEMPTS: 'lots-of-them' },
    '/',
  );
  assert.ok(!result.ok);
  const json = JSON.stringify(result.issues);
  assert.ok(!json.includes('lots-of-them'), json);
  assert.equal(result.issues.find((issue) => issue.path === 'retry.attempts')?.got, '"${ATTEMPTS}"');
  assert.equal(result.issues.find((issue) => issue.path === 'endpoints[0].http.headers.Auth')?.got, '["[redacted]"]');
});

test('an ordinary bad value is quoted as before', () => {
  const raw = { ...minimalScenario(), workloads: [{ name: 'w', type: 'sequential', iterations: -5, operations: [{ method: 'ping' }] }] };
  const [issue] = issues(raw);
  assert.equal(issue?.got, '-5');
  assert.equal(issue?.message, 'expected a whole number greater than 0, like 100, 2000 or 10k; got -5');
});
