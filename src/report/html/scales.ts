/**
 * Scales and ticks for the HTML report's plots: pure numbers, no markup. Latency axes are logarithmic (a tail a
 * hundred times the median stays on the page), percentile axes are logarithmic in 1/(1−q) (HDR style: each
 * "nine" gets the same width), time and throughput axes are linear from zero.
 */

export interface Tick {
  readonly value: number;
  readonly label: string;
}

/** Maps a domain value to a pixel position; `log` scales take log10 of the value first. */
export interface Scale {
  readonly at: (value: number) => number;
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return { at: (value) => r0 + ((value - d0) / span) * (r1 - r0) };
}

/** A log10 scale over a positive domain; values at or below zero are drawn at the domain's low end. */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const inner = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  return { at: (value) => inner.at(Math.log10(Math.max(value, domain[0]))) };
}

/** The 1-2-5 step nearest `span / count` (on a log scale, as d3 does): 0.1, 0.2, 0.5, 1, 2, 5, 10 … */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  const nice = fraction < Math.SQRT2 ? 1 : fraction < Math.sqrt(10) ? 2 : fraction < Math.sqrt(50) ? 5 : 10;
  return nice * magnitude;
}

/** Multiples of a nice step from 0 up to at least `max` (about `count` intervals): the domain end is the last tick. */
export function linearTicksFromZero(max: number, count: number): number[] {
  const step = niceStep(max > 0 ? max : 1, count);
  const ticks: number[] = [];
  for (let i = 0; ticks.length === 0 || (ticks[ticks.length - 1] ?? 0) < max - step * 1e-9; i++) ticks.push(roundTo(i * step, step));
  return ticks;
}

/**
 * Where a latency axis starts and ends (µs): the measured range widened by a little on the log scale, so the lowest
 * and highest points sit inside the frame. Values below 1 µs are drawn at 1 µs (a log axis has no zero).
 */
export function latencyDomain(values: readonly number[]): [number, number] {
  return logDomain(values, 1, 1000);
}

/** A log domain around positive `values` (each at least `floor`), padded, and at least a tenth of a decade wide. */
export function logDomain(values: readonly number[], floor: number, fallback: number): [number, number] {
  const positive = values.map((v) => Math.max(floor, v));
  const lo = Math.log10(positive.length > 0 ? Math.min(...positive) : floor);
  const hi = Math.log10(positive.length > 0 ? Math.max(...positive) : fallback);
  const span = Math.max(hi - lo, 0.04);
  const pad = span * 0.08;
  const mid = (lo + hi) / 2;
  return [10 ** (Math.min(lo, mid - span / 2) - pad), 10 ** (Math.max(hi, mid + span / 2) + pad)];
}

/** Latency ticks (µs) labelled `500µs`, `1ms`, `1.05ms`. */
export function latencyTicks(domain: readonly [number, number]): Tick[] {
  return logTickValues(domain).map((value) => ({ value, label: formatLatencyTick(value) }));
}

/**
 * Tick values for a log axis: decades when at least four fall inside, else 1-2-5, 1-2-3-5 or every 1…9 per
 * decade, the first that gives four without passing nine; nice linear steps when even that gives fewer than three
 * (a run whose latencies all lie within 10%).
 */
export function logTickValues(domain: readonly [number, number]): number[] {
  const [lo, hi] = domain;
  const candidates = [[1], [1, 2, 5], [1, 2, 3, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]];
  let best: number[] = [];
  for (const mantissas of candidates) {
    const ticks = decadeTicks(lo, hi, mantissas);
    if (ticks.length > 9) break;
    best = ticks;
    if (ticks.length >= 4) break;
  }
  if (best.length >= 3) return best;
  const step = niceStep(hi - lo, 4);
  const linear: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) linear.push(roundTo(v, step));
  return linear;
}

function decadeTicks(lo: number, hi: number, mantissas: readonly number[]): number[] {
  const ticks: number[] = [];
  for (let exponent = Math.floor(Math.log10(lo)); exponent <= Math.ceil(Math.log10(hi)); exponent++) {
    for (const m of mantissas) {
      const value = roundTo(m * 10 ** exponent, 10 ** exponent);
      if (value >= lo && value <= hi) ticks.push(value);
    }
  }
  return ticks;
}

/** `500µs`, `1ms`, `1.05ms`, `2.5s`: short, at most three significant digits, no trailing zeros. */
export function formatLatencyTick(us: number): string {
  if (us < 1_000) return `${trimNumber(us)}µs`;
  if (us < 1_000_000) return `${trimNumber(us / 1_000)}ms`;
  return `${trimNumber(us / 1_000_000)}s`;
}

/** Up to three significant digits without trailing zeros: 1.05, 12.5, 250, 1000. */
export function trimNumber(value: number): string {
  if (value === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return String(Number(value.toFixed(Math.min(digits, 6))));
}

/** Rounds away binary noise (0.30000000000000004) to the precision of `step`. */
function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(value.toFixed(Math.min(decimals, 12)));
}

/** The percentile axis' position of quantile q (0..1): log10(1/(1−q)); 0 → 0, 0.9 → 1, 0.99 → 2 … */
export function nines(q: number): number {
  return q >= 1 ? Infinity : -Math.log10(1 - q);
}

/**
 * How far the percentile axis reaches for `samples` calls: log10(samples), since with n samples nothing beyond the
 * 1 − 1/n quantile is observed (the curve's last point is the max there). At least one nine (0% … 90%).
 */
export function ninesDomain(samples: number): number {
  return Math.max(1, Math.log10(Math.max(1, samples)));
}

/**
 * Ticks of the percentile axis up to `maxNines`: 0%, 50% (withMedian), 90%, 95%, 99%, 99.9% … The axis drops labels
 * that would crowd (95% and 50% go first, being nearest their neighbours).
 */
export function percentileTicks(maxNines: number, withMedian: boolean): Tick[] {
  const ticks: Tick[] = [{ value: 0, label: '0%' }];
  if (withMedian) ticks.push({ value: nines(0.5), label: '50%' });
  for (let k = 1; k <= Math.floor(maxNines + 1e-9) && k <= 9; k++) {
    ticks.push({ value: k, label: `${(100 - 100 / 10 ** k).toFixed(Math.max(0, k - 2))}%` });
    if (k === 1 && maxNines >= nines(0.95)) ticks.push({ value: nines(0.95), label: '95%' });
  }
  return ticks;
}
