import type { BaselineSummary } from '../thresholds/types.js';
import type { ComparisonRow, ComparisonSummary } from '../summary/comparison.js';
import type { RunSummary } from '../summary/summary.js';
import { comparisonFigures, groupByWorkload } from './comparison-table.js';
import { allowedText, changeText, comparisonLegend, formatMetricValue, formatPoints, gateLines, ratioEstimateText, verdictText } from './gate-text.js';
import {
  SERVICE_TIME_HEAD,
  headlineText,
  isStatusNote,
  workloadViews,
  type LatencyColumn,
  type Note,
  type OpenModelView,
  type OperationRow,
  type ThresholdRow,
  type WorkloadView,
} from './workload-view.js';
import { workloadLabel } from '../summary/workload-label.js';
import { SHARD_NUMERIC_COLUMNS, shardsView, type ShardsView } from './shards-view.js';

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
  for (const view of workloadViews(summary)) blocks.push(workloadBlock(view));
  const shards = shardsView(summary);
  if (shards) blocks.push(shardsBlock(shards));
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

function workloadBlock(view: WorkloadView): string {
  const engine = view.headline.engine ? ` · ${view.headline.engine}` : '';
  const blocks = [`### ${esc(view.label)}`, esc(`${headlineText(view.headline)}${engine}`)];
  if (view.notRun) {
    blocks.push(view.notRun);
  } else {
    blocks.push(...view.facts.map(dim));
    if (view.operations.length > 0) blocks.push(operationsTable(view.operations));
    if (view.openModel) blocks.push(...openModelBlocks(view.openModel));
    for (const tenant of view.tenants) blocks.push(dim(tenant.title), operationsTable(tenant.operations));
    blocks.push(...view.client.map(dim));
    blocks.push(...view.errors.map((e) => esc(e.text)));
    blocks.push(...view.notes.filter((n) => !isStatusNote(n)).map(noteBlock));
    if (view.speedup.length > 0) blocks.push(speedupBlock(view.speedup));
    blocks.push(...view.notes.filter(isStatusNote).map(noteBlock));
  }
  if (view.thresholds.length > 0) blocks.push(thresholdsTable(view.thresholds));
  return blocks.join('\n\n');
}

/** Markdown has no grey: what the other formats dim is in italics. */
function dim(text: string): string {
  return `_${esc(text)}_`;
}

const SIGN: Readonly<Record<NonNullable<Note['sign']>, string>> = { fail: `${FAIL} `, warn: '> ⚠️ ' };

/** A note as a paragraph: dim ones in italics, with its sign; the lines beneath it (server stderr) as dim lines. */
function noteBlock(note: Note): string {
  const text = note.tone === 'dim' ? dim(note.text) : esc(note.text);
  const head = `${note.sign ? SIGN[note.sign] : ''}${text}`;
  return note.detail.length === 0 ? head : `${head}\n\n${note.detail.map(dim).join('  \n')}`;
}

/** The speed-up line; with several shared operations, one list item each beneath it. */
function speedupBlock([head = '', ...perOperation]: readonly string[]): string {
  return perOperation.length === 0 ? esc(head) : [esc(head), '', ...perOperation.map((line) => `- ${esc(line)}`)].join('\n');
}

/** The latency columns a PR comment has room for (p95 and mean left out; the other formats show them). */
const MARKDOWN_LATENCY: readonly LatencyColumn[] = ['p50', 'p90', 'p99', 'p99.9', 'max'];

function operationsTable(rows: readonly OperationRow[]): string {
  const head = ['operation', 'calls', 'errors', 'calls/s', ...MARKDOWN_LATENCY];
  return table(head, `l${'r'.repeat(head.length - 1)}`, rows.map(operationRow));
}

function operationRow(row: OperationRow): string[] {
  const cells = [row.name, row.calls, row.errors, row.callsPerSec, ...MARKDOWN_LATENCY.map((column) => row.latency[column])];
  return cells.map((cell) => (row.total ? `**${esc(cell)}**` : esc(cell)));
}

/** Beneath an open-model workload's operations: what its latency means, service time per operation, send lag. */
function openModelBlocks(open: OpenModelView): string[] {
  const rows = open.serviceTime.map((row) => [row.name, ...row.cells, row.dropped].map(esc));
  return [dim(open.meaning), table([...SERVICE_TIME_HEAD], 'lrrrrr', rows), dim(open.sendLag)];
}

function thresholdsTable(thresholds: readonly ThresholdRow[]): string {
  const rows = thresholds.map((t) => {
    const measured = t.limit === null ? t.measured : `${t.measured} · ${t.limit}`;
    return [t.passed ? PASS : FAIL, esc(t.threshold), esc(t.scope), esc(measured)];
  });
  return table(['', 'threshold', 'scope', 'measured'], 'llll', rows);
}

/** The shards a merged report came from: one row each, then what is missing or late. */
function shardsBlock(view: ShardsView): string {
  const align = view.head.map((_, i) => (SHARD_NUMERIC_COLUMNS.includes(i) ? 'r' : 'l')).join('');
  const rows = view.rows.map((row) => row.cells.map((cell, i) => (row.warn && i === 0 ? `⚠️ ${esc(cell)}` : esc(cell))));
  return ['### Shards', '', dim(view.facts), '', table(view.head, align, rows), ...view.notes.map((note) => `\n> ⚠️ ${esc(note)}`)].join('\n');
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
