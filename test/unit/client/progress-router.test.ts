import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { ProgressRouter } from '../../../src/client/progress-router.js';
import { ProgressTrace } from '../../../src/client/progress-trace.js';

const progress = (token: unknown): JSONRPCMessage => ({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: token as string, progress: 1 } });

test('progress notifications reach the call that holds their token, ahead of the SDK, in the same read as the answer', () => {
  const dispatched: JSONRPCMessage[] = [];
  const transport = { onmessage: (m: JSONRPCMessage) => void dispatched.push(m) } as unknown as Transport;
  const router = new ProgressRouter(transport);
  const [a, b] = [new ProgressTrace(), new ProgressTrace()];
  a.begin(0);
  b.begin(0);
  const [ta, tb] = [router.open(a), router.open(b)];
  assert.notEqual(ta, tb);
  // One read: two notifications for a, one for b, then a's answer; all delivered synchronously.
  for (const m of [progress(ta), progress(tb), progress(ta), { jsonrpc: '2.0', id: 1, result: {} } as JSONRPCMessage]) transport.onmessage!(m);
  assert.equal(a.count, 2);
  assert.equal(b.count, 1);
  assert.equal(dispatched.length, 4, 'the SDK still sees every message');
  router.close(ta);
  transport.onmessage!(progress(ta));
  transport.onmessage!(progress(42));
  assert.equal(a.count, 2, 'a closed token and a token not ours are nobody\'s');
});
