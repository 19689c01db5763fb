import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunSummary, WorkloadSummary } from '../../../src/summary/summary.js';
import type { WorkloadType } from '../../../src/workloads/plan.js';
import { reportSchema } from '../../../src/report/report-schema.js';
import { speedupLines, speedupText } from '../../../src/report/speedup.js';
import { failureText, headlineText, workloadView, workloadViews, type WorkloadView } from '../../../src/report/workload-view.js';
import { fixtureModelsSummary } from '../../fixtures/models-summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';

/** The terminal's speed-up text for workload `index`, or null: the view's lines as the table joins them. */
const compareWithSequential = (workloads: readonly WorkloadSummary[], index: number): string | null => {
  const lines = speedupLines(workloads, index);
  return lines ? speedupText(lines) : null;
};

/** The view of the named workload of a summary. */
function viewOf(summary: RunSummary, name: string): WorkloadView {
  const index = summary.workloads.findIndex((w) => w.name === name);
  assert.ok(index >= 0, `no workload ${name}`);
  return workloadView(summary, index);
}

/** The summary with one workload changed. */
function withWorkload(summary: RunSummary, name: string, change: (w: WorkloadSummary) => WorkloadSummary): RunSummary {
  return { ...summary, workloads: summary.workloads.map((w) => (w.name === name ? change(w) : w)) };
}

const models = fixtureModelsSummary();

describe('workload view: headline', () => {
  it('takes the shape words from the type\'s descriptor, measured figures for an open model', () => {
    assert.equal(viewOf(models, 'baseline').headline.shape, 'sequential');
    assert.equal(viewOf(models, 'rate').headline.shape, 'constant-rate · target 500/s, sent 499/s');
    assert.equal(viewOf(models, 'ramp').headline.shape, 'ramping-rate · target 55.0/s, sent 55.0/s');
    assert.equal(viewOf(models, 'burst').headline.shape, 'concurrent · 4 in flight');
    assert.equal(viewOf(models, 'boot-crash').headline.shape, 'constant-rate · at most 8 in flight', 'never measured: the cap, said as a cap');
  });

  it('warns of dropped arrivals with the cap that dropped them, and only when some were', () => {
    assert.equal(viewOf(models, 'rate').headline.dropped, '10 dropped (max 16 in flight)');
    assert.equal(viewOf(models, 'ramp').headline.dropped, null);
    assert.equal(headlineText(viewOf(models, 'rate').headline), 'constant-rate · target 500/s, sent 499/s · 10 dropped (max 16 in flight) · 4,990 calls in 10.00s');
  });

  it('counts the measured calls and warmup, names another engine, and says nothing measured for one never connected', () => {
    const seq = viewOf(fixtureSummary(), 'echo-seq').headline;
    assert.deepEqual([seq.measured, seq.warmup, seq.engine], ['1,000 calls in 1.05s', '+10 warmup', null]);
    assert.equal(viewOf(models, 'burst').headline.engine, 'autocannon engine');
    assert.equal(viewOf(models, 'boot-crash').headline.measured, null);
  });

  it('falls back to the calls in flight for a type this version does not know (a saved report\'s)', () => {
    const summary = withWorkload(models, 'burst', (w) => ({ ...w, type: 'bursty' as WorkloadType }));
    assert.equal(viewOf(summary, 'burst').headline.shape, 'bursty · 4 in flight');
  });
});

describe('workload view: figures', () => {
  it('gives the connection line, then cold start and the servers\' resources where there were several sessions', () => {
    assert.deepEqual(viewOf(models, 'baseline').facts, ['connect 40.0ms · initialize 2.00ms · mcp-bench-reference 0.1.0, protocol 2025-06-18']);
    assert.deepEqual(viewOf(models, 'stopped').facts.slice(1), [
      'cold start over 4 sessions: p50 362ms · p99 384ms (spawn → initialized)',
      'servers (summed): CPU 62% of a core (mean) · RSS 80.0 MB → 83.0 MB (peak 84.0 MB)',
    ]);
    const remote: RunSummary = { ...models, target: { kind: 'http', transport: 'http', label: 'Streamable HTTP: http://127.0.0.1:3000/mcp' } };
    assert.match(viewOf(remote, 'stopped').facts[1] ?? '', /\(connect → initialized\)$/);
    // The built-in server over HTTP is spawned once per workload; each of its sessions connects (issue 11).
    const builtinHttp: RunSummary = { ...models, target: { kind: 'builtin', transport: 'http', label: 'built-in reference server over http' } };
    assert.match(viewOf(builtinHttp, 'stopped').facts[1] ?? '', /\(connect → initialized\)$/);
  });

  it('names a failure\'s code once: "(transport:reset)", never "(transport:reset) (transport:reset)" (issue 11)', () => {
    assert.equal(failureText({ code: 'transport:reset', message: 'the target stopped answering mid-run', serverStderr: [] }), 'the target stopped answering mid-run (transport:reset)');
    // A saved report from before the message left the code out.
    assert.equal(failureText({ code: 'transport:reset', message: 'the target stopped answering mid-run (transport:reset)', serverStderr: [] }), 'the target stopped answering mid-run (transport:reset)');
    // A hint on the lines after the message stays last: the code follows the first line.
    assert.equal(failureText({ code: 'transport:http-404', message: 'could not connect: HTTP 404\n  hint: try /mcp', serverStderr: [] }), 'could not connect: HTTP 404 (transport:http-404)\n  hint: try /mcp');
  });

  it('words one call, one entry, one retry in the singular (issue 11: "1 entries")', () => {
    const one = withWorkload(fixtureSummary(), 'echo-seq', (w) => ({ ...w, total: { ...w.total, count: 1 }, abandonedCalls: 1 }));
    const view = viewOf(one, 'echo-seq');
    assert.equal(view.headline.measured, '1 call in 1.05s');
    assert.ok(view.notes.some((n) => n.text.startsWith('1 call still in flight')), JSON.stringify(view.notes));
  });

  it('rows the operations as text, with the total only when there are several, and dashes where nothing was measured', () => {
    const rate = viewOf(models, 'rate').operations;
    assert.deepEqual(rate.map((r) => [r.name, r.total, r.calls, r.callsPerSec, r.latency.p50, r.latency.max]), [
      ['tools/call echo', false, '3,992', '399', '3.19ms', '4.34ms'],
      ['ping', false, '998', '99.8', '497µs', '647µs'],
      ['all', true, '4,990', '499', '2.95ms', '4.34ms'],
    ]);
    assert.equal(viewOf(models, 'baseline').operations.length, 1);
    const mixed = viewOf(fixtureSummary(), 'mixed').operations[0]!;
    assert.deepEqual([mixed.errors, mixed.failed], ['10 (0.25%)', true]);
    const idle = withWorkload(models, 'rate', (w) => ({ ...w, operations: w.operations.map((op) => (op.name === 'ping' ? { ...op, count: 0, ok: 0 } : op)) }));
    const ping = viewOf(idle, 'rate').operations[1]!;
    assert.equal(ping.measured, false);
    assert.deepEqual(Object.values(ping.latency), ['—', '—', '—', '—', '—', '—', '—']);
    assert.deepEqual(viewOf(models, 'boot-crash').operations, []);
  });

  it('explains an open model\'s latency, with service time and drops per operation and the send lag', () => {
    const open = viewOf(models, 'rate').openModel;
    assert.ok(open);
    assert.match(open.meaning, /^latency above runs from each call's scheduled start \(coordinated-omission corrected\)/);
    assert.deepEqual(open.serviceTime.map((r) => [r.name, ...r.cells, r.dropped, r.droppedAny]), [
      ['tools/call echo', '2.99ms', '3.79ms', '3.97ms', '3.99ms', '7', true],
      ['ping', '300µs', '300µs', '300µs', '300µs', '3', true],
    ]);
    assert.equal(open.sendLag, 'send lag (actual send − scheduled start): p50 197µs, p99 344µs, max 347µs');
    assert.equal(viewOf(models, 'ramp').openModel?.serviceTime[0]?.droppedAny, false);
    assert.equal(viewOf(models, 'burst').openModel, null, 'closed loop');
    assert.equal(viewOf(models, 'boot-crash').openModel, null, 'nothing measured');
  });

  it('lists errors by operation with each kind\'s count', () => {
    assert.deepEqual(viewOf(fixtureSummary(), 'mixed').errors, [
      { operation: 'tools/call echo', kinds: [{ kind: 'tool-error', times: '×10' }], text: 'errors · tools/call echo: tool-error ×10' },
    ]);
  });

  it('rows the thresholds: text as written, scope, measured, and the limit only when failed', () => {
    assert.deepEqual(viewOf(models, 'rate').thresholds, [
      { passed: false, threshold: 'dropped<1', scope: 'all operations', measured: '10', limit: 'limit < 1' },
      { passed: true, threshold: 'p99<10ms', scope: 'tools/call echo', measured: '4.30ms', limit: null },
    ]);
  });
});

describe('workload view: notes', () => {
  const brief = (view: WorkloadView) => view.notes.map((n) => [n.kind, n.tone, n.sign]);

  it('engine notes and the harness line are dim, the saturation warning a signed warning', () => {
    assert.deepEqual(brief(viewOf(models, 'burst')), [
      ['engine', 'dim', null],
      ['harness', 'dim', null],
      ['saturation', 'warning', 'warn'],
    ]);
    assert.equal(viewOf(models, 'burst').notes[0]?.text, 'note: latency is per HTTP request; JSON-RPC errors inside a 200 answer are not seen');
  });

  it('an interrupted workload says so, counts the calls it abandoned, and the bad output its server wrote', () => {
    const stopped = viewOf(models, 'stopped');
    assert.deepEqual(brief(stopped), [['bad-output', 'warning', 'warn'], ['interrupted', 'warning', null], ['abandoned', 'warning', null]]);
    assert.deepEqual(stopped.notes.map((n) => n.text), [
      'bad server output: the server wrote 3 lines or answers that are not JSON-RPC (skipped), 1 answer whose id matched no request in flight',
      'interrupted: figures cover the calls made before the stop',
      '4 calls still in flight when the grace period ended: abandoned, not counted',
    ]);
  });

  it('a failure is bad, with the server\'s last stderr lines beneath it', () => {
    const [failure] = viewOf(models, 'boot-crash').notes;
    assert.deepEqual(failure, {
      kind: 'failure',
      tone: 'bad',
      sign: 'fail',
      text: 'the server closed the connection before initialize (did the process exit?) (transport:closed)',
      detail: ['server: Error: missing API_KEY <set it with -e>', 'server:     at start (server.js:12:9)'],
    });
  });

  it('a workload not run says only that, and keeps its thresholds', () => {
    const never = viewOf(fixtureSummary(), 'never');
    assert.equal(never.notRun, 'not run');
    assert.deepEqual([never.facts, never.operations, never.notes, never.speedup], [[], [], [], []]);
    const gated = withWorkload(fixtureSummary(), 'never', (w) => ({ ...w, thresholds: [{ threshold: 'p99<50ms', workload: 'never', metric: 'p99', comparator: '<', limit: 50_000, operation: null, measured: null, samples: 0, passed: false, source: 'scenario', reason: 'no-samples' }] }));
    assert.equal(viewOf(gated, 'never').thresholds[0]?.measured, 'no samples');
  });
});

describe('workload view: the speed-up line (closed loop only)', () => {
  it('compares a closed-loop workload with several calls in flight with the nearest earlier one-in-flight workload', () => {
    assert.deepEqual(viewOf(models, 'burst').speedup, ['vs baseline: 2.1× the calls/s at 4 in flight; tools/call echo p50 1.49ms → 2.29ms']);
    assert.deepEqual(viewOf(models, 'stopped').speedup, ['vs baseline: 1.05× the calls/s at 16 in flight; tools/call echo p50 1.49ms → 4.49ms']);
  });

  it('never for an open-model workload, even right after a sequential one sharing its operations', () => {
    for (const name of ['rate', 'ramp', 'boot-crash']) assert.deepEqual(viewOf(models, name).speedup, [], name);
    assert.equal(compareWithSequential(models.workloads, 1), null);
  });

  it('not against an open-model workload with one call in flight, nor for one in flight, nor for a type this version lacks', () => {
    const single = (w: WorkloadSummary): WorkloadSummary => ({ ...w, concurrency: 1 });
    const openBaseline = withWorkload(withWorkload(models, 'baseline', (w) => ({ ...w, name: 'x', variant: 'other' })), 'rate', single);
    assert.deepEqual(viewOf(openBaseline, 'burst').speedup, [], 'the only one-in-flight workload of its variant is open-model');
    assert.deepEqual(viewOf(withWorkload(models, 'burst', single), 'burst').speedup, []);
    assert.deepEqual(viewOf(withWorkload(models, 'burst', (w) => ({ ...w, type: 'bursty' as WorkloadType })), 'burst').speedup, []);
  });

  it('only within a variant', () => {
    const other = withWorkload(models, 'burst', (w) => ({ ...w, variant: 'cache' }));
    assert.deepEqual(viewOf(other, 'burst').speedup, []);
  });
});

describe('workload view: purity', () => {
  it('is the same view twice from the same summary, for every workload', () => {
    assert.deepEqual(workloadViews(fixtureModelsSummary()), workloadViews(fixtureModelsSummary()));
    assert.equal(workloadViews(models).length, models.workloads.length);
  });

  it('the fixture is a report as the schema describes it', () => {
    assert.doesNotThrow(() => reportSchema.parse(JSON.parse(JSON.stringify(models))));
  });
});
