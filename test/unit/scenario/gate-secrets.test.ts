import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveScenario } from '../../../src/scenario/index.js';
import { minimalScenario, RESOLVE_CONTEXT } from './helpers.js';

/** Values from the environment or written in headers must not reach a report through the new gate/variant fields. */
describe('secrets in thresholds and variants', () => {
  it('keeps a top-level threshold written with ${VAR} as written, and its limit out of the resolved view', () => {
    const raw = { ...minimalScenario(), thresholds: ['p99 < ${LIMIT}', 'error_rate<1%'] };
    const resolved = resolveScenario(raw, { ...RESOLVE_CONTEXT, env: { LIMIT: '42ms' } });
    assert.ok(resolved.ok);
    const specs = resolved.plan.workloads[0]!.thresholds ?? [];
    assert.deepEqual(specs.map((s) => s.text), ['p99 < ${LIMIT}', 'error_rate<1%']);
    assert.equal(specs[0]!.limit, 42_000, 'the limit itself is the value');
    const shown = JSON.stringify(resolved.plan.resolvedRedacted);
    assert.ok(!shown.includes('42'), `the resolved view shows the value: ${shown}`);
    assert.match(shown, /"threshold":"p99 < \$\{LIMIT\}"/);
  });

  it('redacts header values written in a variant target and in a variant workload endpoint', () => {
    const raw = {
      ...minimalScenario(),
      variants: [
        { name: 'a', target: { http: { url: 'http://127.0.0.1:1/mcp', headers: { 'X-Api': 'literal-value-a' } } } },
        { name: 'b', workload: { client: { endpoints: [{ http: { url: 'http://127.0.0.1:2/mcp', headers: { 'X-Api': 'literal-value-b' } } }] } } },
      ],
    };
    const resolved = resolveScenario(raw, RESOLVE_CONTEXT);
    assert.ok(resolved.ok, JSON.stringify(!resolved.ok && resolved.issues));
    const shown = JSON.stringify(resolved.plan.redacted);
    assert.ok(!shown.includes('literal-value'), `a header value leaked: ${shown}`);
    assert.match(shown, /\[redacted\]/);
  });
});
