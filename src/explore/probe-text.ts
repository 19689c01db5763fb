/**
 * `mcp-bench probe`'s table, purely from its items: kind, name, outcome, latency (one call: its time; several: p50
 * and max), result size, and each item's notes (schema problems, why it was skipped) indented under its row.
 */
import { formatBytes, formatDuration } from '../input/units.js';
import type { ProbeItem } from './probe.js';

export function renderProbe(items: readonly ProbeItem[], times: number, width = 100): string {
  if (items.length === 0) return 'Nothing to probe: the server offers no tools, resources or prompts (or none was picked).\n';
  const latencyTitle = times > 1 ? 'p50 / max' : 'latency';
  const rows = items.map((item) => [item.kind, item.name, outcomeText(item), latencyText(item), item.bytes === null ? '—' : formatBytes(item.bytes)]);
  const header = ['kind', 'name', 'outcome', latencyTitle, 'size'];
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => (row[c] as string).length)));
  // The name column gives way first when the table is wider than the terminal.
  const others = widths.reduce((a, b) => a + b, 0) - (widths[1] as number) + 2 * (header.length - 1);
  widths[1] = Math.max(8, Math.min(widths[1] as number, width - others));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => fit(cell, widths[c] as number, c >= 3)).join('  ').trimEnd();
  const out = [line(header)];
  for (const [i, item] of items.entries()) {
    out.push(line(rows[i] as string[]));
    for (const note of item.notes) out.push(clip(`    ${item.outcome === 'skipped' ? 'skipped: ' : ''}${note}`, width));
  }
  out.push('', summaryLine(items));
  return `${out.join('\n')}\n`;
}

/** `ok`, `skipped`, or with several calls where some failed: `tool-error 2/5`. */
export function outcomeText(item: ProbeItem): string {
  if (item.outcome === 'skipped' || item.calls <= 1) return item.outcome;
  const failed = item.calls - (item.outcomes.ok ?? 0);
  return failed === 0 ? 'ok' : `${item.outcome} ${failed}/${item.calls}`;
}

function latencyText(item: ProbeItem): string {
  if (item.latency === null) return '—';
  if (item.calls <= 1) return formatDuration(item.latency.maxUs);
  return `${formatDuration(item.latency.p50Us)} / ${formatDuration(item.latency.maxUs)}`;
}

/** `5 probed: 4 ok, 1 failed; 2 skipped`. */
export function summaryLine(items: readonly ProbeItem[]): string {
  const skipped = items.filter((item) => item.outcome === 'skipped').length;
  const probed = items.length - skipped;
  const ok = items.filter((item) => item.outcome === 'ok').length;
  return `${probed} probed: ${ok} ok, ${probed - ok} failed${skipped > 0 ? `; ${skipped} skipped` : ''}`;
}

function fit(cell: string, width: number, right: boolean): string {
  const text = cell.length > width ? `${cell.slice(0, width - 1)}…` : cell;
  return right ? text.padStart(width) : text.padEnd(width);
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
