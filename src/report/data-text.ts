/**
 * The reporters' words for a workload's data files (WorkloadSummary.data): one line per file beneath the headline, the
 * same in every format (workload-view.ts puts them among the workload's facts). The file by its path as written, never
 * its contents.
 */
import type { DataUse } from '../traffic/data-rows.js';
import { formatCount, formatCounted } from './format.js';

/**
 * `data data/items.csv: once each (then stop) · 500 of 500 rows used · 500 calls given a row · every row was used, so
 * the workload stopped early`; a tenant's file says whose it is: `data data/acme.csv (tenant acme): …`.
 */
export function dataLine(use: DataUse): string {
  const order = use.order === 'once' ? `once each (then ${use.exhausted})` : use.order === 'random' ? 'random rows (seeded)' : 'rows in order';
  const owner = use.tenant === undefined ? '' : ` (tenant ${use.tenant})`;
  const rows = use.rowsUsed === null
    ? `${formatCounted(use.rows, 'row')}, rows used not added up (a row may repeat across shards or rounds)`
    : `${formatCount(use.rowsUsed)} of ${formatCounted(use.rows, 'row')} used`;
  const parts = [`data ${use.file}${owner}: ${order}`, rows, `${formatCounted(use.calls, 'call')} given a row`];
  if (use.stoppedEarly) parts.push('every row was used, so the workload stopped early');
  return parts.join(' · ');
}
