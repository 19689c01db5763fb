import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import { SATURATION_PHRASE } from '../../../src/report/harness-text.js';
import { LOOP_DELAY_RESOLUTION_MS } from '../../../src/metrics/harness.js';
import { summarize } from '../../../src/summary/summarize.js';
import { renderTable } from '../../../src/report/table.js';
import { runPlan } from '../../../src/runner/run.js';
import { resolveScenario } from '../../../src/scenario/resolve.js';
import { systemClock } from '../../../src/time/clock.js';
import { fakeProbe, type FakeFigures } from '../harness/fake-probe.js';

/**
 * The real runner path: runPlan spawns the built-in server (a real child process, so this file is slower than a unit
 * test usually is), runs the workload's executor and recorder, and the sampler wraps the executor — fed by an injected
 * probe, so whether the workload counts as saturated is decided here, not by the machine.
 */
const RES_NS = LOOP_DELAY_RESOLUTION_MS * 1e6;

async function runWith(figures: FakeFigures) {
  const resolved = resolveScenario({
    name: 'harness-runner',
    target: { builtin: { transport: 'stdio', latency: '0ms' } },
    workloads: [{ name: 'echo', type: 'concurrent', concurrency: 4, iterations: 40, operations: [{ tool: 'echo', args: { message: 'hi' } }] }],
  }, { file: null, env: {} });
  assert.ok(resolved.ok, JSON.stringify(!resolved.ok && resolved.issues));
  const { probe, histograms } = fakeProbe(systemClock, figures);
  const result = await runPlan(resolved.plan, {
    clock: systemClock, serverLog: new ServerLog(), stopSignal: new AbortController().signal, now: () => new Date(), harnessProbe: probe,
  });
  const environment = { node: 'v20', platform: 'linux', arch: 'x64', osRelease: '6', cpus: { count: 2, model: 'test' }, memoryBytes: 1 };
  return { result, summary: summarize(result, environment, '0.0.0'), histograms };
}

describe('harness sampling in the runner', { timeout: 60_000 }, () => {
  it('a saturated probe: the workload run carries it, the summary keeps it, the table warns', async () => {
    const { result, summary, histograms } = await runWith({ cpuShare: 0.97, loopP99Ns: RES_NS + 30_000_000, loopMaxNs: RES_NS + 50_000_000 });
    assert.equal(result.workloads[0]!.status, 'completed');
    assert.equal(summary.workloads[0]!.total.count, 40);
    // The probe's CPU follows the real clock, read just before and after its time: 97% to within a rounding.
    const { cpuPercent, ...rest } = result.workloads[0]!.harness!;
    assert.ok(Math.abs(cpuPercent - 97) < 0.5, String(cpuPercent));
    assert.deepEqual(rest, { eventLoopDelayP99Us: 30_000, eventLoopDelayMaxUs: 50_000, saturated: true, cause: 'generator', reasons: ['its own CPU 97% of a core', 'event-loop delay p99 30.0ms'] });
    assert.deepEqual(summary.workloads[0]!.harness, result.workloads[0]!.harness);
    assert.equal(histograms.length, 1, 'one sampler per workload');
    assert.equal(histograms[0]!.enabled, false, 'the monitor is off once the workload ends');
    assert.ok(renderTable(summary, { color: false }).includes(SATURATION_PHRASE));
  });

  it('an unsaturated probe: the harness line and no warning', async () => {
    const { summary } = await runWith({ cpuShare: 0.2, loopP99Ns: RES_NS + 800_000, loopMaxNs: RES_NS + 2_000_000 });
    assert.equal(summary.workloads[0]!.harness?.saturated, false);
    const table = renderTable(summary, { color: false });
    assert.match(table, /harness: CPU 20% of a core · event-loop delay p99 800µs/);
    assert.equal(table.includes(SATURATION_PHRASE), false);
  });
});
