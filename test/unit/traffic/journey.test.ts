import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Caller } from '../../../src/client/caller.js';
import { OK, type Outcome } from '../../../src/client/outcome.js';
import type { McpRequest } from '../../../src/client/request.js';
import { CallTrace } from '../../../src/client/trace.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { runsChecks } from '../../../src/operations/journey.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';
import type { Clock } from '../../../src/time/clock.js';
import { createPerformer } from '../../../src/traffic/create.js';
import { resolve } from '../scenario/helpers.js';

/** Time moves only when the fake server answers: each call takes `callUs`. */
class SteppedClock implements Clock {
  now = 0;
  nowUs(): number {
    return this.now;
  }
  sleepUs(): Promise<void> {
    return Promise.resolve();
  }
  sleepUntilUs(): Promise<void> {
    return Promise.resolve();
  }
}

/** A store like the reference server's, answering at once; `lose` drops keys so a read fails. */
function fakeStore(clock: SteppedClock, callUs: number, options: { lose?: boolean; bare?: boolean } = {}) {
  const store = new Map<string, string>();
  const sent: McpRequest[] = [];
  const caller: Caller = {
    call: async (request) => {
      sent.push(request);
      clock.now += callUs;
      if (request.method !== 'tools/call') return OK;
      const args = request.args as Record<string, unknown>;
      if (request.tool === 'echo') return { kind: 'ok', result: { content: [{ type: 'text', text: String(args.message) }] } };
      if (request.tool === 'store_put') {
        const key = `item-${store.size + 1}`;
        if (!options.lose) store.set(key, String(args.value));
        return { kind: 'ok', result: { content: [], ...(options.bare ? {} : { structuredContent: { key, version: 1 } }) } };
      }
      const value = store.get(String(args.key));
      return value === undefined ? { kind: 'tool-error', result: { isError: true } } : { kind: 'ok', result: { content: [{ type: 'text', text: value }], structuredContent: { key: args.key, value } } };
    },
    close: async () => {},
  };
  return { caller, sent };
}

/** The journey of scenarios/journey.yaml, with its read step's `{{vars.key}}` template written out by hand. */
function journeyOperations(expectValue = 'hello'): OperationPlan[] {
  const ops = resolve({
    name: 'j',
    target: { builtin: {} },
    workloads: [{
      name: 'w',
      type: 'sequential',
      iterations: 1,
      operations: [
        { journey: 'create-then-read', steps: [
          { name: 'create', tool: 'store_put', args: { value: 'hello' }, capture: { key: 'structuredContent.key' } },
          { name: 'read', tool: 'store_get', args: { key: '{{vars.key}}' }, expect: { json: { 'structuredContent.value': expectValue } } },
        ] },
        { tool: 'echo', args: { message: 'y' }, expect: { contains: 'x' } },
        { tool: 'echo', args: { message: 'x' }, expect: { contains: 'x' }, name: 'echo x' },
      ],
    }],
  }).workloads[0]!.operations;
  const read: OperationPlan = { ...ops[2]!, template: { instantiate: (scope) => ({ method: 'tools/call', tool: 'store_get', args: { key: scope.vars.key } }) } };
  return [ops[0]!, ops[1]!, read, ops[3]!, ops[4]!];
}

function setUp(operations: OperationPlan[], options: { lose?: boolean; bare?: boolean } = {}) {
  const clock = new SteppedClock();
  const { caller, sent } = fakeStore(clock, 1_000, options);
  const checked = operations.map((_, i) => runsChecks(operations, i));
  const recorder = new WorkloadRecorder(operations.map((op) => op.name), null, { checked });
  const performer = createPerformer({ operations, seed: 1, shard: WHOLE_RUN, caller, recorder, clock });
  const perform = (index: number, seq: number, measured = true): Promise<Outcome> => performer.perform(index, seq, { timeoutUs: 1e6, trace: new CallTrace() }, measured);
  return { clock, recorder, sent, perform };
}

describe('a journey run by the performer', () => {
  it('runs its steps in order, the second reading what the first captured, and records each step', async () => {
    const { recorder, sent, perform } = setUp(journeyOperations());
    for (let seq = 0; seq < 3; seq++) assert.equal((await perform(0, seq)).kind, 'ok');
    assert.deepEqual(sent.map((r) => r.method === 'tools/call' && [r.tool, r.args]), [
      ['store_put', { value: 'hello' }], ['store_get', { key: 'item-1' }],
      ['store_put', { value: 'hello' }], ['store_get', { key: 'item-2' }],
      ['store_put', { value: 'hello' }], ['store_get', { key: 'item-3' }],
    ]);
    const [journey, create, read] = recorder.operations;
    assert.equal(journey!.count, 0, 'the loop records the journey row, not the performer');
    assert.deepEqual([create!.count, create!.ok, read!.count, read!.ok], [3, 3, 3, 3]);
    assert.equal(create!.histogram.maxValue >= 1_000 && create!.histogram.minNonZeroValue <= 1_001, true, 'a step takes its own call');
    assert.deepEqual([create!.checks?.passed, read!.checks?.passed], [3, 3]);
  });

  it('stops at the first step that fails: its outcome is the journey\'s, later steps are not reached', async () => {
    const { recorder, sent, perform } = setUp(journeyOperations(), { lose: true });
    assert.equal((await perform(0, 0)).kind, 'tool-error');
    const bare = setUp(journeyOperations(), { bare: true });
    assert.deepEqual(await bare.perform(0, 0), { kind: 'check-failed', check: 'capture key' });
    assert.equal(bare.sent.length, 1, 'the read was never sent');
    assert.deepEqual([bare.recorder.operations[1]!.checkFailed, bare.recorder.operations[2]!.count], [1, 0]);
    assert.deepEqual(Object.fromEntries(bare.recorder.operations[1]!.checks!.failures), { 'capture key': 1 });
    assert.equal(sent.length, 2);
    assert.deepEqual(Object.fromEntries(recorder.operations[2]!.errors), { 'tool-error': 1 });
  });

  it('a failed check ends the journey check-failed, counted apart from errors', async () => {
    const { recorder, perform } = setUp(journeyOperations('other'));
    assert.deepEqual(await perform(0, 0), { kind: 'check-failed', check: 'structuredContent.value == "other"' });
    const read = recorder.operations[2]!;
    assert.deepEqual([read.count, read.ok, read.checkFailed, read.errors.size], [1, 0, 1, 0]);
  });

  it('counts warmup steps as warmup', async () => {
    const { recorder, perform } = setUp(journeyOperations());
    await perform(0, 0, false);
    assert.deepEqual(recorder.operations.slice(1, 3).map((op) => [op.count, op.warmupCalls]), [[0, 1], [0, 1]]);
  });

  it('checks a plain operation after its call', async () => {
    const { perform, recorder } = setUp(journeyOperations());
    assert.deepEqual(await perform(3, 0), { kind: 'check-failed', check: 'text contains "x"' });
    assert.equal((await perform(4, 1)).kind, 'ok');
    assert.equal(recorder.operations[3]!.count, 0, 'a plain operation\'s row is the loop\'s to record');
  });

  it('keeps the plain performer for a mix without journeys, checks or templates', () => {
    const plain = resolve({ name: 'p', target: { builtin: {} }, workloads: [{ name: 'w', type: 'sequential', iterations: 1, operations: [{ method: 'ping' }] }] }).workloads[0]!.operations;
    const clock = new SteppedClock();
    const { caller } = fakeStore(clock, 1);
    const performer = createPerformer({ operations: plain, seed: 1, shard: WHOLE_RUN, caller, recorder: new WorkloadRecorder(['ping']), clock });
    assert.equal(performer.perform.length, 3, "plainPerformer's perform (index, seq, options)");
  });
});
