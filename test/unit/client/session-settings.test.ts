import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTarget, targetSchema } from '../../../src/client/targets/registry.js';
import { declaredCapabilities } from '../../../src/client/session/registry.js';

test('protocolVersion and logLevel are read from any kind of target and kept flat on its plan', () => {
  for (const raw of [
    { stdio: { command: 'node', protocolVersion: '2025-06-18', logLevel: 'info' } },
    { http: { url: 'http://127.0.0.1:1/mcp', protocolVersion: '2025-06-18', logLevel: 'info' } },
    { builtin: { protocolVersion: '2025-06-18', logLevel: 'info' } },
  ]) {
    const parsed = targetSchema.safeParse(raw);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    const plan = buildTarget(parsed.data, '/tmp');
    assert.equal((plan as { protocolVersion?: string }).protocolVersion, '2025-06-18');
    assert.equal((plan as { logLevel?: string }).logLevel, 'info');
  }
});

test('a target without them has no such keys, so plans read as before', () => {
  const parsed = targetSchema.safeParse({ stdio: { command: 'node' } });
  assert.ok(parsed.success);
  const plan = buildTarget(parsed.data, '/tmp');
  assert.equal('protocolVersion' in plan, false);
  assert.equal('logLevel' in plan, false);
});

test('an unknown version is refused with the known ones and a suggestion', () => {
  const parsed = targetSchema.safeParse({ stdio: { command: 'node', protocolVersion: '2025-06-19' } });
  assert.equal(parsed.success, false);
  const issue = parsed.error!.issues[0]!;
  assert.deepEqual(issue.path, ['stdio', 'protocolVersion']);
  assert.match(issue.message, /expected one of 2025-11-25, 2025-06-18, 2025-03-26 or 2024-11-05; got "?2025-06-19/);
});

test('declared capabilities merge the features\' keys', () => {
  const merged = declaredCapabilities([{ capabilities: { roots: { listChanged: true } } }, { capabilities: { sampling: {} } }, { capabilities: { roots: {} } }]);
  assert.deepEqual(merged, { roots: { listChanged: true }, sampling: {} });
});
