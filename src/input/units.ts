/**
 * The one place where durations, counts, rates and sizes written by people are parsed. Scenario files and CLI flags both use it.
 * Results are plain values or a reason, never exceptions, so callers can collect every problem at once.
 */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly expected: string; readonly hint?: string };

/**
 * The longest duration anything accepts: a run, a call's timeout, a pause, a grace period. A day is longer than any
 * benchmark needs (a run's timeline keeps a day of one-second points), and a value beyond it is a slip (`600h` for
 * `600ms`) that would otherwise look like a hang.
 */
export const MAX_DURATION_US = 24 * 3_600_000_000;
export const DURATION_MAX_EXPECTED = 'a duration of at most 24h';
export const DURATION_MAX_HINT = 'durations are capped at 24h, longer than any benchmark needs; for a longer soak, run the scenario again';

/**
 * The highest rate anything accepts. Arrivals are scheduled in whole microseconds, and one generator process sends far
 * fewer calls than this (tens of thousands a second); a higher rate is a slip that would only queue arrivals to drop.
 */
export const MAX_RATE_PER_SEC = 1_000_000;
export const RATE_MAX_EXPECTED = 'a rate of at most 1,000,000/s';
export const RATE_MAX_HINT = 'one mcp-bench process sends tens of thousands of calls a second at most; to load a server harder, run several';

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

/**
 * Parses `250ms`, `10s`, `1.5s`, `2m`, `500us` into integer microseconds. `0` alone is accepted as zero. Longer than
 * MAX_DURATION_US (24h) is refused with its own reason.
 */
export function parseDuration(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '0') return { ok: true, value: 0 };
  const match = DURATION_PATTERN.exec(trimmed);
  if (!match) return { ok: false, expected: DURATION_EXPECTED };
  const amount = Number(match[1]);
  const unit = DURATION_UNITS_US[match[2] ?? ''];
  if (unit === undefined || !Number.isFinite(amount)) return { ok: false, expected: DURATION_EXPECTED };
  const value = Math.round(amount * unit);
  return value <= MAX_DURATION_US ? { ok: true, value } : { ok: false, expected: DURATION_MAX_EXPECTED, hint: DURATION_MAX_HINT };
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

const RATE_UNITS_PER_SECOND: Readonly<Record<string, number>> = { s: 1, m: 1 / 60, h: 1 / 3_600 };
const RATE_PATTERN = /^(\d+(?:\.\d+)?)\s*\/\s*(s|m|h)$/;
export const RATE_EXPECTED = 'a rate greater than 0, like 200/s, 30/m or 100/h';
export const RATE_OR_ZERO_EXPECTED = 'a rate ≥ 0, like 0/s, 200/s, 30/m or 100/h';

/**
 * Parses `200/s`, `1.5/s`, `30/m`, `100/h` into calls per second: above 0, or ≥ 0 with `allowZero` (a ramp's stage
 * targets and start rate, where `0/s` means "no calls"); above MAX_RATE_PER_SEC is refused with its own reason.
 */
export function parseRate(text: string, options: { readonly allowZero?: boolean } = {}): Parsed<number> {
  const expected = options.allowZero === true ? RATE_OR_ZERO_EXPECTED : RATE_EXPECTED;
  const match = RATE_PATTERN.exec(text.trim());
  const perUnit = RATE_UNITS_PER_SECOND[match?.[2] ?? ''];
  if (!match || perUnit === undefined) return { ok: false, expected };
  const value = Number(match[1]) * perUnit;
  const inRange = value > 0 || (options.allowZero === true && value === 0);
  if (!Number.isFinite(value) || !inRange) return { ok: false, expected };
  return value <= MAX_RATE_PER_SEC ? { ok: true, value } : { ok: false, expected: RATE_MAX_EXPECTED, hint: RATE_MAX_HINT };
}

const BYTE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};
const BYTES_PATTERN = /^(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)?$/i;
export const BYTES_EXPECTED =
  'a size like 512B, 64KiB or 50MB (KB, MB, GB are powers of 1000; KiB, MiB, GiB powers of 1024), or a whole number of bytes';

/**
 * Parses a size into whole bytes: `512B`, `64KiB` (65,536), `50MB` (50,000,000), `1GB`, `1.5MiB`, or a plain whole
 * number of bytes (`4096` or "4096"). Units are case-insensitive; a number without a unit must be whole.
 */
export function parseBytes(text: string | number): Parsed<number> {
  if (typeof text === 'number') {
    return Number.isSafeInteger(text) && text >= 0 ? { ok: true, value: text } : { ok: false, expected: BYTES_EXPECTED };
  }
  const match = BYTES_PATTERN.exec(text.trim());
  if (!match) return { ok: false, expected: BYTES_EXPECTED };
  const amount = Number(match[1]);
  const unit = match[2] === undefined ? undefined : BYTE_UNITS[match[2].toLowerCase()];
  if (unit === undefined && !Number.isInteger(amount)) return { ok: false, expected: BYTES_EXPECTED };
  const value = Math.round(amount * (unit ?? 1));
  return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, expected: BYTES_EXPECTED };
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

/** Calls per second for people: whole above 100 (`1,250`), one decimal below (`12.5`). */
export function formatRate(perSec: number): string {
  if (perSec >= 100) return Math.round(perSec).toLocaleString('en-US');
  return perSec.toFixed(1);
}

/** A count with thousands separators: `12,500`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A size for people, in the largest binary unit it fills: `512 B`, `64 KiB`, `16 MiB`, `1.5 GiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  // One decimal at most, and none when it would read .0 (`10 MiB`, not `10.0 MiB`).
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit]}`;
}
