/** Values a scenario gets when it leaves a field out. */
export const DEFAULTS = {
  /** Scenario seed; workload i gets seed + i unless it sets its own. */
  seed: 1,
  /** Per-call timeout when neither the operation, its client block, its workload nor the scenario sets one. */
  timeoutUs: 30_000_000,
  /** `engine: autocannon` without `pipelining`: one request per connection at a time. */
  pipelining: 1,
} as const;
