import type { ComparisonRow } from '../../summary/comparison.js';
import type { RatioEstimate } from '../../stats/ratio-interval.js';
import { esc, px } from './markup.js';
import { inner, renderAxes, svg, type Frame } from './svg-axes.js';
import { ratioNumber } from '../gate-text.js';
import { linearScale, logDomain, logScale, logTickValues, trimNumber } from './scales.js';

/** One dot of the ratio plot: a later variant's ratio to the first on one metric, with its 95% interval. */
interface RatioDot {
  readonly label: string;
  readonly estimate: RatioEstimate & { readonly ratio: number };
  /** Lower is better for latency, higher for throughput: decides "better" or "worse" when significant. */
  readonly higherIsBetter: boolean;
}

const METRICS = [
  { key: 'p50', label: 'p50', higherIsBetter: false },
  { key: 'p99', label: 'p99', higherIsBetter: false },
  { key: 'throughput', label: 'calls/s', higherIsBetter: true },
] as const;

/** Labels longer than this are cut (the full text is the dot's hover title). */
const LABEL_CHARS = 26;
const ROW_HEIGHT = 22;

/** A dot per later variant and metric that has a ratio (none where either side measured nothing). */
function dots(row: ComparisonRow): RatioDot[] {
  return row.cells.flatMap((cell) =>
    METRICS.flatMap((m): RatioDot[] => {
      const estimate = cell.vsFirst?.[m.key];
      if (!estimate || estimate.ratio === null) return [];
      return [{ label: `${cell.variant} · ${m.label}`, estimate: { ...estimate, ratio: estimate.ratio }, higherIsBetter: m.higherIsBetter }];
    }),
  );
}

function verdict(dot: RatioDot): 'better' | 'worse' | 'same' {
  if (dot.estimate.significant !== true) return 'same';
  return dot.estimate.ratio > 1 === dot.higherIsBetter ? 'better' : 'worse';
}


/**
 * Ratios to the first variant as dots with 95% interval whiskers on a log axis, a line at 1× ("no change"). Blue and
 * filled: significantly better; vermilion and filled: significantly worse; hollow grey: the interval contains 1 (or
 * there is none). Null when the row has nothing to compare.
 */
export function renderRatioPlot(row: ComparisonRow, label: string): string | null {
  const all = dots(row);
  if (all.length === 0) return null;
  const frame: Frame = { width: 560, height: 14 + 46 + all.length * ROW_HEIGHT, left: 180, right: 18, top: 14, bottom: 46 };
  const { x0, x1, y0, y1 } = inner(frame);
  const values = all.flatMap((d) => [d.estimate.ratio, d.estimate.low ?? d.estimate.ratio, d.estimate.high ?? d.estimate.ratio, 1]);
  const domain = logDomain(values, 1e-9, 1);
  const x = logScale(domain, [x0, x1]);
  const rowAt = linearScale([0, all.length], [y0, y1]);
  const xTicks = logTickValues(domain).map((value) => ({ value, label: `${trimNumber(value)}×` }));
  const body = [renderAxes({ frame, x, y: rowAt, xTicks, yTicks: [], xTitle: 'ratio to the first variant (log scale), 95% interval', yTitle: '' })];
  body.push(`<line class="unity" x1="${px(x.at(1))}" y1="${y0}" x2="${px(x.at(1))}" y2="${y1}"/>`);
  all.forEach((dot, i) => {
    const cy = rowAt.at(i + 0.5);
    const shown = dot.label.length > LABEL_CHARS ? `${dot.label.slice(0, LABEL_CHARS - 1)}…` : dot.label;
    body.push(`<text class="row-label" x="${x0 - 8}" y="${px(cy + 4)}" text-anchor="end">${esc(shown)}</text>`);
    const { ratio, low, high } = dot.estimate;
    const interval = low !== null && high !== null ? ` [${ratioNumber(low)}–${ratioNumber(high)}]` : ' (no interval)';
    const tip = esc(`${dot.label}: ${ratioNumber(ratio)}×${interval}, ${verdict(dot) === 'same' ? 'no significant difference' : `significantly ${verdict(dot)}`}`);
    const cls = `dot ${verdict(dot)}`;
    if (low !== null && high !== null) {
      body.push(`<path class="whisker ${verdict(dot)}" d="M${px(x.at(low))} ${px(cy)}H${px(x.at(high))}M${px(x.at(low))} ${px(cy - 5)}v10M${px(x.at(high))} ${px(cy - 5)}v10"/>`);
    }
    body.push(`<circle class="${cls}" cx="${px(x.at(ratio))}" cy="${px(cy)}" r="4.5"><title>${tip}</title></circle>`);
  });
  return svg(frame, 'ratios', label, body.join(''));
}
