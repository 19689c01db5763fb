/**
 * The one threshold parser: `<metric> <comparator> <value>` (`p99 < 50ms`, `error_rate<1%`, `throughput >= 600/m`),
 * used by the scenario's `thresholds:` and by `--threshold`, so both accept and reject exactly the same texts.
 * Values are read by units.ts (parseDuration, parseRate) and stored in the metric's canonical unit: µs, a ratio
 * 0..1, calls per second, a count, or a ratio ≥ 1. A failure names the offending part, what the metric takes, and a
 * hint; it never throws, so the scenario can report every problem at once.
 */
import { COMPARATORS, type ThresholdSpec } from './types.js';
import { THRESHOLD_METRICS, declarationOf, metricForAlias, metricKind, type MetricKind, type ThresholdMetric } from './metrics.js';
import { parseCount, parseDuration, parseRate } from '../input/units.js';
import { didYouMean, listWords } from '../input/suggest.js';

export type ThresholdParseResult =
  | { readonly ok: true; readonly spec: ThresholdSpec }
  | {
      readonly ok: false;
      /** A sentence quoting the whole text and the offending part: `"p99 < 5%": expected a duration …; got "5%"`. */
      readonly message: string;
      /** What was expected, without the text (the scenario puts it in its own `expected …; got …` form). */
      readonly expected: string;
      /** The offending part of the text ('' when it is missing). */
      readonly got: string;
      readonly hint?: string;
    };

const FORM = '<metric> <comparator> <value>, like p99 < 50ms or error_rate < 1%';
const COMPARATOR_WORDS = listWords(COMPARATORS);
const METRIC_EXPECTED = `a metric: one of ${listWords(THRESHOLD_METRICS)}`;

/** Comparators people write by habit, and the one meant. */
const COMPARATOR_ALIASES: Readonly<Record<string, string>> = {
  '=': 'write == to test equality',
  '===': 'write == to test equality',
  '=<': 'did you mean "<="?',
  '=>': 'did you mean ">="?',
  '!=': 'there is no "not equal": use < or >',
  '<>': 'there is no "not equal": use < or >',
};

/** Splits at the first run of comparator characters. */
const SHAPE = /^(.*?)([<>=!]+)(.*)$/s;

export function parseThreshold(text: string, source: 'scenario' | 'cli'): ThresholdParseResult {
  const trimmed = text.trim();
  const fail = (expected: string, got: string, hint?: string): ThresholdParseResult => failure(trimmed, expected, got, hint);
  const shape = SHAPE.exec(trimmed);
  if (!shape) return fail(FORM, trimmed, 'the comparator is one of <, <=, >, >= or ==');
  const [, metricText = '', comparatorText = '', valueText = ''] = shape;
  const metric = parseMetric(metricText.trim());
  if (!metric.ok) return fail(metric.expected, metricText.trim(), metric.hint);
  const comparator = COMPARATORS.find((c) => c === comparatorText);
  if (comparator === undefined) {
    return fail(`a comparator: ${COMPARATOR_WORDS}`, comparatorText, COMPARATOR_ALIASES[comparatorText]);
  }
  const limit = parseLimit(metric.metric, valueText.trim());
  if (!limit.ok) return fail(limit.expected, valueText.trim(), limit.hint);
  return {
    ok: true,
    spec: { text: trimmed, metric: metric.metric, comparator, limit: limit.value, abortOnFail: false, abortDelayUs: 0, source },
  };
}

function failure(text: string, expected: string, got: string, hint?: string): ThresholdParseResult {
  const shown = got === '' ? 'nothing' : JSON.stringify(got);
  return {
    ok: false,
    message: `${JSON.stringify(text)}: expected ${expected}; got ${shown}`,
    expected,
    got,
    ...(hint === undefined ? {} : { hint }),
  };
}

type Part<T> = { readonly ok: true } & T;
type Bad = { readonly ok: false; readonly expected: string; readonly hint?: string };

function parseMetric(word: string): Part<{ metric: ThresholdMetric }> | Bad {
  const metric = THRESHOLD_METRICS.find((m) => m === word);
  if (metric !== undefined) return { ok: true, metric };
  const alias = metricForAlias(word) ?? nearestPercentile(word);
  const hint = alias === undefined ? didYouMean(word, THRESHOLD_METRICS) : `did you mean "${alias}"?`;
  return { ok: false, expected: METRIC_EXPECTED, ...(hint === undefined ? {} : { hint }) };
}

const PERCENTILES: readonly (readonly [ThresholdMetric, number])[] = THRESHOLD_METRICS.flatMap((metric) => {
  const { percentile } = declarationOf(metric);
  return percentile === undefined ? [] : [[metric, percentile] as const];
});

/** `p98` → `p99`: by value, since spelling distance would say `p90`. Only these percentiles are reported. */
function nearestPercentile(word: string): ThresholdMetric | undefined {
  const match = /^p(\d+(?:\.\d+)?)$/i.exec(word);
  if (!match) return undefined;
  const wanted = Number(match[1]);
  if (wanted > 100) return undefined;
  let best = PERCENTILES[0]!;
  for (const entry of PERCENTILES) if (Math.abs(entry[1] - wanted) < Math.abs(best[1] - wanted)) best = entry;
  return best[0];
}

/** What a value looks like, to say "that is a percentage" when the metric takes a duration. */
type Written = 'duration' | 'percentage' | 'rate' | 'number' | 'other';

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const LOOKS: readonly [Written, RegExp][] = [
  ['percentage', new RegExp(`^${NUMBER}\\s*%$`)],
  ['rate', new RegExp(`^${NUMBER}\\s*/\\s*[a-zA-Z]+$`)],
  ['duration', new RegExp(`^${NUMBER}\\s*(?:us|µs|μs|ms|s|m|h)$`)],
  ['number', new RegExp(`^${NUMBER}$`)],
];

function looksLike(value: string): Written {
  return LOOKS.find(([, pattern]) => pattern.test(value))?.[0] ?? 'other';
}

const ARTICLE: Readonly<Record<Written, string>> = {
  duration: 'a duration',
  percentage: 'a percentage',
  rate: 'a rate',
  number: 'a plain number',
  other: 'not a value',
};

/** Per unit kind: what a limit is expected to look like, the unit named in a mismatch hint, and how it is read. */
const KINDS: Readonly<Record<MetricKind, { expected: (metric: ThresholdMetric) => string; unit: string; limit: LimitParser }>> = {
  latency: {
    expected: (metric) => `a duration for ${metric}, like 50ms, 1.5s or 800us`,
    unit: 'a duration (us, ms, s)',
    limit: latencyLimit,
  },
  ratio: {
    expected: (metric) => `a ratio for ${metric} from 0 to 1, written like 1% or 0.01`,
    unit: 'a ratio (1% or 0.01)',
    limit: ratioLimit,
  },
  rate: {
    expected: (metric) => `a rate for ${metric}, like 1000/s or 600/m (a plain number is per second)`,
    unit: 'calls per second (/s, /m, /h)',
    limit: rateLimit,
  },
  count: {
    expected: (metric) => `a whole number of ${metric} arrivals, like 0 or 10`,
    unit: 'a count',
    limit: countLimit,
  },
  amplification: {
    expected: (metric) => `a number ≥ 1 for ${metric} (attempts per call), like 1.2`,
    unit: 'a plain number ≥ 1',
    limit: amplificationLimit,
  },
};

type Limit = Part<{ value: number }> | Bad;
type LimitParser = (value: string, written: Written, fail: Fail) => Limit;

function parseLimit(metric: ThresholdMetric, value: string): Limit {
  const kind = KINDS[metricKind(metric)];
  const expected = kind.expected(metric);
  const written = looksLike(value);
  const bad = (hint?: string): Limit => ({ ok: false, expected, ...(hint === undefined ? {} : { hint }) });
  const mismatch = (): Limit =>
    bad(written === 'other' || value === '' ? undefined : `${JSON.stringify(value)} is ${ARTICLE[written]}; ${metric} takes ${kind.unit}`);
  return kind.limit(value, written, { bad, mismatch });
}

/** `bad`: not a valid value for the metric (with a hint); `mismatch`: a value of another unit than the metric's. */
interface Fail {
  readonly bad: (hint?: string) => Limit;
  readonly mismatch: () => Limit;
}

function latencyLimit(value: string, written: Written, { bad, mismatch }: Fail): Limit {
  if (written === 'number' && Number(value) !== 0) return bad(`add a unit: write ${value}ms or ${value}s`);
  if (written !== 'duration' && written !== 'number') return mismatch();
  // units.ts spells micro with the micro sign (U+00B5); the Greek mu (U+03BC) looks the same.
  const parsed = parseDuration(value.replace('μ', 'µ'));
  return parsed.ok ? { ok: true, value: parsed.value } : bad(parsed.hint);
}

function ratioLimit(value: string, written: Written, { bad, mismatch }: Fail): Limit {
  if (written === 'percentage') {
    const percent = Number.parseFloat(value);
    return percent <= 100 ? { ok: true, value: percent / 100 } : bad('a percentage is at most 100%');
  }
  if (written !== 'number') return mismatch();
  const ratio = Number(value);
  if (ratio <= 1) return { ok: true, value: ratio };
  return bad(ratio <= 100 ? `a plain number is a ratio: write ${value}% for ${value} percent` : undefined);
}

function rateLimit(value: string, written: Written, { bad, mismatch }: Fail): Limit {
  if (written === 'number') return { ok: true, value: Number(value) };
  if (written !== 'rate') return mismatch();
  const parsed = parseRate(value, { allowZero: true });
  return parsed.ok ? { ok: true, value: parsed.value } : bad(parsed.hint);
}

function countLimit(value: string, written: Written, { bad, mismatch }: Fail): Limit {
  if (value.trim() === '0') return { ok: true, value: 0 };
  if (written !== 'number' && written !== 'other') return mismatch();
  const parsed = parseCount(value);
  return parsed.ok ? { ok: true, value: parsed.value } : bad();
}

function amplificationLimit(value: string, written: Written, { bad, mismatch }: Fail): Limit {
  const bare = value.replace(/\s*[x×]$/, '');
  if (looksLike(bare) !== 'number') return written === 'other' ? bad() : mismatch();
  const amplification = Number(bare);
  return amplification >= 1 ? { ok: true, value: amplification } : bad('every call makes at least one attempt, so 1 is the least');
}
