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
