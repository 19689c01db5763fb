/**
 * The client block of a scenario, resolved: every layer's settings in plain numbers (µs, bytes, calls per second).
 * A layer set to null is not in the stack. The scenario's `client:` block and the library's `createClient(options)`
 * both resolve into this, through the same validation. The layers' fields come from their declarations
 * (layers/registry.ts); the rest shapes the bottom of the stack (sessions, balancer, transport).
 */
import { layersOff, type LayerPolicies } from './layers/registry.js';
import { fixedPool, type PoolPolicy } from './pool/policy.js';

export type BalanceStrategy = 'round-robin' | 'least-outstanding' | 'fastest';

/** The answer codings mcp-bench asks for and decodes (Streamable HTTP). */
export type AnswerCoding = 'gzip' | 'br';

/**
 * `client.compression`, resolved: `requests` gzips request bodies above 1 KiB; `answers` asks for answers compressed
 * (`Accept-Encoding`, in this order) and decodes them. Each half null when off; the whole null when both are.
 */
export interface CompressionPolicy {
  readonly requests: 'gzip' | null;
  readonly answers: readonly AnswerCoding[] | null;
}

export interface ClientPolicies extends LayerPolicies {
  /** Sessions (connections) opened per endpoint at the start: the pool's `min`. */
  readonly sessions: number;
  /** How each endpoint's sessions grow, shrink, are checked and replaced (pool/policy.ts); fixed at `sessions` by default. */
  readonly pool: PoolPolicy;
  /**
   * Re-open a session whose transport closed or whose HTTP session expired (404), instead of treating the loss as
   * fatal. On for any scenario `client:` block (set `reconnect: false` to turn off); off for the plain client.
   */
  readonly reconnect: boolean;
  readonly balance: BalanceStrategy;
  /** Compressed request bodies and answers over HTTP (null: neither). */
  readonly compression: CompressionPolicy | null;
  /** Check each tools/call result against its tool's `outputSchema` (client/output-schema.ts); on unless switched off. */
  readonly validateOutput: boolean;
}

/** No layer switched on: the plain client every workload gets unless its scenario says otherwise. */
export const PLAIN_CLIENT: ClientPolicies = Object.freeze({
  ...layersOff(),
  sessions: 1,
  pool: fixedPool(1),
  reconnect: false,
  balance: 'round-robin',
  compression: null,
  validateOutput: true,
});
