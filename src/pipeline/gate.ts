/**
 * The gate, applied to a finished run: every threshold the plan carries (the scenario's and those given outside it,
 * such as `--threshold`) and, when a baseline is given, the regression check against it. `gate.passed` false is what
 * makes the CLI exit 1.
 */
import { checkBaseline } from '../gate/baseline.js';
import { applyThresholds } from '../gate/threshold-eval.js';
import type { RegressionTolerance } from '../thresholds/types.js';
import type { RunSummary } from '../summary/summary.js';
import type { Plan } from '../scenario/plan.js';
import { isShardOfRun } from './shard-report.js';

/** A saved run to compare with (`--baseline`), and how much worse each metric may be (`--max-regression`). */
export interface GateBaseline {
  /** The baseline's file as the user named it, for the report. */
  readonly file: string;
  readonly summary: RunSummary;
  readonly tolerances: readonly RegressionTolerance[];
}

/**
 * The summary with every threshold evaluated and the baseline compared. A shard's share of a run (N > 1) is judged by
 * neither: its throughput is 1/N of the run's, so both wait for `mcp-bench merge` (an abortOnFail threshold still
 * stopped it on its own window while it ran).
 */
export function applyGate(summary: RunSummary, plan: Plan, baseline: GateBaseline | null): RunSummary {
  if (isShardOfRun(plan)) return summary;
  // Thresholds given outside the file are in the plan already (scenario/overrides.ts): none come separately.
  const evaluated = applyThresholds(summary, plan, []);
  if (!baseline) return evaluated;
  const checked = checkBaseline(evaluated, baseline.summary, baseline.tolerances, baseline.file);
  return { ...evaluated, gate: { ...evaluated.gate, baseline: checked, passed: evaluated.gate.passed && checked.passed } };
}
