/**
 * The SLO of a capacity search (`--slo "p99<100ms" --slo "error_rate<1%"`): thresholds in the project's language
 * (thresholds/parse.ts, the parser `--threshold` uses), limited to upper limits on the metrics a step can bound with
 * its own noise interval, and each judged on one step as pass, fail or inconclusive. Pure.
 */
import type { Histogram } from '../stats/histogram.js';
import type { Interval } from '../stats/interval.js';
import { meanInterval } from '../stats/mean-interval.js';
import { wilsonInterval } from '../stats/proportion-interval.js';
import { quantileInterval } from '../stats/quantile-interval.js';
import { compare } from '../thresholds/judge.js';
import { parseThreshold } from '../thresholds/parse.js';
import type { ThresholdMetric } from '../thresholds/metrics.js';
import type { ThresholdSpec } from '../thresholds/types.js';

/** The percentile each latency metric of an SLO reads. */
const PERCENTILES: Readonly<Record<string, number>> = { p50: 50, p90: 90, p95: 95, p99: 99, 'p99.9': 99.9 };
const SLO_METRICS = ['p50', 'p90', 'p95', 'p99', 'p99.9', 'mean', 'max', 'error_rate'] as const satisfies readonly ThresholdMetric[];
/** The metrics an SLO may name: those a step bounds with its own noise interval (max: its exact value). */
export type SloMetric = (typeof SLO_METRICS)[number];

export interface Slo extends ThresholdSpec {
  readonly metric: SloMetric;
  readonly comparator: '<' | '<=';
}

/** What a step measured that an SLO reads: the latency histogram (µs, from the scheduled start) and the errors. */
export interface SloFigures {
  readonly histogram: Histogram;
  readonly calls: number;
  readonly errors: number;
}

export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** One SLO on one step: the measured value, its 95% interval, and the verdict they give. */
export interface SloCheck {
  readonly slo: string;
  readonly metric: SloMetric;
  readonly limit: number;
  /** null: nothing measured (no calls). */
  readonly measured: number | null;
  readonly low: number | null;
  /** null: open (too few calls to bound it from above). */
  readonly high: number | null;
  /** Too few calls for the interval to exclude the limit even for a perfect result: the verdict is the estimate's. */
  readonly underpowered: boolean;
  readonly verdict: Verdict;
}

export type SlosResult = { readonly ok: true; readonly slos: readonly Slo[] } | { readonly ok: false; readonly problems: readonly string[] };

const HINT = `an SLO is an upper limit on ${SLO_METRICS.join(', ')}, like --slo "p99<100ms" --slo "error_rate<1%"`;

/** Every `--slo` text parsed; every problem at once. At least one SLO is needed. */
export function parseSlos(texts: readonly string[]): SlosResult {
  if (texts.length === 0) return { ok: false, problems: [`--slo is required: ${HINT}`] };
  const problems: string[] = [];
  const slos: Slo[] = [];
  for (const text of texts) {
    const parsed = parseThreshold(text, 'cli');
    if (!parsed.ok) {
      problems.push(`--slo ${parsed.message}${parsed.hint === undefined ? '' : ` (hint: ${parsed.hint})`}`);
      continue;
    }
    const { spec } = parsed;
    if (!isSloMetric(spec.metric)) problems.push(`--slo ${JSON.stringify(spec.text)}: ${spec.metric} cannot be an SLO of a capacity search; expected ${HINT}`);
    else if (spec.comparator !== '<' && spec.comparator !== '<=') problems.push(`--slo ${JSON.stringify(spec.text)}: expected < or <=; got ${JSON.stringify(spec.comparator)} (hint: ${HINT})`);
    else slos.push({ ...spec, metric: spec.metric, comparator: spec.comparator });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, slos };
}

function isSloMetric(metric: string): metric is SloMetric {
  return (SLO_METRICS as readonly string[]).includes(metric);
}

/** The step's 95% interval of the SLO's metric; max has none (its interval is the value itself). */
export function sloInterval(metric: SloMetric, figures: SloFigures): Interval | null {
  if (figures.calls === 0) return null;
  if (metric === 'error_rate') return wilsonInterval(figures.errors, figures.calls);
  if (metric === 'mean') return meanInterval(figures.histogram);
  if (metric === 'max') return { estimate: figures.histogram.maxValue, low: figures.histogram.maxValue, high: figures.histogram.maxValue };
  return quantileInterval(figures.histogram, PERCENTILES[metric] ?? 99);
}

/**
 * Pass when the whole interval meets the limit, fail when none of it does, inconclusive when it straddles the limit.
 * A step too small to tell (its interval would straddle the limit even for a perfect result: p99's upper end open for
 * lack of calls, 0 errors in fewer than ~400 calls against 1%) is no sign of being near the limit: it is judged on its
 * estimate, and its check says `underpowered`, so the report shows which verdicts rest on the estimate alone.
 */
export function judgeSlo(slo: Slo, figures: SloFigures): SloCheck {
  const interval = sloInterval(slo.metric, figures);
  const base = { slo: slo.text, metric: slo.metric, limit: slo.limit };
  if (interval === null) return { ...base, measured: null, low: null, high: null, underpowered: false, verdict: 'fail' };
  const meets = (value: number): boolean => compare(value, slo.comparator, slo.limit);
  const underpowered = slo.metric === 'error_rate' ? !meets(wilsonInterval(0, figures.calls)?.high ?? 1) : !Number.isFinite(interval.high);
  const shown = { ...base, measured: interval.estimate, low: interval.low, high: Number.isFinite(interval.high) ? interval.high : null, underpowered };
  if (underpowered) return { ...shown, verdict: meets(interval.estimate) ? 'pass' : 'fail' };
  if (!meets(interval.estimate)) return { ...shown, verdict: meets(interval.low) ? 'inconclusive' : 'fail' };
  return { ...shown, verdict: meets(interval.high) ? 'pass' : 'inconclusive' };
}
