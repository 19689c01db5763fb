import type { Random } from '../random/seeded.js';
import type { TargetPlan } from './targets/registry.js';
import type { Clock } from '../time/clock.js';
import type { Caller, Layer } from './caller.js';
import type { Connection } from './connect.js';
import { isFatal } from './classify.js';
import type { EmitEvent } from './events.js';
import { AttemptLayer } from './layers/attempt.js';
import { Balancer } from './layers/balancer.js';
import { anyLayerOn, LAYER_LIST, policyIn } from './layers/registry.js';
import type { Outcome } from './outcome.js';
import type { ClientPolicies } from './policies.js';
import { EndpointPool, type PoolDeps } from './pool/pool.js';
import type { BadOutputListener } from './transports/bad-output.js';
import type { StreamEventListener } from './transports/stream-resumption.js';
import type { ServerLog } from './transports/server-log.js';
import type { SessionSetup } from './session/feature.js';

export interface StackDeps {
  readonly clock: Clock;
  readonly random: Random;
  readonly log: ServerLog;
  readonly emit?: EmitEvent;
  /** Told once when a server refused gzip request bodies. */
  readonly onCompressionRefused?: () => void;
  /** Told of the servers' bad output (client/transports/bad-output.ts), set-up included. */
  readonly onBadOutput?: BadOutputListener;
  readonly onStreamEvent?: StreamEventListener;
  /** How sessions are opened (tests and in-process benchmarks); the real connect() otherwise. */
  readonly open?: (target: TargetPlan) => Promise<Connection>;
  /** How long each session's set-up (spawn, `initialize`) may take; CONNECT_TIMEOUT_MS when absent. */
  readonly connectTimeoutMs?: number;
  /** Ends opening the sessions at once (an interrupt): openEndpoints throws ConnectError CONNECT_INTERRUPTED. */
  readonly signal?: AbortSignal;
  /** Handed to every session opened (session/feature.ts): the workload's listeners for server traffic. */
  readonly session?: SessionSetup;
  /** A pool's health check and RSS reading (tests); the real ping and /proc otherwise. */
  readonly ping?: PoolDeps['ping'];
  readonly rssOf?: PoolDeps['rssOf'];
}

/** The endpoints' session pools, opened; the bottom of the stack. */
export interface Endpoints {
  readonly pools: readonly EndpointPool[];
  /** One caller over all endpoints: the pool itself, or a balancer across pools. */
  readonly caller: Caller;
  readonly balancer: Balancer | null;
}

/** Opens each endpoint's pool (its `min` sessions) (throws ConnectError when one cannot be opened). */
export async function openEndpoints(endpoints: readonly TargetPlan[], policies: ClientPolicies, deps: StackDeps): Promise<Endpoints> {
  const transport = { compression: policies.compression, onCompressionRefused: deps.onCompressionRefused, onBadOutput: deps.onBadOutput, onStreamEvent: deps.onStreamEvent, session: deps.session };
  const { clock, log, emit, open, connectTimeoutMs, signal, ping, rssOf } = deps;
  const poolDeps = { clock, log, emit, transport, open, connectTimeoutMs, signal, ping, rssOf };
  const pools: EndpointPool[] = [];
  try {
    for (const [index, target] of endpoints.entries()) {
      pools.push(await EndpointPool.open(index, target, policies.pool, policies.reconnect, poolDeps));
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
 * Stacks the layers the policies switch on over the endpoints, outermost first: the registry's layers in its order
 * (layers/registry.ts) → attempt → (balancer →) pools → SDK. The attempt layer is not in the registry: whenever any
 * layer is on, it is the innermost (it counts and times each attempt for the layers above). With no layer on, the
 * executor calls the endpoints directly: the plain client adds nothing to the per-call path.
 */
export function composeStack(policies: ClientPolicies, endpoints: Endpoints, readOnlyTools: ReadonlySet<string>, deps: StackDeps): ClientStack {
  const layers: Layer[] = [];
  let caller: Caller = endpoints.caller;
  if (anyLayerOn(policies)) {
    const layerDeps = { clock: deps.clock, random: deps.random, emit: deps.emit, readOnlyTools };
    const push = (layer: Layer): void => {
      layers.unshift(layer);
      caller = layer;
    };
    push(new AttemptLayer(caller, layerDeps));
    for (let i = LAYER_LIST.length - 1; i >= 0; i--) {
      const declaration = LAYER_LIST[i]!;
      const policy = policyIn(policies, declaration);
      if (policy !== null) push(declaration.build(policy, caller, layerDeps));
    }
  }
  const pools = endpoints.pools;
  return {
    caller,
    layers: [...layers, ...(endpoints.balancer ? [endpoints.balancer] : []), ...pools],
    isFatal: policies.reconnect ? () => pools.every((pool) => pool.failed) : isFatal,
    close: () => caller.close(),
  };
}
