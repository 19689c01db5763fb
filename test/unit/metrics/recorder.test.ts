import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OK, TIMEOUT, TOOL_ERROR } from '../../../src/client/outcome.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';

describe('WorkloadRecorder', () => {
  it('counts outcomes per operation, errors by kind and code, warmup apart', () => {
    const recorder = new WorkloadRecorder(['a', 'b']);
    recorder.record(0, 100, OK);
    recorder.record(0, 200, TOOL_ERROR);
    recorder.record(1, 300, { kind: 'rpc-error', code: -32601 });
    recorder.record(1, 400, { kind: 'rpc-error', code: -32601 });
    recorder.record(1, 500, TIMEOUT);
    recorder.record(1, 600, { kind: 'transport', code: 'closed' });
    recorder.recordWarmup(0);
    const [a, b] = recorder.operations;
    assert.equal(a?.count, 2);
    assert.equal(a?.ok, 1);
    assert.equal(a?.warmupCalls, 1);
    assert.deepEqual(Object.fromEntries(a!.errors), { 'tool-error': 1 });
    assert.equal(a?.histogram.totalCount, 2);
    assert.deepEqual(Object.fromEntries(b!.errors), { 'rpc-error:-32601': 2, timeout: 1, 'transport:closed': 1 });
    assert.equal(b?.ok, 0);
    assert.equal(b?.histogram.totalCount, 4);
  });

  it('refuses an operation index it does not have', () => {
    assert.throws(() => new WorkloadRecorder(['a']).record(3, 1, OK), RangeError);
  });
});

describe('live snapshots (progress)', () => {
  it('report totals so far and the window since the last snapshot, then start a new window', () => {
    const recorder = new WorkloadRecorder(['a']);
    recorder.recordWarmup(0);
    for (let i = 1; i <= 100; i++) recorder.record(0, i * 1000, i % 10 === 0 ? TIMEOUT : OK);
    const first = recorder.snapshotLive();
    assert.deepEqual({ ...first, windowP99Us: 0, operations: [] }, { calls: 100, errors: 10, warmupCalls: 1, windowCalls: 100, windowP99Us: 0, operations: [] });
    // Each operation's cumulative figures, for a worker child's per-second intervals: the records themselves.
    assert.equal(first.operations[0], recorder.operations[0]);
    assert.ok(Math.abs(first.windowP99Us - 99_000) <= 99, `window p99 ${first.windowP99Us}`);
    recorder.record(0, 5, OK);
    const second = recorder.snapshotLive();
    assert.equal(second.calls, 101);
    assert.equal(second.windowCalls, 1);
    assert.equal(second.windowP99Us, 5);
    assert.equal(recorder.snapshotLive().windowCalls, 0);
  });
});
