/**
 * What a workload's subscriptions brought: `notifications/resources/updated` received, by URI, and — where the
 * server stamps the update with when the change happened (`_meta`, CHANGED_AT_META) — the delay from that change to
 * our receipt, in an HDR histogram. The stamp and the receipt are wall-clock epoch µs of two processes: comparable on
 * one machine, and across machines only as far as their clocks are synchronised. Merged exactly over rounds.
 */
import type { SessionEvents } from '../client/session/feature.js';
import { createHistogram, mergeHistograms, recordUs, type Histogram } from '../stats/histogram.js';
import { epochNowUs } from '../time/epoch.js';
import { CHANGED_AT_META } from '../server/subscriptions.js';

const UPDATED = 'notifications/resources/updated';

export interface ResourceUpdateRecord {
  /** Updates received, by URI (`(no uri)` when the server sent none). */
  readonly byUri: Readonly<Record<string, number>>;
  /** Of them, those the server stamped, whose delay is in `delayUs`. */
  readonly stamped: number;
  /** Change (server's stamp) → receipt, µs; a negative difference (clocks apart) counts as 0. */
  readonly delayUs: Histogram;
}

export class ResourceUpdateRecorder {
  private readonly byUri = new Map<string, number>();
  private stamped = 0;
  private readonly delayUs = createHistogram();
  /** The listeners to hand every session (SessionSetup.events). */
  readonly events: SessionEvents = { notification: (method, params) => this.record(method, params) };

  /** `epochUs` reads the wall clock (injected in tests). */
  constructor(private readonly epochUs: () => number = epochNowUs) {}

  record(method: string, params: unknown): void {
    if (method !== UPDATED) return;
    const fields = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
    const uri = typeof fields.uri === 'string' ? fields.uri : '(no uri)';
    this.byUri.set(uri, (this.byUri.get(uri) ?? 0) + 1);
    const meta = fields._meta;
    const stamp = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>)[CHANGED_AT_META] : undefined;
    if (typeof stamp !== 'number' || !Number.isFinite(stamp)) return;
    this.stamped += 1;
    recordUs(this.delayUs, Math.max(0, this.epochUs() - stamp));
  }

  finish(): ResourceUpdateRecord {
    return { byUri: Object.fromEntries(this.byUri), stamped: this.stamped, delayUs: this.delayUs };
  }
}

/** Rounds' records as one: counts summed, histograms added; undefined when none subscribed. */
export function mergeResourceUpdates(records: readonly ResourceUpdateRecord[]): ResourceUpdateRecord | undefined {
  if (records.length === 0) return undefined;
  return {
    byUri: sumByKey(records.map((r) => r.byUri)),
    stamped: records.reduce((n, r) => n + r.stamped, 0),
    delayUs: mergeHistograms(records.map((r) => r.delayUs)),
  };
}

export function sumByKey(parts: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const part of parts) for (const [key, n] of Object.entries(part)) sum[key] = (sum[key] ?? 0) + n;
  return sum;
}
