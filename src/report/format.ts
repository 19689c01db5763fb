import { formatDuration } from '../input/units.js';

import { formatCount } from '../input/units.js';

export { formatCount, formatRate } from '../input/units.js';

/** Number formatting shared by the human-readable reporters. */
export const formatLatency = formatDuration;

/** A count and its noun, singular for one: `1 entry`, `2 entries`, `1,250 calls` (`many` defaults to `one` + s). */
export function formatCounted(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function formatRatio(ratio: number): string {
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(ratio >= 1.995 ? 1 : 2)}×`;
}

export function formatPercent(fraction: number): string {
  if (fraction === 0) return '0%';
  const pct = fraction * 100;
  return `${pct < 0.1 ? pct.toFixed(3) : pct < 10 ? pct.toFixed(2) : pct.toFixed(1)}%`;
}
