import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OK, TOOL_ERROR } from '../../../src/client/outcome.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { notRun, type WorkloadRun } from '../../../src/runner/run.js';
import { decodeHistogram } from '../../../src/stats/histogram.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { joinParent, judgedByParent, type ParentChannel } from '../../../src/workers/child.js';
import type { Plan } from '../../../src/scenario/plan.js';
import type { ChildMessage } from '../../../src/workers/protocol.js';
import { abortOn, operation, workload } from './fixtures.js';

class FakeChannel implements ParentChannel {
  readonly sent: ChildMessage[] = [];
  private listener: (message: unknown) => void = () => undefined;
  private gone: () => void = () => undefined;
  unrefs = 0;
  ignoringInterrupts = false;
  send(message: ChildMessage): void {
    this.sent.push(message);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.listener = listener;
  }
  onDisconnect(listener: () => void): void {
    this.gone = listener;
  }
  unref(): void {
    this.unrefs++;
  }
  ignoreTerminalInterrupts(): void {
    this.ignoringInterrupts = true;
  }
  fromParent(message: unknown): void {
    this.listener(message);
  }
  disconnect(): void {
    this.gone();
  }
}

function join(env: Record<string, string> = { MCP_BENCH_WORKER: '1' }) {
  const channel = new FakeChannel();
  const clock = new FakeClock(0);
  let parentGone = 0;
  const child = joinParent(env, channel, { clock, onParentGone: () => parentGone++ });
  return { channel, clock, child, parentGone: () => parentGone };
}

describe('a worker child', () => {
  it('is one only when its parent says so and it has a channel', () => {
    assert.equal(join({}).child, null);
    assert.equal(join({ MCP_BENCH_WORKER: '0' }).child, null);
    assert.equal(joinParent({ MCP_BENCH_WORKER: '1' }, null, { clock: new FakeClock(), onParentGone: () => undefined }), null);
    const t = join();
    assert.ok(t.child);
    assert.ok(t.channel.ignoringInterrupts, 'the terminal\'s Ctrl-C is its parent\'s to act on');
  });

  it('says ready, and takes the start time its parent hands out (other messages ignored)', async () => {
    const t = join();
    const started = t.child!.awaitStart();
    assert.deepEqual(t.channel.sent, [{ type: 'ready' }]);
    t.channel.fromParent({ type: 'start', startAt: 'not a time' });
    t.channel.fromParent({ hello: 1 });
    t.channel.fromParent({ type: 'start', startAt: '2026-01-01T00:00:01.500Z' });
    assert.equal(await started, '2026-01-01T00:00:01.500Z');
    assert.equal(t.channel.unrefs, 1, 'once started, the channel no longer keeps the process alive');
  });

  it('stops at once on an abort, and as on Ctrl-C on an interrupt; only SIGTERM of the real signals counts', () => {
    const t = join();
    const heard: string[] = [];
    let real: ((signal: 'SIGINT' | 'SIGTERM') => void) | null = null;
    const remove = t.child!.signals((handler) => ((real = handler), () => (real = null)))((signal) => heard.push(signal));
    real!('SIGINT');
    assert.deepEqual(heard, []);
    real!('SIGTERM');
    t.channel.fromParent({ type: 'stop', cause: 'interrupt', reason: 'interrupted' });
    assert.deepEqual(heard, ['SIGTERM', 'SIGINT']);
    assert.equal(t.child!.stopSignal.aborted, false);
    t.channel.fromParent({ type: 'stop', cause: 'abort', reason: 'threshold p99<1ms failed on w' });
    assert.equal(t.child!.stopSignal.aborted, true);
    assert.equal(t.child!.stopSignal.reason, 'threshold p99<1ms failed on w');
    remove();
    assert.equal(real, null);
    t.channel.fromParent({ type: 'stop', cause: 'interrupt', reason: 'again' });
    assert.deepEqual(heard, ['SIGTERM', 'SIGINT']);
  });

  it('ends itself when its parent is gone', () => {
    const t = join();
    t.channel.disconnect();
    assert.equal(t.parentGone(), 1);
  });

  it('sends each second each operation\'s interval (calls, errors, histogram), and the last one and its totals at the end', async () => {
    const t = join();
    const plan = workload('w', { operations: [operation('a'), operation('b')] });
    const recorder = new WorkloadRecorder(['a', 'b']);
    t.child!.measuring(plan, { startedUs: 0, snapshot: () => recorder.snapshotLive() });
    for (let i = 0; i < 10; i++) recorder.record(0, 1_000, i < 2 ? TOOL_ERROR : OK);
    recorder.recordWarmup(1);
    await t.clock.advanceUs(1_000_000);
    for (let i = 0; i < 5; i++) recorder.record(1, 7_000, OK);
    await t.clock.advanceUs(1_000_000);
    recorder.record(0, 3_000, OK);
    const run: WorkloadRun = { ...notRun(plan), status: 'completed', recorder, execution: { measureStartUs: 0, measureEndUs: 2_500_000, fatal: null, interrupted: false } };
    t.child!.workloadEnded(run);
    await t.clock.advanceUs(5_000_000);
    const sent = t.channel.sent;
    assert.deepEqual(sent.map((m) => m.type), ['measuring', 'snapshot', 'snapshot', 'snapshot', 'ended']);
    const snapshots = sent.filter((m) => m.type === 'snapshot');
    assert.deepEqual(snapshots.map((s) => [s.calls, s.errors, s.warmupCalls]), [[10, 2, 1], [15, 2, 1], [16, 2, 1]]);
    assert.deepEqual(snapshots.map((s) => s.operations.map((op) => [op.calls, op.errors])), [[[10, 2], [0, 0]], [[0, 0], [5, 0]], [[1, 0], [0, 0]]]);
    const counts = snapshots.flatMap((s) => s.operations.filter((op) => op.calls > 0).map((op) => decodeHistogram(op.histogram).totalCount));
    assert.deepEqual(counts, [10, 5, 1], 'each interval holds only its own calls');
    assert.deepEqual(sent.at(-1), { type: 'ended', workload: 'w', status: 'completed', calls: 16, errors: 2, durationUs: 2_500_000, failureCode: null });
  });
});

describe("a worker's plan", () => {
  it('leaves abortOnFail to the parent (judged on every worker together), and keeps every threshold', () => {
    const floor = abortOn('throughput > 100/s');
    const w = workload('w', { thresholds: [floor, { ...floor, abortOnFail: false, text: 'p99 < 1s' }], operations: [operation('a', [abortOn('p99 < 5ms')]), operation('b')] });
    const plan = { name: 'p', workloads: [w], variants: [{ name: 'v', workloads: [w] }] } as unknown as Plan;
    const judged = judgedByParent(plan);
    for (const ran of [judged.workloads[0]!, judged.variants![0]!.workloads[0]!]) {
      assert.deepEqual(ran.thresholds!.map((t) => [t.text, t.abortOnFail]), [['throughput > 100/s', false], ['p99 < 1s', false]]);
      assert.deepEqual(ran.operations.map((op) => op.thresholds?.map((t) => [t.text, t.abortOnFail])), [[['p99 < 5ms', false]], undefined]);
    }
    assert.equal(plan.workloads[0]!.thresholds![0]!.abortOnFail, true, 'the parent\'s plan is untouched');
  });
});
