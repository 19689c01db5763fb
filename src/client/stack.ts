import type { Random } from '../random/seeded.js';
import type { TargetPlan } from './targets/registry.js';
import type { Clock } from '../time/clock.js';
import type { Caller, Layer } from './caller.js';
import type { Connection } from './connect.js';
import { isFatal } from './classify.js';
import type { EmitEvent } from './events.js';
import { AttemptLayer } from './layers/attempt.js';
import { Balancer } from './layers/balancer.js';
import { BreakerLayer } from './layers/breaker.js';
import { CacheLayer } from './layers/cache.js';
import { ConcurrencyLayer } from './layers/concurrency.js';
import { DedupLayer } from './layers/dedup.js';
import { RateLimitLayer } from './layers/rate-limit.js';
import { RetryLayer } from './layers/retry.js';
import type { Outcome } from './outcome.js';
import type { ClientPolicies } from './policies.js';
import { EndpointPool } from './pool.js';
import type { ServerLog } from './transports/server-log.js';

export interface StackDeps {
  readonly clock: Clock;
  readonly random: Random;
  readonly log: ServerLog;
  readonly emit?: EmitEvent;
  /** Told once when a server refused gzip request bodies. */
  readonly onCompressionRefused?: () => void;
  /** How sessions are opened (tests and in-process benchmarks); the real connect() otherwise. */
  readonly open?: (target: TargetPlan) => Promise<Connection>;
}

/** The endpoints' session pools, opened; the bottom of the stack. */
export interface Endpoints {
  readonly pools: readonly EndpointPool[];
  /** One caller over all endpoints: the pool itself, or a balancer across pools. */
  readonly caller: Caller;
  readonly balancer: Balancer | null;
}

/** Opens `sessions` sessions to every endpoint (throws ConnectError when one cannot be opened). */
export async function openEndpoints(endpoints: readonly TargetPlan[], policies: ClientPolicies, deps: StackDeps): Promise<Endpoints> {
  const transport = { compression: policies.compression, onCompressionRefused: deps.onCompressionRefused };
  const poolDeps = { clock: deps.clock, log: deps.log, emit: deps.emit, transport, open: deps.open };
  const pools: EndpointPool[] = [];
  try {
    for (const [index, target] of endpoints.entries()) {
      pools.push(await EndpointPool.open(index, target, policies.sessions, policies.reconnect, poolDeps));
    }
  } catch (error) {
    await Promise.all(pools.map((pool) => pool.close()));
    throw error;
  }
  if (pools.length === 1) return { pools, caller: pools[0]!, balancer: null };
  const balancer = new Balancer(pools, policies.balance, { clock: deps.clock, random: deps.random, traceField: 'endpoint' });
  return { pools, caller: balancer, balancer };
}

export interface ClientStack {
  /** The outermost layer: what the executor calls. */
  readonly caller: Caller;
  /** The layers switched on, outermost first (for the report's `client` section). */
  readonly layers: readonly Layer[];
  /** True when the outcome means the target is gone for good, so the workload should stop. */
  isFatal(outcome: Outcome): boolean;
  close(): Promise<void>;
}

/**
 * Stacks the layers the policies switch on over the endpoints, outermost first:
 * cache → dedup → breaker → rate limit → concurrency → retry → attempt → (balancer →) pools → SDK.
 * With no layer on, the executor calls the endpoints directly: the plain client adds nothing to the per-call path.
 */
export function composeStack(policies: ClientPolicies, endpoints: Endpoints, readOnlyTools: ReadonlySet<string>, deps: StackDeps): ClientStack {
  const layered = policies.retry || policies.cache || policies.dedup || policies.breaker || policies.rateLimit || policies.concurrency;
  const layers: Layer[] = [];
  let caller: Caller = endpoints.caller;
  if (layered) {
    const common = { clock: deps.clock, random: deps.random, emit: deps.emit };
    const push = (layer: Layer): void => {
      layers.unshift(layer);
      caller = layer;
    };
    push(new AttemptLayer(caller, common));
    if (policies.retry) push(new RetryLayer(policies.retry, caller, common));
    if (policies.concurrency) push(new ConcurrencyLayer(policies.concurrency, caller, common));
    if (policies.rateLimit) push(new RateLimitLayer(policies.rateLimit, caller, common));
    if (policies.breaker) push(new BreakerLayer(policies.breaker, caller, common));
    if (policies.dedup) push(new DedupLayer(policies.dedup, caller, common));
    if (policies.cache) push(new CacheLayer(policies.cache, caller, { ...common, readOnlyTools }));
  }
  const pools = endpoints.pools;
  return {
    caller,
    layers: [...layers, ...(endpoints.balancer ? [endpoints.balancer] : []), ...pools],
    isFatal: policies.reconnect ? () => pools.every((pool) => pool.failed) : isFatal,
    close: () => caller.close(),
  };
}
