import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPerformer } from '../../../src/traffic/create.js';
import { compileRequest } from '../../../src/operations/template.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import type { Caller } from '../../../src/client/caller.js';
import type { McpRequest } from '../../../src/client/request.js';
import { OK } from '../../../src/client/outcome.js';
import { CallTrace } from '../../../src/client/trace.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import type { DataPlan } from '../../../src/traffic/data-block.js';
import type { TrafficPerformer } from '../../../src/traffic/traffic-performer.js';

function recordingCaller(): Caller & { sent: McpRequest[] } {
  const sent: McpRequest[] = [];
  return { sent, call: async (request) => (sent.push(request), OK), close: async () => {} };
}

const DATA: DataPlan = {
  file: 'data/items.csv',
  order: 'once',
  exhausted: 'stop',
  rows: [{ id: 10 }, { id: 20 }, { id: 30 }],
  columns: ['id'],
  sha256: 'x',
  seed: 1,
};

function operation(args: Record<string, unknown>, withTemplate: boolean): OperationPlan {
  const request: McpRequest = { method: 'tools/call', tool: 'lookup', args };
  const { template } = compileRequest(request, { columns: ['id'], vars: [], seed: 1 });
  return { name: 'lookup', weight: 1, timeoutUs: 1_000_000, request, ...(withTemplate && template ? { template } : {}) };
}

function performerOf(operations: OperationPlan[], caller: Caller, data?: DataPlan) {
  const recorder = new WorkloadRecorder(operations.map((op) => op.name));
  return createPerformer({ operations, seed: 1, shard: { index: 1, count: 2 }, caller, recorder, clock: new FakeClock(), data });
}

const options = { timeoutUs: 1_000_000, trace: new CallTrace() };

test('without templates or data the plain performer sends the request as written', async () => {
  const caller = recordingCaller();
  const performer = performerOf([operation({ id: 1 }, false)], caller);
  await performer.perform(0, 5, options, true);
  assert.deepEqual(caller.sent, [{ method: 'tools/call', tool: 'lookup', args: { id: 1 } }]);
  assert.equal(performer.ended(1_000_000), false);
});

test("a templated operation is instantiated with the call's seq, shard and data row", async () => {
  const caller = recordingCaller();
  const performer = performerOf([operation({ id: '{{row.id}}', tag: '{{seq}}@{{shard}}' }, true)], caller, DATA);
  await performer.perform(0, 1, options, true);
  await performer.perform(0, 2, options, false);
  assert.deepEqual(caller.sent.map((request) => (request as { args: unknown }).args), [
    { id: 20, tag: '1@1' },
    { id: 30, tag: '2@1' },
  ]);
});

test('once with stop: ended past the last row, rows used and the early stop are reported', async () => {
  const caller = recordingCaller();
  const performer = performerOf([operation({ id: '{{row.id}}' }, true)], caller, DATA) as TrafficPerformer;
  for (let seq = 0; !performer.ended(seq); seq++) await performer.perform(0, seq, options, true);
  assert.equal(caller.sent.length, 3);
  assert.deepEqual(performer.dataUse(), [{ file: 'data/items.csv', order: 'once', exhausted: 'stop', rows: 3, calls: 3, rowsUsed: 3, stoppedEarly: true }]);
});
