import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunSummary } from '../../../src/summary/summary.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { renderTable } from '../../../src/report/table.js';
import { workloadViews } from '../../../src/report/workload-view.js';
import { CallTrace } from '../../../src/client/trace.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { summarizeProgress } from '../../../src/summary/progress.js';
import { fixtureSummary } from '../../fixtures/summary.js';

/** Two calls heard 5 notifications each: first after 2ms, then every 10ms. */
function progress() {
  const recorder = new WorkloadRecorder(['p']);
  const trace = new CallTrace();
  for (let call = 0; call < 2; call++) {
    trace.reset();
    trace.progress.begin(0);
    for (const at of [2, 12, 22, 32, 42]) trace.progress.heard(at);
    recorder.record(0, 50_000, { kind: 'ok', result: {} }, trace);
  }
  return summarizeProgress(recorder.operations[0]!.progress!);
}

function withNotify(): RunSummary {
  const summary = fixtureSummary();
  const [first, ...rest] = summary.workloads;
  const [op, ...ops] = first!.operations;
  const workload = {
    ...first!,
    operations: [{ ...op!, progress: progress() }, ...ops],
    notifications: {
      total: 1_310,
      byMethod: { 'notifications/progress': 10, 'notifications/message': 1_200, 'notifications/tools/list_changed': 100 },
      logLevels: { error: 200, warning: 1_000 },
      listChanged: 100,
      setLevel: { level: 'warning', sent: 4, skipped: 0, failed: 0 },
    },
  };
  return { ...summary, workloads: [workload, ...rest] };
}

test('a progress line per operation that asked and a notifications line, in every format', () => {
  const summary = withNotify();
  const name = summary.workloads[0]!.operations[0]!.name;
  const facts = workloadViews(summary)[0]!.facts;
  const progressLine = `progress · ${name}: 5.00 per call (2 calls) · first p50 2.00ms · p99 2.00ms · gap p50 10.0ms · p99 10.0ms`;
  const notificationsLine =
    'notifications: 1,310 · notifications/message 1,200 (warning 1,000, error 200) · notifications/progress 10 · notifications/tools/list_changed 100 · setLevel warning: 4 sessions';
  assert.ok(facts.includes(progressLine), facts.join('\n'));
  assert.ok(facts.includes(notificationsLine), facts.join('\n'));
  for (const text of [renderTable(summary, { color: false }), renderMarkdown(summary), renderHtml(summary)]) {
    assert.ok(text.includes('notifications/message 1,200 (warning 1,000, error 200)'));
    assert.ok(text.includes('5.00 per call (2 calls)'));
  }
});

test('without progress or notifications: no such lines', () => {
  const facts = workloadViews(fixtureSummary()).flatMap((view) => view.facts);
  assert.equal(facts.filter((fact) => fact.startsWith('progress ·') || fact.startsWith('notifications:')).length, 0);
});
