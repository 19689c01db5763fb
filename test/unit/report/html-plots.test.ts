import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHistogram, encodeHistogram, latencyAtPercentile, latencyStats, recordUs } from '../../../src/stats/histogram.js';
import type { ComparisonRow } from '../../../src/summary/comparison.js';
import type { TimelineSummary } from '../../../src/metrics/timeline.js';
import { formatLatency } from '../../../src/report/format.js';
import { esc } from '../../../src/report/html/markup.js';
import { seriesStyle } from '../../../src/report/html/palette.js';
import { formatLatencyTick, latencyDomain, latencyTicks, linearTicksFromZero, niceStep, percentileTicks } from '../../../src/report/html/scales.js';
import { percentileSeries, renderPercentilePlot } from '../../../src/report/html/svg-percentiles.js';
import { renderRatioPlot } from '../../../src/report/html/svg-ratios.js';
import { formatSecondsTick, rateSteps, renderLatencyOverTimePlot, renderThroughputPlot } from '../../../src/report/html/svg-timeline.js';


/** The series of a set of latencies with the figures the tables would show for them (as summarize computes them). */
function seriesOf(name: string, values: readonly number[]): ReturnType<typeof percentileSeries> {
  const h = createHistogram();
  for (const v of values) recordUs(h, v);
  return percentileSeries(name, encodeHistogram(h), latencyStats(h));
}

/** The (x, y) points of the first series path of an SVG string. */
function seriesPoints(svg: string): [number, number][] {
  const d = svg.match(/<path class="series" d="([^"]+)"/)?.[1] ?? '';
  return [...d.matchAll(/[ML]([\d.-]+) ([\d.-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('html scales', () => {
  it('picks 1-2-5 steps', () => {
    assert.deepEqual([niceStep(10, 5), niceStep(1, 4), niceStep(418, 4), niceStep(7_000, 4)], [2, 0.2, 100, 2_000]);
    assert.deepEqual(linearTicksFromZero(2.5, 6), [0, 0.5, 1, 1.5, 2, 2.5]);
    assert.deepEqual(linearTicksFromZero(950, 4), [0, 200, 400, 600, 800, 1000]);
  });

  it('labels latencies in µs, ms and s without trailing zeros', () => {
    assert.deepEqual([500, 1_000, 1_050, 12_500, 2_500_000].map(formatLatencyTick), ['500µs', '1ms', '1.05ms', '12.5ms', '2.5s']);
  });

  it('gives at least three latency ticks inside the domain however narrow the range, and few over many decades', () => {
    for (const values of [[1_000, 1_000], [1_000, 1_099], [1_040, 1_400], [300, 3_000], [5, 40_000_000]]) {
      const domain = latencyDomain(values);
      const ticks = latencyTicks(domain);
      assert.ok(ticks.length >= 3 && ticks.length <= 9, `${values}: ${ticks.map((t) => t.label)}`);
      for (const t of ticks) assert.ok(t.value >= domain[0] && t.value <= domain[1], `${t.label} inside ${domain}`);
      assert.ok(domain[0] < Math.min(...values) && domain[1] > Math.max(...values), `padded ${domain}`);
    }
    assert.deepEqual(latencyTicks(latencyDomain([300, 3_000])).map((t) => t.label), ['300µs', '500µs', '1ms', '2ms', '3ms']);
  });

  it('marks the percentile axis up to the nines the samples reach', () => {
    assert.deepEqual(percentileTicks(3, true).map((t) => t.label), ['0%', '50%', '90%', '95%', '99%', '99.9%']);
    assert.deepEqual(percentileTicks(4.7, false).map((t) => t.label), ['0%', '90%', '95%', '99%', '99.9%', '99.99%']);
    assert.deepEqual(percentileTicks(1.2, false).map((t) => t.value), [0, 1]); // 16 calls: 95% is not reached
    assert.deepEqual(percentileTicks(1.7, true).map((t) => t.label), ['0%', '50%', '90%', '95%']);
  });

  it('gives each of the first 49 series its own look: colour, dash and marker together', () => {
    const looks = new Set(Array.from({ length: 49 }, (_, i) => JSON.stringify(seriesStyle(i))));
    assert.equal(looks.size, 49);
    assert.notEqual(seriesStyle(7).dash, seriesStyle(0).dash); // the eighth operation is not the first one again
  });

  it('escapes &, <, >, and both quotes', () => {
    assert.equal(esc(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('percentile series', () => {
  const values = Array.from({ length: 1_000 }, (_, i) => 1_000 + i); // 1000–1999 µs

  it('walks from the min at 0% to the max at log10(n) nines, never going down', () => {
    const series = seriesOf('op', values);
    assert.ok(series);
    const first = series.points[0]!;
    const last = series.points[series.points.length - 1]!;
    assert.deepEqual([first.nines, first.us], [0, 1_000]);
    assert.equal(last.nines, 3);
    assert.equal(last.us, 1_999);
    for (let i = 1; i < series.points.length; i++) {
      assert.ok(series.points[i]!.nines > series.points[i - 1]!.nines);
      assert.ok(series.points[i]!.us >= series.points[i - 1]!.us);
    }
    const median = series.points.find((p) => p.nines >= Math.log10(2) - 0.02 && p.nines <= Math.log10(2) + 0.04);
    assert.ok(median && Math.abs(median.us - 1_500) <= 30, `p50 near 1.5ms: ${median?.us}`);
  });

  it('keeps a flat stretch as its ends and marks only, and is null for an empty histogram', () => {
    const flat = seriesOf('flat', Array.from({ length: 500 }, () => 300));
    // 0%, then the marks (p50, p90, p99, max): nothing of the 80 steps between them.
    assert.deepEqual(flat?.points.map((p) => p.us), [300, 300, 300, 300, 300]);
    assert.equal(flat?.points.length, 1 + (flat?.marks.length ?? 0));
    assert.equal(seriesOf('none', []), null);
  });

  it('draws higher latency higher up, and one line and a marker per quantile for each operation', () => {
    const a = seriesOf('a', values)!;
    const b = seriesOf('b', Array.from({ length: 100 }, () => 300))!;
    const svg = renderPercentilePlot([a, b], 'percentiles', 'test');
    const points = seriesPoints(svg);
    for (let i = 1; i < points.length; i++) {
      assert.ok(points[i]![0] > points[i - 1]![0], 'x grows');
      assert.ok(points[i]![1] <= points[i - 1]![1], 'y (pixels) does not grow as latency rises');
    }
    assert.equal(svg.match(/<path class="series"/g)?.length, 2);
    // a: p50, p90, p99, max (1,000 calls: p99.9 is the max); b: p50, p90, max (100 calls).
    assert.equal(svg.match(/<path d="[^"]*" fill="[^"]*"><title>a /g)?.length, 4);
    assert.equal(svg.match(/<path d="[^"]*" fill="[^"]*"><title>b /g)?.length, 3);
  });

  it('marks p50 with the figure the table shows, not the nearest of its sampled points (issue 11)', () => {
    // 499 calls at 300 µs, 501 at 1 ms: the median is 1 ms; the sampled point just below 50% (49.9%) reads 300 µs.
    const values = [...Array.from({ length: 499 }, () => 300), ...Array.from({ length: 501 }, () => 1_000)];
    const h = createHistogram();
    for (const v of values) recordUs(h, v);
    const stats = latencyStats(h);
    const series = percentileSeries('op', encodeHistogram(h), stats)!;
    assert.deepEqual(series.marks.map((m) => [m.label, m.us]), [['p50', stats.p50], ['p90', stats.p90], ['p99', stats.p99], ['max', stats.max]]);
    assert.ok(stats.p50 >= 1_000, `p50 ${stats.p50}`);
    const svg = renderPercentilePlot([series], 'percentiles', 'test');
    assert.match(svg, new RegExp(`<title>op p50 ${formatLatency(stats.p50)}</title>`));
    // The line passes through its markers: each marked quantile is one of its points.
    for (const m of series.marks) assert.ok(series.points.some((p) => p.nines === m.nines && p.us === m.us), `${m.label} on the line`);
  });

  it('reads nines past p99.9 from the histogram as the tables read percentiles', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => 100 + (i % 5_000));
    const h = createHistogram();
    for (const v of many) recordUs(h, v);
    const series = percentileSeries('op', encodeHistogram(h), latencyStats(h))!;
    const p9999 = series.marks.find((m) => m.label === 'p99.99');
    assert.equal(p9999?.us, latencyAtPercentile(h, 99.99));
  });
});

describe('timeline plots', () => {
  const timeline: TimelineSummary = {
    intervalUs: 1_000_000,
    points: [
      { tUs: 1_000_000, calls: 900, errors: 0, p50Us: 1_000, p99Us: 2_000, maxUs: 3_000 },
      { tUs: 2_000_000, calls: 0, errors: 0, p50Us: 0, p99Us: 0, maxUs: 0 },
      { tUs: 2_500_000, calls: 410, errors: 10, p50Us: 1_100, p99Us: 2_200, maxUs: 3_000 },
    ],
  };

  it('divides by each interval\'s real length: a half-second last interval of 410 calls is 820/s', () => {
    const steps = rateSteps(timeline);
    assert.deepEqual(steps.map((s) => [s.fromS, s.toS, s.callsPerSec, s.errorsPerSec]), [[0, 1, 900, 0], [1, 2, 0, 0], [2, 2.5, 820, 20]]);
  });

  it('counts the drain (calls completing a few ms after the window closed) in the last full interval, not as a spike', () => {
    const drained: TimelineSummary = {
      intervalUs: 1_000_000,
      points: [
        { tUs: 1_000_000, calls: 1_000, errors: 0, p50Us: 1_000, p99Us: 2_000, maxUs: 3_000 },
        { tUs: 2_000_000, calls: 990, errors: 1, p50Us: 1_000, p99Us: 2_000, maxUs: 3_000 },
        { tUs: 2_001_000, calls: 10, errors: 0, p50Us: 4_000, p99Us: 5_000, maxUs: 5_000 },
      ],
    };
    const steps = rateSteps(drained);
    assert.equal(steps.length, 2);
    assert.equal(steps[1]?.toS, 2.001);
    assert.equal(Math.round(steps[1]?.callsPerSec ?? 0), 999); // 1,000 calls in 1.001 s, not 10,000/s for the sliver
    assert.equal(steps[1]?.p99Us, 5_000);
    assert.equal(steps[1]?.p50Us, 1_030);
    const svg = renderThroughputPlot(steps, 'test');
    assert.deepEqual([...svg.matchAll(/<g class="ticks x"[^>]*>(.*?)<\/g>/g)].flatMap((m) => [...(m[1] ?? '').matchAll(/>([^<]+)<\/text>/g)].map((t) => t[1])), ['0s', '0.5s', '1s', '1.5s', '2s']);
  });

  it('merges long timelines into at most 600 steps, keeping calls and the worst p99', () => {
    const points = Array.from({ length: 1_500 }, (_, i) => ({ tUs: (i + 1) * 1_000_000, calls: 10, errors: 0, p50Us: 100, p99Us: i === 700 ? 9_000 : 200, maxUs: 9_000 }));
    const steps = rateSteps({ intervalUs: 1_000_000, points });
    assert.ok(steps.length <= 600, `${steps.length}`);
    const calls = steps.reduce((sum, s) => sum + s.callsPerSec * (s.toS - s.fromS), 0);
    assert.equal(Math.round(calls), 15_000);
    assert.equal(Math.max(...steps.map((s) => s.p99Us)), 9_000);
    assert.equal(steps[steps.length - 1]?.toS, 1_500);
  });

  it('breaks the latency line across an interval without calls', () => {
    const svg = renderLatencyOverTimePlot(rateSteps(timeline), 'test');
    const d = svg.match(/<path class="series" d="([^"]+)"/)?.[1] ?? '';
    assert.equal(d.match(/M/g)?.length, 2, d);
  });

  it('labels time in seconds, then minutes', () => {
    assert.deepEqual([0, 2.5, 90, 120, 150].map(formatSecondsTick), ['0s', '2.5s', '90s', '2m', '2m30s']);
  });
});

describe('ratio plot', () => {
  const row: ComparisonRow = {
    workload: 'w',
    operation: 'op',
    cells: [
      { variant: 'a', count: 10, p50Us: 100, p99Us: 200, throughputPerSec: 10, errorRate: 0 },
      {
        variant: 'b',
        count: 10,
        p50Us: 150,
        p99Us: 200,
        throughputPerSec: 10,
        errorRate: 0,
        vsFirst: {
          p50: { ratio: 1.5, low: 1.3, high: 1.7, significant: true },
          p99: { ratio: 1, low: null, high: null, significant: null },
          throughput: { ratio: 0.9, low: 0.8, high: 1.05, significant: false },
          errorRateDelta: 0,
        },
      },
    ],
  };

  it('marks a slower p50 worse, an interval containing 1 and a missing interval as no difference', () => {
    const svg = renderRatioPlot(row, 'test') ?? '';
    assert.deepEqual([...svg.matchAll(/<circle class="dot (\w+)"/g)].map((m) => m[1]), ['worse', 'same', 'same']);
    assert.equal(svg.match(/<path class="whisker/g)?.length, 2); // none without an interval
    assert.match(svg, /b · p99: 1\.00× \(no interval\)/);
  });

  it('is null when only the reference variant is there', () => {
    assert.equal(renderRatioPlot({ ...row, cells: row.cells.slice(0, 1) }, 'test'), null);
  });
});
