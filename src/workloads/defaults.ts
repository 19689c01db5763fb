/** Values a workload gets when it leaves a field out. */
export const WORKLOAD_DEFAULTS = {
  /** ramping-rate: the rate before the first stage (and during warmup). */
  startRatePerSec: 0,
  /** ramping-concurrency: calls in flight before the first stage (and during warmup). */
  startConcurrency: 1,
  /**
   * Open-model workloads (constant-rate, ramping-rate) without maxInFlight may keep ten seconds of arrivals at their
   * peak rate in flight, never fewer than `min` and never more than `max`: min(10,000, max(100, ceil(peak × 10 s))).
   * Ten seconds so that arrivals are dropped only when the server falls far behind, not because of a cautious default;
   * capped because every call in flight holds memory in the generator (a pending request, its timer, its message
   * while it waits to be written): at 200,000/s the ten seconds would be 2,000,000 calls and gigabytes. 10,000 in flight
   * is what one generator process holds and still serves in well under a second; a server that falls further behind
   * sees the surplus arrivals dropped and counted ("N dropped (max 10,000 in flight)").
   */
  maxInFlight: { seconds: 10, min: 100, max: 10_000 },
} as const;

/** The default maxInFlight of an open-model workload whose rate peaks at `peakRatePerSec` (WORKLOAD_DEFAULTS.maxInFlight). */
export function defaultMaxInFlight(peakRatePerSec: number): number {
  const { seconds, min, max } = WORKLOAD_DEFAULTS.maxInFlight;
  return Math.min(max, Math.max(min, Math.ceil(peakRatePerSec * seconds)));
}
