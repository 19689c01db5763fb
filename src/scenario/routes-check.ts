/**
 * Rules on tenants and routes that need more than one field: a `route:` (an operation's or a tenant's) names a group
 * of the workload's effective client block (its own `groups`, else the scenario's); a tenant's headers only reach
 * http/sse endpoints; a tenant's thresholds are judged at the end (no abortOnFail). Checked on the input beside the
 * schema (like duplicateWorkloadNames); a top-level tenant's problem is reported once, at the tenant.
 */
import { HEADER_KINDS } from '../client/options/groups.js';
import type { Problem } from '../input/issues.js';
import { isRecord, type Segment } from '../input/path.js';
import { didYouMean, listWords } from '../input/suggest.js';

type Input = Readonly<Record<string, unknown>>;

/** Problems of every workload's routes and tenants (scenario: the interpolated input). */
export function routeProblems(scenario: unknown): Problem[] {
  if (!isRecord(scenario) || !Array.isArray(scenario.workloads)) return [];
  const found = new Map<string, Problem>();
  const add = (problem: Problem): void => void found.set(`${problem.segments.join('.')}\n${problem.message}`, problem);
  scenario.workloads.forEach((workload: unknown, index) => {
    if (isRecord(workload)) workloadProblems(scenario, workload, index, add);
  });
  tenantsAt(scenario.tenants, ['tenants']).forEach(({ tenant, at }) => abortProblems(tenant, at, add));
  return [...found.values()];
}

function workloadProblems(scenario: Input, workload: Input, index: number, add: (problem: Problem) => void): void {
  const client = effectiveClient(scenario.client, workload.client);
  const groups = isRecord(client?.groups) ? client.groups : {};
  const operations = Array.isArray(workload.operations) ? workload.operations : [];
  operations.forEach((operation: unknown, position) => {
    if (isRecord(operation)) checkRoute(operation.route, groups, ['workloads', index, 'operations', position, 'route'], add);
  });
  const own = workload.tenants !== undefined;
  const tenants = tenantsAt(own ? workload.tenants : scenario.tenants, own ? ['workloads', index, 'tenants'] : ['tenants']);
  for (const { tenant, at } of tenants) {
    if (own) abortProblems(tenant, at, add);
    checkRoute(tenant.route, groups, [...at, 'route'], add);
    if (!isRecord(tenant.headers) || Object.keys(tenant.headers).length === 0) continue;
    const routes = operations.map((operation: unknown) => (isRecord(operation) && typeof operation.route === 'string' ? operation.route : tenant.route));
    const defaultEndpoints = Array.isArray(client?.endpoints) ? client.endpoints : [scenario.target];
    for (const route of new Set(routes)) {
      const group: unknown = typeof route === 'string' ? groups[route] : undefined;
      const endpoints = typeof route === 'string' ? groupEndpoints(group) : defaultEndpoints;
      const kind = endpoints.map(kindOf).find((k) => k !== undefined && !HEADER_KINDS.includes(k));
      if (kind === undefined) continue;
      const where = typeof route === 'string' ? `group ${route}` : 'the workload\'s endpoints';
      add({
        segments: [...at, 'headers'],
        message: `tenant "${String(tenant.name)}" has headers, but its calls go to a ${kind} endpoint (${where}), which cannot carry them`,
        hint: 'tenant headers are sent with HTTP requests: route this tenant to http or sse endpoints, or drop its headers',
      });
    }
  }
}

/** The workload's client block merged over the scenario's, as far as routing reads it (endpoints, groups). */
function effectiveClient(top: unknown, own: unknown): Input | null {
  if (own === null || own === false) return null;
  const base = isRecord(top) ? top : {};
  if (!isRecord(own)) return base;
  return { ...base, ...(own.endpoints !== undefined && { endpoints: own.endpoints }), ...(own.groups !== undefined && { groups: own.groups }) };
}

function groupEndpoints(group: unknown): readonly unknown[] {
  if (Array.isArray(group)) return group;
  return isRecord(group) && Array.isArray(group.endpoints) ? group.endpoints : [];
}

function kindOf(target: unknown): string | undefined {
  return isRecord(target) ? Object.keys(target)[0] : undefined;
}

function checkRoute(route: unknown, groups: Input, at: readonly Segment[], add: (problem: Problem) => void): void {
  if (typeof route !== 'string' || route in groups) return;
  const names = Object.keys(groups);
  const hint = names.length === 0
    ? 'define the group under client.groups, like groups: { storage: [{ http: { url: "http://…/mcp" } }] }'
    : (didYouMean(route, names) ?? `the groups are ${listWords(names)}`);
  add({ segments: at, message: `no endpoint group is named "${route}"`, expected: names.length === 0 ? 'a group of client.groups' : `one of ${listWords(names)}`, got: JSON.stringify(route), hint });
}

function tenantsAt(list: unknown, at: readonly Segment[]): { readonly tenant: Input; readonly at: readonly Segment[] }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((tenant: unknown, index) => (isRecord(tenant) ? [{ tenant, at: [...at, index] }] : []));
}

/** A tenant's thresholds are judged on its calls at the end of the run; abortOnFail watches the workload's total. */
function abortProblems(tenant: Input, at: readonly Segment[], add: (problem: Problem) => void): void {
  if (!Array.isArray(tenant.thresholds)) return;
  tenant.thresholds.forEach((entry: unknown, index) => {
    if (!isRecord(entry) || entry.abortOnFail !== true) return;
    add({
      segments: [...at, 'thresholds', index, 'abortOnFail'],
      message: "abortOnFail is not available on a tenant's thresholds",
      hint: "a tenant's thresholds are judged when the workload ends; put an abortOnFail threshold on the workload instead",
    });
  });
}
