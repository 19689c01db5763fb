/**
 * Runs capacity steps for real: each step's Plan (step-plan.ts) through the normal pipeline (pipeline/runScenario),
 * its figures judged against the SLO (step.ts). A step whose run failed (the target unreachable, a stdio server that
 * would not start) aborts the search with the run's reason.
 */
import type { RunScenarioDependencies } from '../pipeline/run-scenario.js';
import { runScenario } from '../pipeline/run-scenario.js';
import type { RunSummary } from '../summary/summary.js';
import type { StepAborted, StepRunner } from './search.js';
import type { Slo } from './slo.js';
import { judgeStep, stepFigures, type Step } from './step.js';
import { stepPlan, type StepBase } from './step-plan.js';

export interface StepTiming {
  readonly durationUs: number;
  readonly warmupUs: number;
}


export interface StepRunnerOptions {
  readonly base: StepBase;
  readonly slos: readonly Slo[];
  readonly timing: StepTiming;
  /** What runScenario is given (clock, stop signal, server log); the floor is never measured for a step. */
  readonly deps?: RunScenarioDependencies;
  /** Told of each step as it ends (progress). */
  readonly onStep?: (step: Step, index: number) => void;
}

export function realStepRunner(options: StepRunnerOptions): StepRunner<Step> {
  return async (ratePerSec, index): Promise<Step | StepAborted> => {
    const resolved = stepPlan(options.base, { ratePerSec, ...options.timing });
    if (!resolved.ok) return { aborted: resolved.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), cause: 'input' };
    const summary = await runScenario(resolved.plan, { ...options.deps, floor: null });
    const aborted = abortedBy(summary);
    if (aborted) return aborted;
    const figures = stepFigures(summary);
    if (figures === null) return { aborted: 'the step measured nothing', cause: 'target' };
    const step = judgeStep(figures, options.slos);
    options.onStep?.(step, index);
    return step;
  };
}

function abortedBy(summary: RunSummary): StepAborted | null {
  if (summary.interrupted) return { aborted: 'interrupted', cause: 'interrupted' };
  const failure = summary.failure;
  if (failure === null) return null;
  return { aborted: failure.message, cause: failure.code.startsWith('config:') ? 'input' : 'target' };
}
