import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issues, resolve } from './helpers.js';

const HTTP = { http: { url: 'http://127.0.0.1:1/mcp' } };

function scenario(workload: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 's',
    target: HTTP,
    client: { groups: { storage: [HTTP], compute: { endpoints: [HTTP], timeout: '2s', headers: { 'X-Region': 'eu' } } } },
    tenants: [
      { name: 'acme', weight: 3, headers: { Authorization: 'Bearer acme-secret-token' } },
      { name: 'globex', route: 'compute', thresholds: ['p99 < 1s'], headers: { 'X-Tenant': 'globex-plain-value' } },
    ],
    workloads: [{ name: 'w', type: 'sequential', iterations: 10, operations: [{ tool: 'echo', route: 'storage' }, { method: 'ping' }], ...workload }],
    ...top,
  };
}

describe('tenants and groups in the plan', () => {
  it('resolves the scenario tenants into each workload, and the groups with their headers and timeout', () => {
    const workload = resolve(scenario()).workloads[0]!;
    assert.deepEqual(workload.tenants?.map((t) => [t.name, t.weight, t.route]), [['acme', 3, null], ['globex', 1, 'compute']]);
    assert.equal(workload.tenants?.[1]?.thresholds?.[0]?.text, 'p99 < 1s');
    assert.equal(workload.operations[0]?.route, 'storage');
    assert.equal(workload.groups?.compute?.timeoutUs, 2_000_000);
    assert.deepEqual(workload.groups?.compute?.endpoints[0], { kind: 'http', url: 'http://127.0.0.1:1/mcp', headers: { 'X-Region': 'eu' } });
  });

  it("a workload's tenants replace the scenario's; null drops them", () => {
    assert.deepEqual(resolve(scenario({ tenants: [{ name: 'solo' }] })).workloads[0]!.tenants?.map((t) => t.name), ['solo']);
    assert.equal(resolve(scenario({ tenants: null })).workloads[0]!.tenants, undefined);
  });

  it('never shows a tenant header value in the plan as a report sees it', () => {
    const plan = resolve(scenario());
    assert.doesNotMatch(JSON.stringify(plan.redacted), /acme-secret-token/);
    assert.doesNotMatch(JSON.stringify(plan.resolvedRedacted), /acme-secret-token/);
    assert.ok(plan.secrets?.includes('acme-secret-token'));
    // A header name that does not sound secret is hidden all the same: every header value is a secret.
    assert.doesNotMatch(JSON.stringify([plan.redacted, plan.resolvedRedacted]), /globex-plain-value/);
    assert.ok(plan.secrets?.includes('globex-plain-value'));
  });
});

describe('tenants and groups: problems at load', () => {
  it('an unknown group, with did-you-mean', () => {
    const found = issues(scenario({ operations: [{ tool: 'echo', route: 'storag' }] }));
    const problem = found.find((i) => i.path === 'workloads[0].operations[0].route');
    assert.ok(problem, JSON.stringify(found));
    assert.match(problem.message, /no endpoint group is named "storag"/);
    assert.match(problem.hint ?? '', /storage/);
  });

  it("an unknown tenant route is reported once, at the tenant", () => {
    const found = issues(scenario({ tenants: undefined }, { tenants: [{ name: 'a', route: 'nowhere' }] }));
    assert.deepEqual(found.filter((i) => i.path === 'tenants[0].route').length, 1);
  });

  it('duplicate tenant names and weights of 0 or less', () => {
    const found = issues(scenario({}, { tenants: [{ name: 'a', weight: 0 }, { name: 'a', weight: -1 }] }));
    const paths = found.map((i) => i.path);
    assert.ok(paths.includes('tenants[1].name'), JSON.stringify(paths));
    assert.ok(paths.includes('tenants[0].weight'));
    assert.ok(paths.includes('tenants[1].weight'));
  });

  it('tenant headers that would go to a stdio target, and group headers on a stdio endpoint', () => {
    const stdio = { stdio: { command: 'node', args: ['server.js'] } };
    const tenantFound = issues({ ...scenario({ operations: [{ method: 'ping' }] }), target: stdio });
    assert.ok(tenantFound.some((i) => i.path === 'tenants[0].headers' && /stdio endpoint/.test(i.message)), JSON.stringify(tenantFound));
    const groupFound = issues(scenario({}, { client: { groups: { storage: { endpoints: [stdio], headers: { A: 'b' } }, compute: [HTTP] } } }));
    assert.ok(groupFound.some((i) => i.path === 'client.groups.storage.endpoints[0]'), JSON.stringify(groupFound));
  });

  it("abortOnFail on a tenant's threshold", () => {
    const found = issues(scenario({}, { tenants: [{ name: 'a', thresholds: [{ threshold: 'error_rate < 1%', abortOnFail: true }] }] }));
    assert.ok(found.some((i) => i.path === 'tenants[0].thresholds[0].abortOnFail'), JSON.stringify(found));
  });

  it("a cold start threshold on a tenant: the workload's figure, not a tenant's", () => {
    const found = issues(scenario({}, { tenants: [{ name: 'a', thresholds: ['p99 < 1s', 'cold_start_p99 < 2s'] }] }));
    const problem = found.find((i) => i.path === 'tenants[0].thresholds[1]');
    assert.match(problem?.message ?? JSON.stringify(found), /^expected a threshold on this tenant's calls; cold_start_p99 is the workload's/);
  });
});
