import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { RunSummary, WorkloadSummary } from '../summary/summary.js';
import { speedupText } from './speedup.js';
import { renderClientBlock } from './client-table.js';
import { renderBaselineBlock, renderGateLines, renderThresholdLines } from './gate-table.js';
import { renderComparisonBlock } from './comparison-table.js';
import { floorLine } from './harness-text.js';
import { flexibleColumnWidth, MIN_TABLE_WIDTH, shortenMiddle, shortenStart, textWidth } from './fit.js';
import { SHARD_NUMERIC_COLUMNS, SHARDS_TITLE, shardsView, type ShardsView } from './shards-view.js';
import {
  LATENCY_COLUMNS,
  SERVICE_TIME_HEAD,
  headlineSegments,
  isStatusNote,
  workloadView,
  type Note,
  type OpenModelView,
  type OperationRow,
  type Tone,
  type WorkloadView,
} from './workload-view.js';

export interface TableOptions {
  readonly color: boolean;
  /**
   * The width to fit in (the terminal's, cli/outputs.ts): operation names are shortened in the middle and the target's
   * label at its start. Undefined: no limit — files, pipes and golden renders keep every name whole.
   */
  readonly width?: number;
}

/** What a bordered compact table adds around its cells' text: 2 padding per column, n + 1 borders, the indent. */
const tableOverhead = (columns: number): number => 3 * columns + 1 + 2;
/** An operation's name is never cut shorter than this: `tools/call…` still says what it is. */
const MIN_NAME_WIDTH = 12;

const HEAD = ['operation', 'calls', 'errors', 'calls/s', ...LATENCY_COLUMNS];

/**
 * The terminal report: one table per workload with its connection costs, failures and thresholds; then the baseline
 * check and the variants side by side; the gate's verdict last, where the eye lands when the run ends.
 */
export function renderTable(summary: RunSummary, options: TableOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const width = options.width === undefined ? undefined : Math.max(MIN_TABLE_WIDTH, options.width);
  const title = `mcp-bench · ${summary.scenario.name}`;
  const label = width === undefined ? summary.target.label : shortenStart(summary.target.label, Math.max(MIN_NAME_WIDTH, width - textWidth(title) - 3));
  const blocks = [c.bold(title) + c.dim(` · ${label}`)];
  summary.workloads.forEach((workload, index) => blocks.push(renderWorkload(workloadView(summary, index), workload, c, width)));
  const shards = shardsView(summary);
  if (shards) blocks.push(shardsBlock(shards, c));
  if (summary.gate.baseline) blocks.push(renderBaselineBlock(summary.gate.baseline, c));
  if (summary.comparison) blocks.push(renderComparisonBlock(summary.comparison, c));
  const floor = floorLine(summary.harness?.floor ?? null);
  if (floor) blocks.push(c.dim(floor));
  if (summary.partial) blocks.push(c.yellow(partialNote(summary)));
  const verdict = renderGateLines(summary, c);
  if (verdict.length > 0) blocks.push(verdict.join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

function partialNote(summary: RunSummary): string {
  const measured = summary.workloads.some((w) => w.total.count > 0);
  return measured ? 'Partial run: not every workload completed; figures cover what was measured.' : 'Nothing was measured.';
}

/** A workload's view in the terminal's layout; the client layers' block comes from the summary (client-table.ts). */
function renderWorkload(view: WorkloadView, workload: WorkloadSummary, c: ChalkInstance, width: number | undefined): string {
  const lines = [headline(view, c)];
  if (view.notRun) return [lines[0], `  ${c.dim(view.notRun)}`, ...renderThresholdLines(view.thresholds, c)].join('\n');
  lines.push(...view.facts.map((fact) => c.dim(`  ${fact}`)));
  if (view.operations.length > 0) lines.push(operationsTable(view.operations, c, width));
  if (view.openModel) lines.push(...openModelLines(view.openModel, c, width));
  for (const tenant of view.tenants) lines.push(c.dim(`  ${tenant.title}`), operationsTable(tenant.operations, c, width));
  lines.push(...renderClientBlock(workload, c));
  lines.push(...view.errors.map((e) => c.red(`  ${e.text}`)));
  lines.push(...view.notes.filter((n) => !isStatusNote(n)).flatMap((n) => noteLines(n, c)));
  if (view.speedup.length > 0) lines.push(`  ${speedupText(view.speedup)}`);
  lines.push(...view.notes.filter(isStatusNote).flatMap((n) => noteLines(n, c)));
  lines.push(...renderThresholdLines(view.thresholds, c));
  return lines.join('\n');
}

function headline(view: WorkloadView, c: ChalkInstance): string {
  const shape = headlineSegments(view.headline).map((s) => (s.tone ? paint(s.tone, c)(s.text) : c.dim(s.text))).join('');
  const engine = view.headline.engine ? ` ${c.magenta(`[${view.headline.engine}]`)}` : '';
  const variant = view.variant === undefined ? '' : `${c.bold.magenta(view.variant)} · `;
  return `${variant}${c.bold.cyan(view.name)}${engine} ${shape}`;
}

function paint(tone: Tone, c: ChalkInstance): (text: string) => string {
  return tone === 'bad' ? c.red : tone === 'warning' ? c.yellow : c.dim;
}

const SIGN: Readonly<Record<NonNullable<Note['sign']>, string>> = { fail: '✗ ', warn: '⚠ ' };

function noteLines(note: Note, c: ChalkInstance): string[] {
  const sign = note.sign ? SIGN[note.sign] : '';
  return [paint(note.tone, c)(`  ${sign}${note.text}`), ...note.detail.map((line) => c.dim(`    ${line}`))];
}

function operationsTable(rows: readonly OperationRow[], c: ChalkInstance, width: number | undefined): string {
  const table = new Table({
    head: HEAD.map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', ...HEAD.slice(1).map(() => 'right' as const)],
  });
  const plain = rows.map((row) => [row.name, row.calls, row.errors, row.callsPerSec, ...LATENCY_COLUMNS.map((col) => row.latency[col])]);
  const names = fittedNames(HEAD, plain, width);
  rows.forEach((row, i) => {
    const cells = [names[i] ?? row.name, row.calls, row.failed ? c.red(row.errors) : row.errors, row.callsPerSec, ...LATENCY_COLUMNS.map((col) => row.latency[col])];
    table.push(row.total ? cells.map((cell) => c.bold(cell)) : cells);
  });
  return indent(table.toString());
}

/** The first column's names, shortened in the middle so the table's rows fit in `width` (unchanged without one). */
function fittedNames(head: readonly string[], rows: readonly (readonly string[])[], width: number | undefined): string[] {
  const names = rows.map((row) => row[0] ?? '');
  if (width === undefined) return names;
  const natural = head.map((h, i) => Math.max(textWidth(h), ...rows.map((row) => textWidth(row[i] ?? ''))));
  const room = flexibleColumnWidth(natural, 0, tableOverhead(head.length), width, Math.max(MIN_NAME_WIDTH, textWidth(head[0] ?? '')));
  return names.map((name) => shortenMiddle(name, room));
}

/** Beneath an open-model workload's table: what its latency means, service time per operation, and send lag. */
function openModelLines(open: OpenModelView, c: ChalkInstance, width: number | undefined): string[] {
  const table = new Table({
    head: SERVICE_TIME_HEAD.map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', ...SERVICE_TIME_HEAD.slice(1).map(() => 'right' as const)],
  });
  const names = fittedNames(SERVICE_TIME_HEAD, open.serviceTime.map((row) => [row.name, ...row.cells, row.dropped]), width);
  open.serviceTime.forEach((row, i) => table.push([names[i] ?? row.name, ...row.cells, row.droppedAny ? c.yellow(row.dropped) : row.dropped]));
  return [c.dim(`  ${open.meaning}`), indent(table.toString()), c.dim(`  ${open.sendLag}`)];
}

/** The shards a merged report came from: one row each, then what is missing or late. */
function shardsBlock(view: ShardsView, c: ChalkInstance): string {
  const table = new Table({
    head: view.head.map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: view.head.map((_, i) => (SHARD_NUMERIC_COLUMNS.includes(i) ? ('right' as const) : ('left' as const))),
  });
  for (const row of view.rows) table.push(row.warn ? row.cells.map((cell) => c.yellow(cell)) : [...row.cells]);
  return [`${c.bold(SHARDS_TITLE)} ${c.dim(`· ${view.facts}`)}`, indent(table.toString()), ...view.notes.map((note) => c.yellow(`  ${note}`))].join('\n');
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}
