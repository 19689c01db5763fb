/**
 * The plan's fingerprint: what every shard of one run must share, so `mcp-bench merge` can refuse reports of different
 * plans. sha256 (first 16 hex digits) of a stable JSON (keys sorted) of the resolved plan as a report shows it
 * (Plan.resolvedRedacted: defaults applied, secrets hidden), with the variants and rounds as written. Taken before the
 * plan is split into a shard's share, and never of the shard or the start time: every shard gets the same hash, and a
 * changed scenario another.
 */
import { createHash } from 'node:crypto';
import type { Plan } from './plan.js';

export const PLAN_HASH_HEX_DIGITS = 16;

export function planHash(plan: Pick<Plan, 'resolvedRedacted' | 'redacted' | 'compare'>): string {
  const written = plan.redacted !== null && typeof plan.redacted === 'object' ? (plan.redacted as Record<string, unknown>) : {};
  const fingerprinted = {
    resolved: plan.resolvedRedacted,
    // Variants are not in the resolved view; as written (redacted) they still change the hash when they change.
    variants: written['variants'] ?? null,
    compare: plan.compare ?? null,
  };
  return createHash('sha256').update(stableJson(fingerprinted)).digest('hex').slice(0, PLAN_HASH_HEX_DIGITS);
}

/** JSON with every object's keys in sorted order, so the same value always gives the same text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sorted(value));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, sorted(item)]));
}
