/**
 * A session-churn workload sends each request as written (workloads/session-churn-checks.ts refuses its own `data`,
 * `tenants` and templated operations); here, the scenario-level `data:` and `tenants:` that would apply to it too,
 * reported at the workload's `type` (like engine-checks.ts does for autocannon). A workload's `tenants: null` opts out.
 */
import type { Problem } from '../input/issues.js';
import { isRecord } from '../input/path.js';
import { CHURN_SENDS_AS_WRITTEN } from '../workloads/session-churn-checks.js';

export function sessionChurnInheritedProblems(scenario: unknown): Problem[] {
  if (!isRecord(scenario) || !Array.isArray(scenario.workloads)) return [];
  const hasData = scenario.data !== undefined;
  const hasTenants = scenario.tenants !== undefined && scenario.tenants !== null;
  if (!hasData && !hasTenants) return [];
  return scenario.workloads.flatMap((workload: unknown, index): Problem[] => {
    if (!isRecord(workload) || workload.type !== 'session-churn') return [];
    const segments = ['workloads', index, 'type'];
    const problems: Problem[] = [];
    if (hasData && workload.data === undefined) {
      problems.push({ segments, message: "a session-churn workload cannot read a data file, but the scenario's data: applies to it", hint: `${CHURN_SENDS_AS_WRITTEN}; move data: into the workloads that read it` });
    }
    if (hasTenants && workload.tenants === undefined) {
      problems.push({ segments, message: "a session-churn workload cannot share calls among tenants, but the scenario's tenants: apply to it", hint: `${CHURN_SENDS_AS_WRITTEN}, or set tenants: null on this workload` });
    }
    return problems;
  });
}
