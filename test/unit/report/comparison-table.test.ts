import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chalk } from 'chalk';
import type { ComparisonRow, ComparisonSummary } from '../../../src/summary/comparison.js';
import { groupByWorkload, renderComparisonBlock } from '../../../src/report/comparison-table.js';
import { renderTable } from '../../../src/report/table.js';
import { fixtureGatedSummary } from '../../fixtures/gated-summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';

const plain = new Chalk({ level: 0 });
const coloured = new Chalk({ level: 1 });
const comparison = (): ComparisonSummary => fixtureGatedSummary().comparison!;

describe('comparison block', () => {
  const text = renderComparisonBlock(comparison(), plain);
  const lines = text.split('\n');

  it('names the reference variant and the workload of each table', () => {
    assert.equal(lines[0], 'comparison · no-cache (reference) vs cache');
    assert.equal(lines[1], 'lookups');
  });

  it('shows each variant\'s p50, p99, calls/s and error rate on its own row', () => {
    assert.match(text, /│ tools\/call echo │ no-cache +│ +5\.65ms │ +6\.90ms │ +1,359 │ +0% │/);
    assert.match(text, /│ +│ cache +│ +11µs │ +5\.80ms │ +51,043 │ +0% │/);
  });

  it('puts the later variant\'s ratios to the first, with intervals, beneath it; ≈ where the interval contains 1', () => {
    assert.match(text, /│ +│ +vs no-cache │ 0\.0019× \[0\.0017–0\.0022\] │ 0\.84× \[0\.70–1\.01\] ≈ │ 37\.6× \[33\.1–42\.6\] │ ±0 pts │/);
  });

  it('explains the rounds and what ≈ means, then the comparison notes', () => {
    const withNotes = renderComparisonBlock({ ...comparison(), notes: ['round 3 of cache had a GC pause'] }, plain).split('\n');
    assert.deepEqual(withNotes.slice(-3), [
      '  5 rounds per variant, interleaved; ratio to no-cache with the 95% interval of the per-round ratio',
      '  ≈ no significant difference (the interval contains 1)',
      '  note: round 3 of cache had a GC pause',
    ]);
  });

  it('says when the comparison comes from saved reports, without rounds', () => {
    const saved = renderComparisonBlock({ ...comparison(), source: 'reports', rounds: 0 }, plain);
    assert.match(saved, /from saved reports, without rounds; ratio to no-cache with a 95% interval from sampling noise only/);
  });

  it('colours significant improvements green, significant regressions red, and no difference dim', () => {
    const text = renderComparisonBlock(comparison(), coloured);
    assert.ok(text.includes('\u001b[32m0.0019×'), 'p50 0.0019× is a significant improvement');
    assert.ok(text.includes('\u001b[32m37.6×'), 'throughput 37.6× is a significant improvement');
    assert.ok(text.includes('\u001b[2m0.84×'), 'p99 0.84× is no significant difference');
    const worse = comparison().rows.map((row): ComparisonRow => ({
      ...row,
      cells: row.cells.map((cell) => (cell.vsFirst ? { ...cell, vsFirst: { ...cell.vsFirst, p99: { ratio: 1.5, low: 1.2, high: 1.8, significant: true } } } : cell)),
    }));
    assert.ok(renderComparisonBlock({ ...comparison(), rows: worse }, coloured).includes('\u001b[31m1.50×'), 'p99 1.50× is a significant regression');
  });

  it('shows — for latencies of a variant that measured nothing', () => {
    const rows = comparison().rows.map((row): ComparisonRow => ({ ...row, cells: row.cells.map((cell, i) => (i === 0 ? { ...cell, count: 0, throughputPerSec: 0 } : cell)) }));
    assert.match(renderComparisonBlock({ ...comparison(), rows }, plain), /│ tools\/call echo │ no-cache +│ +— │ +— │ +0\.0 │ +— │/);
  });

  it('makes one table per workload, in order of appearance', () => {
    const [row] = comparison().rows;
    const rows = [row!, { ...row!, workload: 'writes' }, { ...row!, operation: 'all' }];
    assert.deepEqual([...groupByWorkload(rows).keys()], ['lookups', 'writes']);
    assert.equal(groupByWorkload(rows).get('lookups')?.length, 2);
    const text = renderComparisonBlock({ ...comparison(), rows }, plain);
    assert.equal(text.split('\n').filter((line) => line === 'lookups' || line === 'writes').length, 2);
    assert.equal(text.split('\n').filter((line) => line.includes('┌')).length, 2);
  });
});

describe('table report with a comparison', () => {
  it('shows the comparison after the workloads and before the verdict', () => {
    const text = renderTable(fixtureGatedSummary(), { color: false });
    const at = (pattern: RegExp): number => text.search(pattern);
    assert.ok(at(/^never /m) < at(/^comparison · /m));
    assert.ok(at(/^comparison · /m) < at(/^✗ 2 of 5 thresholds failed/m));
  });

  it('shows none without one', () => {
    assert.doesNotMatch(renderTable(fixtureSummary(), { color: false }), /comparison/);
  });
});
