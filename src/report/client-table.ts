import { formatBytes } from '../input/units.js';
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { ClientOperationSummary } from '../summary/client-summary.js';
import type { OperationSummary, WorkloadSummary } from '../summary/summary.js';
import { formatCount, formatCounted, formatLatency, formatPercent } from './format.js';
import { counterLine } from '../client/layers/counters.js';
import type { AnyFigures, Formats } from '../client/layers/declaration.js';
import { LAYER_LIST } from '../client/layers/registry.js';

type Column = { readonly head: string; readonly cell: (c: ClientOperationSummary) => string };
type Group = { readonly has: (c: ClientOperationSummary) => boolean; readonly columns: readonly Column[] };

const FORMATS: Formats = { count: formatCount, counted: formatCounted, latency: formatLatency, percent: formatPercent, bytes: formatBytes };

/** A layer's figures as the table shows them: its columns, read from its part of the operation's summary. */
function layerGroup(figures: AnyFigures): Group {
  const part = (c: ClientOperationSummary): unknown => (c as Readonly<Record<string, unknown>>)[figures.key];
  return {
    has: (c) => part(c) !== undefined,
    columns: figures.columns.map((column) => ({ head: column.head, cell: (c) => column.cell(part(c), FORMATS) })),
  };
}

/**
 * The columns of the client table, each group shown only when some operation has that feature's figures: the
 * layers' own (their declarations, in stack order), then the calls per endpoint and per session.
 */
const COLUMNS: readonly Group[] = [
  ...LAYER_LIST.flatMap((declaration) => (declaration.figures ? [layerGroup(declaration.figures)] : [])),
  { has: (c) => c.endpointCalls !== undefined, columns: [{ head: 'per endpoint', cell: (c) => shares(c.endpointCalls!) }] },
  { has: (c) => c.sessionCalls !== undefined, columns: [{ head: 'per session', cell: (c) => shares(c.sessionCalls!) }] },
  { has: (c) => c.poolWaitUs !== undefined, columns: [{ head: 'pool wait p50/p99', cell: (c) => `${FORMATS.latency(c.poolWaitUs!.p50)} / ${FORMATS.latency(c.poolWaitUs!.p99)}` }] },
];

/** The client layers' figures per operation, and each layer's own counters beneath. Empty when no layer was on. */
export function renderClientBlock(workload: WorkloadSummary, c: ChalkInstance): string[] {
  const rows = workload.operations.filter((op): op is OperationSummary & { client: ClientOperationSummary } => op.client !== undefined);
  if (rows.length === 0 || !workload.client) return [];
  const columns = COLUMNS.filter((group) => rows.some((op) => group.has(op.client))).flatMap((group) => group.columns);
  const lines: string[] = [];
  if (columns.length > 0) {
    const table = new Table({
      head: ['client', ...columns.map((col) => col.head)].map((h) => c.bold(h)),
      style: { head: [], border: [], compact: true },
      colAligns: ['left', ...columns.map(() => 'right' as const)],
    });
    for (const op of rows) table.push([op.name, ...columns.map((col) => (op.count === 0 ? '—' : col.cell(op.client)))]);
    lines.push(table.toString().replace(/^/gm, '  '));
  }
  lines.push(...clientLines(workload).map((text) => c.dim(`  ${text}`)));
  return lines;
}

/**
 * The lines under the client table, the same in every format (the workload view's `client`): one of each layer's own
 * counters (the layers whose figures are all in the table say nothing), each followed by its lines per key.
 */
export function clientLines(workload: WorkloadSummary): string[] {
  if (!workload.client) return [];
  const perKey = workload.client.perKey ?? {};
  return Object.entries(workload.client.layers).flatMap(([layer, stats]) => {
    const text = counterLine(layer, stats, FORMATS);
    return [...(text ? [text] : []), ...(perKey[layer] ?? []).map((row) => keyLine(layer, row.name, row.counters))];
  });
}

/**
 * `cache · tools/call lookup: 95.0% hits of 40 · holds 2 entries, 280 B · 1 evicted · 2 warmed, 1 failed`: what one
 * key (a tool, a resource URI, a prompt) of a layer did and holds at the end.
 */
function keyLine(layer: string, name: string, stats: Readonly<Record<string, number | string>>): string {
  const n = (key: string): number => Number(stats[key] ?? 0);
  const lookups = n('hits') + n('misses');
  const parts = [lookups === 0 ? 'no lookups' : `${formatPercent(n('hitRatio'))} hits of ${formatCount(lookups)}`];
  parts.push(`holds ${formatCounted(n('entries'), 'entry', 'entries')}, ${formatBytes(n('bytes'))}`);
  const gone = [...(n('evictions') > 0 ? [`${formatCount(n('evictions'))} evicted`] : []), ...(n('expirations') > 0 ? [`${formatCount(n('expirations'))} expired`] : [])];
  if (gone.length > 0) parts.push(gone.join(', '));
  if ('warmed' in stats) parts.push(`${formatCount(n('warmed'))} warmed${n('warmFailed') > 0 ? `, ${formatCount(n('warmFailed'))} failed` : ''}`);
  return `${layer} · ${name}: ${parts.join(' · ')}`;
}

function shares(calls: readonly number[]): string {
  const total = calls.reduce((a, b) => a + b, 0);
  return total === 0 ? '—' : calls.map((n) => `${Math.round((n / total) * 100)}%`).join(' ');
}

