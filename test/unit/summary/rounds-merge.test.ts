import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectionTimings } from '../../../src/client/connect.js';
import { OK, TIMEOUT, TOOL_ERROR, type Outcome } from '../../../src/client/outcome.js';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { CallTrace } from '../../../src/client/trace.js';
import type { CacheRecord } from '../../../src/client/layers/cache-figures.js';
import type { ClientFeatures } from '../../../src/metrics/client-record.js';
import { encodeHistogram, type Histogram } from '../../../src/stats/histogram.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { summarize } from '../../../src/summary/summarize.js';
import { seededRandom } from '../../../src/random/seeded.js';
import type { ExecutionResult } from '../../../src/workloads/executor.js';
import { mergeWorkloadRuns } from '../../../src/summary/merge-runs.js';
import { notRun, type WorkloadRun, type WorkloadStatus } from '../../../src/runner/run.js';
import type { ConcurrentWorkloadPlan } from '../../../src/workloads/concurrent.js';
import type { Plan } from '../../../src/scenario/plan.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';

const FEATURES: ClientFeatures = { retry: true, cache: true, dedup: true, breaker: false, rateLimit: true, concurrency: true, endpoints: 2, sessions: 3, pool: false, poolWait: false };
const NAMES = ['echo', 'ping'];
const OUTCOMES: readonly Outcome[] = [OK, OK, OK, TOOL_ERROR, TIMEOUT, { kind: 'rpc-error', code: -32601 }, { kind: 'transport', code: 'closed' }];

/** Feeds `calls` scripted calls (latency, outcome, trace, attempts, service time, drops, warmup) into every recorder. */
function feed(recorders: readonly WorkloadRecorder[], calls: number, seed: number): void {
  const random = seededRandom(seed, 'test');
  const pick = (n: number) => Math.floor(random() * n);
  const trace = new CallTrace();
  for (let i = 0; i < calls; i++) {
    const op = pick(2);
    const latencyUs = pick(3) === 0 ? pick(50) : 1_000 + pick(2_000_000);
    const outcome = OUTCOMES[pick(OUTCOMES.length)]!;
    trace.reset();
    trace.attempts = pick(4);
    trace.firstOutcome = pick(2) === 0 ? OK : TIMEOUT;
    trace.cache = (['none', 'hit', 'miss'] as const)[pick(3)]!;
    trace.dedup = (['none', 'leader', 'joined', 'repeat'] as const)[pick(4)]!;
    trace.queueWaitUs = pick(5_000);
    trace.rateWaitUs = pick(5_000);
    trace.backoffUs = pick(100_000);
    trace.endpoint = pick(3) - 1;
    trace.session = pick(4) - 1;
    const warmup = pick(20) === 0;
    const lagUs = pick(1_000);
    const dropped = pick(10) === 0;
    for (const recorder of recorders) {
      if (warmup) {
        recorder.recordWarmup(op);
        continue;
      }
      recorder.record(op, latencyUs, outcome, trace);
      recorder.recordAttempt(op, latencyUs / 2, outcome);
      recorder.recordService(op, latencyUs / 3, lagUs);
      if (dropped) recorder.recordDropped(op);
    }
  }
}

const newRecorder = () => new WorkloadRecorder(NAMES, FEATURES, { openModel: true });
const encoded = (h: Histogram | null) => (h ? encodeHistogram(h) : null);
const isHistogram = (value: unknown): value is Histogram => typeof (value as Partial<Histogram> | null)?.getValueAtPercentile === 'function';

/** A layer's figure record field by field: histograms in their exact encoded form, sparse counts with their holes as 0. */
const exactly = (record: object) =>
  Object.fromEntries(
    Object.entries(record).map(([field, value]) => [
      field,
      isHistogram(value) ? encoded(value) : Array.isArray(value) ? [...(value as (number | undefined)[])].map((n) => n ?? 0) : value,
    ]),
  );

/** Everything a recorder holds, with histograms in their exact encoded form. */
function contents(recorder: WorkloadRecorder) {
  return {
    sendLag: encoded(recorder.sendLag),
    operations: recorder.operations.map((op) => ({
      histogram: encoded(op.histogram),
      count: op.count,
      ok: op.ok,
      errors: Object.fromEntries([...op.errors].sort()),
      warmupCalls: op.warmupCalls,
      service: encoded(op.service),
      dropped: op.dropped,
      client: op.client && {
        features: op.client.features,
        layers: op.client.layers.map(({ key, record }) => ({ key, ...exactly(record) })),
        endpointCalls: op.client.endpointCalls,
        sessionCalls: op.client.sessionCalls,
      },
    })),
  };
}

const workload: ConcurrentWorkloadPlan = {
  name: 'w',
  type: 'concurrent',
  concurrency: 4,
  operations: NAMES.map((name) => ({ name, weight: 1, timeoutUs: 1e6, request: { method: 'ping' } })),
  warmup: null,
  measure: { kind: 'duration', us: 1_000_000 },
  seed: 1,
  shard: WHOLE_RUN,
  client: PLAIN_CLIENT,
  endpoints: [],
  engine: { kind: 'client' },
};

const timings = (connectUs: number): ConnectionTimings => ({ serverStartUs: null, connectUs, initializeUs: 2 * connectUs });

function round(recorder: WorkloadRecorder, execution: ExecutionResult, extra: Partial<WorkloadRun> = {}): WorkloadRun {
  return { ...notRun(workload), status: 'completed', recorder, execution, ...extra };
}

const noWindow = (startUs: number, endUs: number): ExecutionResult => ({ measureStartUs: startUs, measureEndUs: endUs, fatal: null, interrupted: false });

describe('merging rounds exactly', () => {
  it('a merged recorder equals one recorder fed every call of every round', () => {
    const rounds = [newRecorder(), newRecorder(), newRecorder()];
    const whole = newRecorder();
    rounds.forEach((recorder, i) => feed([recorder, whole], 400 + 100 * i, i + 1));
    const merged = newRecorder();
    for (const recorder of rounds) merged.mergeFrom(recorder);
    assert.deepEqual(contents(merged), contents(whole));
    assert.ok(whole.operations[0]!.count > 500 && Object.keys(contents(whole).operations[0]!.errors).length >= 4, 'the fixture exercises every field');
    assert.ok((whole.operations[0]!.client!.figures('cache') as CacheRecord).hits > 0 && whole.operations[0]!.client!.endpointCalls[1]! > 0);
  });

  it('refuses recorders of different operations', () => {
    assert.throws(() => newRecorder().mergeFrom(new WorkloadRecorder(['other', 'ping'])), /different operations/);
  });

  it('throughput is every completion over all measured time, whichever way each round counted', () => {
    const a = new WorkloadRecorder(NAMES);
    const b = new WorkloadRecorder(NAMES);
    for (let i = 0; i < 30; i++) a.record(i % 2, 1_000, OK);
    for (let i = 0; i < 10; i++) b.record(0, 3_000, OK);
    const windowed: ExecutionResult = { ...noWindow(0, 1_200_000), window: { durationUs: 1_000_000, completions: [12, 13] } };
    const { run, rounds } = mergeWorkloadRuns(workload, [round(a, windowed), round(b, noWindow(5_000_000, 5_500_000))]);
    assert.equal(rounds, 2);
    const result = { plan: { name: 'p', sourceFile: null, target: { kind: 'builtin', transport: 'stdio' }, targetLabel: 'x' } as unknown as Plan, startedAt: new Date(0), finishedAt: new Date(0), interrupted: false };
    const summary = summarize({ ...result, workloads: [run] }, { node: '', platform: '', arch: '', osRelease: '', cpus: { count: 1, model: '' }, memoryBytes: 0 }, '0').workloads[0]!;
    // Round 1: 12 + 13 completions in its 1 s window; round 2: 10 calls over its 0.5 s span.
    assert.equal(summary.durationUs, 1_500_000);
    assert.equal(summary.total.throughputPerSec, Math.round(((12 + 13 + 10) / 1.5) * 100) / 100);
    assert.equal(summary.operations[0]!.throughputPerSec, Math.round(((12 + 10) / 1.5) * 100) / 100);
    assert.equal(summary.total.count, 40);
    assert.equal(summary.operations[0]!.latencyUs.max, 3_000);
  });

  it('status is the worst of the rounds that ran; sessions, setup calls, warnings and layer counters combine', () => {
    const layers = (hits: number, misses: number, entries: number, state: string) => ({
      cache: { hits, misses, entries, bytes: entries * 10, hitRatio: hits / (hits + misses), evictions: 1 },
      breaker: { state, opens: 1 },
      concurrency: { maxQueued: hits, admitted: 5 },
    });
    const client = (l: ReturnType<typeof layers>) => ({ features: FEATURES, layers: l, perKey: { cache: [{ name: 'tools/call echo', counters: l.cache }] } });
    const runs: WorkloadRun[] = [
      round(newRecorder(), noWindow(0, 10), { sessions: [timings(1)], setupCalls: { 'tools/list': 1 }, warnings: ['w1'], client: client(layers(9, 1, 8, 'closed')) }),
      round(newRecorder(), noWindow(0, 10), { status: 'interrupted', sessions: [timings(2), timings(3)], setupCalls: { 'tools/list': 1 }, warnings: ['w1', 'w2'], client: client(layers(1, 9, 9, 'open')) }),
      { ...notRun(workload) },
    ];
    const { run } = mergeWorkloadRuns(workload, runs);
    assert.equal(run.status, 'interrupted');
    assert.deepEqual(run.sessions.map((s) => s.connectUs), [1, 2, 3]);
    assert.deepEqual(run.setupCalls, { 'tools/list': 2 });
    assert.deepEqual(run.warnings, ['w1', 'w2']);
    assert.deepEqual(run.client?.layers, {
      cache: { hits: 10, misses: 10, entries: 9, bytes: 90, hitRatio: 0.5, evictions: 2 },
      breaker: { state: 'open', opens: 2 },
      concurrency: { maxQueued: 9, admitted: 10 },
    });
    // The cache's figures per tool merge as its totals: counts add, entries and bytes are the last round's.
    assert.deepEqual(run.client?.perKey, { cache: [{ name: 'tools/call echo', counters: run.client?.layers['cache'] }] });
    assert.equal(mergeWorkloadRuns(workload, [runs[0]!, { ...runs[1]!, status: 'failed' as WorkloadStatus }]).run.status, 'failed');
    assert.equal(mergeWorkloadRuns(workload, [notRun(workload)]).run.status, 'not-run');
    assert.equal(mergeWorkloadRuns(workload, []).run.recorder, null);
  });

  it("timelines are joined round after round, each shifted by the previous one's end", async () => {
    const clock = new FakeClock();
    const recorders = [0, 1].map(() => new WorkloadRecorder(NAMES, null, { clock }));
    const runs: WorkloadRun[] = [];
    for (const recorder of recorders) {
      const start = clock.nowUs();
      for (let i = 0; i < 25; i++) {
        await clock.run(clock.sleepUs(100_000));
        recorder.record(0, 1_000, OK);
      }
      runs.push(round(recorder, noWindow(start, clock.nowUs())));
      await clock.run(clock.sleepUs(7_000_000)); // other variants run in between
    }
    const { timeline } = mergeWorkloadRuns(workload, runs);
    assert.ok(timeline);
    const points = timeline.points.map((p) => [p.tUs, p.calls]);
    // Each round: 2.5 s of calls from 0.1 s − 1 ms → points at 1 s, 2 s and a partial one at its last call; that one
    // (0.401 s, under half an interval) joins the 2 s one, so the round ends in one 1.401 s interval of 15 calls.
    const first = [[1_000_000, 10], [2_401_000, 15]];
    assert.deepEqual(points, [...first, ...first.map(([t, n]) => [t! + 2_401_000, n])]);
    assert.equal(mergeWorkloadRuns(workload, [round(new WorkloadRecorder(NAMES), noWindow(0, 1))]).timeline, null);
  });

  it('no round leaves a sub-millisecond drain in the joined timeline: no interval plots as a throughput spike (issue 11)', async () => {
    const clock = new FakeClock();
    const runs: WorkloadRun[] = [];
    for (let r = 0; r < 3; r++) {
      const recorder = new WorkloadRecorder(NAMES, null, { clock });
      const start = clock.nowUs();
      // 100 calls/s for 2 s, then the drain: 8 calls completing 0.5 ms after the window closed.
      for (let i = 0; i < 200; i++) {
        await clock.run(clock.sleepUs(10_000));
        recorder.record(0, 1_000, OK);
      }
      await clock.run(clock.sleepUs(500));
      for (let i = 0; i < 8; i++) recorder.record(0, 1_000, OK);
      runs.push(round(recorder, noWindow(start, clock.nowUs())));
      await clock.run(clock.sleepUs(5_000_000));
    }
    const { timeline } = mergeWorkloadRuns(workload, runs);
    assert.ok(timeline);
    let previousUs = 0;
    for (const point of timeline.points) {
      const lengthUs = point.tUs - previousUs;
      assert.ok(lengthUs >= timeline.intervalUs / 2, `an interval of ${lengthUs} µs at ${point.tUs}`);
      assert.ok((point.calls * 1e6) / lengthUs <= 110, `${point.calls} calls in ${lengthUs} µs is no 100/s`);
      previousUs = point.tUs;
    }
    assert.equal(timeline.points.reduce((sum, p) => sum + p.calls, 0), 3 * 208, 'every call still counted');
  });
});
