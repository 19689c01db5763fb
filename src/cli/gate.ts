/**
 * The CI gate's flags: thresholds (`--threshold`) and the baseline check (`--baseline`, `--max-regression`), prepared
 * before the run (bad flags and unreadable baselines are exit 2 before anything runs). The thresholds join the
 * scenario before it is validated; the pipeline applies the gate (pipeline/gate.ts); what stderr says when it failed
 * is here.
 */
import path from 'node:path';
import { parseMaxRegression } from '../gate/regression-flags.js';
import type { ThresholdSpec } from '../thresholds/types.js';
import type { RunSummary } from '../summary/summary.js';
import { loadReport } from '../report/load-report.js';
import { NOTHING_COMPARED } from '../report/gate-text.js';
import type { GateBaseline } from '../pipeline/gate.js';
import { parseThresholdFlags } from './threshold-flags.js';

/** With `--baseline` and no `--max-regression`: p99 and throughput may each be 10% worse. */
export const DEFAULT_MAX_REGRESSION = 'p99=10%,throughput=10%';

export interface GateFlags {
  readonly threshold?: readonly string[];
  readonly baseline?: string;
  readonly maxRegression?: string;
}

export interface Gate {
  /** `--threshold`, parsed (source `cli`): laid over the scenario (ScenarioOverrides.thresholds). */
  readonly thresholds: readonly ThresholdSpec[];
  readonly baseline: GateBaseline | null;
}

export async function prepareGate(flags: GateFlags, cwd: string): Promise<{ ok: true; gate: Gate } | { ok: false; error: string }> {
  const thresholds = parseThresholdFlags(flags.threshold ?? []);
  if (!thresholds.ok) return { ok: false, error: thresholds.error };
  if (flags.maxRegression !== undefined && flags.baseline === undefined) {
    return { ok: false, error: '--max-regression needs --baseline <report.json> to compare against' };
  }
  if (flags.baseline === undefined) return { ok: true, gate: { thresholds: thresholds.specs, baseline: null } };
  const tolerances = parseMaxRegression(flags.maxRegression ?? DEFAULT_MAX_REGRESSION);
  // Each message already starts with `--max-regression "<the value>":`.
  if (!tolerances.ok) return { ok: false, error: tolerances.messages.join('\n') };
  const loaded = await loadReport(path.resolve(cwd, flags.baseline));
  if (!loaded.ok) {
    return { ok: false, error: `--baseline: ${loaded.message}${loaded.hint ? `\n  hint: ${loaded.hint}` : ''}` };
  }
  return { ok: true, gate: { thresholds: thresholds.specs, baseline: { file: flags.baseline, summary: loaded.summary, tolerances: tolerances.tolerances } } };
}

/** One line for stderr saying why the gate failed, or null when it passed. */
export function gateFailureLine(summary: RunSummary): string | null {
  const { gate } = summary;
  if (gate.passed) return null;
  const reasons: string[] = [];
  if (gate.abortedBy) reasons.push(`threshold ${gate.abortedBy.threshold} failed while running and stopped the run`);
  const total = gate.thresholds.passed + gate.thresholds.failed;
  if (gate.thresholds.failed > 0) reasons.push(`${gate.thresholds.failed} of ${total} thresholds failed`);
  const regressed = gate.baseline?.checks.filter((c) => c.verdict === 'regressed' || c.verdict === 'no-samples').length ?? 0;
  if (regressed > 0) reasons.push(`${regressed} baseline check${regressed === 1 ? '' : 's'} failed`);
  if (gate.baseline && gate.baseline.checks.length === 0) reasons.push(`baseline ${gate.baseline.file}: ${NOTHING_COMPARED}`);
  return reasons.length > 0 ? reasons.join('; ') : 'the gate failed';
}
