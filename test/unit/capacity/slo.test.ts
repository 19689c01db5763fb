import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeSlo, parseSlos, type Slo } from '../../../src/capacity/slo.js';
import { createHistogram, recordUs } from '../../../src/stats/histogram.js';

function slo(text: string): Slo {
  const parsed = parseSlos([text]);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.slos[0] as Slo;
}

/** n calls: `slow` of them at slowUs, the rest at 1ms. */
function figures(n: number, slow = 0, slowUs = 100_000, errors = 0) {
  const histogram = createHistogram();
  for (let i = 0; i < n; i++) recordUs(histogram, i < slow ? slowUs : 1_000);
  return { histogram, calls: n, errors };
}

describe('parseSlos', () => {
  it('takes the threshold language: percentiles, mean, max and error_rate as upper limits', () => {
    const parsed = parseSlos(['p99<100ms', 'error_rate <= 1%', 'mean<5ms']);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.slos.map((s) => [s.metric, s.comparator, s.limit]), [['p99', '<', 100_000], ['error_rate', '<=', 0.01], ['mean', '<', 5_000]]);
  });

  it('refuses every bad SLO at once, each with what was expected', () => {
    const parsed = parseSlos(['throughput>100/s', 'p99>5ms', 'p99<5%', 'latency<5ms']);
    assert.ok(!parsed.ok);
    assert.equal(parsed.problems.length, 4);
    assert.match(parsed.problems[0] ?? '', /throughput cannot be an SLO of a capacity search; expected an SLO is an upper limit/);
    assert.match(parsed.problems[1] ?? '', /expected < or <=; got ">"/);
    assert.match(parsed.problems[2] ?? '', /"p99<5%": expected a duration/);
  });

  it('needs at least one', () => {
    const parsed = parseSlos([]);
    assert.ok(!parsed.ok);
    assert.match(parsed.problems[0] ?? '', /--slo is required/);
  });
});

describe('judgeSlo', () => {
  it('passes when the whole interval is under the limit', () => {
    const check = judgeSlo(slo('p99<50ms'), figures(2_000));
    assert.equal(check.verdict, 'pass');
    assert.equal(check.underpowered, false);
    assert.ok(check.high !== null && check.high < 50_000);
  });

  it('fails when the whole interval is over the limit', () => {
    const check = judgeSlo(slo('p99<50ms'), figures(2_000, 200));
    assert.equal(check.verdict, 'fail');
    assert.ok(check.low !== null && check.low >= 50_000);
  });

  it('is inconclusive when the interval straddles the limit', () => {
    // 1% of 2,000 calls slow: p99 sits on the edge between 1ms and 100ms.
    const check = judgeSlo(slo('p99<50ms'), figures(2_000, 21));
    assert.equal(check.verdict, 'inconclusive');
    assert.ok((check.low ?? 0) < 50_000 && (check.high ?? Infinity) > 50_000);
  });

  it('judges a step too small to bound p99 on its estimate, and says so', () => {
    const check = judgeSlo(slo('p99<50ms'), figures(100));
    assert.equal(check.verdict, 'pass');
    assert.equal(check.underpowered, true);
    assert.equal(check.high, null);
  });

  it('error_rate: 0 errors in 100 calls cannot show < 1% (underpowered), in 1,000 it can', () => {
    assert.equal(judgeSlo(slo('error_rate<1%'), figures(100)).underpowered, true);
    const many = judgeSlo(slo('error_rate<1%'), figures(1_000));
    assert.deepEqual([many.verdict, many.underpowered], ['pass', false]);
    assert.equal(judgeSlo(slo('error_rate<1%'), figures(1_000, 0, 0, 12)).verdict, 'inconclusive');
    assert.equal(judgeSlo(slo('error_rate<1%'), figures(1_000, 0, 0, 100)).verdict, 'fail');
  });

  it('no calls fail', () => {
    const check = judgeSlo(slo('p50<1s'), figures(0));
    assert.deepEqual([check.verdict, check.measured], ['fail', null]);
  });
});
