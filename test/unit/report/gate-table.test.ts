import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunSummary, WorkloadSummary } from '../../../src/summary/summary.js';
import { renderTable } from '../../../src/report/table.js';
import { fixtureGatedSummary } from '../../fixtures/gated-summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';

const RED = '\u001b[31m';
const DIM = '\u001b[2m';
const GREEN = '\u001b[32m';

/** The lines of a table report between a headline and the next blank line. */
function block(text: string, headline: RegExp): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => headline.test(line));
  assert.ok(start >= 0, `no line matching ${headline} in:\n${text}`);
  const end = lines.indexOf('', start);
  return lines.slice(start, end < 0 ? undefined : end);
}

describe('table: thresholds', () => {
  const text = renderTable(fixtureGatedSummary(), { color: false });

  it('lists each workload\'s thresholds beneath it: mark, text as written, scope and measured value', () => {
    const seq = block(text, /^echo-seq /);
    assert.ok(seq.includes('  thresholds:'));
    assert.match(seq.join('\n'), /✓ p99<50ms +all operations +1\.10ms$/m);
    assert.match(seq.join('\n'), /✓ error_rate<1% +all operations +0%$/m);
  });

  it('gives the limit only for failures, in the metric\'s unit', () => {
    const mixed = block(text, /^mixed /).join('\n');
    assert.match(mixed, /✗ p99<2ms +tools\/call echo +2\.99ms +limit < 2ms$/m);
    assert.match(mixed, /✓ throughput>1000\/s +all operations +5,000\/s$/m);
    assert.doesNotMatch(mixed, /limit > 1,000/);
  });

  it('shows a threshold over no samples as failed, even on a workload that never ran', () => {
    assert.deepEqual(block(text, /^never /).slice(1), ['  not run', '  thresholds:', '    ✗ p99<50ms   all operations   no samples   limit < 50ms']);
  });

  it('shows nothing about thresholds for a workload without any', () => {
    assert.doesNotMatch(block(text, /^after-crash /).join('\n'), /thresholds/);
  });

  it('colours passes green and failures red', () => {
    const coloured = renderTable(fixtureGatedSummary(), { color: true });
    const failing = coloured.split('\n').find((line) => line.includes('p99<2ms'));
    assert.ok(failing?.includes(`${RED}✗`), failing);
    const passing = coloured.split('\n').find((line) => line.includes('throughput>1000/s'));
    assert.ok(passing?.includes(`${GREEN}✓`), passing);
  });
});

describe('table: variant headline', () => {
  it('puts the variant before the workload name', () => {
    const base = fixtureSummary();
    const workloads = base.workloads.map((w): WorkloadSummary => (w.name === 'echo-seq' ? { ...w, name: 'lookups', variant: 'cache' } : w));
    assert.match(renderTable({ ...base, workloads }, { color: false }), /^cache · lookups sequential · 1,000 calls/m);
  });
});

describe('table: baseline block', () => {
  const text = renderTable(fixtureGatedSummary(), { color: false });

  it('names the baseline file and the allowances', () => {
    assert.match(text, /^baseline reports\/base\.json \(run 2026-01-01T03:04:05\.000Z\) · allowed: p99 \+10%, throughput −5%$/m);
  });

  it('shows per check baseline → current, ratio with interval, allowance and verdict', () => {
    const row = text.split('\n').find((line) => line.includes('regressed'));
    assert.ok(row);
    assert.match(row, /│ mixed +│ tools\/call echo │ p99 +│ +2\.50ms → 2\.99ms │ 1\.20× \[1\.18–1\.21\] │ +\+10% │ ✗ regressed/);
    assert.match(text, /│ +270µs → 300µs │ 1\.11× \[0\.95–1\.30\] │ +\+10% │ +within noise/);
  });

  it('lists what could not be compared', () => {
    assert.match(text, /not compared \(in one report only\): after-crash \/ tools\/call echo/);
  });

  it('paints regressions red and noise dim', () => {
    const coloured = renderTable(fixtureGatedSummary(), { color: true }).split('\n');
    assert.ok(coloured.find((line) => line.includes('regressed'))?.includes(`${RED}regressed`));
    assert.ok(coloured.find((line) => line.includes('within noise'))?.includes(`${DIM}within noise`));
  });
});

describe('table: gate verdict', () => {
  const lastLines = (summary: RunSummary): string[] => renderTable(summary, { color: false }).trimEnd().split('\n').slice(-2);

  it('ends the report with the verdict', () => {
    assert.deepEqual(lastLines(fixtureGatedSummary()), ['✗ 2 of 5 thresholds failed', '✗ baseline: 1 regression (vs reports/base.json)']);
  });

  it('says when every threshold passed', () => {
    const base = fixtureSummary();
    const summary = { ...base, partial: false, gate: { ...base.gate, thresholds: { passed: 12, failed: 0 } } };
    assert.deepEqual(lastLines(summary).slice(-1), ['✓ all 12 thresholds passed']);
  });

  it('names an abort', () => {
    const gated = fixtureGatedSummary();
    const abortedBy = { workload: 'mixed', operation: null, threshold: 'throughput>1000/s', metric: 'throughput' as const, measured: 800, atUs: 2_000_000 };
    const text = renderTable({ ...gated, gate: { ...gated.gate, abortedBy } }, { color: false });
    assert.match(text.trimEnd().split('\n').at(-1) ?? '', /^✗ aborted: throughput>1000\/s failed on mixed \/ all operations 2\.00s into the run \(measured 800\/s/);
  });
});
