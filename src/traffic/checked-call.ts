/**
 * What a call's answer means once its operation's checks and captures have read it: an answer without error that fails
 * a check (`expect:`), or whose capture finds nothing, becomes `check-failed` naming the check (`capture <name>` for a
 * capture). An error answer stays the error it is: no check runs on it. Pure.
 */
import type { Outcome } from '../client/outcome.js';
import { captureInto } from '../operations/capture.js';
import { firstFailedCheck } from '../operations/expect.js';
import type { OperationPlan } from '../operations/operation.js';

export function judgeAnswer(op: OperationPlan, outcome: Outcome, vars: Record<string, unknown> | null): Outcome {
  if (outcome.kind !== 'ok') return outcome;
  if (op.expect) {
    const failed = firstFailedCheck(op.expect, outcome.result);
    if (failed !== null) return { kind: 'check-failed', check: failed };
  }
  if (op.capture && vars) {
    const missing = captureInto(op.capture, outcome.result, vars);
    if (missing !== null) return { kind: 'check-failed', check: `capture ${missing}` };
  }
  return outcome;
}
