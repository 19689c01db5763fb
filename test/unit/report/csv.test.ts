import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvRecords } from '../../../src/input/csv.js';
import { CSV_COLUMNS, csvField, renderCsv } from '../../../src/report/csv.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';

/** Parses the CSV text back with the project's own RFC 4180 reader. */
function parse(text: string): string[][] {
  assert.ok(text.endsWith('\r\n'));
  const reader = new CsvRecords();
  const records: string[][] = [];
  text.slice(0, -2).split('\r\n').forEach((line, i) => {
    const step = reader.push(line, i + 1);
    assert.notEqual(step.kind, 'problem');
    if (step.kind === 'record') records.push([...step.fields]);
  });
  return records;
}

describe('renderCsv', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180), and reads back the same', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    const base = fixtureSummary();
    const summary: RunSummary = {
      ...base,
      workloads: base.workloads.map((w, i) => (i === 0 ? { ...w, name: 'echo, "seq"', variant: 'v1' } : w)),
    };
    const records = parse(renderCsv(summary));
    assert.deepEqual(records[0], [...CSV_COLUMNS]);
    const first = records[1]!;
    assert.equal(first[1], 'echo, "seq"');
    assert.equal(first[2], 'v1');
    assert.ok(records.slice(1).every((r) => r.length === CSV_COLUMNS.length));
  });

  it('has one row per operation, the total as `all` where the view shows one, figures as in the JSON report', () => {
    const summary = fixtureSummary();
    const records = parse(renderCsv(summary));
    const mixed = summary.workloads.find((w) => w.name === 'mixed')!;
    const rows = records.filter((r) => r[1] === 'mixed');
    assert.deepEqual(rows.map((r) => r[3]), [...mixed.operations.map((op) => op.name), 'all']);
    const echo = mixed.operations[0]!;
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[0]![i]!]));
    assert.equal(Number(row['calls']), echo.count);
    assert.equal(Number(row['ok']), echo.ok);
    assert.equal(Number(row['errors']), echo.count - echo.ok);
    assert.equal(Number(row['error_rate']), echo.errorRate);
    assert.equal(Number(row['throughput_per_s']), echo.throughputPerSec);
    assert.equal(Number(row['p99_ms']), echo.latencyUs.p99 / 1000);
    assert.equal(Number(rows.at(-1)![4]), mixed.total.count);
  });

  it('writes no row for a workload that did not run', () => {
    const base = fixtureSummary();
    const summary: RunSummary = { ...base, workloads: base.workloads.map((w, i) => (i === 0 ? { ...w, status: 'not-run' as const } : w)) };
    assert.ok(!parse(renderCsv(summary)).some((r) => r[1] === base.workloads[0]!.name));
  });
});
