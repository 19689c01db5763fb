import { decodeHistogram } from '../../stats/histogram.js';
import { esc } from './markup.js';
import { markerShape, seriesStyle } from './palette.js';
import { inner, legend, PLOT_FRAME, renderAxes, seriesPath, svg } from './svg-axes.js';
import { formatLatencyTick, latencyDomain, latencyTicks, linearScale, logScale, nines, ninesDomain, percentileTicks } from './scales.js';

/** One line of an HDR-style plot: latency (µs) at positions along the percentile axis (in nines). */
export interface PercentileSeries {
  readonly name: string;
  readonly samples: number;
  readonly points: readonly { readonly nines: number; readonly us: number }[];
}

/** Points per line: a smooth curve at a few kilobytes per operation. */
const STEPS = 80;

/**
 * Walks an encoded HDR histogram from 0% to 1 − 1/n in even steps of log10(1/(1−q)) (n = its sample count: nothing
 * past that quantile was observed). The last point is the max, the slowest call. Runs of equal latency keep only
 * their ends, so a flat stretch costs two points. Null for an empty histogram.
 */
export function percentileSeries(name: string, encoded: string): PercentileSeries | null {
  const histogram = decodeHistogram(encoded);
  const samples = histogram.totalCount;
  if (samples === 0) return null;
  const end = Math.log10(samples);
  const max = histogram.maxValue;
  const raw: { nines: number; us: number }[] = [];
  for (let i = 0; i <= STEPS; i++) {
    const x = (end * i) / STEPS;
    const us = i === STEPS ? max : Math.min(histogram.getValueAtPercentile(100 * (1 - 10 ** -x)), max);
    raw.push({ nines: x, us });
  }
  const points = raw.filter((p, i) => i === 0 || i === raw.length - 1 || p.us !== raw[i - 1]?.us || p.us !== raw[i + 1]?.us);
  return { name, samples, points };
}

/** The quantiles marked on every line (as in the tables): 50%, then each nine the line reaches, then the max. */
function markedQuantiles(samples: number): { at: number; label: string }[] {
  const end = Math.log10(samples);
  const marks = [{ at: nines(0.5), label: 'p50' }];
  for (let k = 1; k <= end + 1e-9 && k <= 6; k++) marks.push({ at: k, label: `p${(100 - 100 / 10 ** k).toFixed(Math.max(0, k - 2))}` });
  return marks.filter((m) => m.at < end - 1e-9).concat({ at: end, label: 'max' });
}

function latencyAt(series: PercentileSeries, at: number): number {
  let best = series.points[0]?.us ?? 0;
  for (const p of series.points) if (p.nines <= at + 1e-9) best = p.us;
  return best;
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
    body.push(seriesPath(pixels, style, `${series.name}: ${series.samples} calls`));
    for (const mark of markedQuantiles(series.samples)) {
      const us = latencyAt(series, mark.at);
      body.push(markerShape(style, x.at(mark.at), y.at(us), esc(`${series.name} ${mark.label} ${formatLatencyTick(us)}`)));
    }
  });
  const entries = allSeries.map((s, i) => ({ name: s.name, style: seriesStyle(i), note: `${s.samples.toLocaleString('en-US')} calls` }));
  return svg(frame, className, label, body.join(''), data) + legend(entries) + `<p class="note">Markers: p50, each nine the line reaches, and the max (the line ends at 1 − 1/n: no call past that was seen). Both axes are logarithmic.</p>`;
}
