import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBaseline } from '../../../src/gate/baseline.js';
import type { RegressionMetric } from '../../../src/thresholds/metrics.js';
import type { RegressionCheck, RegressionTolerance } from '../../../src/thresholds/types.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { lognormalDraws, oneOperationRun, syntheticSummary } from '../stats/synthetic.js';

const LATENCY: readonly RegressionMetric[] = ['p50', 'p90', 'p99', 'p99.9', 'mean'];
const allowing = (allowed: number, metrics: readonly RegressionMetric[] = [...LATENCY, 'throughput']): RegressionTolerance[] =>
  metrics.map((metric) => ({ metric, allowed }));

/** The checks of operation `echo` by metric. */
function echoChecks(current: RunSummary, baseline: RunSummary, tolerances: readonly RegressionTolerance[]): Map<RegressionMetric, RegressionCheck> {
  const summary = checkBaseline(current, baseline, tolerances, 'base.json');
  return new Map(summary.checks.filter((c) => c.operation === 'echo').map((c) => [c.metric, c]));
}


describe('baseline check: equal runs', () => {
  it('passes identical histograms with every ratio 1 and every interval around 1', () => {
    const run = oneOperationRun(lognormalDraws(1, 2_000));
    const summary = checkBaseline(run, run, [...allowing(0.1), { metric: 'error_rate', allowed: 0.01 }], 'reports/base.json');
    assert.equal(summary.passed, true);
    assert.equal(summary.file, 'reports/base.json');
    assert.equal(summary.startedAt, run.startedAt);
    assert.deepEqual(summary.unmatched, []);
    assert.equal(summary.checks.length, 2 * 7, 'echo and the total "all", 7 metrics each');
    for (const check of summary.checks) {
      assert.equal(check.verdict, 'ok', `${check.operation} ${check.metric}`);
      assert.equal(check.ratio, check.metric === 'error_rate' ? 0 : 1);
      if (check.interval) {
        const noChange = check.metric === 'error_rate' ? 0 : 1;
        assert.ok(check.interval[0] <= noChange && noChange <= check.interval[1], `${check.metric}: ${check.interval}`);
      }
    }
    assert.equal(summary.checks.filter((c) => c.interval === null).length, 2, 'only p99.9 of 2,000 calls is unbounded');
  });
});

describe('baseline check: noisy-equal runs (two samples of one distribution)', () => {
  /** Two independent samples of n calls from the same lognormal distribution, built once per (n, seed). */
  const built = new Map<string, readonly [RunSummary, RunSummary]>();
  const pair = (n: number, seed: number): readonly [RunSummary, RunSummary] => {
    const key = `${n}/${seed}`;
    if (!built.has(key)) built.set(key, [oneOperationRun(lognormalDraws(seed + 100_000, n)), oneOperationRun(lognormalDraws(seed, n))]);
    return built.get(key)!;
  };
  const grid = [1_000, 5_000, 20_000].flatMap((n) => [1, 2, 3, 4, 5, 6].map((seed) => ({ n, seed })));

  it('never regresses at a 10% allowance, over 3 sizes × 6 seeds', () => {
    for (const { n, seed } of grid) {
      for (const [metric, check] of echoChecks(...pair(n, seed), allowing(0.1))) {
        assert.notEqual(check.verdict, 'regressed', `n=${n} seed=${seed} ${metric}: ${check.ratio} ${check.interval}`);
      }
    }
  });

  it('at a tight 1% allowance, comes out worse than allowed often, and then within noise, not regressed', () => {
    let worse = 0;
    for (const { n, seed } of grid) {
      for (const [metric, check] of echoChecks(...pair(n, seed), allowing(0.01))) {
        if (check.verdict === 'ok') continue;
        worse++;
        assert.equal(check.verdict, 'within-noise', `n=${n} seed=${seed} ${metric}: ${check.ratio} ${check.interval}`);
      }
    }
    assert.ok(worse >= 30, `only ${worse} of ${grid.length * 6} checks were worse than 1%: the noise filter was not exercised`);
  });

  it('raises a false alarm on at most 1% of checks over 150 seed pairs of 200 calls (the price of 95% intervals)', () => {
    // With 200 calls the noise alone reaches 10% (p90: ±12%), so neither allowance filters much and this measures
    // the noise rule: two equal runs' 95% intervals miss each other ≈ 0.2–0.5% of the time per check. The checks
    // of one pair are correlated (mean and closed-loop throughput are one statistic), so alarms come in bunches.
    for (const allowed of [0.1, 0.01]) {
      let checks = 0;
      let regressed = 0;
      for (let seed = 11; seed <= 160; seed++) {
        for (const check of echoChecks(...pair(200, seed), allowing(allowed)).values()) {
          checks++;
          if (check.verdict === 'regressed') regressed++;
        }
      }
      assert.ok(regressed / checks <= 0.01, `allowed ${allowed}: ${regressed} of ${checks} checks regressed`);
    }
  });
});

describe('baseline check: truly worse runs', () => {
  it('flags the same distribution × 1.3 as regressed at 10% (latency up, closed-loop throughput down)', () => {
    const checks = echoChecks(oneOperationRun(lognormalDraws(2, 5_000, 1.3)), oneOperationRun(lognormalDraws(1, 5_000)), allowing(0.1));
    for (const metric of ['p50', 'p90', 'p99', 'mean', 'throughput'] as const) {
      const check = checks.get(metric)!;
      assert.equal(check.verdict, 'regressed', `${metric}: ${check.ratio} ${check.interval}`);
      const [low, high] = check.interval!;
      if (metric === 'throughput') assert.ok(high < 1 && check.ratio! < 0.9);
      else assert.ok(low > 1 && check.ratio! > 1.1);
    }
  });

  it('keeps p99.9 within noise at 5,000 calls: the 99.9th percentile of so few calls is known only to ±25% or so', () => {
    const check = echoChecks(oneOperationRun(lognormalDraws(2, 5_000, 1.3)), oneOperationRun(lognormalDraws(1, 5_000)), allowing(0.1)).get('p99.9')!;
    assert.ok(check.ratio! > 1.1);
    assert.equal(check.verdict, 'within-noise');
  });

  it('calls a small true shift (× 1.15) seen in 100 calls worse than allowed but within noise', () => {
    const checks = echoChecks(oneOperationRun(lognormalDraws(2, 100, 1.15)), oneOperationRun(lognormalDraws(1, 100)), allowing(0.1, ['p50', 'p99']));
    for (const metric of ['p50', 'p99'] as const) {
      const check = checks.get(metric)!;
      assert.ok(check.ratio! > 1.1, `${metric} ratio ${check.ratio}: this sample must be worse than allowed for the test to mean anything`);
      assert.equal(check.verdict, 'within-noise', `${metric}: ${check.ratio} ${check.interval}`);
    }
    assert.equal(checks.get('p99')!.interval, null, 'p99 of 100 calls has no upper bound');
  });

  it('takes a change of exactly the allowance as ok, and anything beyond as worse', () => {
    const base = oneOperationRun(new Array<number>(1_000).fill(1_000));
    const atLimit = echoChecks(oneOperationRun(new Array<number>(1_000).fill(1_100)), base, allowing(0.1, ['p50']));
    assert.equal(atLimit.get('p50')!.verdict, 'ok');
    const past = echoChecks(oneOperationRun(new Array<number>(1_000).fill(1_101)), base, allowing(0.1, ['p50']));
    assert.deepEqual(past.get('p50')!.interval, [1.101, 1.101]);
    assert.equal(past.get('p50')!.verdict, 'regressed');
  });
});

describe('baseline check: sub-microsecond latencies', () => {
  it('counts a latency recorded as 0 µs as the histograms\' 1 µs resolution, so the ratio stays finite', () => {
    const check = echoChecks(oneOperationRun(new Array<number>(500).fill(5)), oneOperationRun(new Array<number>(500).fill(0)), allowing(0.1, ['p50'])).get('p50')!;
    assert.equal(check.baseline, 0);
    assert.equal(check.ratio, 5);
    assert.deepEqual(check.interval, [5, 5]);
    assert.equal(check.verdict, 'regressed');
  });
});

describe('baseline check: throughput of an open-model workload', () => {
  const openRun = (n: number, rate: number): RunSummary =>
    syntheticSummary([{ name: 'paced', type: 'constant-rate', throughputPerSec: rate, operations: [{ name: 'echo', latenciesUs: lognormalDraws(n, n) }] }]);

  it('regresses 1000/s → 900/s over 50,000 calls (Poisson noise ±0.9%)', () => {
    const check = echoChecks(openRun(45_000, 900), openRun(50_000, 1_000), [{ metric: 'throughput', allowed: 0.05 }]).get('throughput')!;
    assert.ok(Math.abs(check.ratio! - 0.9) < 1e-9);
    assert.equal(check.verdict, 'regressed');
  });

  it('keeps the same drop over 200 calls within noise (±14%)', () => {
    const check = echoChecks(openRun(180, 900), openRun(200, 1_000), [{ metric: 'throughput', allowed: 0.05 }]).get('throughput')!;
    assert.equal(check.verdict, 'within-noise');
    assert.ok(check.interval![0] < 1 && check.interval![1] > 1);
  });
});

describe('baseline check: error rate, in points', () => {
  const latencies = lognormalDraws(5, 5_000);
  const withErrors = (n: number, errors: number): RunSummary => oneOperationRun(latencies.slice(0, n), errors);
  const errorCheck = (current: RunSummary, baseline: RunSummary): RegressionCheck =>
    echoChecks(current, baseline, [{ metric: 'error_rate', allowed: 0.01 }]).get('error_rate')!;

  it('regresses 1% → 3% of 5,000 calls at error_rate=1% (Wilson intervals apart)', () => {
    const check = errorCheck(withErrors(5_000, 150), withErrors(5_000, 50));
    assert.ok(Math.abs(check.ratio! - 0.02) < 1e-12, 'the difference in points');
    assert.ok(check.interval![0] > 0);
    assert.equal(check.verdict, 'regressed');
  });

  it('keeps 0 → 3 errors in 100 calls within noise', () => {
    const check = errorCheck(withErrors(100, 3), withErrors(100, 0));
    assert.ok(check.ratio! > 0.01);
    assert.equal(check.verdict, 'within-noise');
  });

  it('passes an unchanged or lower error rate', () => {
    assert.equal(errorCheck(withErrors(5_000, 50), withErrors(5_000, 50)).verdict, 'ok');
    assert.equal(errorCheck(withErrors(5_000, 0), withErrors(5_000, 500)).verdict, 'ok');
  });
});

describe('baseline check: zero samples, matching and report data', () => {
  it('fails a check where either run measured no call (never passes vacuously)', () => {
    const empty = oneOperationRun([]);
    const full = oneOperationRun(lognormalDraws(1, 1_000));
    for (const [current, baseline] of [[empty, full], [full, empty]] as const) {
      const summary = checkBaseline(current, baseline, [{ metric: 'p99', allowed: 0.1 }, { metric: 'error_rate', allowed: 0.01 }], 'b.json');
      assert.equal(summary.passed, false);
      for (const check of summary.checks) {
        assert.equal(check.verdict, 'no-samples');
        assert.equal(check.interval, null);
        assert.equal(check.ratio, null);
      }
    }
  });

  it('matches by variant, workload and operation, totals too, and lists what is on one side only', () => {
    const ops = (names: readonly string[]) => names.map((name, i) => ({ name, latenciesUs: lognormalDraws(i + 1, 500) }));
    const current = syntheticSummary([
      { name: 'w', variant: 'cache', operations: ops(['echo', 'ping']) },
      { name: 'w', variant: 'no-cache', operations: ops(['echo']) },
    ]);
    const baseline = syntheticSummary([
      { name: 'w', variant: 'cache', operations: ops(['echo', 'list']) },
      { name: 'other', operations: ops(['echo']) },
    ]);
    const summary = checkBaseline(current, baseline, [{ metric: 'p50', allowed: 0.1 }], 'b.json');
    assert.deepEqual(
      summary.checks.map((c) => `${c.variant}/${c.workload}/${c.operation}`),
      ['cache/w/echo', 'cache/w/all'],
    );
    assert.deepEqual(summary.unmatched, [
      'cache · w / ping',
      'no-cache · w / echo',
      'no-cache · w / all',
      'cache · w / list',
      'other / echo',
      'other / all',
    ]);
  });

  it('fails as a whole when nothing matches (another scenario, renamed workloads): it checked nothing', () => {
    const ops = [{ name: 'echo', latenciesUs: lognormalDraws(1, 500) }];
    const current = syntheticSummary([{ name: 'renamed', operations: ops }]);
    const baseline = syntheticSummary([{ name: 'w', operations: ops }]);
    const summary = checkBaseline(current, baseline, [{ metric: 'p99', allowed: 0.1 }], 'b.json');
    assert.equal(summary.checks.length, 0);
    assert.deepEqual(summary.unmatched, ['renamed / echo', 'renamed / all', 'w / echo', 'w / all']);
    assert.equal(summary.passed, false);
  });

  it('judges without an interval when a report carries no histogram: worse is then within noise, never regressed', () => {
    const strip = (run: RunSummary): RunSummary => ({
      ...run,
      workloads: run.workloads.map((w) => ({ ...w, operations: w.operations.map((o) => ({ ...o, histogram: '' })), total: { ...w.total, histogram: 'not base64!' } })),
    });
    const summary = checkBaseline(strip(oneOperationRun(lognormalDraws(2, 5_000, 1.3))), strip(oneOperationRun(lognormalDraws(1, 5_000))), allowing(0.1, ['p50']), 'b.json');
    assert.equal(summary.checks.length, 2);
    for (const check of summary.checks) {
      assert.equal(check.interval, null);
      assert.equal(check.verdict, 'within-noise');
    }
  });

  it('produces JSON-safe data: open intervals become null, no NaN or Infinity anywhere', () => {
    const summary = checkBaseline(oneOperationRun(lognormalDraws(2, 100)), oneOperationRun([]), [...allowing(0.1), { metric: 'error_rate', allowed: 0.01 }], 'b.json');
    const other = checkBaseline(oneOperationRun(lognormalDraws(2, 100)), oneOperationRun(lognormalDraws(1, 100)), allowing(0.1), 'b.json');
    for (const s of [summary, other]) assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
  });
});
