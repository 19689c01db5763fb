import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeServerLimits, ServerLimitCounter } from '../../../src/metrics/server-limits.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { reportSchema } from '../../../src/report/report-schema.js';
import { serverLimitsText } from '../../../src/report/server-text.js';
import { renderTable } from '../../../src/report/table.js';
import { combineEvents } from '../../../src/runner/session-events.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';

describe('server limits per workload', () => {
  it('count servers started under limits and kills by kind, through the events every session is handed', () => {
    const counter = new ServerLimitCounter();
    assert.equal(counter.summary(), null, 'absent when no server ran under limits');
    const events = combineEvents({ notification: () => undefined }, counter.events);
    for (const event of ['started', 'started', 'memory', 'started', 'cpu', 'memory'] as const) events.serverLimit?.(event);
    assert.deepEqual(counter.summary(), { started: 3, memoryKills: 2, cpuKills: 1 });
  });

  it('merge over rounds and shards by adding; none at all stays absent', () => {
    const merged = mergeServerLimits([{ started: 2, memoryKills: 1, cpuKills: 0 }, null, undefined, { started: 4, memoryKills: 0, cpuKills: 2 }]);
    assert.deepEqual(merged, { started: 6, memoryKills: 1, cpuKills: 2 });
    assert.equal(mergeServerLimits([null, undefined]), null);
  });

  it('read the same in the table, Markdown and HTML reports, and fit the JSON schema', () => {
    const base = fixtureSummary();
    const limits = { started: 3, memoryKills: 2, cpuKills: 0 };
    const summary: RunSummary = { ...base, workloads: base.workloads.map((w, i) => (i === 0 ? { ...w, serverLimits: limits } : w)) };
    const text = serverLimitsText(limits);
    assert.equal(text, 'server limits: 3 servers started under them · killed: 2 at the memory limit, 0 at the CPU time limit');
    assert.equal(serverLimitsText({ started: 1, memoryKills: 0, cpuKills: 1 }), 'server limits: 1 server started under them · killed: 0 at the memory limit, 1 at the CPU time limit');
    assert.ok(renderTable(summary, { color: false }).includes(text), 'table');
    assert.ok(renderMarkdown(summary).replace(/\\(.)/g, '$1').includes(text), 'markdown');
    assert.ok(renderHtml(summary).includes(text), 'html');
    assert.ok(!renderTable(base, { color: false }).includes('server limits:'), 'absent when none');
    assert.ok(reportSchema.safeParse(JSON.parse(JSON.stringify(summary))).success);
    const wrong = { ...summary, workloads: [{ ...summary.workloads[0], serverLimits: { started: 1, memoryKills: -1, cpuKills: 0 } }] };
    assert.equal(reportSchema.safeParse(wrong).success, false, 'the schema knows the block');
  });
});
