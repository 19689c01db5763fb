import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RegressionCheck, ThresholdResult } from '../../../src/thresholds/types.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import {
  allowedText,
  changeText,
  comparisonLegend,
  failureMessage,
  formatMetricValue,
  formatPoints,
  gateLines,
  limitText,
  measuredText,
  ratioEstimateText,
  ratioNumber,
} from '../../../src/report/gate-text.js';
import { fixtureGatedSummary } from '../../fixtures/gated-summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';

const result = (over: Partial<ThresholdResult>): ThresholdResult => ({
  threshold: 'p99<2ms', metric: 'p99', comparator: '<', limit: 2_000, workload: 'w', operation: null,
  measured: 2_991, samples: 10, passed: false, source: 'scenario', ...over,
});

describe('metric values in their unit', () => {
  it('formats latency, rates, throughput, counts and amplification', () => {
    assert.equal(formatMetricValue('p99.9', 2_991), '2.99ms');
    assert.equal(formatMetricValue('mean', 300), '300µs');
    assert.equal(formatMetricValue('error_rate', 0.0025), '0.25%');
    assert.equal(formatMetricValue('cache_hit_ratio', 0.72), '72.0%');
    assert.equal(formatMetricValue('throughput', 51_043), '51,043/s');
    assert.equal(formatMetricValue('dropped', 1_200), '1,200');
    assert.equal(formatMetricValue('retry_amplification', 1.234), '1.23×');
  });

  it('writes limits without trailing zeros, but never drops significant ones', () => {
    assert.equal(limitText(result({})), '< 2ms');
    assert.equal(limitText(result({ limit: 100_000 })), '< 100ms');
    assert.equal(limitText(result({ limit: 1_500 })), '< 1.5ms');
    assert.equal(limitText(result({ limit: 500 })), '< 500µs');
    assert.equal(limitText(result({ metric: 'error_rate', comparator: '<=', limit: 0.005 })), '<= 0.5%');
    assert.equal(limitText(result({ metric: 'throughput', comparator: '>', limit: 1_000 })), '> 1,000/s');
    assert.equal(limitText(result({ metric: 'dropped', comparator: '==', limit: 0 })), '== 0');
  });
});

describe('threshold outcomes', () => {
  it('puts measured against limit in a failure', () => {
    assert.equal(failureMessage(result({})), 'measured 2.99ms, limit < 2ms');
  });

  it('says why nothing was measured instead of a number', () => {
    const empty = result({ measured: null, samples: 0, reason: 'no-samples' });
    assert.equal(measuredText(empty), 'no samples');
    assert.equal(failureMessage(empty), 'no samples, limit < 2ms');
    const noCache = result({ metric: 'cache_hit_ratio', comparator: '>', limit: 0.7, measured: null, reason: 'not-applicable' });
    assert.equal(failureMessage(noCache), 'not applicable: no cache layer, limit > 70%');
    assert.equal(measuredText(result({ metric: 'p50', measured: null, reason: 'not-applicable' })), 'not applicable');
  });
});

describe('baseline checks', () => {
  const check = (over: Partial<RegressionCheck>): RegressionCheck => ({
    workload: 'w', operation: 'op', metric: 'p99', baseline: 1_000, current: 1_200, ratio: 1.2, interval: [1.1, 1.3], allowed: 0.1, verdict: 'regressed', ...over,
  });

  it('states the allowance in the direction that is worse', () => {
    assert.equal(allowedText(check({})), '+10%');
    assert.equal(allowedText(check({ metric: 'throughput', allowed: 0.05 })), '−5%');
    assert.equal(allowedText(check({ metric: 'error_rate', allowed: 0.01 })), '+1 pt');
    assert.equal(allowedText(check({ metric: 'error_rate', allowed: 0.005 })), '+0.5 pts');
  });

  it('shows a ratio with its interval, and error rate as a difference in points', () => {
    assert.equal(changeText(check({})), '1.20× [1.10–1.30]');
    assert.equal(changeText(check({ interval: null })), '1.20×');
    assert.equal(changeText(check({ metric: 'error_rate', ratio: 0.005, interval: [0.001, 0.009] })), '+0.50 pts [+0.10 pts … +0.90 pts]');
  });
});

describe('ratios', () => {
  it('keeps the digits a ratio needs, never rounding a real change to 0.00 or 1.00', () => {
    assert.equal(ratioNumber(0.00195), '0.0019');
    assert.equal(ratioNumber(0.84), '0.84');
    assert.equal(ratioNumber(37.56), '37.6');
    assert.equal(ratioNumber(412.4), '412');
    assert.equal(ratioNumber(Number.NaN), '—');
  });

  it('marks an interval that contains 1 with ≈, and shows a ratio without interval plainly', () => {
    assert.equal(ratioEstimateText({ ratio: 0.84, low: 0.7, high: 1.01, significant: false }), '0.84× [0.70–1.01] ≈');
    assert.equal(ratioEstimateText({ ratio: 0.5, low: 0.4, high: 0.6, significant: true }), '0.50× [0.40–0.60]');
    assert.equal(ratioEstimateText({ ratio: 0.5, low: null, high: null, significant: null }), '0.50×');
    assert.equal(ratioEstimateText({ ratio: Number.NaN, low: null, high: null, significant: null }), '—');
  });

  it('formats point differences with a sign', () => {
    assert.equal(formatPoints(0), '±0 pts');
    assert.equal(formatPoints(0.0123), '+1.23 pts');
    assert.equal(formatPoints(-0.005), '−0.50 pts');
  });

  it('explains rounds, or their absence for saved reports', () => {
    const comparison = fixtureGatedSummary().comparison!;
    assert.match(comparisonLegend(comparison).join('\n'), /5 rounds per variant, interleaved; ratio to no-cache/);
    const saved = comparisonLegend({ ...comparison, source: 'reports', rounds: 0 }).join('\n');
    assert.match(saved, /from saved reports, without rounds/);
    assert.match(saved, /sampling noise only/);
  });
});

describe('gate lines', () => {
  const withGate = (gate: Partial<RunSummary['gate']>): RunSummary => {
    const base = fixtureSummary();
    return { ...base, gate: { ...base.gate, ...gate } };
  };

  it('says nothing when nothing was gated', () => {
    assert.deepEqual(gateLines(fixtureSummary()), []);
  });

  it('counts thresholds, singular and plural', () => {
    assert.deepEqual(gateLines(withGate({ thresholds: { passed: 12, failed: 0 } })), [{ passed: true, text: 'all 12 thresholds passed' }]);
    assert.deepEqual(gateLines(withGate({ thresholds: { passed: 1, failed: 0 } })), [{ passed: true, text: '1 threshold passed' }]);
    assert.deepEqual(gateLines(withGate({ thresholds: { passed: 10, failed: 2 } })), [{ passed: false, text: '2 of 12 thresholds failed' }]);
  });

  it('reports the baseline: regressions, checks without samples, or a pass', () => {
    const gated = fixtureGatedSummary();
    assert.deepEqual(gateLines(gated), [
      { passed: false, text: '2 of 5 thresholds failed' },
      { passed: false, text: 'baseline: 1 regression (vs reports/base.json)' },
    ]);
    const baseline = gated.gate.baseline!;
    const empty = { ...baseline.checks[0]!, verdict: 'no-samples' as const };
    const lines = gateLines(withGate({ baseline: { ...baseline, checks: [...baseline.checks, empty] } }));
    assert.equal(lines[0]?.text, 'baseline: 1 regression, 1 check without samples (vs reports/base.json)');
    const ok = gateLines(withGate({ baseline: { ...baseline, checks: baseline.checks.slice(0, 2), passed: true } }));
    assert.deepEqual(ok, [{ passed: true, text: 'baseline: no regression beyond noise in 2 checks (vs reports/base.json)' }]);
    const none = gateLines(withGate({ baseline: { ...baseline, checks: [], passed: false } }));
    assert.deepEqual(none, [{ passed: false, text: 'baseline: nothing compared: no operation is in both this run and the baseline (vs reports/base.json)' }]);
  });

  it('names the threshold that aborted the run, with the value in its unit', () => {
    const gated = fixtureGatedSummary();
    const abortedBy = { workload: 'mixed', operation: 'tools/call echo', threshold: 'p99<2ms', metric: 'p99' as const, measured: 4_200, atUs: 3_200_000 };
    const lines = gateLines({ ...gated, gate: { ...gated.gate, abortedBy } });
    assert.deepEqual(lines.at(-1), {
      passed: false,
      text: 'aborted: p99<2ms failed on mixed / tools/call echo 3.20s into the run (measured 4.20ms on the rolling window)',
    });
  });
});
