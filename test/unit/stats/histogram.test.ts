import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addEncodedHistograms,
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  INTERVAL_DIGITS,
  latencyStats,
  mergeHistograms,
  recordUs,
  type Histogram,
} from '../../../src/stats/histogram.js';

/** Within HDR's 3-significant-digit resolution. */
const near = (actual: number, expected: number, label: string): void =>
  assert.ok(Math.abs(actual - expected) <= Math.max(1, expected * 0.001), `${label}: ${actual} vs ${expected}`);

describe('latency histogram', () => {
  it('gives exact-to-resolution percentiles for 1..10,000 µs', () => {
    const h = createHistogram();
    for (let us = 1; us <= 10_000; us++) recordUs(h, us);
    const stats = latencyStats(h);
    near(stats.p50, 5_000, 'p50');
    near(stats.p90, 9_000, 'p90');
    near(stats.p95, 9_500, 'p95');
    near(stats.p99, 9_900, 'p99');
    near(stats.p999, 9_990, 'p99.9');
    near(stats.max, 10_000, 'max');
    assert.equal(stats.min, 1);
    near(stats.mean, 5_000.5, 'mean');
    near(stats.stdev, 2_886.75, 'stdev');
  });

  it('rounds to whole microseconds and clamps negatives to zero', () => {
    const h = createHistogram();
    recordUs(h, 1.4);
    recordUs(h, 1.6);
    recordUs(h, -3);
    assert.equal(h.totalCount, 3);
    assert.equal(latencyStats(h).min, 0);
    assert.equal(latencyStats(h).max, 2);
  });

  it('reports zeros for an empty histogram', () => {
    assert.deepEqual(latencyStats(createHistogram()), { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, min: 0, max: 0, mean: 0, stdev: 0 });
  });

  it('merges exactly and survives encode → decode', () => {
    const a = createHistogram();
    const b = createHistogram();
    for (let i = 0; i < 1000; i++) recordUs(a, 100 + i);
    for (let i = 0; i < 1000; i++) recordUs(b, 50_000 + i);
    const merged = mergeHistograms([a, b]);
    assert.equal(merged.totalCount, 2000);
    const decoded = latencyStats(decodeHistogram(encodeHistogram(merged)));
    const live = latencyStats(merged);
    // A decoded histogram knows its max only to bucket resolution, so the top percentiles (capped at max) and max
    // agree to resolution; the rest come back exactly.
    for (const key of ['p50', 'p90', 'p95', 'min', 'mean', 'stdev'] as const) assert.equal(decoded[key], live[key], key);
    for (const key of ['p99', 'p999', 'max'] as const) near(decoded[key], live[key], `${key} after decode`);
  });

  it('keeps memory flat: a million samples fit in the same histogram', () => {
    const h = createHistogram();
    const before = h.estimatedFootprintInBytes;
    for (let i = 0; i < 1_000_000; i++) recordUs(h, 500 + (i % 2000));
    assert.equal(h.totalCount, 1_000_000);
    assert.equal(h.estimatedFootprintInBytes, before);
  });
});

describe('percentiles never exceed the exact max', () => {
  it('caps a bucket-top percentile at the recorded max', () => {
    const h = createHistogram();
    for (let i = 0; i < 999; i++) recordUs(h, 100);
    recordUs(h, 8_720); // its bucket tops out above 8,720
    const stats = latencyStats(h);
    assert.equal(stats.max, 8_720);
    assert.ok(stats.p999 <= stats.max && stats.p99 <= stats.max, JSON.stringify(stats));
  });
});

describe('adding encoded histograms in a 64-bit accumulator', () => {
  const TWO_POW_32 = 2 ** 32;
  /** The count in the bucket of `value` (the JS histograms have it; the shared type does not declare it). */
  const countAt = (h: Histogram, value: number): number => (h as unknown as { getCountAtValue(v: number): number }).getCountAtValue(value);

  it('bucket counts that sum past 2³² do not wrap', () => {
    const a = createHistogram();
    const b = createHistogram();
    a.recordValueWithCount(1_000, 3_000_000_000);
    b.recordValueWithCount(1_000, 3_000_000_000);
    b.recordValueWithCount(50_000, 7);
    const sum = addEncodedHistograms([encodeHistogram(a), encodeHistogram(b)]);
    assert.equal(sum.totalCount, 6_000_000_007);
    assert.ok(sum.totalCount > TWO_POW_32);
    assert.equal(countAt(sum, 1_000), 6_000_000_000);
    assert.equal(sum.getValueAtPercentile(50), 1_000);
    // The same addition in a recording (32-bit) histogram wraps: why merges use the accumulator.
    const narrow = createHistogram();
    narrow.add(a);
    narrow.add(b);
    assert.notEqual(countAt(narrow, 1_000), 6_000_000_000);
  });

  it("a merged report's histogram reads back with its counts past 2³² (decoding is 64-bit too)", () => {
    const a = createHistogram();
    a.recordValueWithCount(250, 4_000_000_000);
    const sum = addEncodedHistograms([encodeHistogram(a), encodeHistogram(a)]);
    const back = decodeHistogram(encodeHistogram(sum));
    assert.equal(back.totalCount, 8_000_000_000);
    assert.equal(countAt(back, 250), 8_000_000_000);
  });

  it('keeps the precision of what it adds: interval histograms stay at 2 significant digits', () => {
    const h = createHistogram(INTERVAL_DIGITS);
    for (let i = 0; i < 100; i++) recordUs(h, 1_000 + i * 37);
    const sum = addEncodedHistograms([encodeHistogram(h), encodeHistogram(h)]);
    assert.equal(sum.numberOfSignificantValueDigits, INTERVAL_DIGITS);
    assert.equal(sum.getValueAtPercentile(99), h.getValueAtPercentile(99));
    assert.equal(sum.totalCount, 200);
  });

  it('latencyStats caps percentiles at an exact max given apart (a decoded max is its bucket top)', () => {
    const h = createHistogram();
    for (let i = 0; i < 999; i++) recordUs(h, 100);
    recordUs(h, 8_720);
    const decoded = decodeHistogram(encodeHistogram(h));
    assert.ok(decoded.maxValue > 8_720, 'the decoded max is the bucket top');
    assert.deepEqual(latencyStats(decoded, 8_720), latencyStats(h));
  });

  it('an empty list gives an empty accumulator', () => {
    assert.equal(addEncodedHistograms([]).totalCount, 0);
  });
});
