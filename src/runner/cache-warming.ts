/**
 * Cache warming (`client.cache.warm`): after preflight (so the read-only tools are known) and before the start slot,
 * every route's cache makes the warm calls through the layers below it, in list order, one at a time, so the measured
 * calls start with those entries (their TTL running from now). Warm calls are never measured: not recorded, not a hit
 * or a miss (the cache counts them as `warmed` / `warmFailed`); they are set-up calls the server received. A warm call
 * that fails, or that the cache would not store, is a warning naming the entry and its outcome code; the run goes on.
 */
import { CacheLayer, type WarmFailure } from '../client/layers/cache.js';
import type { WarmRequest } from '../client/layers/cache-policy.js';
import { warmName } from '../client/layers/cache-warm.js';
import { CONNECT_TIMEOUT_MS } from '../client/connect.js';
import type { OperationPlan } from '../operations/operation.js';
import type { Route } from '../traffic/routes.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import type { RoutedStack } from './route-stacks.js';

/** Where warming reports: its warnings, and the warm calls sent, by method, added to the workload's set-up calls. */
export interface WarmReport {
  readonly warnings: string[];
  readonly setupCalls: Record<string, number>;
}

/** Warms every route's cache; `signal` (an interrupt) stops before the next call. */
export async function warmCaches(workload: WorkloadPlan, stack: RoutedStack, signal: AbortSignal, report: WarmReport): Promise<void> {
  const warm = workload.client.cache?.warm ?? [];
  const sent = report.setupCalls;
  if (warm.length === 0 || workload.engine.kind !== 'client') return;
  const failures = new Map<string, { index: number; request: WarmRequest; result: WarmFailure; stacks: number }>();
  const caches = stack.stacks.flatMap(({ route, layers }) => layers.filter((l): l is CacheLayer => l instanceof CacheLayer).map((cache) => ({ route, cache })));
  for (const { route, cache } of caches) {
    for (const [index, request] of warm.entries()) {
      if (signal.aborted) return;
      if (!warmsRoute(request, route, workload.operations)) continue;
      const result = await cache.warm(request, timeoutUs(request, workload.operations));
      if (result.stored || result.sent) sent[request.method] = (sent[request.method] ?? 0) + 1;
      if (result.stored) continue;
      const key = `${index} ${result.code}`;
      const failure = failures.get(key) ?? { index, request, result, stacks: 0 };
      failures.set(key, { ...failure, stacks: failure.stacks + 1 });
    }
  }
  for (const { index, request, result, stacks } of failures.values()) report.warnings.push(warmWarning(index, request, result, stacks, caches.length));
}

/** Whether an operation of the mix makes a call to the same tool, resource or prompt as `request`. */
function sameTarget(request: WarmRequest, operation: OperationPlan): boolean {
  const made = operation.request;
  if (made.method !== request.method) return false;
  if (request.method === 'tools/call') return made.method === 'tools/call' && made.tool === request.tool;
  if (request.method === 'prompts/get') return made.method === 'prompts/get' && made.prompt === request.prompt;
  return made.method === 'resources/read' && made.uri === request.uri;
}

/**
 * Which route stacks a warm call goes to: those whose endpoint group some operation making the same call routes to
 * (every tenant's, each with its own cache); a call no operation of the mix makes warms every stack.
 */
export function warmsRoute(request: WarmRequest, route: Route, operations: readonly OperationPlan[]): boolean {
  const makers = operations.filter((operation) => operation.journey === undefined && sameTarget(request, operation));
  return makers.length === 0 || makers.some((operation) => (operation.route ?? null) === route.group);
}

/** The timeout of an operation making the same call, else the workload's longest, else the connect timeout. */
function timeoutUs(request: WarmRequest, operations: readonly OperationPlan[]): number {
  const maker = operations.find((operation) => sameTarget(request, operation) && operation.timeoutUs > 0);
  const longest = Math.max(0, ...operations.map((operation) => operation.timeoutUs));
  return maker?.timeoutUs ?? (longest > 0 ? longest : CONNECT_TIMEOUT_MS * 1000);
}

/** Named by its place in the list and its call (never its args: they may hold values of secrets). */
function warmWarning(index: number, request: WarmRequest, result: WarmFailure, stacks: number, all: number): string {
  const entry = `client.cache.warm[${index}] (${warmName(request)})`;
  const where = all > 1 ? ` in ${stacks} of ${all} route stacks` : '';
  if (result.code === 'not-cacheable') {
    return `${entry} was not sent${where}: the server does not annotate ${request.method === 'tools/call' ? `"${request.tool}"` : 'it'} read-only, so this cache (readOnly: true) would not store it (not-cacheable)`;
  }
  if (result.code === 'not-stored') return `${entry}: the answer was not stored${where}, it is larger than maxBytes or not JSON (not-stored); measuring starts without it`;
  return `${entry} failed${where} (${result.code}); measuring starts without its entry`;
}
