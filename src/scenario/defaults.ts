/** Values a scenario gets when it leaves a field out. */
export const DEFAULTS = {
  /** Scenario seed; workload i gets seed + i unless it sets its own. */
  seed: 1,
  /** Per-call timeout when neither the operation, its workload nor the scenario sets one. */
  timeoutUs: 30_000_000,
  weight: 1,
  builtin: { transport: 'stdio', latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 },
} as const;
