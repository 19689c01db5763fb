import type { BaselineSummary } from '../thresholds/types.js';
import type { ComparisonRow, ComparisonSummary } from '../summary/comparison.js';
import type { OperationSummary, RunSummary, WorkloadSummary } from '../summary/summary.js';
import { comparisonFigures, groupByWorkload } from './comparison-table.js';
import { coldStartText } from '../summary/cold-start.js';
import { serverResourcesText } from '../metrics/server-resources.js';
import { harnessLine, saturationWarning } from './harness-text.js';
import { formatCount, formatLatency, formatPercent, formatRate } from './format.js';
import {
  allowedText,
  changeText,
  comparisonLegend,
  formatMetricValue,
  formatPoints,
  gateLines,
  limitText,
  measuredText,
  ratioEstimateText,
  scopeText,
  verdictText,
} from './gate-text.js';
import { workloadLabel } from '../summary/workload-label.js';

/**
 * The GitHub-flavoured Markdown report, for PR comments and `$GITHUB_STEP_SUMMARY`: the verdict first (what a reader
 * of a PR comment wants), then per workload its operations and thresholds, the baseline check, the variants side by
 * side, and warnings. Every name and value from the run is escaped: operation names may hold `|`, backticks or `<`.
 */
export function renderMarkdown(summary: RunSummary): string {
  const blocks = [`## mcp-bench · ${esc(summary.scenario.name)}`];
  const verdict = gateLines(summary).map((line) => `- ${line.passed ? PASS : FAIL} ${esc(line.text)}`);
  if (verdict.length > 0) blocks.push(verdict.join('\n'));
  blocks.push(esc(`${summary.target.label} · started ${summary.startedAt} · mcp-bench ${summary.tool.version}`));
  if (summary.partial) blocks.push(`> ⚠️ ${esc(partialNote(summary))}`);
  const spawned = summary.target.kind === 'builtin' || summary.target.kind === 'stdio';
  for (const workload of summary.workloads) blocks.push(workloadBlock(workload, spawned));
  if (summary.gate.baseline) blocks.push(baselineBlock(summary.gate.baseline));
  if (summary.comparison) blocks.push(comparisonBlock(summary.comparison));
  if (summary.warnings.length > 0) blocks.push(['### Warnings', '', ...summary.warnings.map((w) => `- ${esc(w)}`)].join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

const PASS = '✅';
const FAIL = '❌';

/** Backslash-escapes what Markdown (and GitHub's extensions: tables, math, strikethrough) would read as syntax. */
export function esc(text: string): string {
  // `@name` in a PR comment would notify someone: the entity renders as @ without mentioning.
  return text.replace(/[\\`*_{}[\]<>|~&$#!]/g, '\\$&').replace(/@/g, '&#64;').replace(/\r?\n/g, ' ');
}

function partialNote(summary: RunSummary): string {
  const measured = summary.workloads.some((w) => w.total.count > 0);
  return measured ? 'Partial run: not every workload completed; figures cover what was measured.' : 'Nothing was measured.';
}

/** A table from rows of already-escaped cells; `align` per column: l or r. */
function table(head: readonly string[], align: string, rows: readonly (readonly string[])[]): string {
  const rule = [...align].map((a) => (a === 'r' ? '--:' : ':--'));
  return [head, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function workloadBlock(workload: WorkloadSummary, spawned: boolean): string {
  const lines = [`### ${esc(workloadLabel(workload.name, workload.variant))}`, ''];
  if (workload.status === 'not-run') {
    lines.push('not run');
  } else {
    lines.push(esc(shape(workload)));
    const coldStart = coldStartText(workload.coldStart, spawned);
    if (coldStart) lines.push('', `_${esc(coldStart)}_`);
    if (workload.serverResources) lines.push('', `_${esc(serverResourcesText(workload.serverResources, workload.sessions.length))}_`);
    if (workload.total.count > 0) lines.push('', operationsTable(workload));
    for (const op of workload.operations.filter((o) => Object.keys(o.errors).length > 0)) {
      const kinds = Object.entries(op.errors).map(([kind, n]) => `${kind} ×${formatCount(n)}`);
      lines.push('', esc(`errors · ${op.name}: ${kinds.join(', ')}`));
    }
    for (const note of workload.engineNotes ?? []) lines.push('', `note: ${esc(note)}`);
    if (workload.failure) lines.push('', `${FAIL} ${esc(`${workload.failure.message} (${workload.failure.code})`)}`);
    if (workload.status === 'interrupted') lines.push('', 'interrupted: figures cover the calls made before the stop');
    if (workload.harness) lines.push('', ...harnessLines(workload.harness));
  }
  if (workload.thresholds.length > 0) lines.push('', thresholdsTable(workload));
  return lines.join('\n');
}

/** mcp-bench's own load while measuring, and the warning when it may have been the bottleneck. */
function harnessLines(harness: NonNullable<WorkloadSummary['harness']>): string[] {
  const warning = saturationWarning(harness);
  return [`_${esc(harnessLine(harness))}_`, ...(warning ? ['', `> ⚠️ ${esc(warning)}`] : [])];
}

function shape(workload: WorkloadSummary): string {
  const kind = workload.type === 'sequential' ? 'sequential' : `${workload.type} · ${workload.concurrency} in flight`;
  const counted = workload.connection ? ` · ${formatCount(workload.total.count)} calls in ${formatLatency(workload.durationUs)}` : '';
  const warm = workload.total.warmupCalls > 0 ? ` (+${formatCount(workload.total.warmupCalls)} warmup)` : '';
  const engine = workload.engine === 'autocannon' ? ' · autocannon engine' : '';
  return `${kind}${counted}${warm}${engine}`;
}

function operationsTable(workload: WorkloadSummary): string {
  const ops = workload.operations.length > 1 ? [...workload.operations, workload.total] : workload.operations;
  const head = ['operation', 'calls', 'errors', 'calls/s', 'p50', 'p90', 'p99', 'p99.9', 'max'];
  return table(head, 'lrrrrrrrr', ops.map((op) => operationRow(op, op === workload.total)));
}

function operationRow(op: OperationSummary, total: boolean): string[] {
  const errors = op.count - op.ok;
  const l = op.latencyUs;
  const latencies = [l.p50, l.p90, l.p99, l.p999, l.max].map((us) => (op.count === 0 ? '—' : formatLatency(us)));
  const cells = [op.name, formatCount(op.count), errors === 0 ? '0' : `${formatCount(errors)} (${formatPercent(op.errorRate)})`, formatRate(op.throughputPerSec), ...latencies];
  return cells.map((cell) => (total ? `**${esc(cell)}**` : esc(cell)));
}

function thresholdsTable(workload: WorkloadSummary): string {
  const rows = workload.thresholds.map((t) => {
    const measured = t.passed ? measuredText(t) : `${measuredText(t)} · limit ${limitText(t)}`;
    return [t.passed ? PASS : FAIL, esc(t.threshold), esc(scopeText(t.operation)), esc(measured)];
  });
  return table(['', 'threshold', 'scope', 'measured'], 'llll', rows);
}

function baselineBlock(baseline: BaselineSummary): string {
  const allowed = baseline.tolerances.map((t) => `${t.metric} ${allowedText(t)}`).join(', ') || 'none';
  const lines = [`### Baseline · ${esc(baseline.file)}`, '', esc(`run ${baseline.startedAt} · allowed: ${allowed}`)];
  if (baseline.checks.length > 0) {
    const rows = baseline.checks.map((check) => [
      esc(workloadLabel(check.workload, check.variant)),
      esc(check.operation),
      esc(check.metric),
      esc(`${formatMetricValue(check.metric, check.baseline)} → ${formatMetricValue(check.metric, check.current)}`),
      esc(changeText(check)),
      esc(allowedText(check)),
      `${VERDICT_MARK[check.verdict]} ${verdictText(check.verdict)}`,
    ]);
    lines.push('', table(['workload', 'operation', 'metric', 'baseline → current', 'ratio [95%]', 'allowed', 'verdict'], 'lllrrrl', rows));
  }
  if (baseline.unmatched.length > 0) lines.push('', `not compared (in one report only): ${baseline.unmatched.map(esc).join(', ')}`);
  return lines.join('\n');
}

const VERDICT_MARK: Readonly<Record<string, string>> = { ok: PASS, 'within-noise': '≈', regressed: FAIL, 'no-samples': FAIL };

function comparisonBlock(comparison: ComparisonSummary): string {
  const [first = '', ...rest] = comparison.variants;
  const lines = [`### Comparison · ${esc(first)} (reference) vs ${rest.map(esc).join(', ')}`];
  for (const [workload, rows] of groupByWorkload(comparison.rows)) {
    lines.push('', `#### ${esc(workload)}`, '', comparisonTable(rows, first));
  }
  lines.push('', ...comparisonLegend(comparison).map((line) => `_${esc(line)}_  `));
  for (const note of comparison.notes) lines.push(`note: ${esc(note)}  `);
  return lines.join('\n').replace(/ {2}$/, '');
}

function comparisonTable(rows: readonly ComparisonRow[], reference: string): string {
  const out: string[][] = [];
  for (const row of rows) {
    row.cells.forEach((cell, index) => {
      out.push([index === 0 ? esc(row.operation) : '', esc(cell.variant), ...comparisonFigures(cell).map(esc)]);
      const vs = cell.vsFirst;
      if (vs) {
        const ratios = [ratioEstimateText(vs.p50), ratioEstimateText(vs.p99), ratioEstimateText(vs.throughput), vs.errorRateDelta === null ? '—' : formatPoints(vs.errorRateDelta)];
        out.push(['', `_vs ${esc(reference)}_`, ...ratios.map(esc)]);
      }
    });
  }
  return table(['operation', 'variant', 'p50', 'p99', 'calls/s', 'errors'], 'llrrrr', out);
}
