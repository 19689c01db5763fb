import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { BoundedEventStore } from '../../../src/server/event-store.js';
import { ResumableCalls } from '../../../src/server/resumable-tools.js';

const answer = (id: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, result: {} });

async function replay(store: BoundedEventStore, after: string): Promise<[string, JSONRPCMessage][]> {
  const sent: [string, JSONRPCMessage][] = [];
  await store.replayEventsAfter(after, { send: async (id, message) => void sent.push([id, message]) });
  return sent;
}

describe('BoundedEventStore', () => {
  it('numbers every event, and replays only the kept messages of the same stream after the id', async () => {
    const store = new BoundedEventStore((m) => 'id' in m && m.id === 2);
    const priming = await store.storeEvent('s1', {} as JSONRPCMessage);
    await store.storeEvent('s2', answer(2)); // another stream
    const kept = await store.storeEvent('s1', answer(2));
    await store.storeEvent('s1', answer(3)); // not retained
    assert.equal(await store.getStreamIdForEventId(priming), 's1');
    assert.deepEqual(await replay(store, priming), [[kept, answer(2)]]);
    assert.deepEqual(await replay(store, priming), [[kept, answer(2)]], 'a stream may be resumed again');
    assert.deepEqual(await replay(store, kept), []);
  });

  it('forgets the oldest ids past its bound; a resume from a forgotten id is refused', async () => {
    const store = new BoundedEventStore(() => true, 2);
    const first = await store.storeEvent('s', answer(1));
    await store.storeEvent('s', answer(2));
    await store.storeEvent('s', answer(3));
    assert.equal(await store.getStreamIdForEventId(first), undefined);
    await assert.rejects(replay(store, first), /unknown event id/);
  });
});

describe('ResumableCalls', () => {
  it('takes the answer of a marked call once, by session and request id', () => {
    const calls = new ResumableCalls();
    calls.mark('sess-a', 5);
    assert.equal(calls.takeAnswer('sess-b', answer(5)), false, 'another session');
    assert.equal(calls.takeAnswer('sess-a', { jsonrpc: '2.0', method: 'x', id: 5 }), false, 'a request, not an answer');
    assert.equal(calls.takeAnswer('sess-a', answer(5)), true);
    assert.equal(calls.takeAnswer('sess-a', answer(5)), false, 'once');
    assert.equal(calls.takeAnswer(undefined, answer(5)), false);
  });
});
