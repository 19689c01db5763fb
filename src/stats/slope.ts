/** A least-squares line through points, for growth figures (a server's RSS against the sessions it has opened). */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * The slope of the least-squares line through `points` (Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²), or null with fewer than two
 * points or when every x is the same (no line to fit). Centred sums, so large y (bytes) lose no precision.
 */
export function leastSquaresSlope(points: readonly Point[]): number | null {
  if (points.length < 2) return null;
  let sumX = 0;
  let sumY = 0;
  for (const p of points) {
    sumX += p.x;
    sumY += p.y;
  }
  const meanX = sumX / points.length;
  const meanY = sumY / points.length;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.x - meanX) * (p.y - meanY);
    variance += (p.x - meanX) ** 2;
  }
  return variance === 0 ? null : covariance / variance;
}
