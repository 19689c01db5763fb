import { foldShortTail, type TimelineSummary } from '../../metrics/timeline.js';
import { formatLatency } from '../format.js';
import { esc } from './markup.js';
import { markerShape, seriesStyle, type SeriesStyle } from './palette.js';
import { inner, legend, renderAxes, seriesPath, SHORT_FRAME, svg, type Polyline } from './svg-axes.js';
import { latencyDomain, latencyTicks, linearScale, linearTicksFromZero, logScale, trimNumber, type Scale, type Tick } from './scales.js';

/** One plotted interval: its start and end (s into the measured phase), rates per second and latency. */
export interface RateStep {
  readonly fromS: number;
  readonly toS: number;
  readonly callsPerSec: number;
  readonly errorsPerSec: number;
  readonly p50Us: number;
  readonly p99Us: number;
}

/** More intervals than this are merged into wider steps (a day at 1 s would be megabytes of SVG). */
const MAX_STEPS = 600;
/** Markers (for grey print) only where they do not turn into a solid bar. */
const MAX_MARKED = 40;

/**
 * Per-interval rates from the timeline. The rate divides by the interval's real length (end − previous end), not by
 * intervalUs: the last interval is usually partial, and 410 calls in half a second is 820/s, not 410/s (a last
 * interval under half an interval joins the one before: foldShortTail). Long runs are merged into at most
 * MAX_STEPS steps: calls and errors add up, p99 is the highest of the merged intervals (a tail should not be averaged
 * away), p50 their call-weighted mean.
 */
export function rateSteps(timeline: TimelineSummary): RateStep[] {
  // A saved report from before timelines were folded may still end in a sliver.
  const points = foldShortTail(timeline).points;
  const group = Math.max(1, Math.ceil(points.length / MAX_STEPS));
  const steps: RateStep[] = [];
  let previousUs = 0;
  for (let i = 0; i < points.length; i += group) {
    const slice = points.slice(i, i + group);
    const endUs = slice[slice.length - 1]?.tUs ?? previousUs;
    const seconds = Math.max(endUs - previousUs, 1) / 1e6;
    const calls = slice.reduce((sum, p) => sum + p.calls, 0);
    const errors = slice.reduce((sum, p) => sum + p.errors, 0);
    const p50 = calls > 0 ? slice.reduce((sum, p) => sum + p.p50Us * p.calls, 0) / calls : 0;
    const p99 = Math.max(...slice.map((p) => p.p99Us));
    steps.push({ fromS: previousUs / 1e6, toS: endUs / 1e6, callsPerSec: calls / seconds, errorsPerSec: errors / seconds, p50Us: p50, p99Us: p99 });
    previousUs = endUs;
  }
  return steps;
}

/** `45s`, `2.5s`, `2m`, `2m30s`. */
export function formatSecondsTick(seconds: number): string {
  if (seconds < 120) return `${trimNumber(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
}

/** Time from 0 to the last step's end; a nice tick past the end is dropped when the end barely passes the one before. */
function timeAxis(steps: readonly RateStep[]): { scale: Scale; ticks: Tick[] } {
  const { x0, x1 } = inner(SHORT_FRAME);
  const end = steps[steps.length - 1]?.toS ?? 1;
  const ticks = linearTicksFromZero(end, 6);
  while (ticks.length > 2 && (ticks[ticks.length - 2] ?? 0) >= end * 0.97) ticks.pop();
  const domainEnd = Math.max(end, ticks[ticks.length - 1] ?? 1);
  return { scale: linearScale([0, domainEnd], [x0, x1]), ticks: ticks.filter((t) => t <= domainEnd).map((value) => ({ value, label: formatSecondsTick(value) })) };
}

/**
 * A staircase: each interval's value held flat across it (the figure covers the whole interval, not a moment). The
 * line breaks where steps are not adjacent (intervals left out because nothing was measured in them).
 */
function stairs(steps: readonly RateStep[], value: (s: RateStep) => number, x: Scale, y: Scale): Polyline {
  const points: ([number, number] | null)[] = [];
  steps.forEach((s, i) => {
    if (i > 0 && steps[i - 1]?.toS !== s.fromS) points.push(null);
    points.push([x.at(s.fromS), y.at(value(s))], [x.at(s.toS), y.at(value(s))]);
  });
  return points;
}

function drawSeries(steps: readonly RateStep[], value: (s: RateStep) => number, x: Scale, y: Scale, style: SeriesStyle, name: string, fmt: (v: number) => string): string {
  const parts = [seriesPath(stairs(steps, value, x, y), style, name)];
  if (steps.length <= MAX_MARKED) {
    for (const s of steps) parts.push(markerShape(style, x.at((s.fromS + s.toS) / 2), y.at(value(s)), esc(`${name} ${fmt(value(s))} (${formatSecondsTick(s.fromS)}–${formatSecondsTick(s.toS)})`), 3));
  }
  return parts.join('');
}

/** Calls per second over time (and errors per second when there were any), linear from zero. */
export function renderThroughputPlot(steps: readonly RateStep[], label: string): string {
  const frame = SHORT_FRAME;
  const { y0, y1 } = inner(frame);
  const time = timeAxis(steps);
  // 4% headroom: a line at the axis' top would merge with the frame.
  const yValues = linearTicksFromZero(Math.max(...steps.map((s) => s.callsPerSec * 1.04), 1), 4);
  const y = linearScale([0, yValues[yValues.length - 1] ?? 1], [y1, y0]);
  const yTicks = yValues.map((value) => ({ value, label: Math.round(value) === value ? value.toLocaleString('en-US') : trimNumber(value) }));
  const rate = (v: number): string => `${trimNumber(v)}/s`;
  const body = [renderAxes({ frame, x: time.scale, y, xTicks: time.ticks, yTicks, xTitle: 'time into the measured phase', yTitle: 'calls per second' })];
  body.push(drawSeries(steps, (s) => s.callsPerSec, time.scale, y, seriesStyle(0), 'calls/s', rate));
  const entries = [{ name: 'calls/s', style: seriesStyle(0) }];
  if (steps.some((s) => s.errorsPerSec > 0)) {
    body.push(drawSeries(steps, (s) => s.errorsPerSec, time.scale, y, seriesStyle(1), 'errors/s', rate));
    entries.push({ name: 'errors/s', style: seriesStyle(1) });
  }
  return svg(frame, 'throughput', label, body.join('')) + legend(entries);
}

/** p50 and p99 of each interval over time, on a log latency axis (one slow second should not flatten the rest). */
export function renderLatencyOverTimePlot(steps: readonly RateStep[], label: string): string {
  const frame = SHORT_FRAME;
  const { y0, y1 } = inner(frame);
  const time = timeAxis(steps);
  const measured = steps.filter((s) => s.callsPerSec > 0);
  const domain = latencyDomain(measured.flatMap((s) => [s.p50Us, s.p99Us]));
  const y = logScale(domain, [y1, y0]);
  const body = [renderAxes({ frame, x: time.scale, y, xTicks: time.ticks, yTicks: latencyTicks(domain), xTitle: 'time into the measured phase', yTitle: 'latency (log scale)' })];
  // An interval without calls has no latency: the line is drawn through the measured intervals only. Marker titles
  // are figures, written as every table writes a latency (formatLatency); only axis ticks use the short tick form.
  body.push(drawSeries(measured, (s) => s.p99Us, time.scale, y, seriesStyle(1), 'p99', formatLatency));
  body.push(drawSeries(measured, (s) => s.p50Us, time.scale, y, seriesStyle(0), 'p50', formatLatency));
  return svg(frame, 'latency-over-time', label, body.join('')) + legend([{ name: 'p50', style: seriesStyle(0) }, { name: 'p99', style: seriesStyle(1) }]);
}
