import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadPlan, resolveScenario, type ScenarioOverrides, type WrittenTarget } from '../../../src/scenario/index.js';
import { parseThreshold } from '../../../src/thresholds/parse.js';
import type { ThresholdSpec } from '../../../src/thresholds/types.js';
import { minimalScenario, RESOLVE_CONTEXT, SCENARIOS_DIR } from './helpers.js';

const STDIO: WrittenTarget = { stdio: { command: 'node', args: ['server.js'], env: {}, cwd: '/work' } };
const HTTP: WrittenTarget = { http: { url: 'http://127.0.0.1:3000/mcp', headers: {} } };
const given = (written: WrittenTarget): ScenarioOverrides => ({ target: { written, givenBy: `--${Object.keys(written)[0]}` } });

const resolveWith = (raw: unknown, overrides: ScenarioOverrides, env: Record<string, string> = {}) =>
  resolveScenario(raw, { ...RESOLVE_CONTEXT, env, overrides });

function cliThreshold(text: string): ThresholdSpec {
  const parsed = parseThreshold(text, 'cli');
  assert.ok(parsed.ok);
  return parsed.spec;
}

describe('a target given outside the file', () => {
  it('--stdio on the shipped http-capacity.yaml: every autocannon workload is a problem naming the flag', async () => {
    const loaded = await loadPlan(path.join(SCENARIOS_DIR, 'http-capacity.yaml'), {}, given(STDIO));
    assert.equal(loaded.ok, false);
    const found = loaded.ok ? [] : loaded.issues;
    assert.deepEqual(found.map((issue) => [issue.path, issue.message]), [
      ['workloads[0].engine', 'the autocannon engine needs a Streamable HTTP target, but this workload calls a stdio server (the target given by --stdio)'],
      ['workloads[2].engine', 'the autocannon engine needs a Streamable HTTP target, but this workload calls a stdio server (the target given by --stdio)'],
    ]);
    assert.ok(found.every((issue) => issue.line !== undefined), 'located in the file, at the workload that cannot use it');
  });

  it('--http on the same file validates, and every workload calls that URL', async () => {
    const loaded = await loadPlan(path.join(SCENARIOS_DIR, 'http-capacity.yaml'), {}, given(HTTP));
    assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.issues));
    const target = { kind: 'http', url: 'http://127.0.0.1:3000/mcp', headers: {} };
    assert.deepEqual(loaded.plan.target, target);
    assert.deepEqual(loaded.plan.workloads.map((w) => [w.engine.kind, w.endpoints]), [
      ['autocannon', [target]],
      ['client', [target]],
      ['autocannon', [target]],
    ]);
    assert.equal(loaded.plan.targetLabel, 'Streamable HTTP: http://127.0.0.1:3000/mcp');
    assert.deepEqual((loaded.plan.redacted as { target: unknown }).target, { http: { url: 'http://127.0.0.1:3000/mcp', headers: {} } });
  });

  it("problems the file has anyway are not blamed on the flag, and the file's own target is not checked", () => {
    const raw = { ...minimalScenario(), target: { http: { url: '${MCP_URL}' } }, workloads: [{ ...(minimalScenario().workloads as object[])[0], iterations: 0 }] };
    const result = resolveWith(raw, given(STDIO));
    assert.equal(result.ok, false);
    const found = result.ok ? [] : result.issues;
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0]!.path, 'workloads[0].iterations');
    assert.doesNotMatch(found[0]!.message, /given by/);
  });

  it('a bad value given is reported at the target, saying where it came from', () => {
    const result = resolveWith(minimalScenario(), given({ stdio: { command: '', args: [], env: {}, cwd: '/' } }));
    assert.equal(result.ok, false);
    const [issue] = result.ok ? [] : result.issues;
    assert.equal(issue?.path, 'target.stdio.command');
    assert.match(issue?.message ?? '', /\(the target given by --stdio\)$/);
    // A library caller need not say where its target came from.
    const unnamed = resolveWith(minimalScenario(), { target: { written: { sse: { url: 'ftp://x' } } } });
    const [shown] = unnamed.ok ? [] : unnamed.issues;
    assert.equal(shown?.path, 'target.sse.url');
    assert.match(shown?.message ?? '', /\(the target given in place of the file's\)$/);
  });

  it('values given are literal: ${…} is never substituted, and header and env values never show', () => {
    const written: WrittenTarget = { http: { url: 'http://127.0.0.1:1/${PATH_PART}', headers: { 'X-Key': 'k-${SECRET}-1', Authorization: 'Bearer s3cret' } } };
    const result = resolveWith(minimalScenario(), given(written), { SECRET: 'from-env', PATH_PART: 'from-env' });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    assert.deepEqual(result.plan.target, { kind: 'http', url: 'http://127.0.0.1:1/${PATH_PART}', headers: { 'X-Key': 'k-${SECRET}-1', Authorization: 'Bearer s3cret' } });
    const shown = JSON.stringify([result.plan.redacted, result.plan.resolvedRedacted, result.plan.targetLabel]);
    assert.doesNotMatch(shown, /from-env|SECRET|s3cret/);
    assert.match(shown, /X-Key/);

    const stdio: WrittenTarget = { stdio: { command: 'node', args: ['${HOME}/server.js'], env: { TOKEN: 't0k-${X}' }, cwd: '/work' } };
    const spawned = resolveWith(minimalScenario(), given(stdio), { HOME: '/home/someone', X: 'x' });
    assert.ok(spawned.ok, JSON.stringify(!spawned.ok && spawned.issues));
    assert.deepEqual(spawned.plan.target, { kind: 'stdio', command: 'node', args: ['${HOME}/server.js'], env: { TOKEN: 't0k-${X}' }, cwd: '/work' });
    assert.equal(spawned.plan.targetLabel, 'stdio: node ${HOME}/server.js');
    assert.doesNotMatch(JSON.stringify([spawned.plan.redacted, spawned.plan.resolvedRedacted]), /t0k|\/home\/someone/);
  });

  it('variants without a target of their own, and workloads calling the target, follow it; the rest keep theirs', () => {
    const own = { http: { url: 'http://127.0.0.1:9/mcp' } };
    const raw = {
      ...minimalScenario(),
      workloads: [
        { name: 'calls-target', type: 'sequential', iterations: 1, operations: [{ method: 'ping' }] },
        { name: 'own-endpoints', type: 'sequential', iterations: 1, client: { endpoints: [own] }, operations: [{ method: 'ping' }] },
      ],
      variants: [{ name: 'a' }, { name: 'b', target: { builtin: { latency: '1ms' } } }],
    };
    const result = resolveWith(raw, given(HTTP));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    const [a, b] = result.plan.variants!;
    const http = { kind: 'http', url: 'http://127.0.0.1:3000/mcp', headers: {} };
    assert.deepEqual(a!.target, http);
    assert.equal(a!.targetLabel, 'Streamable HTTP: http://127.0.0.1:3000/mcp');
    assert.deepEqual(a!.workloads.map((w) => w.endpoints[0]?.kind), ['http', 'http']);
    assert.deepEqual(a!.workloads[1]!.endpoints[0], { kind: 'http', url: 'http://127.0.0.1:9/mcp', headers: {} });
    assert.equal(b!.target.kind, 'builtin', 'a variant with its own target keeps it');
    assert.deepEqual(b!.workloads.map((w) => w.endpoints[0]?.kind), ['builtin', 'http']);
  });
});

describe('thresholds given outside the file', () => {
  it("join every workload's total after its own, in every variant, with source cli", () => {
    const raw = {
      ...minimalScenario(),
      thresholds: ['p99<1s'],
      workloads: [{ ...(minimalScenario().workloads as object[])[0], thresholds: ['p50<${LIMIT}'] }],
      variants: [{ name: 'a' }, { name: 'b', workload: { iterations: 2 } }],
    };
    const result = resolveWith(raw, { thresholds: [cliThreshold('error_rate<1%')] }, { LIMIT: '5ms' });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    const listed = (thresholds: readonly ThresholdSpec[] | undefined) => (thresholds ?? []).map((t) => [t.text, t.source]);
    const expected = [['p99<1s', 'scenario'], ['p50<${LIMIT}', 'scenario'], ['error_rate<1%', 'cli']];
    assert.deepEqual(listed(result.plan.workloads[0]!.thresholds), expected);
    for (const variant of result.plan.variants!) assert.deepEqual(listed(variant.workloads[0]!.thresholds), expected);
  });
});
