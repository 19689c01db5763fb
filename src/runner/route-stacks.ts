/**
 * A workload's client stacks: one per (tenant, endpoint group) pair its calls can take (traffic/routes.ts usedRoutes),
 * each with its own sessions, cache, dedup, breaker and limiters, so tenant A's cached answer never answers B. A
 * tenant's headers are laid over its http/sse endpoints' own. A workload without tenants or routed operations opens
 * the one stack it always had. Whatever fails while opening, what was opened is closed; `close` closes every stack.
 */
import type { Caller, Layer } from '../client/caller.js';
import { withHeaders } from '../client/options/groups.js';
import type { EndpointPool } from '../client/pool/pool.js';
import { composeStack, openEndpoints, type ClientStack, type Endpoints, type StackDeps } from '../client/stack.js';
import type { TargetPlan } from '../client/targets/registry.js';
import { mergeCounters } from '../client/layers/counters.js';
import { mergePerKey, type PerKeyCounters } from '../client/layers/per-key.js';
import { NO_TENANT, usedRoutes, type Route, type RouteCallers } from '../traffic/routes.js';
import type { WorkloadPlan } from '../workloads/plan.js';

type LayerStats = Readonly<Record<string, number | string>>;

/** Every route's endpoints, opened. */
export interface RoutedEndpoints {
  /** The first route's: preflight, the autocannon engine and the report's connection use it. */
  readonly primary: Endpoints;
  /** Every pool of every route: the report's sessions, the spawned servers' sampling. */
  readonly pools: readonly EndpointPool[];
  /** Stacks the client layers over every route's endpoints. */
  compose(readOnlyTools: ReadonlySet<string>): RoutedStack;
  /** Closes every route's endpoints (before `compose`; afterwards the stack's `close` does). */
  close(): Promise<void>;
}

/** The workload's stacks as one: what the runner measures through. */
export interface RoutedStack {
  /** The first route's outermost caller (every call, without tenants and routes). */
  readonly caller: Caller;
  /** Each route's caller, for the performer; absent: no tenants, no routed operation. */
  readonly routes?: RouteCallers;
  /** True when the outcome means every stack's target is gone for good. */
  isFatal: ClientStack['isFatal'];
  /** Each layer's counters (`pool`, `pool1`, … for several endpoints), summed over the stacks by the layer's rules. */
  layerStats(): Record<string, LayerStats>;
  /** The per-key counters of the layers that keep them (the cache's per tool), merged over the stacks; undefined: none. */
  perKey(): PerKeyCounters | undefined;
  /** Each route's layers, outermost first (cache warming reaches every route's cache: runner/cache-warming.ts). */
  readonly stacks: readonly { readonly route: Route; readonly layers: readonly Layer[] }[];
  close(): Promise<void>;
}

/** Opens the sessions of every route of `workload` (throws ConnectError when one cannot be opened). */
export async function openRoutes(workload: WorkloadPlan, deps: StackDeps): Promise<RoutedEndpoints> {
  const tenants = workload.tenants ?? [];
  const routed = tenants.length > 0 || workload.operations.some((op) => op.route !== undefined);
  const routes: Route[] = routed ? usedRoutes(workload.operations, tenants) : [{ tenant: NO_TENANT, group: null }];
  const opened: Endpoints[] = [];
  const closeAll = async (): Promise<void> => void (await Promise.allSettled(opened.flatMap((e) => e.pools.map((pool) => pool.close()))));
  try {
    for (const route of routes) opened.push(await openEndpoints(targetsOf(workload, route), workload.client, deps));
  } catch (error) {
    await closeAll();
    throw error;
  }
  return {
    primary: opened[0]!,
    pools: opened.flatMap((e) => e.pools),
    close: closeAll,
    compose: (readOnlyTools) => {
      const stacks = opened.map((endpoints) => composeStack(workload.client, endpoints, readOnlyTools, deps));
      const indexOf = (route: Route): number => routes.findIndex((r) => r.tenant === route.tenant && r.group === route.group);
      return {
        caller: stacks[0]!.caller,
        ...(routed && {
          routes: {
            tenants,
            groupTimeoutUs: (group: string) => workload.groups?.[group]?.timeoutUs ?? null,
            caller: (route: Route) => stacks[indexOf(route)]!.caller,
          },
        }),
        isFatal: (outcome) => stacks.every((stack) => stack.isFatal(outcome)),
        layerStats: () => mergedLayerStats(stacks),
        perKey: () => mergePerKey(stacks.map(perKeyOf), 'parallel'),
        stacks: stacks.map((stack, index) => ({ route: routes[index]!, layers: stack.layers })),
        close: async () => void (await Promise.allSettled(stacks.map((stack) => stack.close()))),
      };
    },
  };
}

/** Where a route's calls go: its group's endpoints (else the workload's), with its tenant's headers laid over. */
function targetsOf(workload: WorkloadPlan, route: Route): readonly TargetPlan[] {
  const targets = route.group === null ? workload.endpoints : (workload.groups?.[route.group]?.endpoints ?? workload.endpoints);
  const headers = route.tenant === NO_TENANT ? {} : (workload.tenants?.[route.tenant]?.headers ?? {});
  return targets.map((target) => withHeaders(target, headers));
}

/** Each stack's layers by key, merged over the stacks by each layer's counter rules (client/layers/counters.ts). */
function mergedLayerStats(stacks: readonly ClientStack[]): Record<string, LayerStats> {
  const byKey = new Map<string, LayerStats[]>();
  for (const stack of stacks) {
    const seen = new Map<string, number>();
    for (const layer of stack.layers) {
      const same = seen.get(layer.name) ?? 0;
      seen.set(layer.name, same + 1);
      const key = same === 0 ? layer.name : `${layer.name}${same}`;
      byKey.set(key, [...(byKey.get(key) ?? []), layer.stats()]);
    }
  }
  return Object.fromEntries([...byKey].map(([key, all]) => [key, all.length === 1 ? all[0]! : mergeCounters(key, all, 'parallel')]));
}

/** A stack's per-key counters by layer name (only the first layer of a name keeps them: there is one cache). */
function perKeyOf(stack: ClientStack): PerKeyCounters | undefined {
  const keyed = stack.layers.flatMap((layer) => (layer.perKey ? [[layer.name, layer.perKey()] as const] : []));
  return keyed.length === 0 ? undefined : Object.fromEntries(keyed);
}
