/**
 * The search's settings from the command line's texts (`--start 10/s --max 10000/s --step 5s --warmup 1s
 * --precision 5% --max-steps 16`), read by input/units.ts; every problem at once, each saying what was expected.
 */
import { DURATION_EXPECTED, parseCount, parseDuration, parseRate } from '../input/units.js';
import type { SearchSettings } from './search.js';

export interface CapacityNumbers {
  readonly start: string;
  readonly max: string;
  readonly step: string;
  readonly warmup: string;
  readonly precision: string;
  readonly maxSteps: string;
}

export type CapacitySettings = SearchSettings & { readonly stepUs: number; readonly warmupUs: number };

export type SettingsResult = { readonly ok: true; readonly value: CapacitySettings } | { readonly ok: false; readonly problems: readonly string[] };

const PRECISION_EXPECTED = 'a fraction between 0 and 1, like 5% or 0.05';

export function capacitySettings(flags: CapacityNumbers): SettingsResult {
  const problems: string[] = [];
  const got = (text: string): string => JSON.stringify(text);
  const rate = (flag: string, text: string): number => {
    const parsed = parseRate(text);
    if (parsed.ok) return parsed.value;
    problems.push(`${flag} expects ${parsed.expected}; got ${got(text)}${parsed.hint === undefined ? '' : ` (hint: ${parsed.hint})`}`);
    return Number.NaN;
  };
  const span = (flag: string, text: string, zero: boolean): number => {
    const parsed = parseDuration(text);
    if (parsed.ok && (parsed.value > 0 || (zero && parsed.value === 0))) return parsed.value;
    const expected = parsed.ok ? `${DURATION_EXPECTED} (more than 0)` : parsed.expected;
    problems.push(`${flag} expects ${expected}${zero ? ', or 0 for none' : ''}; got ${got(text)}`);
    return Number.NaN;
  };
  const startPerSec = rate('--start', flags.start);
  const maxPerSec = rate('--max', flags.max);
  const stepUs = span('--step', flags.step, false);
  const warmupUs = flags.warmup.trim() === '0' ? 0 : span('--warmup', flags.warmup, true);
  const precision = parsePrecision(flags.precision);
  if (precision === null) problems.push(`--precision expects ${PRECISION_EXPECTED}; got ${got(flags.precision)}`);
  const steps = parseCount(flags.maxSteps);
  if (!steps.ok || steps.value < 1) problems.push(`--max-steps expects a whole number of steps, at least 1; got ${got(flags.maxSteps)}`);
  if (maxPerSec < startPerSec) problems.push(`--max (${flags.max}) is below --start (${flags.start}): the search only raises the rate (hint: give a --max above --start)`);
  if (problems.length > 0 || precision === null || !steps.ok) return { ok: false, problems };
  return { ok: true, value: { startPerSec, maxPerSec, precision, maxSteps: steps.value, stepUs, warmupUs } };
}

/** `5%` or `0.05`: strictly between 0 and 1. */
export function parsePrecision(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(text);
  if (!match) return null;
  const value = Number(match[1]) / (match[2] === '%' ? 100 : 1);
  return value > 0 && value < 1 ? value : null;
}
