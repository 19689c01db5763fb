/**
 * The 95% confidence interval of a ratio measured in paired rounds (variant B / variant A in round i): the geometric
 * mean of the ratios, and a Student-t interval on their logarithms. Ratios are compared on a log scale because
 * "half as fast" and "twice as fast" are the same distance from 1.
 */
/**
 * A ratio to the first variant with its 95% confidence interval. From rounds: the geometric mean of the per-round
 * ratios and a t-interval on their logarithms; from saved reports: the sampling noise of both runs only.
 * `significant`: the interval excludes 1 (null: no interval, e.g. one round).
 */
export interface RatioEstimate {
  /** null when either side measured nothing (no ratio exists; JSON has no NaN). */
  readonly ratio: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly significant: boolean | null;
}

/** Two-sided 97.5% quantiles of Student's t by degrees of freedom (1..30); beyond, a series in 1/ν (below). */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function tQuantile975(degreesOfFreedom: number): number {
  if (degreesOfFreedom < 1) return Number.NaN;
  const tabled = T_975[degreesOfFreedom - 1];
  if (tabled !== undefined) return tabled;
  // Cornish–Fisher expansion of t around the normal quantile: within 0.001 of the exact value from ν = 31 on
  // (1.96 alone would make intervals ~4% too narrow at 31 rounds).
  const z = 1.959964;
  const v = degreesOfFreedom;
  return z + (z ** 3 + z) / (4 * v) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * v * v);
}

/**
 * Ratio estimate from paired per-round ratios (each > 0). One ratio: no interval. Non-positive or non-finite ratios
 * are not meaningful on a log scale and are left out (a round where either side measured nothing).
 */
export function ratioFromRounds(ratios: readonly number[]): RatioEstimate {
  const logs = ratios.filter((r) => Number.isFinite(r) && r > 0).map(Math.log);
  const n = logs.length;
  if (n === 0) return { ratio: null, low: null, high: null, significant: null };
  const mean = logs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { ratio: Math.exp(mean), low: null, high: null, significant: null };
  const variance = logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const half = (tQuantile975(n - 1) * Math.sqrt(variance)) / Math.sqrt(n);
  const low = Math.exp(mean - half);
  const high = Math.exp(mean + half);
  return { ratio: Math.exp(mean), low, high, significant: low > 1 || high < 1 };
}
