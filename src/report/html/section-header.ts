import { formatBytes } from '../../input/units.js';
import type { RunSummary } from '../../summary/summary.js';
import { formatLatency } from '../format.js';
import { failureText } from '../workload-view.js';
import { esc } from './markup.js';

/** The page's head: what ran against what, when, with which tool on which machine. */
export function renderHeader(summary: RunSummary): string {
  const env = summary.environment;
  const durationUs = (Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)) * 1000;
  const facts: [string, string][] = [
    ['target', summary.target.label],
    ['scenario file', summary.scenario.file ?? '(none)'],
    ['started', `${summary.startedAt} (ran ${Number.isFinite(durationUs) ? formatLatency(durationUs) : '?'})`],
    ['tool', `${summary.tool.name} ${summary.tool.version} · report schema ${summary.schemaVersion}`],
    ['environment', `Node ${env.node} · ${env.platform}/${env.arch} ${env.osRelease} · ${env.cpus.count} × ${env.cpus.model} · ${formatBytes(env.memoryBytes)}`],
  ];
  const dl = facts.map(([term, value]) => `<dt>${esc(term)}</dt><dd>${esc(value)}</dd>`).join('');
  return `<header><h1>mcp-bench · ${esc(summary.scenario.name)}</h1><dl class="facts">${dl}</dl>${runNotes(summary)}</header>`;
}

/** Partial and interrupted runs, a fatal failure and the run's warnings: said before any figure is read. */
function runNotes(summary: RunSummary): string {
  const notes: string[] = [];
  if (summary.interrupted) notes.push('<p class="warn">Interrupted: figures cover the calls made before the stop.</p>');
  else if (summary.partial) notes.push('<p class="warn">Partial run: not every workload completed; figures cover what was measured.</p>');
  if (summary.failure) notes.push(`<p class="bad">✗ ${esc(failureText(summary.failure))}</p>`);
  if (summary.warnings.length > 0) {
    notes.push(`<ul class="warnings">${summary.warnings.map((w) => `<li>⚠ ${esc(w)}</li>`).join('')}</ul>`);
  }
  return notes.join('');
}

