import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { BaselineSummary, RegressionCheck } from '../thresholds/types.js';
import type { RunSummary } from '../summary/summary.js';
import { allowedText, changeText, formatMetricValue, gateLines, verdictText } from './gate-text.js';
import type { ThresholdRow } from './view-notes.js';
import { workloadLabel } from '../summary/workload-label.js';

/**
 * The terminal's gate blocks: a workload's thresholds beneath its tables, the baseline check after all workloads,
 * and the verdict that decides exit code 1 as the last lines of the report.
 */

/** One aligned line per threshold: mark, text as written, scope, measured value, and the limit when it failed. */
export function renderThresholdLines(rows: readonly ThresholdRow[], c: ChalkInstance): string[] {
  if (rows.length === 0) return [];
  const cells = rows.map((r) => [r.threshold, r.scope, r.measured]);
  const widths = [0, 1, 2].map((i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  const lines = rows.map((r, index) => {
    const [text = '', scope = '', measured = ''] = (cells[index] ?? []).map((cell, i) => cell.padEnd(widths[i] ?? 0));
    const mark = r.passed ? c.green('✓') : c.red('✗');
    const tail = r.limit === null ? c.dim(measured.trimEnd()) : `${c.red(measured)}   ${r.limit}`;
    return `    ${mark} ${text}   ${c.dim(scope)}   ${tail}`.trimEnd();
  });
  return [c.dim('  thresholds:'), ...lines];
}

/** Every check against the baseline report, regressions in red, noise dimmed, then what could not be compared. */
export function renderBaselineBlock(baseline: BaselineSummary, c: ChalkInstance): string {
  const allowed = baseline.tolerances.map((t) => `${t.metric} ${allowedText(t)}`).join(', ');
  const lines = [`${c.bold('baseline')} ${baseline.file} ${c.dim(`(run ${baseline.startedAt}) · allowed: ${allowed || 'none'}`)}`];
  if (baseline.checks.length > 0) {
    const table = new Table({
      head: ['workload', 'operation', 'metric', 'baseline → current', 'ratio [95%]', 'allowed', 'verdict'].map((h) => c.bold(h)),
      style: { head: [], border: [], compact: true },
      colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'left'],
    });
    for (const check of baseline.checks) table.push(checkRow(check, c));
    lines.push(table.toString().replace(/^/gm, '  '));
  }
  if (baseline.unmatched.length > 0) lines.push(c.dim(`  not compared (in one report only): ${baseline.unmatched.join(', ')}`));
  return lines.join('\n');
}

function checkRow(check: RegressionCheck, c: ChalkInstance): string[] {
  const paint = check.verdict === 'regressed' || check.verdict === 'no-samples' ? c.red : check.verdict === 'within-noise' ? c.dim : (s: string) => s;
  const values = `${formatMetricValue(check.metric, check.baseline)} → ${formatMetricValue(check.metric, check.current)}`;
  const mark = check.verdict === 'ok' ? c.green('✓ ') : check.verdict === 'within-noise' ? '  ' : c.red('✗ ');
  return [
    workloadLabel(check.workload, check.variant),
    check.operation,
    check.metric,
    values,
    paint(changeText(check)),
    allowedText(check),
    mark + paint(verdictText(check.verdict)),
  ];
}

/** The verdict: `✓ all 12 thresholds passed`, `✗ baseline: 1 regression …`, an abort. Empty when nothing gated. */
export function renderGateLines(summary: RunSummary, c: ChalkInstance): string[] {
  return gateLines(summary).map((line) => (line.passed ? c.green(`✓ ${line.text}`) : c.red.bold(`✗ ${line.text}`)));
}
