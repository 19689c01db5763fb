import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveClientOptions } from '../../../src/scenario/index.js';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';

test('client options resolve like a scenario client block: policies, endpoints, timeout', () => {
  const result = resolveClientOptions(
    {
      timeout: '2s',
      retry: { attempts: 4 },
      rateLimit: { rate: '${RATE}' },
      endpoints: [{ http: { url: 'http://127.0.0.1:3001/mcp', headers: { Authorization: 'Bearer ${TOKEN}' } } }, { stdio: { command: 'node', cwd: 'srv' } }],
    },
    { RATE: '50/s', TOKEN: 't0k' },
    '/apps/me',
  );
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  assert.equal(result.timeoutUs, 2_000_000);
  assert.equal(result.client.retry?.attempts, 4);
  assert.equal(result.client.retry?.baseUs, 100_000);
  assert.deepEqual(result.client.rateLimit, { perSecond: 50, burst: 5, queue: 10_000 });
  assert.equal(result.client.reconnect, true);
  assert.deepEqual(result.endpoints, [
    { kind: 'http', url: 'http://127.0.0.1:3001/mcp', headers: { Authorization: 'Bearer t0k' } },
    { kind: 'stdio', command: 'node', args: [], env: {}, cwd: '/apps/me/srv' },
  ]);
});

test('empty options: every layer off, no endpoints, no timeout', () => {
  const result = resolveClientOptions({}, {}, '/');
  assert.ok(result.ok);
  assert.deepEqual(result.client, { ...PLAIN_CLIENT, reconnect: true });
  assert.equal(result.endpoints, null);
  assert.equal(result.timeoutUs, null);
});

test('bad options: every problem at once, paths without a client. prefix', () => {
  const result = resolveClientOptions(
    { retires: 2, retry: { attempts: 0, base: '2s', max: '1s' }, concurrency: {}, endpoints: [{ http: { url: 'ftp://x' } }], compression: '${UNSET}' },
    {},
    '/',
  );
  assert.ok(!result.ok);
  assert.deepEqual(
    result.issues.map((issue) => [issue.path, issue.hint]),
    [
      ['retires', 'did you mean "retry"?'],
      ['retry.attempts', 'attempts counts the first call too: 1 means no retries, 3 up to two'],
      ['retry.max', 'max caps every delay, so it must be at least base: raise max or lower base'],
      ['concurrency.max', 'e.g. concurrency: { max: 32 }'],
      ['endpoints[0].http.url', undefined],
      ['compression', 'export UNSET=… or write ${UNSET:-default}'],
    ],
  );
  assert.ok(result.issues.every((issue) => issue.file === null));
  const notAnObject = resolveClientOptions(['retry'], {}, '/');
  assert.ok(!notAnObject.ok);
  assert.match(notAnObject.issues[0]?.message ?? '', /expected a mapping of client options/);
});
