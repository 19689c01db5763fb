import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeStreamResumptions, StreamResumptionCounter, streamResumptionText } from '../../../src/metrics/stream-resumptions.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { reportSchema } from '../../../src/report/report-schema.js';
import { renderTable } from '../../../src/report/table.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';

describe('stream resumptions per workload', () => {
  it('are counted as transports report them, and absent when there were none', () => {
    const counter = new StreamResumptionCounter();
    assert.equal(counter.summary(), null);
    counter.listener('resumed');
    counter.listener('resumed');
    counter.listener('reopened');
    assert.deepEqual(counter.summary(), { resumed: 2, reopened: 1 });
  });

  it('merge over rounds and shards by adding; none at all stays absent', () => {
    assert.deepEqual(mergeStreamResumptions([{ resumed: 2, reopened: 0 }, null, undefined, { resumed: 3, reopened: 1 }]), { resumed: 5, reopened: 1 });
    assert.equal(mergeStreamResumptions([null, undefined]), null);
  });

  it('read the same in the table, Markdown and HTML reports, and fit the JSON schema', () => {
    const base = fixtureSummary();
    const summary: RunSummary = { ...base, workloads: base.workloads.map((w, i) => (i === 0 ? { ...w, streams: { resumed: 6, reopened: 1 } } : w)) };
    const text = streamResumptionText({ resumed: 6, reopened: 1 });
    assert.equal(text, 'streams: 6 event streams resumed (Last-Event-ID), the standalone GET stream re-opened once');
    assert.ok(renderTable(summary, { color: false }).includes(text), 'table');
    assert.ok(renderMarkdown(summary).replace(/\\(.)/g, '$1').includes(text), 'markdown');
    assert.ok(renderHtml(summary).includes(text), 'html');
    assert.ok(!renderTable(base, { color: false }).includes('streams:'), 'absent when none');
    assert.equal(streamResumptionText({ resumed: 1, reopened: 0 }), 'streams: 1 event stream resumed (Last-Event-ID)');
    assert.ok(reportSchema.safeParse(JSON.parse(JSON.stringify(summary))).success);
    const wrong = { ...summary, workloads: [{ ...summary.workloads[0], streams: { resumed: -1, reopened: 0 } }] };
    assert.equal(reportSchema.safeParse(wrong).success, false, 'the schema knows the block');
  });
});
