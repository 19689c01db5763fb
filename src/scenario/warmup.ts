/**
 * A workload's `warmup:`: calls made before measuring and left out of every figure — a number of calls (`200`,
 * `1k`) or a span of time (`2s`); 0 for none. The mapping form also warms the pools:
 *
 * ```yaml
 * warmup: { sessions: all, calls: 200 }   # or duration: 2s; sessions alone warms only the pools
 * ```
 *
 * `sessions: all` opens and initializes every pooled session up to the pool's `max` before measuring
 * (runner/workload-run.ts), so the first measured calls pay no connection set-up; the sessions' set-up stays in the
 * report's cold start.
 */
import type { Bound } from '../schedule/bound.js';
import { field } from '../input/fields.js';
import { isRecord } from '../input/path.js';
import { parseCount, parseDuration } from '../input/units.js';
import { didYouMean } from '../input/suggest.js';

export interface WarmupPlan {
  readonly bound: Bound | null;
  readonly sessions: 'all' | null;
}

const WARMUP_EXPECTED = 'a number of calls (like 200 or 1k) or a duration (like 1s); 0 for none';
const MAPPING_EXPECTED = '{ sessions: all } with calls: N or duration: D';
const KEYS = ['sessions', 'calls', 'duration'];

type Check<T> = { ok: true; value: T } | { ok: false; expected: string; hint?: string };

/** A count of calls or a span of time, as the scalar form writes it. */
function bound(value: unknown): Check<Bound | null> {
  const bad = { ok: false, expected: WARMUP_EXPECTED } as const;
  if (value === 0 || value === '0') return { ok: true, value: null };
  if (typeof value !== 'number' && typeof value !== 'string') return bad;
  const calls = parseCount(value);
  if (calls.ok) return { ok: true, value: { kind: 'iterations', count: calls.value } };
  const span = typeof value === 'string' ? parseDuration(value) : calls;
  if (span.ok) return { ok: true, value: { kind: 'duration', us: span.value } };
  // A duration over 24h has its own reason; anything else is neither a count nor a duration.
  return span.hint === undefined ? bad : { ok: false, expected: span.expected, hint: span.hint };
}

function mapping(value: Readonly<Record<string, unknown>>): Check<WarmupPlan> {
  const unknown = Object.keys(value).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) return { ok: false, expected: MAPPING_EXPECTED, hint: didYouMean(unknown, KEYS) ?? `unknown key ${unknown}; warmup takes ${KEYS.join(', ')}` };
  if (value.calls !== undefined && value.duration !== undefined) return { ok: false, expected: MAPPING_EXPECTED, hint: 'write calls or duration, not both' };
  const sessions = value.sessions;
  if (sessions !== undefined && sessions !== 'all' && sessions !== true && sessions !== false && sessions !== null) {
    return { ok: false, expected: MAPPING_EXPECTED, hint: 'sessions: all opens every pooled session (up to the pool max) before measuring' };
  }
  const given = value.calls ?? value.duration;
  const parsed = given === undefined ? ({ ok: true, value: null } as const) : bound(given);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { bound: parsed.value, sessions: sessions === 'all' || sessions === true ? 'all' : null } };
}

export const warmupField = () =>
  field(`${WARMUP_EXPECTED}, or ${MAPPING_EXPECTED}`, (value): Check<WarmupPlan> => {
    if (isRecord(value)) return mapping(value);
    const parsed = bound(value);
    return parsed.ok ? { ok: true, value: { bound: parsed.value, sessions: null } } : parsed;
  });
