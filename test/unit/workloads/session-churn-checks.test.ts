import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Issue } from '../../../src/input/issues.js';
import { CHURN_SENDS_AS_WRITTEN } from '../../../src/workloads/session-churn-checks.js';
import { issues, resolve } from '../scenario/helpers.js';

const HTTP = { http: { url: 'http://127.0.0.1:1/mcp' } };

/** A valid session-churn scenario with `fields` laid over its one workload and `top` over the scenario. */
function churn(fields: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 's',
    target: HTTP,
    workloads: [{ name: 'churn', type: 'session-churn', concurrency: 2, iterations: 10, operations: [{ tool: 'echo', args: { message: 'hi' } }], ...fields }],
    ...top,
  };
}

/** The one issue at `path`, failing when there is none. */
function at(found: readonly Issue[], path: string): Issue {
  const issue = found.find((i) => i.path === path);
  assert.ok(issue, `no issue at ${path}: ${JSON.stringify(found.map((i) => [i.path, i.message]))}`);
  return issue;
}

describe('session-churn refuses what its plain sessions would not do', () => {
  it('accepts plain operations (the control)', () => {
    const plan = resolve(churn({ operations: [{ tool: 'echo', args: { message: 'hi' } }, { resource: 'bench://static/small' }, { method: 'ping' }] }));
    assert.equal(plan.workloads[0]!.type, 'session-churn');
  });

  it('a {{…}} template in tool args, prompt args or a resource URI', () => {
    const found = issues(
      churn({
        operations: [
          { tool: 'echo', args: { message: 'hi', nested: ['x', { id: '{{seq}}' }] } },
          { prompt: 'greet', args: { name: 'user-{{seq}}' } },
          { resource: 'bench://items/{{seq}}' },
        ],
      }),
    );
    for (const path of ['workloads[0].operations[0].args', 'workloads[0].operations[1].args', 'workloads[0].operations[2].resource']) {
      const issue = at(found, path);
      assert.match(issue.message, /session-churn workload cannot fill \{\{…\}\} templates: they would be sent as literal text/);
      assert.equal(issue.hint, CHURN_SENDS_AS_WRITTEN);
    }
  });

  it('a journey', () => {
    const journey = { journey: 'put-get', steps: [{ name: 'put', tool: 'store_put', args: { value: 'v' } }, { name: 'get', tool: 'store_get', args: { key: 'k' } }] };
    const issue = at(issues(churn({ operations: [journey] })), 'workloads[0].operations[0].journey');
    assert.match(issue.message, /cannot run a journey: it would send only its first step/);
    assert.equal(issue.hint, CHURN_SENDS_AS_WRITTEN);
  });

  it('response checks (expect)', () => {
    const issue = at(issues(churn({ operations: [{ tool: 'echo', args: { message: 'hi' }, expect: { contains: 'hi' } }] })), 'workloads[0].operations[0].expect');
    assert.match(issue.message, /cannot run response checks \(expect\)/);
    assert.equal(issue.hint, CHURN_SENDS_AS_WRITTEN);
  });

  it('a route', () => {
    const found = issues(churn({ operations: [{ tool: 'echo', route: 'storage' }], client: { groups: { storage: [HTTP] } } }));
    const issue = at(found, 'workloads[0].operations[0].route');
    assert.match(issue.message, /cannot route calls to an endpoint group/);
    assert.equal(issue.hint, CHURN_SENDS_AS_WRITTEN);
  });

  it("the workload's own data and tenants", () => {
    const found = issues(churn({ data: { file: 'data/items.csv' }, tenants: [{ name: 'acme' }] }));
    assert.match(at(found, 'workloads[0].data').message, /cannot read a data file/);
    assert.equal(at(found, 'workloads[0].data').hint, CHURN_SENDS_AS_WRITTEN);
    assert.match(at(found, 'workloads[0].tenants').message, /cannot share calls among tenants/);
  });

  it("the scenario's data and tenants, which would apply to it; tenants: null on the workload opts out", () => {
    const found = issues(churn({}, { data: { file: 'data/items.csv' }, tenants: [{ name: 'acme' }] }));
    const onType = found.filter((i) => i.path === 'workloads[0].type');
    assert.deepEqual(
      onType.map((i) => i.message),
      ["a session-churn workload cannot read a data file, but the scenario's data: applies to it", "a session-churn workload cannot share calls among tenants, but the scenario's tenants: apply to it"],
    );
    assert.ok(onType.every((i) => i.hint?.startsWith(CHURN_SENDS_AS_WRITTEN)));
    const optedOut = issues(churn({ tenants: null }, { tenants: [{ name: 'acme' }], data: { file: 'data/items.csv' } }));
    assert.deepEqual(optedOut.filter((i) => i.path === 'workloads[0].type').map((i) => i.message), ["a session-churn workload cannot read a data file, but the scenario's data: applies to it"]);
    assert.equal(resolve(churn({ tenants: null }, { tenants: [{ name: 'acme' }] })).workloads[0]!.tenants, undefined);
  });

  it('the scenario-level blocks leave other workload types alone', () => {
    const other = { name: 'w', type: 'concurrent', concurrency: 2, iterations: 10, operations: [{ tool: 'echo' }] };
    const plan = resolve({ name: 's', target: HTTP, tenants: [{ name: 'acme' }], workloads: [other] });
    assert.equal(plan.workloads[0]!.tenants?.[0]?.name, 'acme');
  });
});

describe('session-churn maxOpen', () => {
  it('defaults to 1,000, takes a count up to the bound, and applies with close: false only', () => {
    const plan = (fields: Record<string, unknown>) => resolve(churn(fields)).workloads[0] as { readonly maxOpen: number; readonly close: boolean };
    assert.equal(plan({ close: false }).maxOpen, 1_000);
    assert.equal(plan({ close: false, maxOpen: '2k' }).maxOpen, 2_000);
    const over = at(issues(churn({ close: false, maxOpen: 20_000 })), 'workloads[0].maxOpen');
    assert.match(over.hint ?? '', /at most 10,000 sessions are left open at once/);
    const closing = at(issues(churn({ maxOpen: 10 })), 'workloads[0].maxOpen');
    assert.match(closing.message, /maxOpen bounds the sessions left open by close: false/);
    assert.equal(closing.hint, 'remove maxOpen, or add close: false');
  });
});
