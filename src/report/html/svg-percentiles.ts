import { decodeHistogram, latencyAtPercentile, type LatencyStats } from '../../stats/histogram.js';
import { formatCounted, formatLatency } from '../format.js';
import { esc } from './markup.js';
import { markerShape, seriesStyle } from './palette.js';
import { inner, legend, PLOT_FRAME, renderAxes, seriesPath, svg } from './svg-axes.js';
import { latencyDomain, latencyTicks, linearScale, logScale, nines, ninesDomain, percentileTicks } from './scales.js';

/** A marked quantile of a line: where it sits on the percentile axis, its label, and its latency (µs). */
export interface PercentileMark {
  readonly nines: number;
  readonly label: string;
  readonly us: number;
}

/** One line of an HDR-style plot: latency (µs) at positions along the percentile axis (in nines). */
export interface PercentileSeries {
  readonly name: string;
  readonly samples: number;
  readonly points: readonly { readonly nines: number; readonly us: number }[];
  /** p50, each nine the line reaches, and the max: the figures the tables show, read the way they read them. */
  readonly marks: readonly PercentileMark[];
}

/** Points per line: a smooth curve at a few kilobytes per operation. */
const STEPS = 80;

/**
 * Walks an encoded HDR histogram from 0% to 1 − 1/n in even steps of log10(1/(1−q)) (n = its sample count: nothing
 * past that quantile was observed). The last point is the max, the slowest call. The marked quantiles take the
 * figures of `latency` (the operation's `latencyUs`, which the tables show) where it has them and read the rest as it
 * was read (`latencyAtPercentile`); they are points of the line too, so it passes through its markers. Runs of equal
 * latency keep only their ends (and marks), so a flat stretch costs two points. Null for an empty histogram.
 */
export function percentileSeries(name: string, encoded: string, latency: LatencyStats): PercentileSeries | null {
  const histogram = decodeHistogram(encoded);
  const samples = histogram.totalCount;
  if (samples === 0) return null;
  const end = Math.log10(samples);
  const marks = markedQuantiles(samples).map((m) => ({ ...m, us: m.stat ? latency[m.stat] : latencyAtPercentile(histogram, m.percentile) }));
  const raw: { nines: number; us: number }[] = [];
  for (let i = 0; i <= STEPS; i++) {
    const x = (end * i) / STEPS;
    raw.push({ nines: x, us: i === STEPS ? latency.max : latencyAtPercentile(histogram, 100 * (1 - 10 ** -x)) });
  }
  const onLine = raw.filter((p) => !marks.some((m) => Math.abs(m.nines - p.nines) < 1e-9)).map((p) => ({ ...p, mark: false }));
  const merged = [...onLine, ...marks.map((m) => ({ nines: m.nines, us: m.us, mark: true }))].sort((a, b) => a.nines - b.nines);
  const kept = merged.filter((p, i) => p.mark || i === 0 || i === merged.length - 1 || p.us !== merged[i - 1]?.us || p.us !== merged[i + 1]?.us);
  const points = kept.map(({ nines: at, us }) => ({ nines: at, us }));
  return { name, samples, points, marks: marks.map(({ nines: at, label, us }) => ({ nines: at, label, us })) };
}

/** The figures of LatencyStats a marked quantile is, when it is one. */
const STAT_AT: Readonly<Record<number, 'p50' | 'p90' | 'p99' | 'p999'>> = { 50: 'p50', 90: 'p90', 99: 'p99', 99.9: 'p999' };

/** The quantiles marked on every line (as in the tables): 50%, then each nine the line reaches, then the max. */
function markedQuantiles(samples: number): { nines: number; label: string; percentile: number; stat: keyof LatencyStats | null }[] {
  const end = Math.log10(samples);
  const marks: { nines: number; label: string; percentile: number; stat: keyof LatencyStats | null }[] = [{ nines: nines(0.5), label: 'p50', percentile: 50, stat: 'p50' }];
  for (let k = 1; k <= end + 1e-9 && k <= 6; k++) {
    const percentile = Number((100 - 100 / 10 ** k).toFixed(k));
    marks.push({ nines: k, label: `p${(100 - 100 / 10 ** k).toFixed(Math.max(0, k - 2))}`, percentile, stat: STAT_AT[percentile] ?? null });
  }
  return marks.filter((m) => m.nines < end - 1e-9).concat({ nines: end, label: 'max', percentile: 100, stat: 'max' });
}

/**
 * The HDR-style plot of several lines: x is the percentile on a log scale of 1/(1−q) (0%, 90%, 99%, 99.9% … as far
 * as the largest sample count reaches), y the latency on a log scale. `className` tells plots apart in tests.
 */
export function renderPercentilePlot(allSeries: readonly PercentileSeries[], className: string, label: string, data = ''): string {
  const frame = PLOT_FRAME;
  const { x0, x1, y0, y1 } = inner(frame);
  const xEnd = Math.max(...allSeries.map((s) => ninesDomain(s.samples)));
  const x = linearScale([0, xEnd], [x0, x1]);
  const domain = latencyDomain(allSeries.flatMap((s) => s.points.map((p) => p.us)));
  const y = logScale(domain, [y1, y0]);
  const xTicks = percentileTicks(xEnd, true);
  const body = [renderAxes({ frame, x, y, xTicks, yTicks: latencyTicks(domain), xTitle: 'percentile (log scale of 1/(1−q))', yTitle: 'latency (log scale)' })];
  allSeries.forEach((series, index) => {
    const style = seriesStyle(index);
    const pixels = series.points.map((p): [number, number] => [x.at(p.nines), y.at(p.us)]);
    body.push(seriesPath(pixels, style, `${series.name}: ${formatCounted(series.samples, 'call')}`));
    for (const mark of series.marks) {
      body.push(markerShape(style, x.at(mark.nines), y.at(mark.us), esc(`${series.name} ${mark.label} ${formatLatency(mark.us)}`)));
    }
  });
  const entries = allSeries.map((s, i) => ({ name: s.name, style: seriesStyle(i), note: formatCounted(s.samples, 'call') }));
  return svg(frame, className, label, body.join(''), data) + legend(entries) + `<p class="note">Markers: p50, each nine the line reaches, and the max (the line ends at 1 − 1/n: no call past that was seen). Both axes are logarithmic.</p>`;
}
