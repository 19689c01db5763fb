import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CallTrace } from '../../../src/client/trace.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { mergeProgressSummaries, summarizeProgress } from '../../../src/summary/progress.js';
import { FakeClock } from '../../../src/time/fake-clock.js';

const OK = { kind: 'ok', result: {} } as const;

/** One call that asks for progress on `clock`: notifications at the given ms after its start, then recorded. */
async function progressCall(recorder: WorkloadRecorder, trace: CallTrace, clock: FakeClock, atMs: readonly number[]): Promise<void> {
  trace.reset();
  const startMs = clock.nowUs() / 1000;
  trace.progress.begin(startMs);
  let elapsed = 0;
  for (const at of atMs) {
    await clock.advanceUs((at - elapsed) * 1000);
    elapsed = at;
    trace.progress.heard(clock.nowUs() / 1000);
  }
  recorder.record(0, elapsed * 1000, OK, trace);
}

test('per operation: calls that asked, notifications, time to first progress, gaps recorded as they arrive', async () => {
  const clock = new FakeClock();
  const recorder = new WorkloadRecorder(['tools/call progress', 'ping']);
  const trace = new CallTrace();
  await progressCall(recorder, trace, clock, [2, 12, 22]);
  await progressCall(recorder, trace, clock, [4, 14, 24, 34]);
  await progressCall(recorder, trace, clock, []); // asked, heard nothing
  trace.reset();
  recorder.record(1, 100, OK, trace); // never asked: no figures
  const record = recorder.operations[0]!.progress!;
  assert.equal(record.calls, 3);
  assert.equal(record.notifications, 7);
  assert.equal(record.firstProgress.totalCount, 2);
  assert.equal(record.firstProgress.minNonZeroValue, 2000);
  assert.equal(record.firstProgress.maxValue, 4000);
  assert.equal(record.gaps.totalCount, 5);
  assert.equal(summarizeProgress(record).gapUs.p50, 10_000, "every gap 10ms");
  assert.equal(recorder.operations[1]!.progress, null);
  const summary = summarizeProgress(record);
  assert.equal(summary.perCall, 2.33);
  assert.equal(summary.callsWithProgress, 2);
  assert.equal(summary.gaps, 5);
  assert.equal(summary.gapUs.max, 10_000);
});

test('a reset trace forgets the last call: its gaps are not counted again', async () => {
  const clock = new FakeClock();
  const recorder = new WorkloadRecorder(['p']);
  const trace = new CallTrace();
  await progressCall(recorder, trace, clock, [1, 6]);
  await progressCall(recorder, trace, clock, [1, 3]);
  const record = recorder.operations[0]!.progress!;
  assert.equal(record.gaps.totalCount, 2);
  assert.equal(record.gaps.minNonZeroValue, 2000);
  assert.equal(record.gaps.maxValue, 5000);
});

test('merged exactly: rounds (recorder.mergeFrom) and shards (encoded summaries) equal one record of every call', async () => {
  const clock = new FakeClock();
  const trace = new CallTrace();
  const [a, b, all] = [new WorkloadRecorder(['p']), new WorkloadRecorder(['p']), new WorkloadRecorder(['p'])];
  for (const [i, times] of [[1, 11], [3, 8, 20], [2], [5, 6, 7, 50]].entries()) {
    await progressCall(i % 2 === 0 ? a : b, trace, clock, times);
    await progressCall(all, trace, clock, times);
  }
  const rounds = new WorkloadRecorder(['p']);
  rounds.mergeFrom(a);
  rounds.mergeFrom(b);
  const expected = summarizeProgress(all.operations[0]!.progress!);
  // Encodings differ with bucket widths (a shard merge accumulates in 64 bits): compare the figures read from them.
  const strip = (s: typeof expected) => ({ ...s, firstProgressHistogram: undefined, gapHistogram: undefined });
  assert.deepEqual(summarizeProgress(rounds.operations[0]!.progress!), expected);
  const shards = mergeProgressSummaries([summarizeProgress(a.operations[0]!.progress!), summarizeProgress(b.operations[0]!.progress!)])!;
  assert.deepEqual(strip(shards), strip(expected));
  assert.equal(mergeProgressSummaries([]), null);
});
