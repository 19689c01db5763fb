/**
 * The `checks` figures of an operation (summary.ts CheckSummary), built from the recorder, summed over operations or
 * shards, and the one rule for what an error is: a call that neither succeeded nor failed a check.
 */
import type { CheckRecord } from '../metrics/recorder.js';
import type { CheckSummary, OperationSummary } from './summary.js';

export function checkSummary(passed: number, failures: Readonly<Record<string, number>>): CheckSummary {
  const failed = Object.values(failures).reduce((sum, n) => sum + n, 0);
  const ran = passed + failed;
  return { passed, failed, passRate: ran === 0 ? 0 : passed / ran, failures };
}

export function summarizeChecks(record: CheckRecord | null): CheckSummary | undefined {
  return record ? checkSummary(record.passed, Object.fromEntries(record.failures)) : undefined;
}

/** The checks of several operations (or shards, or rounds) as one; undefined when none of them ran checks. */
export function sumChecks(parts: readonly Pick<OperationSummary, 'checks'>[]): CheckSummary | undefined {
  const checked = parts.flatMap((part) => (part.checks ? [part.checks] : []));
  if (checked.length === 0) return undefined;
  const failures: Record<string, number> = {};
  for (const checks of checked) for (const [name, n] of Object.entries(checks.failures)) failures[name] = (failures[name] ?? 0) + n;
  return checkSummary(checked.reduce((sum, checks) => sum + checks.passed, 0), failures);
}

/** Calls that errored: neither ok nor check-failed. */
export function erroredCalls(figures: { readonly count: number; readonly ok: number; readonly checks?: CheckSummary | undefined }): number {
  return figures.count - figures.ok - (figures.checks?.failed ?? 0);
}

/** errors / count (0 when count is 0): a failed check is not an error. */
export function errorRateOf(figures: { readonly count: number; readonly ok: number; readonly checks?: CheckSummary | undefined }): number {
  return figures.count === 0 ? 0 : erroredCalls(figures) / figures.count;
}
