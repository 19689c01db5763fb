import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveScenario } from '../../../src/scenario/index.js';
import { issues, minimalScenario, resolve, RESOLVE_CONTEXT } from './helpers.js';

const stdio = (limits: unknown) => ({ ...minimalScenario(), target: { stdio: { command: 'node', args: ['server.js'], limits } } });
const builtin = (settings: Record<string, unknown>) => ({ ...minimalScenario(), target: { builtin: settings } });
const brief = (raw: unknown) => issues(raw).map((issue) => ({ path: issue.path, message: issue.message, ...(issue.hint && { hint: issue.hint }) }));

test('a stdio target\'s limits: memory in bytes, cpu in µs (whole seconds); either alone', () => {
  assert.deepEqual((resolve(stdio({ memory: '256MB', cpu: '30s' })).target as { limits: unknown }).limits, { memoryBytes: 256_000_000, cpuUs: 30_000_000 });
  assert.deepEqual((resolve(stdio({ memory: '64MiB' })).target as { limits: unknown }).limits, { memoryBytes: 67_108_864 });
  assert.deepEqual((resolve(stdio({ cpu: '2m' })).target as { limits: unknown }).limits, { cpuUs: 120_000_000 });
  const none = resolve({ ...minimalScenario(), target: { stdio: { command: 'node' } } }).target;
  assert.equal('limits' in none, false, 'absent when not written');
});

test('bad limits: each problem at its field, with what was expected and a hint where one helps', () => {
  assert.deepEqual(brief(stdio({ cpu: '1500ms' })), [
    {
      path: 'target.stdio.limits.cpu',
      message: 'expected a CPU time in whole seconds, greater than 0, like 30s or 2m; got "1500ms"',
      hint: 'the kernel limits CPU time in whole seconds (RLIMIT_CPU): round it, like 2s',
    },
  ]);
  const bad = brief(stdio({ memory: 'lots', cpu: 30, rss: '1GB' }));
  assert.deepEqual(bad.map((issue) => issue.path), ['target.stdio.limits.memory', 'target.stdio.limits.cpu', 'target.stdio.limits.rss']);
  assert.match(bad[0]!.message, /^expected a size like 512B/);
  assert.equal(bad[1]!.message, 'expected a CPU time in whole seconds, greater than 0, like 30s or 2m; got 30');
  assert.match(bad[2]!.message, /unknown key/);
  assert.deepEqual(brief(stdio({})), [{ path: 'target.stdio.limits', message: 'limits sets neither memory nor cpu', hint: 'write limits: { memory: 256MB, cpu: 30s }, or remove it' }]);
  assert.equal(brief(stdio({ cpu: '0s' }))[0]?.path, 'target.stdio.limits.cpu');
});

test('the built-in server takes limits over stdio (its default) and leakPerCall on either transport', () => {
  const plan = resolve(builtin({ leakPerCall: '64KB', limits: { memory: '300MB' } })).target as { limits: unknown; server: { leakPerCallBytes: number } };
  assert.deepEqual(plan.limits, { memoryBytes: 300_000_000 });
  assert.equal(plan.server.leakPerCallBytes, 64_000);
  const http = resolve(builtin({ transport: 'http', leakPerCall: '1KB' })).target as { server: { leakPerCallBytes: number } };
  assert.equal(http.server.leakPerCallBytes, 1_000);
  assert.deepEqual(brief(builtin({ transport: 'http', limits: { cpu: '10s' } })), [
    {
      path: 'target.builtin.limits',
      message: 'limits applies to the built-in server over stdio only, and this one runs over HTTP',
      hint: 'remove transport: http (the built-in server runs over stdio by default), or remove limits',
    },
  ]);
});

test('the resolved view shows the limits resolved; one written with ${VAR} shows the reference, never the value', () => {
  const view = (raw: unknown, env: Record<string, string> = {}) => {
    const result = resolveScenario(raw, { ...RESOLVE_CONTEXT, env });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    return (result.plan.resolvedRedacted as { target: Record<string, unknown> }).target;
  };
  assert.deepEqual(view(stdio({ memory: '256MB', cpu: '30s' }))['limits'], { memoryBytes: 256_000_000, cpuUs: 30_000_000 });
  assert.deepEqual(view(stdio({ memory: '${MEM}', cpu: '${CPU}' }), { MEM: '1GB', CPU: '5s' })['limits'], { memoryBytes: '${MEM}', cpuUs: '${CPU}' });
  const shown = view(builtin({ leakPerCall: '${LEAK}', limits: { memory: '${MEM}' } }), { LEAK: '64KB', MEM: '300MB' });
  assert.deepEqual(shown['limits'], { memoryBytes: '${MEM}' });
  assert.equal((shown['server'] as Record<string, unknown>)['leakPerCallBytes'], '${LEAK}');
});
