/** Values a workload gets when it leaves a field out. */
export const WORKLOAD_DEFAULTS = {
  /** ramping-rate: the rate before the first stage (and during warmup). */
  startRatePerSec: 0,
  /** ramping-concurrency: calls in flight before the first stage (and during warmup). */
  startConcurrency: 1,
  /**
   * Open-model workloads (constant-rate, ramping-rate) without maxInFlight may keep this many seconds of arrivals at
   * their peak rate in flight, and never fewer than `min`: max(100, ceil(peak rate × 10 s)). Generous on purpose, so
   * arrivals are dropped only when the server falls ten seconds behind, not because of a cautious default.
   */
  maxInFlight: { seconds: 10, min: 100 },
} as const;

/** The default maxInFlight of an open-model workload whose rate peaks at `peakRatePerSec` (WORKLOAD_DEFAULTS.maxInFlight). */
export function defaultMaxInFlight(peakRatePerSec: number): number {
  const { seconds, min } = WORKLOAD_DEFAULTS.maxInFlight;
  return Math.max(min, Math.ceil(peakRatePerSec * seconds));
}
