import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScenario, type Issue } from '../../../src/scenario/index.js';
import { minimalScenario } from './helpers.js';

function resolve(raw: unknown, env: Record<string, string> = {}) {
  return resolveScenario(raw, { file: null, env });
}

function issues(raw: unknown, env: Record<string, string> = {}): Issue[] {
  const result = resolve(raw, env);
  assert.ok(!result.ok, 'expected issues');
  return result.issues;
}

const http = (headers: Record<string, unknown>) => ({ ...minimalScenario(), target: { http: { url: 'http://127.0.0.1:1/mcp', headers } } });

test('a header name that is not an HTTP token is an issue at its path, with a name to use instead', () => {
  const found = issues(http({ 'X Trace': 'one', 'Bad:Name': 'two', 'X-Ok': 'three' }));
  assert.deepEqual(
    found.map((issue) => [issue.path, issue.hint]),
    [
      ['target.http.headers["X Trace"]', 'e.g. "X-Trace"'],
      ['target.http.headers["Bad:Name"]', 'e.g. "Bad-Name"'],
    ],
  );
  assert.match(found[0]?.message ?? '', /^not a valid HTTP header name: letters, digits and .* no spaces or colons$/);
});

test('a header value with a line break, NUL or another control character is an issue that never quotes it', () => {
  const found = issues(http({ 'X-Split': 'sk-123\r\nX-Injected: yes', 'X-Nul': 'a\u0000b', 'X-Bell': 'a\u0007b', 'X-Wide': 'price €5' }));
  assert.deepEqual(
    found.map((issue) => [issue.path, issue.message]),
    [
      ['target.http.headers.X-Split', 'a header value cannot contain a line break or NUL character'],
      ['target.http.headers.X-Nul', 'a header value cannot contain a line break or NUL character'],
      ['target.http.headers.X-Bell', 'a header value cannot contain control characters or characters beyond U+00FF'],
      ['target.http.headers.X-Wide', 'a header value cannot contain control characters or characters beyond U+00FF'],
    ],
  );
  assert.ok(!JSON.stringify(found).includes('sk-123'));
  assert.ok(found.every((issue) => issue.got === undefined && issue.hint !== undefined));
});

test('a value from ${VAR} is checked once substituted', () => {
  const found = issues(http({ Authorization: 'Bearer ${TOKEN}' }), { TOKEN: 'tok\n' });
  assert.deepEqual(found.map((issue) => issue.path), ['target.http.headers.Authorization']);
  assert.ok(!JSON.stringify(found).includes('tok'), JSON.stringify(found));
});

test('endpoint headers (top level and a workload\'s) follow the same rules', () => {
  const raw = {
    name: 'endpoints',
    target: { builtin: {} },
    client: { endpoints: [{ sse: { url: 'http://127.0.0.1:1/sse', headers: { 'Bad Name': 'x' } } }] },
    workloads: [
      {
        name: 'w',
        type: 'sequential',
        iterations: 1,
        client: { endpoints: [{ http: { url: 'http://127.0.0.1:2/mcp', headers: { 'X-Key': 'a\nb' } } }] },
        operations: [{ method: 'ping' }],
      },
    ],
  };
  assert.deepEqual(issues(raw).map((issue) => issue.path), [
    'client.endpoints[0].sse.headers["Bad Name"]',
    'workloads[0].client.endpoints[0].http.headers.X-Key',
  ]);
});

test('ordinary headers pass: any token name, Latin-1 text, tabs and numbers', () => {
  const result = resolve(http({ Authorization: 'Bearer abc.def', "X-Odd!#$%&'*+.^_`|~": 'ok', 'X-Latin': 'café\tx', 'X-Number': 3 }));
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
});
