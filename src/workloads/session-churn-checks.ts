/**
 * Load-time rules of a session-churn workload (session-churn.ts): its shape (a session rate or a concurrency, caps
 * that apply) and what it cannot do. Its sessions send each operation's request as written through a plain caller
 * (loops/churn-sessions.ts), so templates, journeys, response checks, routes, data files and tenants — which need the
 * traffic performer a concurrent or constant-rate workload has — are refused here rather than silently ignored.
 * The scenario-level `data:`/`tenants:` that would reach such a workload are refused in scenario/session-churn-checks.ts.
 */
import type { z } from 'zod';
import { isRecord } from '../input/path.js';
import { containsTemplate } from '../operations/template.js';

/** The hint of every traffic feature a session-churn workload refuses. */
export const CHURN_SENDS_AS_WRITTEN =
  "session-churn sends each operation's request as written; use a concurrent or constant-rate workload for templates/journeys/checks/data/tenants";

const RATE_OR_CONCURRENCY = 'either concurrency (sessions at a time) or sessionsPerSecond (sessions arriving at a rate)';

/** The workload's rules: its fields against each other, then the traffic features it cannot run. */
export function checkChurn(value: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  checkShape(value, ctx);
  for (const { path, message } of asWrittenProblems(value)) {
    ctx.addIssue({ code: 'custom', path: [...path], message, params: { hint: CHURN_SENDS_AS_WRITTEN } });
  }
}

/** Exactly one of concurrency and sessionsPerSecond; maxInFlight only with a rate; maxOpen only with close: false. */
function checkShape(value: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  const hasConcurrency = value['concurrency'] !== undefined;
  const hasRate = value['sessionsPerSecond'] !== undefined;
  if (hasConcurrency === hasRate) {
    ctx.addIssue({
      code: 'custom',
      path: hasRate ? ['sessionsPerSecond'] : [],
      message: `a session-churn workload takes ${RATE_OR_CONCURRENCY}; got ${hasRate ? 'both' : 'neither'}`,
      params: { hint: 'e.g. concurrency: 4, or sessionsPerSecond: 20/s' },
    });
  }
  if (hasConcurrency && value['maxInFlight'] !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['maxInFlight'],
      message: 'maxInFlight caps sessions arriving at a rate; with concurrency, that many sessions are in flight',
      params: { hint: 'remove maxInFlight, or use sessionsPerSecond instead of concurrency' },
    });
  }
  if (value['maxOpen'] !== undefined && value['close'] !== false) {
    ctx.addIssue({
      code: 'custom',
      path: ['maxOpen'],
      message: 'maxOpen bounds the sessions left open by close: false; every session here is closed after its calls',
      params: { hint: 'remove maxOpen, or add close: false' },
    });
  }
}

interface AsWrittenProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** The workload's own `data`/`tenants`, and each operation's templates, journey, checks and route. */
function asWrittenProblems(value: Record<string, unknown>): AsWrittenProblem[] {
  const problems: AsWrittenProblem[] = [];
  if (value['data'] !== undefined) problems.push({ path: ['data'], message: 'a session-churn workload cannot read a data file: its calls take no rows' });
  if (value['tenants'] !== undefined && value['tenants'] !== null) {
    problems.push({ path: ['tenants'], message: "a session-churn workload cannot share calls among tenants: its sessions use the target's own settings" });
  }
  const operations = value['operations'];
  if (!Array.isArray(operations)) return problems;
  operations.forEach((operation: unknown, index) => {
    if (isRecord(operation)) problems.push(...operationProblems(operation, ['operations', index]));
  });
  return problems;
}

function operationProblems(operation: Record<string, unknown>, at: readonly (string | number)[]): AsWrittenProblem[] {
  if (operation['journey'] !== undefined) {
    return [{ path: [...at, 'journey'], message: 'a session-churn workload cannot run a journey: it would send only its first step' }];
  }
  const problems: AsWrittenProblem[] = [];
  for (const key of ['args', 'resource']) {
    if (containsTemplate(operation[key])) {
      problems.push({ path: [...at, key], message: `a session-churn workload cannot fill {{…}} templates: they would be sent as literal text` });
    }
  }
  if (operation['expect'] !== undefined) {
    problems.push({ path: [...at, 'expect'], message: 'a session-churn workload cannot run response checks (expect): its answers are not checked' });
  }
  if (operation['route'] !== undefined) {
    problems.push({ path: [...at, 'route'], message: "a session-churn workload cannot route calls to an endpoint group: each session's calls go to the session" });
  }
  return problems;
}
