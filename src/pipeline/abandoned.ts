import { formatCount } from '../report/format.js';
import type { RunResult } from '../runner/run.js';

/**
 * One warning per workload that left calls in flight when the grace period ended (RunDependencies.abandonSignal):
 * they are in no figure. `graceLabel` is how the grace period is shown (as the user wrote it, e.g. `2s`).
 */
export function abandonedWarnings(result: RunResult, graceLabel: string | undefined): string[] {
  const period = graceLabel === undefined ? 'the grace period' : `the grace period (${graceLabel})`;
  return result.workloads.flatMap((run) => {
    const abandoned = run.execution?.abandonedCalls ?? 0;
    if (abandoned <= 0) return [];
    const calls = abandoned === 1 ? '1 call was' : `${formatCount(abandoned)} calls were`;
    return [`${run.workload.name}: ${calls} still in flight when ${period} ended: abandoned, not counted`];
  });
}
