import type { ComparisonSummary } from '../summary/comparison.js';
import type { RatioEstimate } from '../stats/ratio-interval.js';
import type { RunSummary } from '../summary/summary.js';
import { metricKind, notApplicableText, regressionRule, type MetricKind, type ThresholdMetric } from '../thresholds/metrics.js';
import type { RegressionCheck, ThresholdResult } from '../thresholds/types.js';
import { formatCount, formatCounted, formatLatency, formatPercent, formatRate } from './format.js';
import { workloadLabel } from '../summary/workload-label.js';

/**
 * The wording of gates and comparisons, shared by the text reporters (table, markdown, JUnit) so a threshold, a
 * baseline check or a ratio reads the same in the terminal, in a PR comment and in a CI test report. Plain strings:
 * each reporter adds its own marks, colour and escaping.
 */

/** How a value of each unit kind reads (thresholds/metrics.ts gives every metric its kind). */
const FORMAT: Readonly<Record<MetricKind, (value: number) => string>> = {
  latency: formatLatency,
  ratio: formatPercent,
  rate: (value) => `${formatRate(value)}/s`,
  count: formatCount,
  // Attempts per call.
  amplification: (value) => `${value.toFixed(2)}×`,
};

/** A value of a metric in the metric's unit: µs as a duration, ratios 0..1 as percent, throughput as calls/s. */
export function formatMetricValue(metric: ThresholdMetric, value: number): string {
  return FORMAT[metricKind(metric)](value);
}

/** What a threshold was measured on: one operation, or the workload's total. */
export function scopeText(operation: string | null, tenant?: string): string {
  const scope = operation ?? 'all operations';
  return tenant === undefined ? scope : `tenant ${tenant} · ${scope}`;
}

/** `< 2ms`: the limit in the metric's unit, whatever unit it was written in, without trailing zeros (people wrote it). */
export function limitText(result: Pick<ThresholdResult, 'metric' | 'comparator' | 'limit'>): string {
  const value = formatMetricValue(result.metric, result.limit).replace(/(\.\d*?)0+(\D*)$/, '$1$2').replace(/\.(\D*)$/, '$1');
  return `${result.comparator} ${value}`;
}

/** The measured value, or why there is none ("no samples" fails: a threshold never passes vacuously). */
export function measuredText(result: ThresholdResult): string {
  if (result.reason === 'no-samples') return 'no samples';
  if (result.reason === 'not-applicable') return notApplicableText(result.metric);
  if (result.measured === null) return 'not measured';
  return formatMetricValue(result.metric, result.measured);
}

/** A failed threshold in one line, measured against limit: `measured 2.99ms, limit < 2ms`. */
export function failureMessage(result: ThresholdResult): string {
  const measured = result.measured === null || result.reason ? measuredText(result) : `measured ${measuredText(result)}`;
  return `${measured}, limit ${limitText(result)}`;
}

/** Allowed change of a baseline check: `+10%` slower, `−5%` fewer calls/s, `+1 pt` of error rate. */
export function allowedText(check: Pick<RegressionCheck, 'metric' | 'allowed'>): string {
  const pct = Number((check.allowed * 100).toFixed(2));
  const { worse, change } = regressionRule(check.metric);
  const sign = worse === 'higher' ? '+' : '−';
  return change === 'difference' ? `${sign}${pct} pt${pct === 1 ? '' : 's'}` : `${sign}${pct}%`;
}

/** Whether a check's change is a difference in points (error_rate: a rate of 0 has no ratio) rather than a ratio. */
export function changeInPoints(check: Pick<RegressionCheck, 'metric'>): boolean {
  return regressionRule(check.metric).change === 'difference';
}

/** current / baseline with its interval; for error_rate the difference in points (a rate of 0 has no ratio). */
export function changeText(check: RegressionCheck): string {
  if (check.ratio === null) return '—';
  if (changeInPoints(check)) {
    const interval = check.interval ? ` [${formatPoints(check.interval[0])} … ${formatPoints(check.interval[1])}]` : '';
    return `${formatPoints(check.ratio)}${interval}`;
  }
  const interval = check.interval ? ` [${ratioNumber(check.interval[0])}–${ratioNumber(check.interval[1])}]` : '';
  return `${ratioNumber(check.ratio)}×${interval}`;
}

export function verdictText(verdict: RegressionCheck['verdict']): string {
  return verdict === 'within-noise' ? 'within noise' : verdict === 'no-samples' ? 'no samples' : verdict;
}

/** `0.84× [0.70–1.01]`; `≈` appended when the interval contains 1 (no significant difference). */
export function ratioEstimateText(estimate: RatioEstimate): string {
  const interval = estimate.low !== null && estimate.high !== null ? ` [${ratioNumber(estimate.low)}–${ratioNumber(estimate.high)}]` : '';
  const same = estimate.significant === false ? ' ≈' : '';
  return estimate.ratio !== null && Number.isFinite(estimate.ratio) ? `${ratioNumber(estimate.ratio)}×${interval}${same}` : '—';
}

/** A ratio with the digits it needs: 37.6, 0.84, 0.0019 (never "0.00"). */
export function ratioNumber(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  const abs = Math.abs(ratio);
  if (abs >= 100) return ratio.toFixed(0);
  if (abs >= 10) return ratio.toFixed(1);
  if (abs >= 0.1 || abs === 0) return ratio.toFixed(2);
  return ratio.toPrecision(2);
}

/** A difference of two rates (0..1) in percentage points: `+0.50 pts`, `±0 pts`. */
export function formatPoints(delta: number): string {
  if (delta === 0) return '±0 pts';
  return `${delta > 0 ? '+' : '−'}${Math.abs(delta * 100).toFixed(2)} pts`;
}

/** How the comparison's intervals were made, and what `≈` means: said once beneath the tables (two lines). */
export function comparisonLegend(comparison: ComparisonSummary): string[] {
  const how =
    comparison.source === 'rounds'
      ? `${comparison.rounds} round${comparison.rounds === 1 ? '' : 's'} per variant, interleaved; ratio to ${comparison.variants[0] ?? 'the first variant'} with the 95% interval of the per-round ratio`
      : `from saved reports, without rounds; ratio to ${comparison.variants[0] ?? 'the first report'} with a 95% interval from sampling noise only`;
  return [how, '≈ no significant difference (the interval contains 1)'];
}

/** Why a baseline with no operation in common with the run fails (it would otherwise pass having checked nothing). */
export const NOTHING_COMPARED = 'nothing compared: no operation is in both this run and the baseline';

/** One part of the gate's verdict: thresholds, the baseline check, an abort. */
export interface GateLine {
  readonly passed: boolean;
  readonly text: string;
}

/** The verdict in a few lines; empty when the run had no thresholds, no baseline and was not aborted. */
export function gateLines(summary: RunSummary): GateLine[] {
  const gate = summary.gate;
  const lines: GateLine[] = [];
  const total = gate.thresholds.passed + gate.thresholds.failed;
  if (total > 0) lines.push(thresholdsLine(gate.thresholds.failed, total));
  if (gate.baseline) {
    const b = gate.baseline;
    const regressed = b.checks.filter((c) => c.verdict === 'regressed').length;
    const empty = b.checks.filter((c) => c.verdict === 'no-samples').length;
    const parts = [`${regressed} regression${regressed === 1 ? '' : 's'}`];
    if (empty > 0) parts.push(`${empty} check${empty === 1 ? '' : 's'} without samples`);
    const text = b.passed
      ? `baseline: no regression beyond noise in ${formatCounted(b.checks.length, 'check')}`
      : b.checks.length === 0
        ? `baseline: ${NOTHING_COMPARED}`
        : `baseline: ${parts.join(', ')}`;
    lines.push({ passed: b.passed, text: `${text} (vs ${b.file})` });
  }
  if (gate.abortedBy) lines.push({ passed: false, text: abortedText(summary) });
  return lines;
}

function thresholdsLine(failed: number, total: number): GateLine {
  if (failed > 0) return { passed: false, text: `${failed} of ${formatCounted(total, 'threshold')} failed` };
  return { passed: true, text: total === 1 ? '1 threshold passed' : `all ${total} thresholds passed` };
}

function abortedText(summary: RunSummary): string {
  const a = summary.gate.abortedBy!;
  const result = summary.workloads
    .flatMap((w) => w.thresholds)
    .find((t) => t.threshold === a.threshold && t.workload === a.workload && t.variant === a.variant && t.operation === a.operation);
  const measured = result ? formatMetricValue(result.metric, a.measured) : String(a.measured);
  const where = `${workloadLabel(a.workload, a.variant)} / ${scopeText(a.operation)}`;
  return `aborted: ${a.threshold} failed on ${where} ${formatLatency(a.atUs)} into the run (measured ${measured} on the rolling window)`;
}
