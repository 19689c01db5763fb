import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { classifyError } from '../../../src/client/classify.js';
import { errorKey } from '../../../src/client/outcome.js';
import type { BadOutputKind } from '../../../src/client/transports/bad-output.js';
import { InboundRouter } from '../../../src/client/transports/inbound.js';
import { transportFailureOf } from '../../../src/client/transports/transport-failure.js';

function router() {
  const delivered: JSONRPCMessage[] = [];
  const bad: BadOutputKind[] = [];
  const inbound = new InboundRouter((m) => delivered.push(m), (kind) => bad.push(kind));
  const request = (id: number): void => inbound.sent({ jsonrpc: '2.0', id, method: 'tools/call', params: {} });
  /** The outcome key of each synthesized failure delivered, in order; other messages as `delivered`. */
  const keys = (): string[] =>
    delivered.map((m) => {
      const failure = 'error' in m ? transportFailureOf({ code: m.error.code, data: m.error.data }) : null;
      return failure ? `${String((m as { id: unknown }).id)}:${errorKey(classifyError(failure, false))}` : 'delivered';
    });
  return { inbound, delivered, bad, request, keys };
}

const ok = (id: unknown): string => JSON.stringify({ jsonrpc: '2.0', id, result: {} });

describe('InboundRouter', () => {
  it('delivers answers to requests in flight, and the server\'s own notifications; counts nothing', () => {
    const r = router();
    r.request(1);
    r.inbound.line(ok(1));
    r.inbound.line('{"jsonrpc":"2.0","method":"notifications/message","params":{}}');
    assert.deepEqual(r.keys(), ['delivered', 'delivered']);
    assert.deepEqual(r.bad, []);
  });

  it('garbage lines are counted and skipped; the call still gets its answer', () => {
    const r = router();
    r.request(1);
    for (const line of ['Server started', '{"hello":1}', '42', '[1,2]']) r.inbound.line(line);
    r.inbound.line(ok(1));
    assert.deepEqual(r.bad, ['not-json-rpc', 'not-json-rpc', 'not-json-rpc', 'not-json-rpc', 'not-json-rpc']);
    assert.deepEqual(r.keys(), ['delivered']);
  });

  it('a malformed response with the id of a call in flight fails that call at once as bad-response', () => {
    const r = router();
    r.request(1);
    r.request(2);
    r.inbound.line('{"jsonrpc":"2.0","id":2,"result":5}');
    assert.deepEqual(r.keys(), ['2:transport:bad-response']);
    assert.deepEqual(r.bad, ['not-json-rpc']);
  });

  it('a wrong id with one call in flight fails that call; with several it is counted, and the calls wait', () => {
    const r = router();
    r.request(1);
    r.inbound.line(ok(1001));
    assert.deepEqual(r.keys(), ['1:transport:bad-response']);
    r.inbound.line(ok(1)); // its real answer, late: nothing waits for it any more, and it is not bad output
    r.request(2);
    r.request(3);
    r.inbound.line(ok(1003));
    assert.deepEqual(r.bad, ['unknown-id', 'unknown-id']);
    assert.equal(r.keys().length, 2);
  });

  it('an answer to a cancelled call is delivered quietly; an id written as a numeric string still answers', () => {
    const r = router();
    r.request(1);
    r.request(2);
    r.inbound.sent({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } });
    r.inbound.line(ok(1));
    r.inbound.line(ok('2'));
    assert.deepEqual(r.bad, []);
    assert.deepEqual(r.keys(), ['delivered', 'delivered']);
  });

  it('an oversized answer fails the call its id names as response-too-large', () => {
    const r = router();
    r.request(4);
    r.request(5);
    r.inbound.oversized('{"result":{"content":[{"text":"xxxx', 'xxxx"}]},"jsonrpc":"2.0","id":5}', 'the 1 KiB limit');
    r.inbound.oversized('{"result":{"content":[{"text":"xxxx', 'xxxx"}]},"jsonrpc":"2.0","id":77}', 'the 1 KiB limit');
    assert.deepEqual(r.keys(), ['5:transport:response-too-large']);
    assert.deepEqual(r.bad, ['too-large', 'too-large']);
  });
});
