import type { Outcome } from '../client/outcome.js';
import type { ClientPolicies } from '../client/policies.js';
import type { CallTrace } from '../client/trace.js';
import type { FigureRecord } from '../client/layers/declaration.js';
import { LAYER_KEYS, LAYER_LIST, policyIn, type LayerKey } from '../client/layers/registry.js';
import { isElastic } from '../client/pool/policy.js';
import { createHistogram, recordUs, type Histogram } from '../stats/histogram.js';

/** Which client features a workload has switched on: what gets recorded, and what the table shows. */
export type ClientFeatures = { readonly [K in LayerKey]: boolean } & {
  readonly endpoints: number;
  /** The most sessions a pool holds (its `max`): the per-session counts' length. */
  readonly sessions: number;
  /** The pool does more than rotate over fixed sessions (pool/policy.ts isElastic): its counters are reported. */
  readonly pool: boolean;
  /** Callers may wait for a session (a `perSession` limit): the time they waited is recorded per operation. */
  readonly poolWait: boolean;
};

export function clientFeatures(policies: ClientPolicies, endpoints: number): ClientFeatures {
  const layers = Object.fromEntries(LAYER_LIST.map((declaration) => [declaration.key, policyIn(policies, declaration) !== null]));
  const pool = policies.pool;
  return { ...(layers as Record<LayerKey, boolean>), endpoints, sessions: pool.max, pool: isElastic(pool), poolWait: pool.perSession !== null };
}

export function anyClientFeature(f: ClientFeatures): boolean {
  return LAYER_KEYS.some((key) => f[key]) || f.endpoints > 1 || f.sessions > 1 || f.pool;
}

/** One switched-on layer's figures for one operation, under the key its declaration gives them. */
export interface LayerFigureRecord {
  readonly key: string;
  readonly record: FigureRecord<unknown>;
}

/**
 * What the client layers did for one operation, read from each call's trace: each switched-on layer that declares
 * figures records its own (in registry order), and the bottom of the stack its calls per endpoint and per session.
 * A plain workload records nothing here.
 */
export class ClientOperationRecord {
  readonly layers: readonly LayerFigureRecord[];
  /** The records that read attempts, apart, so an attempt visits only them. */
  private readonly attemptRecords: readonly FigureRecord<unknown>[];
  readonly endpointCalls: number[];
  readonly sessionCalls: number[];
  /** How long each call waited for a pooled session (features.poolWait), µs. */
  readonly poolWait: Histogram | null;

  constructor(readonly features: ClientFeatures) {
    this.layers = LAYER_LIST.flatMap((declaration) =>
      declaration.figures && features[declaration.key as LayerKey] ? [{ key: declaration.figures.key, record: declaration.figures.create() }] : [],
    );
    this.attemptRecords = this.layers.flatMap((layer) => (layer.record.attempt ? [layer.record] : []));
    this.endpointCalls = new Array<number>(features.endpoints).fill(0);
    this.sessionCalls = new Array<number>(features.sessions).fill(0);
    this.poolWait = features.poolWait ? createHistogram() : null;
  }

  /** The figures recorded under `key` (`retry`, `cache`, …), if that layer is on. */
  figures(key: string): FigureRecord<unknown> | undefined {
    return this.layers.find((layer) => layer.key === key)?.record;
  }

  /** The hot path: a loop over the switched-on layers' records, nothing allocated. */
  record(latencyUs: number, trace: CallTrace): void {
    const layers = this.layers;
    for (let i = 0; i < layers.length; i++) layers[i]!.record.record(latencyUs, trace);
    if (trace.endpoint >= 0 && trace.endpoint < this.endpointCalls.length) this.endpointCalls[trace.endpoint]!++;
    if (trace.session >= 0 && trace.session < this.sessionCalls.length) this.sessionCalls[trace.session]!++;
    if (this.poolWait) recordUs(this.poolWait, trace.poolWaitUs);
  }

  /** Adds another record of the same features (another round): exact, like one record fed every call of both. */
  mergeFrom(other: ClientOperationRecord): void {
    for (const { key, record } of this.layers) {
      const from = other.figures(key);
      if (from) record.mergeFrom(from);
    }
    other.endpointCalls.forEach((n, i) => {
      if (i < this.endpointCalls.length) this.endpointCalls[i]! += n;
    });
    other.sessionCalls.forEach((n, i) => {
      if (i < this.sessionCalls.length) this.sessionCalls[i]! += n;
    });
    if (this.poolWait && other.poolWait) this.poolWait.add(other.poolWait);
  }

  recordAttempt(latencyUs: number, outcome: Outcome): void {
    const records = this.attemptRecords;
    for (let i = 0; i < records.length; i++) records[i]!.attempt!(latencyUs, outcome);
  }
}
