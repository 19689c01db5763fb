import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SdkCaller } from '../../../src/client/sdk-caller.js';
import { CallTrace } from '../../../src/client/trace.js';
import type { HoldsSends } from '../../../src/client/transports/held-sends.js';

/** A client whose request() notes which call its transport was told it sends, as the SDK hands it over synchronously. */
function fakeClient(transport: HoldsSends) {
  const seen: Array<CallTrace | null> = [];
  const client = {
    transport,
    onclose: undefined,
    request: () => {
      seen.push(transport.sendingFor);
      return Promise.resolve({});
    },
  } as unknown as Client;
  return { client, seen };
}

test('the SDK caller names the call to a transport that may hold it, only while the request is handed over', async () => {
  const transport: HoldsSends = { sendingFor: null };
  const { client, seen } = fakeClient(transport);
  const caller = new SdkCaller(client);
  const first = new CallTrace();
  first.attempts = 1;
  await caller.call({ method: 'ping' }, { timeoutUs: 1_000_000, trace: first });
  const retry = new CallTrace();
  retry.attempts = 2; // a retry: the trace keeps the first attempt's send time
  await caller.call({ method: 'ping' }, { timeoutUs: 1_000_000, trace: retry });
  assert.deepEqual(seen, [first, null]);
  assert.equal(transport.sendingFor, null, 'cleared once handed over');
});
