/**
 * A capacity search as data (the `--json` output and `-o file.json`) and as words: the knee in one line, and the
 * table of every step in the order it ran. Pure.
 */
import { formatDuration, formatRate } from '../input/units.js';
import { VERSION } from '../version.js';
import type { SearchResult, SearchSettings, StopReason } from './search.js';
import type { Slo, SloMetric } from './slo.js';
import type { Step } from './step.js';

export interface CapacityReport {
  readonly kind: 'mcp-bench capacity';
  readonly version: string;
  /** The target as the report shows it (secrets hidden). */
  readonly target: string;
  readonly slos: readonly { readonly text: string; readonly metric: SloMetric; readonly limit: number }[];
  readonly settings: SearchSettings & { readonly stepUs: number; readonly warmupUs: number };
  /** Every step in the order it ran. */
  readonly steps: readonly Step[];
  readonly result: {
    readonly stop: StopReason;
    /** The knee: the highest rate that passed (null: none did). */
    readonly lastPassPerSec: number | null;
    readonly firstFailPerSec: number | null;
    readonly aboutPerSec: number | null;
    readonly aborted: string | null;
    /** The result in one line, as printed. */
    readonly line: string;
  };
}

export function capacityReport(target: string, slos: readonly Slo[], settings: CapacityReport['settings'], search: SearchResult<Step>): CapacityReport {
  const { steps, stop, lastPassPerSec, firstFailPerSec, aboutPerSec, aborted } = search;
  return {
    kind: 'mcp-bench capacity',
    version: VERSION,
    target,
    slos: slos.map((slo) => ({ text: slo.text, metric: slo.metric, limit: slo.limit })),
    settings,
    steps,
    result: { stop, lastPassPerSec, firstFailPerSec, aboutPerSec, aborted, line: resultLine(search, settings) },
  };
}

const rate = (perSec: number): string => `${formatRate(perSec)}/s`;

/** The knee in one line, saying how it was found and how sure it is. */
export function resultLine(search: Omit<SearchResult<Step>, 'steps'>, settings: SearchSettings): string {
  const pass = search.lastPassPerSec;
  const fail = search.firstFailPerSec;
  const between = pass !== null && fail !== null ? `: passes at ${rate(pass)}, fails at ${rate(fail)} (bracket ${(((fail - pass) / pass) * 100).toFixed(1)}% wide)` : '';
  switch (search.stop) {
    case 'bracketed':
      return `knee ${rate(pass as number)}${between}`;
    case 'inconclusive': {
      const clear = pass === null ? 'no rate passed beyond noise' : `highest clear pass ${rate(pass)}`;
      return `knee about ${rate(search.aboutPerSec as number)}, within noise: that step's interval straddles the SLO's limit (${clear}${fail === null ? '' : `, first fail ${rate(fail)}`})`;
    }
    case 'max-reached':
      return `no knee up to the ceiling: passes at --max ${rate(settings.maxPerSec)}; raise --max to search higher`;
    case 'first-step-failed':
      return `no knee: even the start rate ${rate(fail as number)} fails the SLO; lower --start`;
    case 'step-budget':
      return pass === null
        ? 'no knee: the step budget ran out before any step passed'
        : `knee at least ${rate(pass)}${fail === null ? '' : `, below ${rate(fail)}`}: the step budget (${settings.maxSteps}) ran out before the bracket was within ${(settings.precision * 100).toFixed(0)}%`;
    case 'aborted':
      return `stopped: a step could not run: ${search.aborted ?? 'unknown reason'}${pass === null ? '' : ` (highest pass so far ${rate(pass)})`}`;
  }
}

const HEADERS = ['step', 'target', 'achieved', 'p50', 'p99', 'errors', 'dropped', 'verdict', 'why'] as const;

/** One row per step, in order: target and achieved rate, p50/p99 from the scheduled start, error rate, drops, verdict. */
export function stepRows(steps: readonly Step[]): string[][] {
  return steps.map((step, index) => [
    String(index + 1),
    rate(step.targetRatePerSec),
    rate(step.achievedRatePerSec),
    formatDuration(step.p50Us),
    formatDuration(step.p99Us),
    `${(step.errorRate * 100).toFixed(2)}%`,
    String(step.dropped),
    step.verdict,
    step.why,
  ]);
}

/** The text report: the SLO, the steps' table, the knee's line. */
export function renderCapacityText(report: CapacityReport): string {
  const rows = [[...HEADERS], ...stepRows(report.steps)];
  const widths = HEADERS.map((_h, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const numeric = new Set([0, 1, 2, 3, 4, 5, 6]);
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  const slo = report.slos.map((s) => s.text).join(' and ');
  return [`capacity of ${report.target} under ${slo}`, '', ...lines, '', report.result.line, ''].join('\n');
}

/** The JSON report. */
export function renderCapacityJson(report: CapacityReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
