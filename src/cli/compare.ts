/**
 * `mcp-bench compare a.json b.json …`: saved reports side by side, each operation's figures and its ratio to the
 * first report. Saved reports carry no rounds, so the intervals cover each run's sampling noise only (the output says
 * so); for run-to-run drift, run `variants:` with `compare: { rounds }`.
 */
import path from 'node:path';
import { compareReports, nothingInCommon, type NothingInCommon } from '../compare/from-reports.js';
import type { RunSummary } from '../summary/summary.js';
import { loadReport } from '../report/load-report.js';
import { VERSION } from '../version.js';
import { useColor } from './color.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { deliver, planOutputs, type OutputFlags } from './outputs.js';

export interface CompareFlags extends OutputFlags {
  readonly json?: boolean;
  readonly color: boolean;
  readonly quiet?: boolean;
}

export async function compareCommand(files: readonly string[], flags: CompareFlags, io: CliIo): Promise<ExitCode> {
  if (files.length < 2) return bad(io, 'compare needs at least two reports, e.g. mcp-bench compare reports/a.json reports/b.json');
  const reports: { label: string; summary: RunSummary }[] = [];
  for (const file of files) {
    const loaded = await loadReport(path.resolve(io.cwd, file));
    if (!loaded.ok) return bad(io, `${loaded.message}${loaded.hint ? `\n  hint: ${loaded.hint}` : ''}`);
    reports.push({ label: uniqueLabel(file, reports.map((r) => r.label)), summary: loaded.summary });
  }
  const apart = nothingInCommon(reports);
  if (apart.length > 0) return bad(io, nothingToCompare(reports[0]!.label, apart));
  const summary = comparisonSummary(reports, files);
  // Files only when asked for (`-o`, `--format`): a comparison is usually read in the terminal.
  const wanted = (flags.out?.length ?? 0) > 0 || (flags.format?.length ?? 0) > 0;
  const outputs = wanted ? await planOutputs(flags, io.cwd, 'compare', new Date()) : null;
  if (outputs && !outputs.ok) return bad(io, outputs.error);
  const how = { json: flags.json === true, color: useColor(io.stdout, io, flags.color), listFiles: !flags.quiet };
  return (await deliver(summary, outputs?.plan.files ?? [], how, io)) ? ExitCode.Ok : ExitCode.TargetFailed;
}

/** A report-shaped summary holding only the comparison, so every reporter renders it as it renders a variants run. */
function comparisonSummary(reports: readonly { label: string; summary: RunSummary }[], files: readonly string[]): RunSummary {
  const first = reports[0]!.summary;
  return {
    ...first,
    tool: { name: 'mcp-bench', version: VERSION },
    scenario: { name: `compare ${reports.map((r) => r.label).join(' vs ')}`, file: null, definition: { compare: files }, resolved: null },
    target: { ...first.target, label: `saved reports: ${files.join(', ')}` },
    workloads: [],
    partial: false,
    interrupted: false,
    failure: null,
    warnings: reports.filter((r) => r.summary.partial).map((r) => `${r.label} is a partial run: its figures cover what was measured`),
    gate: { passed: true, thresholds: { passed: 0, failed: 0 }, baseline: null, abortedBy: null },
    comparison: compareReports(reports),
  };
}

/** `nothing to compare: b has no workload in common with a (a: x, y; b: z)`, one line per such report, and a hint. */
function nothingToCompare(first: string, apart: readonly NothingInCommon[]): string {
  const list = (names: readonly string[]): string => (names.length === 0 ? 'no workloads' : names.join(', '));
  const lines = apart.map((a) => `nothing to compare: ${a.label} has no workload in common with ${first} (${first}: ${list(a.firstWorkloads)}; ${a.label}: ${list(a.workloads)})`);
  return [...lines, '  hint: compare reports of the same scenario (workloads, variants and operations matched by name and arguments)'].join('\n');
}

/** The file name without `.json`; a parent folder is added when two reports share a name. */
function uniqueLabel(file: string, taken: readonly string[]): string {
  const base = path.basename(file).replace(/\.json$/i, '');
  if (!taken.includes(base)) return base;
  const withParent = path.join(path.basename(path.dirname(path.resolve(file))), base);
  return taken.includes(withParent) ? file : withParent;
}

function bad(io: CliIo, message: string): ExitCode {
  io.stderr.write(`mcp-bench: ${message}\n`);
  return ExitCode.BadInput;
}
