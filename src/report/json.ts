import type { RunSummary } from '../summary/summary.js';

/** The machine-readable report: the summary as written, versioned by `schemaVersion`. */
export function renderJson(summary: RunSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
