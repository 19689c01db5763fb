import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveSource } from '../../../src/runner/run.js';
import type { AbortedBy } from '../../../src/thresholds/types.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { runWorkers, type ForkWorker, type WorkersOutcome } from '../../../src/workers/parent.js';
import type { WorkloadTotals } from '../../../src/workers/protocol.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { FakeWorker, abortOn, interval, workload } from './fixtures.js';

const EPOCH = Date.UTC(2026, 0, 1);

interface Setup {
  readonly count?: number;
  readonly workloads?: WorkloadPlan[];
  readonly onKill?: (worker: FakeWorker, signal: NodeJS.Signals) => void;
  readonly failFork?: number;
}

function start(setup: Setup = {}) {
  const count = setup.count ?? 3;
  const clock = new FakeClock(0);
  const workers: FakeWorker[] = [];
  const fork: ForkWorker = (index, args, env) => {
    if (index === setup.failFork) throw new Error('spawn ENOENT');
    const worker = new FakeWorker(index, args, env, setup.onKill);
    workers.push(worker);
    return worker;
  };
  const interrupt = new AbortController();
  const seen = { stderr: [] as string[], measuring: [] as { name: string; live: LiveSource }[], ended: [] as { name: string; totals: WorkloadTotals }[], aborts: [] as AbortedBy[] };
  let outcome: WorkersOutcome | null = null;
  const done = runWorkers(
    {
      count,
      args: (index) => ['run', `--shard=${index}/${count}`],
      env: { KEPT: 'yes', MCP_BENCH_WORKER: '1' },
      workloads: setup.workloads ?? [workload('w')],
      stopSignal: interrupt.signal,
      readyTimeoutUs: 10_000_000,
      startMarginUs: 500_000,
      stopTimeoutUs: 4_000_000,
    },
    {
      fork,
      clock,
      now: () => new Date(EPOCH + clock.nowUs() / 1000),
      onStderr: (index, line) => seen.stderr.push(`${index}: ${line}`),
      onMeasuring: (plan, live) => seen.measuring.push({ name: plan.name, live }),
      onWorkloadEnd: (plan, totals) => seen.ended.push({ name: plan.name, totals }),
      onAbort: (abortedBy) => seen.aborts.push(abortedBy),
    },
  ).then((result) => (outcome = result));
  const settle = () => clock.advanceUs(0);
  const readyAll = async () => {
    workers.forEach((w) => w.message({ type: 'ready' }));
    await settle();
  };
  return { clock, workers, interrupt, done, seen, settle, readyAll, outcome: () => outcome };
}

const ended = (workloadName: string, calls: number, status = 'completed') => ({ type: 'ended', workload: workloadName, status, calls, errors: 0, durationUs: 1_000_000, failureCode: null });

describe('the parent of run --workers', () => {
  it('forks N children with their arguments, waits for all to be ready, then hands every one the same start', async () => {
    const t = start();
    await t.settle();
    assert.deepEqual(t.workers.map((w) => w.args), [['run', '--shard=0/3'], ['run', '--shard=1/3'], ['run', '--shard=2/3']]);
    assert.equal(t.workers[0]!.env['KEPT'], 'yes');
    t.workers[0]!.message({ type: 'ready' });
    t.workers[1]!.message({ type: 'ready' });
    await t.clock.advanceUs(2_000_000);
    assert.ok(t.workers.every((w) => w.sent.length === 0), 'no start while one is not ready');
    t.workers[2]!.message({ type: 'ready' });
    await t.settle();
    const startAt = new Date(EPOCH + 2_000 + 500).toISOString();
    for (const w of t.workers) assert.deepEqual(w.sent, [{ type: 'start', startAt }]);
    t.workers.forEach((w) => w.exit(0));
    const outcome = await t.done;
    assert.equal(outcome.kind, 'ran');
    assert.ok(outcome.kind === 'ran' && outcome.startAt === startAt && !outcome.interrupted && outcome.abortedBy === null);
    assert.deepEqual(outcome.exits.map((e) => [e.index, e.code, e.signal]), [[0, 0, null], [1, 0, null], [2, 0, null]]);
  });

  it('does not start when a child ends before the barrier: the others are killed and its exit code is the run\'s', async () => {
    const t = start();
    await t.settle();
    t.workers[0]!.message({ type: 'ready' });
    t.workers[1]!.exit(2);
    const outcome = await t.done;
    assert.equal(outcome.kind, 'not-started');
    assert.ok(outcome.kind === 'not-started' && outcome.failed?.code === 2);
    assert.match(outcome.kind === 'not-started' ? outcome.reason : '', /^worker 1 exited with code 2 before the run started$/);
    assert.deepEqual([t.workers[0]!.signals, t.workers[2]!.signals], [['SIGKILL'], ['SIGKILL']]);
    assert.ok(t.workers.every((w) => w.sent.length === 0));
  });

  it('gives up on a barrier that is not reached in time, naming who was not ready', async () => {
    const t = start();
    await t.settle();
    t.workers[1]!.message({ type: 'ready' });
    await t.clock.advanceUs(10_000_000);
    const outcome = await t.done;
    assert.ok(outcome.kind === 'not-started' && outcome.failed === null);
    assert.match(outcome.reason, /^workers 0, 2 not ready within 10s \(hint: fewer --workers/);
    assert.ok(t.workers.every((w) => w.exited));
  });

  it('says which child could not be forked', async () => {
    const t = start({ failFork: 1 });
    const outcome = await t.done;
    assert.ok(outcome.kind === 'not-started');
    assert.equal(outcome.reason, 'worker 1 could not be started: spawn ENOENT before the run started');
  });

  it('forwards each child\'s stderr line by line, naming the child', async () => {
    const t = start({ count: 2 });
    await t.settle();
    t.workers[1]!.stderr.write('warning: one\nwarn');
    t.workers[1]!.stderr.write('ing: two\n');
    await t.readyAll();
    t.workers.forEach((w) => w.exit(0));
    await t.done;
    assert.deepEqual(t.seen.stderr, ['1: warning: one', '1: warning: two']);
  });

  it('on an interrupt, tells every running child to stop as Ctrl-C would, and waits for their reports', async () => {
    const t = start();
    await t.readyAll();
    t.workers[2]!.exit(3);
    t.interrupt.abort();
    await t.settle();
    for (const w of t.workers.slice(0, 2)) assert.deepEqual(w.sent.at(-1), { type: 'stop', cause: 'interrupt', reason: 'interrupted' });
    assert.equal(t.workers[2]!.sent.length, 1, 'an exited child is told nothing');
    t.workers[0]!.exit(130);
    t.workers[1]!.exit(130);
    const outcome = await t.done;
    assert.ok(outcome.kind === 'ran' && outcome.interrupted);
  });

  it('kills children that do not end within the stop timeout: SIGTERM, then SIGKILL, then gives up — never hangs', async () => {
    const stubborn = (_worker: FakeWorker, _signal: NodeJS.Signals) => undefined;
    const t = start({ count: 2, onKill: stubborn });
    await t.readyAll();
    t.workers[0]!.exit(0);
    t.interrupt.abort();
    await t.clock.advanceUs(3_900_000);
    assert.deepEqual(t.workers[1]!.signals, []);
    await t.clock.advanceUs(100_000);
    assert.deepEqual(t.workers[1]!.signals, ['SIGTERM']);
    await t.clock.advanceUs(2_900_000);
    assert.deepEqual(t.workers[1]!.signals, ['SIGTERM']);
    await t.clock.advanceUs(100_000);
    assert.deepEqual(t.workers[1]!.signals, ['SIGTERM', 'SIGKILL']);
    assert.equal(t.outcome(), null, 'still waiting after SIGKILL');
    await t.clock.advanceUs(3_000_000);
    const outcome = await t.done;
    assert.equal(outcome.exits[1]!.error, 'did not end, even after SIGKILL');
  });

  it('a child that crashes mid-run leaves the others running; its exit is reported; the workload ends once all are done', async () => {
    const t = start({ count: 2 });
    await t.readyAll();
    t.workers[0]!.message({ type: 'measuring', workload: 'w' });
    t.workers[1]!.message({ type: 'measuring', workload: 'w' });
    await t.settle();
    t.workers[1]!.exit(null, 'SIGKILL');
    await t.clock.advanceUs(1_000_000);
    assert.deepEqual(t.workers[0]!.sent.map((m) => m.type), ['start'], 'nobody is stopped');
    assert.equal(t.seen.ended.length, 0);
    t.workers[0]!.message(ended('w', 70));
    await t.settle();
    assert.deepEqual(t.seen.ended.map((e) => [e.name, e.totals.calls, e.totals.status]), [['w', 70, 'completed']]);
    t.workers[0]!.exit(0);
    const outcome = await t.done;
    assert.deepEqual(outcome.exits.map((e) => [e.code, e.signal]), [[0, null], [null, 'SIGKILL']]);
  });

  it('shows one merged progress source per workload, and sums the children\'s totals at its end', async () => {
    const t = start({ count: 2, workloads: [workload('a'), workload('b')] });
    await t.readyAll();
    t.workers[0]!.message({ type: 'measuring', workload: 'a' });
    t.workers[1]!.message({ type: 'measuring', workload: 'a' });
    t.workers[0]!.message({ type: 'snapshot', workload: 'a', calls: 40, errors: 1, warmupCalls: 0, operations: [interval(40, 300, 1)] });
    t.workers[1]!.message({ type: 'snapshot', workload: 'a', calls: 60, errors: 0, warmupCalls: 0, operations: [interval(60, 300)] });
    t.workers[1]!.message({ type: 'snapshot', workload: 'nope', calls: 1, errors: 0, warmupCalls: 0, operations: [] });
    t.workers[1]!.message({ type: 'snapshot', workload: 'a', calls: 'many' });
    await t.settle();
    assert.deepEqual(t.seen.measuring.map((m) => m.name), ['a']);
    const live = t.seen.measuring[0]!.live.snapshot();
    assert.deepEqual([live.calls, live.errors, live.windowCalls], [100, 1, 100]);
    t.workers[0]!.message(ended('a', 40));
    t.workers[1]!.message({ ...ended('a', 60, 'failed'), failureCode: 'transport:closed' });
    await t.settle();
    assert.deepEqual(t.seen.ended[0]!.totals, { status: 'failed', calls: 100, errors: 0, durationUs: 1_000_000, failureCode: 'transport:closed' });
    t.workers.forEach((w) => w.exit(0));
    await t.done;
  });

  it('stops every child when an abortOnFail threshold fails on the merged window, and names it', async () => {
    const t = start({ count: 2, workloads: [workload('w', { thresholds: [abortOn('throughput > 100/s')] })] });
    await t.readyAll();
    t.workers.forEach((w) => w.message({ type: 'measuring', workload: 'w' }));
    await t.clock.advanceUs(1_000_000); // the start (0.5 s) has passed: the baseline
    for (let second = 0; second < 2; second++) {
      t.workers.forEach((w) => w.message({ type: 'snapshot', workload: 'w', calls: 30, errors: 0, warmupCalls: 0, operations: [interval(30, 200)] }));
      await t.clock.advanceUs(1_000_000);
    }
    assert.equal(t.seen.aborts.length, 1);
    assert.equal(t.seen.aborts[0]!.threshold, 'throughput > 100/s');
    for (const w of t.workers) assert.deepEqual(w.sent.at(-1), { type: 'stop', cause: 'abort', reason: 'threshold throughput > 100/s failed on w' });
    t.workers.forEach((w) => w.message(ended('w', 60, 'interrupted')));
    await t.settle();
    assert.equal(t.seen.ended[0]!.totals.status, 'aborted');
    t.workers.forEach((w) => w.exit(130));
    const outcome = await t.done;
    assert.ok(outcome.kind === 'ran' && outcome.abortedBy?.workload === 'w' && !outcome.interrupted);
  });
});
