/**
 * The one place where durations and counts written by people are parsed. Scenario files and CLI flags both use it.
 * Results are plain values or a reason, never exceptions, so callers can collect every problem at once.
 */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };

const DURATION_UNITS_US: Readonly<Record<string, number>> = {
  us: 1,
  µs: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  h: 3_600_000_000,
};

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(us|µs|ms|s|m|h)$/;
export const DURATION_EXPECTED = 'a duration with a unit, like 500us, 250ms, 10s, 2m or 1h';

/** Parses `250ms`, `10s`, `1.5s`, `2m`, `500us` into integer microseconds. `0` alone is accepted as zero. */
export function parseDuration(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '0') return { ok: true, value: 0 };
  const match = DURATION_PATTERN.exec(trimmed);
  if (!match) return { ok: false, expected: DURATION_EXPECTED };
  const amount = Number(match[1]);
  const unit = DURATION_UNITS_US[match[2] ?? ''];
  if (unit === undefined || !Number.isFinite(amount)) return { ok: false, expected: DURATION_EXPECTED };
  return { ok: true, value: Math.round(amount * unit) };
}

/** Parses a positive whole number of calls, accepting `2000`, `2_000`, `2,000` and `2k`. */
export function parseCount(text: string | number): Parsed<number> {
  const expected = 'a whole number greater than 0, like 100, 2000 or 10k';
  if (typeof text === 'number') {
    return Number.isInteger(text) && text > 0 ? { ok: true, value: text } : { ok: false, expected };
  }
  const match = /^(\d+(?:[_,]\d{3})*)(k|K)?$/.exec(text.trim());
  if (!match) return { ok: false, expected };
  const value = Number((match[1] ?? '').replace(/[_,]/g, '')) * (match[2] ? 1000 : 1);
  return Number.isSafeInteger(value) && value > 0 ? { ok: true, value } : { ok: false, expected };
}

/** Formats microseconds for people: `850µs`, `1.24ms`, `3.50s`. */
export function formatDuration(us: number): string {
  if (!Number.isFinite(us)) return '—';
  const abs = Math.abs(us);
  if (abs < 1_000) return `${Math.round(us)}µs`;
  if (abs < 1_000_000) return `${(us / 1_000).toFixed(abs < 10_000 ? 2 : abs < 100_000 ? 1 : 0)}ms`;
  if (abs < 60_000_000) return `${(us / 1_000_000).toFixed(2)}s`;
  return `${(us / 60_000_000).toFixed(1)}m`;
}
