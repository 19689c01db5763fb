import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { errorKey } from '../../../src/client/outcome.js';
import { SdkCaller } from '../../../src/client/sdk-caller.js';
import { CallTrace } from '../../../src/client/trace.js';

/**
 * A client as the SDK behaves when its transport closes: it forgets the transport, calls onclose, then fails every
 * request in flight with ConnectionClosed; later requests fail with "Not connected".
 */
function closingClient(transport: { closeCause: string | null } | object) {
  const pending: Array<(error: Error) => void> = [];
  const client = {
    transport,
    onclose: undefined as (() => void) | undefined,
    request: () => (client.transport ? new Promise((_resolve, reject) => pending.push(reject)) : Promise.reject(new Error('Not connected'))),
  };
  const close = (): void => {
    client.transport = undefined as unknown as object;
    client.onclose?.();
    for (const reject of pending.splice(0)) reject(new McpError(ErrorCode.ConnectionClosed, 'Connection closed'));
  };
  return { client: client as unknown as Client, close };
}

const call = (caller: SdkCaller) => caller.call({ method: 'ping' }, { timeoutUs: 10_000_000, trace: new CallTrace() });

test("a session lost with its transport's own cause: calls in flight, later calls and lostCode all carry it", async () => {
  const { client, close } = closingClient({ closeCause: 'memory-limit' });
  const caller = new SdkCaller(client);
  assert.equal(caller.lost, false);
  assert.equal(caller.lostCode, null);
  const inFlight = [call(caller), call(caller)];
  close();
  assert.deepEqual((await Promise.all(inFlight)).map(errorKey), ['transport:memory-limit', 'transport:memory-limit']);
  assert.equal(errorKey(await call(caller)), 'transport:memory-limit');
  assert.equal(caller.lost, true);
  assert.equal(caller.lostCode, 'memory-limit');
});

test('a transport without a cause of its own (a crash, a socket gone) is lost as closed', async () => {
  for (const transport of [{}, { closeCause: null }]) {
    const { client, close } = closingClient(transport);
    const caller = new SdkCaller(client);
    const inFlight = call(caller);
    close();
    assert.equal(errorKey(await inFlight), 'transport:closed');
    assert.equal(caller.lostCode, 'closed');
  }
});
