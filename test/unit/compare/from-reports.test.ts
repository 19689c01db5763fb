import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareReports, nothingInCommon, SAMPLING_NOISE_NOTE } from '../../../src/compare/from-reports.js';
import type { ComparisonCell, ComparisonSummary } from '../../../src/summary/comparison.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';
import { lognormalDraws, oneOperationRun, syntheticSummary } from '../stats/synthetic.js';

function cellOf(comparison: ComparisonSummary, workload: string, operation: string, variant: string): ComparisonCell {
  const row = comparison.rows.find((r) => r.workload === workload && r.operation === operation);
  assert.ok(row, `no row ${workload} / ${operation}`);
  const cell = row.cells.find((c) => c.variant === variant);
  assert.ok(cell, `no cell ${variant} in ${workload} / ${operation}`);
  return cell;
}

const run = (seed: number, n: number, scale = 1): RunSummary => oneOperationRun(lognormalDraws(seed, n, scale));

describe('compare saved reports', () => {
  it('lays out one row per operation of the first report, its total last, one cell per report', () => {
    const a = run(1, 5_000);
    const comparison = compareReports([{ label: 'a.json', summary: a }, { label: 'b.json', summary: run(2, 5_000) }]);
    assert.equal(comparison.source, 'reports');
    assert.equal(comparison.rounds, 0);
    assert.deepEqual(comparison.variants, ['a.json', 'b.json']);
    assert.deepEqual(comparison.roundFigures, []);
    assert.deepEqual(comparison.rows.map((r) => `${r.workload} / ${r.operation}`), ['w / echo', 'w / all']);
    for (const row of comparison.rows) assert.deepEqual(row.cells.map((c) => c.variant), ['a.json', 'b.json']);
    const first = cellOf(comparison, 'w', 'echo', 'a.json');
    const op = a.workloads[0]!.operations[0]!;
    assert.deepEqual(first, { variant: 'a.json', count: 5_000, p50Us: op.latencyUs.p50, p99Us: op.latencyUs.p99, throughputPerSec: op.throughputPerSec, errorRate: 0 });
  });

  it('says the intervals cover sampling noise only, not drift between runs, and how to measure that', () => {
    const comparison = compareReports([{ label: 'a.json', summary: run(1, 500) }, { label: 'b.json', summary: run(2, 500) }]);
    assert.deepEqual(comparison.notes, [SAMPLING_NOISE_NOTE]);
    assert.match(SAMPLING_NOISE_NOTE, /sampling noise within each run only/);
    assert.match(SAMPLING_NOISE_NOTE, /no rounds/);
    assert.match(SAMPLING_NOISE_NOTE, /variants .* compare: \{ rounds: 5 \}/);
  });

  it('finds no significant difference between two samples of one distribution', () => {
    const comparison = compareReports([{ label: 'a', summary: run(1, 5_000) }, { label: 'b', summary: run(2, 5_000) }]);
    const vs = cellOf(comparison, 'w', 'echo', 'b').vsFirst!;
    for (const estimate of [vs.p50, vs.p99, vs.throughput]) {
      assert.ok(Math.abs(estimate.ratio! - 1) < 0.1, `ratio ${estimate.ratio}`);
      assert.ok(estimate.low! < 1 && estimate.high! > 1, `[${estimate.low}, ${estimate.high}]`);
      assert.equal(estimate.significant, false);
    }
    assert.equal(vs.errorRateDelta, 0);
  });

  it('finds a × 1.3 slower run significantly slower, with fewer calls/s, the interval around the ratio', () => {
    const comparison = compareReports([{ label: 'a', summary: run(1, 5_000) }, { label: 'slow', summary: run(2, 5_000, 1.3) }]);
    const vs = cellOf(comparison, 'w', 'echo', 'slow').vsFirst!;
    for (const estimate of [vs.p50, vs.p99]) {
      assert.ok(estimate.ratio! > 1.2 && estimate.ratio! < 1.45, `ratio ${estimate.ratio}`);
      assert.ok(estimate.low! > 1 && estimate.low! <= estimate.ratio! && estimate.ratio! <= estimate.high!);
      assert.equal(estimate.significant, true);
    }
    assert.ok(vs.throughput.ratio! < 0.85 && vs.throughput.high! < 1);
    assert.equal(vs.throughput.significant, true);
  });

  it('compares every later report with the first, not with its neighbour', () => {
    const comparison = compareReports([
      { label: 'a', summary: run(1, 5_000) },
      { label: 'slow', summary: run(2, 5_000, 1.3) },
      { label: 'same', summary: run(3, 5_000) },
    ]);
    assert.equal(cellOf(comparison, 'w', 'echo', 'slow').vsFirst!.p50.significant, true);
    assert.equal(cellOf(comparison, 'w', 'echo', 'same').vsFirst!.p50.significant, false);
  });

  it('leaves an end the calls cannot bound open (null) and still calls a difference significant from the other end', () => {
    // p99 of 100 calls has no upper bound; 10,000 baseline calls bound it well. Three times slower is still clear.
    const comparison = compareReports([{ label: 'a', summary: run(1, 10_000) }, { label: 'few', summary: run(2, 100, 3) }]);
    const p99 = cellOf(comparison, 'w', 'echo', 'few').vsFirst!.p99;
    assert.equal(p99.high, null);
    assert.ok(p99.low! > 1);
    assert.equal(p99.significant, true);
  });

  it('compares a variants run per variant and workload', () => {
    const variants = (scale: number): RunSummary =>
      syntheticSummary([
        { name: 'lookups', variant: 'no-cache', operations: [{ name: 'echo', latenciesUs: lognormalDraws(1, 2_000, scale) }] },
        { name: 'lookups', variant: 'cache', operations: [{ name: 'echo', latenciesUs: lognormalDraws(2, 2_000, scale / 4) }] },
      ]);
    const comparison = compareReports([{ label: 'main.json', summary: variants(1) }, { label: 'pr.json', summary: variants(1.5) }]);
    assert.deepEqual(comparison.rows.map((r) => `${r.workload} / ${r.operation}`), [
      'no-cache · lookups / echo',
      'no-cache · lookups / all',
      'cache · lookups / echo',
      'cache · lookups / all',
    ]);
    const cached = cellOf(comparison, 'cache · lookups', 'echo', 'pr.json');
    assert.ok(Math.abs(cached.vsFirst!.p50.ratio! - 1.5) < 0.1, 'cache in pr.json against cache in main.json, not against no-cache');
  });

  it('gives an empty cell and a note for an operation a later report lacks', () => {
    const two = syntheticSummary([{ name: 'w', operations: [{ name: 'echo', latenciesUs: lognormalDraws(1, 500) }, { name: 'ping', latenciesUs: lognormalDraws(2, 500) }] }]);
    const comparison = compareReports([{ label: 'a.json', summary: two }, { label: 'b.json', summary: run(3, 500) }]);
    const missing = cellOf(comparison, 'w', 'ping', 'b.json');
    assert.equal(missing.count, 0);
    assert.deepEqual(missing.vsFirst!.p50, { ratio: null, low: null, high: null, significant: null });
    assert.deepEqual(comparison.notes, [SAMPLING_NOISE_NOTE, 'w / ping is not in b.json']);
  });

  it('compares the fixed fixture with itself: ratio 1 where calls were measured, none where not, JSON-safe', () => {
    const comparison = compareReports([{ label: 'x.json', summary: fixtureSummary() }, { label: 'y.json', summary: fixtureSummary() }]);
    assert.deepEqual(comparison.rows.map((r) => `${r.workload} / ${r.operation}`), [
      'echo-seq / tools/call echo',
      'echo-seq / all',
      'mixed / tools/call echo',
      'mixed / ping',
      'mixed / all',
      'after-crash / tools/call echo',
      'after-crash / all',
      'never / all',
    ]);
    for (const row of comparison.rows) {
      const vs = row.cells[1]!.vsFirst!;
      const measured = row.cells[0]!.count > 0;
      for (const estimate of [vs.p50, vs.p99, vs.throughput]) {
        assert.equal(estimate.ratio, measured ? 1 : null, `${row.workload} / ${row.operation}`);
        assert.equal(estimate.significant, measured ? false : null);
      }
      assert.equal(vs.errorRateDelta, measured ? 0 : null, 'no difference of rates where nothing was measured');
    }
    assert.deepEqual(JSON.parse(JSON.stringify(comparison)), comparison);
  });

  it('matches operations by name and arguments: the same name sending other arguments is another operation (issue 11)', () => {
    const a = run(1, 500);
    const withSignature = (summary: RunSummary, signature: string): RunSummary => ({
      ...summary,
      workloads: summary.workloads.map((w) => ({ ...w, operations: w.operations.map((op) => ({ ...op, signature })) })),
    });
    const comparison = compareReports([{ label: 'a', summary: withSignature(a, 'small') }, { label: 'b', summary: withSignature(run(2, 500), 'large') }]);
    assert.equal(cellOf(comparison, 'w', 'echo', 'b').count, 0);
    assert.deepEqual(comparison.notes, [SAMPLING_NOISE_NOTE, 'w / echo sends other arguments in b']);
    const same = compareReports([{ label: 'a', summary: withSignature(a, 'small') }, { label: 'b', summary: withSignature(run(2, 500), 'small') }]);
    assert.equal(cellOf(same, 'w', 'echo', 'b').count, 500);
    // An older report without signatures matches by name.
    assert.equal(cellOf(compareReports([{ label: 'a', summary: withSignature(a, 'small') }, { label: 'b', summary: run(2, 500) }]), 'w', 'echo', 'b').count, 500);
  });

  it('names each later report with no workload in common with the first (compare refuses them)', () => {
    const renamed = (summary: RunSummary, name: string): RunSummary => ({ ...summary, workloads: summary.workloads.map((w) => ({ ...w, name })) });
    const a = { label: 'a', summary: run(1, 100) };
    assert.deepEqual(nothingInCommon([a, { label: 'b', summary: run(2, 100) }]), []);
    assert.deepEqual(nothingInCommon([a, { label: 'c', summary: renamed(run(2, 100), 'other') }, { label: 'b', summary: run(3, 100) }]), [
      { label: 'c', firstWorkloads: ['w'], workloads: ['other'] },
    ]);
    assert.deepEqual(nothingInCommon([]), []);
  });

  it('makes an empty comparison of no reports', () => {
    assert.deepEqual(compareReports([]), { source: 'reports', rounds: 0, variants: [], rows: [], roundFigures: [], notes: [SAMPLING_NOISE_NOTE] });
  });
});
