import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunSummary, WorkloadSummary } from '../../../src/summary/summary.js';
import type { DataUse } from '../../../src/traffic/data-rows.js';
import { dataLine } from '../../../src/report/data-text.js';
import { workloadView } from '../../../src/report/workload-view.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { renderTable } from '../../../src/report/table.js';
import { reportSchema } from '../../../src/report/report-schema.js';
import { fixtureSummary } from '../../fixtures/summary.js';

const ONCE: DataUse = { file: 'data/items.csv', order: 'once', exhausted: 'stop', rows: 500, calls: 500, rowsUsed: 500, stoppedEarly: true };
const TENANT: DataUse = { file: 'data/acme.jsonl', tenant: 'acme', order: 'sequential', exhausted: 'stop', rows: 1_200, calls: 2_400, rowsUsed: null, stoppedEarly: false };

function withData(summary: RunSummary, data: readonly DataUse[]): RunSummary {
  const workloads = summary.workloads.map((w, i): WorkloadSummary => (i === 0 ? { ...w, data } : w));
  return { ...summary, workloads };
}

describe("a workload's data line", () => {
  it('names the file as written, its order, rows used of rows, calls given a row and an early stop', () => {
    assert.equal(dataLine(ONCE), 'data data/items.csv: once each (then stop) · 500 of 500 rows used · 500 calls given a row · every row was used, so the workload stopped early');
  });

  it("says whose a tenant's file is, and that rows used were not added up where a sum would not be exact", () => {
    assert.equal(dataLine(TENANT), 'data data/acme.jsonl (tenant acme): rows in order · 1,200 rows, rows used not added up (a row may repeat across shards or rounds) · 2,400 calls given a row');
    assert.match(dataLine({ ...TENANT, order: 'random', rowsUsed: 7, calls: 1 }), /: random rows \(seeded\) · 7 of 1,200 rows used · 1 call given a row$/);
  });

  it("is among the workload's facts, and every format renders it; the JSON report's schema accepts the block", () => {
    const summary = withData(fixtureSummary(), [ONCE, TENANT]);
    const facts = workloadView(summary, 0).facts;
    assert.deepEqual(facts.slice(-2), [dataLine(ONCE), dataLine(TENANT)]);
    assert.ok(renderTable(summary, { color: false }).includes(dataLine(ONCE)));
    assert.ok(renderMarkdown(summary).includes('data data/items.csv: once each (then stop) · 500 of 500 rows used'));
    assert.ok(renderHtml(summary).includes('data data/acme.jsonl (tenant acme): rows in order'));
    assert.equal(reportSchema.safeParse(JSON.parse(JSON.stringify(summary))).success, true);
    assert.equal(reportSchema.safeParse(JSON.parse(JSON.stringify(withData(summary, [{ ...ONCE, rows: -1 }])))).success, false);
  });

  it('is absent without data files', () => {
    assert.ok(workloadView(fixtureSummary(), 0).facts.every((fact) => !fact.startsWith('data ')));
  });
});
