/**
 * What every format says about the shards a merged report came from (`summary.shards`): a title line, one row per
 * shard (where it started against the planned start, its calls, errors, calls/s, worst p99 and the harness), and which
 * shards are missing or were late. Worded once here; table, Markdown and HTML only add markup.
 */
import type { ShardRow, ShardsSummary } from '../summary/shard-info.js';
import type { RunSummary } from '../summary/summary.js';
import { formatCount, formatLatency, formatPercent, formatRate } from './format.js';

export interface ShardsView {
  /** `3 of 3 merged · plan 1a2b3c · start 2026-01-02T03:04:05.000Z` */
  readonly facts: string;
  readonly head: readonly string[];
  readonly rows: readonly ShardRowView[];
  /** Missing shards and late starts, said in words beneath the table. */
  readonly notes: readonly string[];
}

export interface ShardRowView {
  readonly cells: readonly string[];
  /** The row is worth a warning colour: started late, or its generator was saturated. */
  readonly warn: boolean;
}

export const SHARDS_TITLE = 'shards';

/** Which columns are figures (right-aligned). */
export const SHARD_NUMERIC_COLUMNS: readonly number[] = [2, 3, 4, 5, 6];

const HEAD = ['shard', 'report', 'start offset', 'calls', 'errors', 'calls/s', 'worst p99', 'harness'];

export function shardsView(summary: RunSummary): ShardsView | null {
  const shards = summary.shards;
  if (!shards) return null;
  const start = shards.startAt === null ? 'no synchronised start' : `start ${shards.startAt}`;
  return {
    facts: `${shards.rows.length} of ${shards.count} merged · plan ${shards.planHash} · ${start}`,
    head: HEAD,
    rows: shards.rows.map((row) => ({ cells: rowCells(row, shards.count), warn: row.late || row.harness?.saturated === true })),
    notes: notesOf(shards),
  };
}

function rowCells(row: ShardRow, count: number): string[] {
  const errors = row.errors === 0 ? '0' : `${formatCount(row.errors)} (${formatPercent(row.calls === 0 ? 0 : row.errors / row.calls)})`;
  return [
    `${row.index}/${count}`,
    row.file,
    offsetText(row),
    formatCount(row.calls),
    errors,
    formatRate(row.throughputPerSec),
    row.calls === 0 ? '—' : formatLatency(row.p99Us),
    harnessText(row),
  ];
}

/** `+1.50ms`, `−320µs`, `+2.50s late`, or `—` without a synchronised start. */
function offsetText(row: ShardRow): string {
  if (row.startOffsetUs === null) return row.late ? 'late' : '—';
  const sign = row.startOffsetUs < 0 ? '−' : '+';
  return `${sign}${formatLatency(Math.abs(row.startOffsetUs))}${row.late ? ' late' : ''}`;
}

function harnessText(row: ShardRow): string {
  if (!row.harness) return '—';
  return `CPU ${Math.round(row.harness.cpuPercent)}%${row.harness.saturated ? ' · saturated' : ''}`;
}

function notesOf(shards: ShardsSummary): string[] {
  const notes: string[] = [];
  if (shards.missing.length > 0) {
    const list = shards.missing.map((i) => `${i}/${shards.count}`).join(', ');
    notes.push(`missing: shard${shards.missing.length === 1 ? '' : 's'} ${list}; the figures cover the shards merged only`);
  }
  const late = shards.rows.filter((row) => row.late);
  if (late.length > 0) notes.push(`late: ${late.map((row) => `${row.index}/${shards.count}`).join(', ')} started after the others; their load did not overlap as planned`);
  return notes;
}
