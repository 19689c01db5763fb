import type { BaselineSummary, RegressionCheck, ThresholdResult } from '../../thresholds/types.js';
import type { RunSummary } from '../../summary/summary.js';
import { formatCount } from '../format.js';
import { allowedText, changeInPoints, formatMetricValue, formatPoints, gateLines, limitText, measuredText, ratioNumber, verdictText } from '../gate-text.js';
import { esc, mark, table } from './markup.js';

/**
 * The verdict first: passed or failed, and why: each threshold ✓/✗ with measured against limit, the baseline
 * checks with their intervals, and the threshold that aborted the run, if one did. The wording is gate-text.ts's,
 * so a threshold reads the same here as in the terminal, the PR comment and the JUnit file.
 */
export function renderGate(summary: RunSummary): string {
  const gate = summary.gate;
  const lines = gateLines(summary);
  const parts = [`<h2>Gate</h2>`];
  if (lines.length === 0) {
    parts.push('<p class="verdict none">No thresholds or baseline were set: nothing gated this run.</p>');
    return `<section class="gate">${parts.join('')}</section>`;
  }
  parts.push(`<p class="verdict ${gate.passed ? 'passed' : 'failed'}">${mark(gate.passed)} ${gate.passed ? 'Passed' : 'Failed'}</p>`);
  parts.push(`<ul class="gate-lines">${lines.map((l) => `<li>${mark(l.passed)} ${esc(l.text)}</li>`).join('')}</ul>`);
  const thresholds = summary.workloads.flatMap((w) => w.thresholds);
  if (thresholds.length > 0) parts.push(`<h3>Thresholds</h3>${thresholdTable(thresholds)}`);
  if (gate.baseline) parts.push(baselineBlock(gate.baseline));
  return `<section class="gate">${parts.join('')}</section>`;
}

function where(r: { readonly workload: string; readonly variant?: string }): string {
  return r.variant === undefined ? esc(r.workload) : `${esc(r.workload)} <span class="variant">${esc(r.variant)}</span>`;
}

function thresholdTable(results: readonly ThresholdResult[]): string {
  const rows = results.map((r) => [
    mark(r.passed),
    where(r),
    r.operation === null ? '<span class="dim">all</span>' : esc(r.operation),
    `<code>${esc(r.threshold)}</code>`,
    r.passed ? esc(measuredText(r)) : `<span class="bad">${esc(measuredText(r))}</span>`,
    esc(limitText(r)),
    esc(formatCount(r.samples)),
    r.source === 'cli' ? '--threshold' : 'scenario',
  ]);
  return table(['', 'workload', 'operation', 'threshold', 'measured', 'limit', 'samples', 'from'], rows, [4, 5, 6], 'thresholds');
}

/** current / baseline as a ratio (latency, throughput) or a difference in points (error rate). */
function change(check: RegressionCheck, value: number | null): string {
  if (value === null) return '—';
  return changeInPoints(check) ? formatPoints(value) : `${ratioNumber(value)}×`;
}

function baselineBlock(baseline: BaselineSummary): string {
  const head = `<h3>Baseline <span class="dim">${esc(baseline.file)} · started ${esc(baseline.startedAt)}</span></h3>`;
  const rows = baseline.checks.map((c) => [
    `${mark(c.verdict === 'ok' || c.verdict === 'within-noise')} ${esc(verdictText(c.verdict))}`,
    where(c),
    esc(c.operation),
    esc(c.metric),
    esc(formatMetricValue(c.metric, c.baseline)),
    esc(formatMetricValue(c.metric, c.current)),
    esc(change(c, c.ratio)),
    c.interval ? esc(`${change(c, c.interval[0])} … ${change(c, c.interval[1])}`) : '—',
    esc(allowedText(c)),
  ]);
  const checks = table(['verdict', 'workload', 'operation', 'metric', 'baseline', 'current', 'change', '95% interval', 'allowed'], rows, [4, 5, 6, 7, 8], 'baseline');
  const unmatched = baseline.unmatched.length > 0 ? `<p class="dim">Not compared (on one side only): ${baseline.unmatched.map(esc).join(', ')}</p>` : '';
  const rule = '<p class="note">Regressed: worse than allowed <em>and</em> the 95% interval of the change, from the sampling noise of both runs, excludes "no change". Within noise: worse than allowed, but the interval reaches "no change".</p>';
  return head + checks + unmatched + rule;
}
