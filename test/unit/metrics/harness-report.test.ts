import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OK } from '../../../src/client/outcome.js';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { SATURATION_PHRASE } from '../../../src/report/harness-text.js';
import { HarnessSampler, LOOP_DELAY_RESOLUTION_MS } from '../../../src/metrics/harness.js';
import type { CalibratedFloor } from '../../../src/metrics/harness-types.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { summarize } from '../../../src/summary/summarize.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { reportSchema } from '../../../src/report/report-schema.js';
import { renderTable } from '../../../src/report/table.js';
import type { RunResult, WorkloadRun } from '../../../src/runner/run.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import type { Plan } from '../../../src/scenario/plan.js';
import type { TargetPlan } from '../../../src/client/targets/registry.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { fixtureSummary } from '../../fixtures/summary.js';
import { fakeProbe, type FakeFigures } from '../harness/fake-probe.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';

const RES_NS = LOOP_DELAY_RESOLUTION_MS * 1e6;
const SATURATED: FakeFigures = { cpuShare: 0.98, loopP99Ns: RES_NS + 48_000_000, loopMaxNs: RES_NS + 90_000_000 };
const UNSATURATED: FakeFigures = { cpuShare: 0.34, loopP99Ns: RES_NS + 1_200_000, loopMaxNs: RES_NS + 4_000_000 };

const echo: OperationPlan = { name: 'tools/call echo', weight: 1, timeoutUs: 1e6, request: { method: 'tools/call', tool: 'echo', args: {} } };
const target: TargetPlan = { kind: 'builtin', transport: 'stdio', server: { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 } };
const workload: WorkloadPlan = { name: 'echo-256', type: 'concurrent', concurrency: 256, operations: [echo], warmup: null, measure: { kind: 'duration', us: 2_000_000 }, seed: 1, shard: WHOLE_RUN, client: PLAIN_CLIENT, endpoints: [target], engine: { kind: 'client' } };
const plan: Plan = { name: 'harness', sourceFile: null, target, workloads: [workload], redacted: {}, resolvedRedacted: {}, targetLabel: 'built-in reference server over stdio' };
const environment = { node: 'v20.0.0', platform: 'linux', arch: 'x64', osRelease: '6.0', cpus: { count: 2, model: 'test cpu' }, memoryBytes: 1 };

/** A workload whose 2 s were sampled by a HarnessSampler on `figures`, summarized by summarize() as a run's would be. */
async function summaryWith(figures: FakeFigures): Promise<RunSummary> {
  const clock = new FakeClock();
  const sampler = new HarnessSampler(fakeProbe(clock, figures).probe);
  const recorder = new WorkloadRecorder([echo.name]);
  sampler.start();
  for (let i = 0; i < 100; i++) {
    await clock.advanceUs(20_000);
    recorder.record(0, 20_000, OK);
  }
  const harness = sampler.stop();
  const timings = { serverStartUs: null, connectUs: 1_000, initializeUs: 2_000 };
  const run: WorkloadRun = {
    workload, status: 'completed', recorder, execution: { measureStartUs: 0, measureEndUs: clock.nowUs(), fatal: null, interrupted: false },
    connection: { timings, server: { name: 'ref', version: '1', protocolVersion: null } }, sessions: [timings],
    client: null, engine: null, setupCalls: {}, warnings: [], failure: null, harness,
  };
  const result: RunResult = { plan, startedAt: new Date(0), finishedAt: new Date(2_000), workloads: [run], interrupted: false };
  return summarize(result, environment, '0.0.0');
}

describe('harness section through summarize and the reporters', () => {
  it('a saturated generator: the summary says so, and table, Markdown and HTML warn with the reasons', async () => {
    const summary = await summaryWith(SATURATED);
    assert.deepEqual(summary.workloads[0]!.harness, {
      cpuPercent: 98, eventLoopDelayP99Us: 48_000, eventLoopDelayMaxUs: 90_000, saturated: true, cause: 'generator',
      reasons: ['its own CPU 98% of a core', 'event-loop delay p99 48.0ms'],
    });
    const table = renderTable(summary, { color: false });
    assert.match(table, /^ {2}harness: CPU 98% of a core · event-loop delay p99 48\.0ms$/m);
    const warning = table.split('\n').find((line) => line.includes(SATURATION_PHRASE));
    assert.ok(warning, table);
    const said = "mcp-bench's generator was saturated \\(its own CPU 98% of a core, event-loop delay p99 48\\.0ms\\): figures may be bounded by the load generator";
    assert.match(warning, new RegExp(said));
    assert.match(renderMarkdown(summary), new RegExp(`> ⚠️ ${said}`));
    assert.match(renderHtml(summary), new RegExp(`<p class="warn">⚠ ${said.replace("'", '&#39;')}`));
  });

  it('the warning is yellow in colour', async () => {
    const table = renderTable(await summaryWith(SATURATED), { color: true });
    const warning = table.split('\n').find((line) => line.includes(SATURATION_PHRASE));
    assert.ok(warning?.includes('\u001b[33m'), JSON.stringify(warning));
  });

  it('an unsaturated generator: the harness line, and no warning anywhere', async () => {
    const summary = await summaryWith(UNSATURATED);
    assert.equal(summary.workloads[0]!.harness?.saturated, false);
    const table = renderTable(summary, { color: false });
    assert.match(table, /^ {2}harness: CPU 34% of a core · event-loop delay p99 1\.20ms$/m);
    for (const text of [table, renderMarkdown(summary), renderHtml(summary)]) assert.equal(text.includes(SATURATION_PHRASE), false);
    assert.match(renderMarkdown(summary), /_harness: CPU 34% of a core · event-loop delay p99 1\.20ms_/);
    assert.match(renderHtml(summary), /<p class="dim">harness: CPU 34% of a core · event-loop delay p99 1\.20ms<\/p>/);
  });

  it('fits the report schema', async () => {
    const summary = await summaryWith(SATURATED);
    const floor: CalibratedFloor = { inMemory: { calls: 3_000, p50Us: 15, p99Us: 70, callsPerSec: 40_000 } };
    assert.doesNotThrow(() => reportSchema.parse(JSON.parse(JSON.stringify({ ...summary, harness: { floor } }))));
  });
});

describe('floor line', () => {
  const floor: CalibratedFloor = { inMemory: { calls: 3_000, p50Us: 12, p99Us: 40, callsPerSec: 40_000 } };

  it('is printed once, after the workloads, when the run calibrated its floor', async () => {
    const table = renderTable({ ...(await summaryWith(UNSATURATED)), harness: { floor } }, { color: false });
    const lines = table.split('\n').filter((line) => line.startsWith('floor: '));
    assert.deepEqual(lines, ["floor: in-process call p50 12µs — mcp-bench's own cost per call; latencies this low are not the server's (mcp-bench calibrate for more)"]);
    assert.ok(table.indexOf('floor: ') > table.indexOf('harness: '));
  });

  it('and not at all without one: a summary with no harness figures renders as before (the golden files)', () => {
    const table = renderTable(fixtureSummary(), { color: false });
    assert.equal(table.includes('floor:'), false);
    assert.equal(table.includes('harness:'), false);
  });
});
