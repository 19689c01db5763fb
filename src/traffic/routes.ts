/**
 * Which client stack a call goes through: the tenant of call number `seq` (a seeded weighted pick, a pure function of
 * the workload's seed and seq, so shards and reruns agree) and the endpoint group of its operation (the operation's
 * `route`, else its tenant's, else the workload's endpoints). The runner opens one stack per (tenant, group) pair that
 * `usedRoutes` lists (runner/route-stacks.ts); the performer asks `callerFor` for each call.
 */
import type { CallOptions, Caller } from '../client/caller.js';
import type { McpRequest } from '../client/request.js';
import type { Outcome } from '../client/outcome.js';
import type { CallTrace } from '../client/trace.js';
import type { OperationPlan } from '../operations/operation.js';
import { seekableRandom } from '../random/seeded.js';
import { weightedPickerAt } from '../schedule/mix.js';
import type { TenantPlan } from './tenants.js';

/** No tenant: the workload has none. */
export const NO_TENANT = -1;

/** One client stack a workload needs: a tenant's (or NO_TENANT) calls to a group (null: the workload's endpoints). */
export interface Route {
  readonly tenant: number;
  readonly group: string | null;
}

/** What the runner opened for a workload with tenants or groups. */
export interface RouteCallers {
  readonly tenants: readonly TenantPlan[];
  /** The group's per-attempt timeout (µs), or null: the operation's. */
  readonly groupTimeoutUs: (group: string) => number | null;
  /** The outermost caller of the stack of `route` (one of `usedRoutes`). */
  readonly caller: (route: Route) => Caller;
}

/** The group of operation `op`'s calls for `tenant`: the operation's route, else the tenant's, else the default. */
export function groupOf(op: OperationPlan, tenant: TenantPlan | undefined): string | null {
  return op.route ?? tenant?.route ?? null;
}

/** Every (tenant, group) pair some call of the workload can take, each once, in a stable order. */
export function usedRoutes(operations: readonly OperationPlan[], tenants: readonly TenantPlan[]): Route[] {
  const seen = new Map<string, Route>();
  const owners = tenants.length === 0 ? [NO_TENANT] : tenants.map((_, index) => index);
  for (const tenant of owners) {
    for (const op of operations) {
      const group = groupOf(op, tenants[tenant]);
      seen.set(`${tenant}\n${group ?? ''}`, { tenant, group });
    }
  }
  return [...seen.values()];
}

/** The tenant of call number `seq`: NO_TENANT without tenants, else a weighted pick drawn at `seq` of the seed's stream. */
export function tenantPicker(tenants: readonly TenantPlan[], seed: number): (seq: number) => number {
  if (tenants.length === 0) return () => NO_TENANT;
  const pick = weightedPickerAt(tenants, seekableRandom(seed, 'tenant'));
  return (seq) => pick(seq);
}

/**
 * The caller of each call: `callerFor(index, seq, trace)` picks call seq's tenant, notes it in the trace (the recorder
 * counts the call in the tenant's rows too) and returns the stack of the tenant and the operation's group. Two array
 * lookups per call: every (tenant, operation) pair's caller is found once, here.
 */
export function routedCaller(operations: readonly OperationPlan[], routes: RouteCallers, seed: number) {
  const { tenants } = routes;
  const owners = tenants.length === 0 ? [NO_TENANT] : tenants.map((_, index) => index);
  const byOwner = owners.map((tenant) =>
    operations.map((op) => {
      const group = groupOf(op, tenants[tenant]);
      const caller = routes.caller({ tenant, group });
      const timeoutUs = group === null ? null : routes.groupTimeoutUs(group);
      return timeoutUs === null ? caller : withTimeout(caller, timeoutUs);
    }),
  );
  const tenantOf = tenantPicker(tenants, seed);
  return {
    callerFor(index: number, seq: number, trace: CallTrace): Caller {
      const tenant = tenantOf(seq);
      trace.tenant = tenant;
      return byOwner[tenant === NO_TENANT ? 0 : tenant]![index]!;
    },
  };
}


/** A group's own per-attempt timeout instead of the operation's (a region's setting). */
function withTimeout(caller: Caller, timeoutUs: number): Caller {
  return {
    call: (request: McpRequest, options: CallOptions): Promise<Outcome> => caller.call(request, { timeoutUs, trace: options.trace }),
    close: () => caller.close(),
  };
}
