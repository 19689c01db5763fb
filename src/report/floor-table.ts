/** `mcp-bench calibrate`'s table: both floors side by side, and what a floor means. Pure: figures in, text out. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { CalibratedFloor, FloorFigures } from '../metrics/harness-types.js';
import { formatCount, formatLatency, formatRate } from './format.js';

export const FLOOR_MEANING =
  "The floor is what one echo call costs through mcp-bench's own client path when the server does no work: " +
  "a latency close to it is mostly mcp-bench's, not the server's, and no server is measured faster over a transport than its calls/s here.";

export function renderFloorTable(floor: CalibratedFloor, concurrency: number, options: { readonly color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const head = ['path', 'sequential calls', 'p50', 'p99', `calls/s (${concurrency} in flight)`];
  const table = new Table({
    head: head.map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'right', 'right', 'right', 'right'],
  });
  table.push(row('in-process (SDK in-memory transport)', floor.inMemory));
  if (floor.stdio) table.push(row('stdio (mcp-bench serve)', floor.stdio));
  const title = c.bold("mcp-bench calibrate · the harness's own floor on this machine") + c.dim(' · reference server echo, no latency');
  return `${title}\n\n${table.toString().replace(/^/gm, '  ')}\n\n${c.dim(`  ${FLOOR_MEANING}`)}\n`;
}

function row(name: string, f: FloorFigures): string[] {
  return [name, formatCount(f.calls), formatLatency(f.p50Us), formatLatency(f.p99Us), formatRate(f.callsPerSec)];
}
