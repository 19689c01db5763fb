import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { CallLeak } from '../../../src/server/call-leak.js';
import { connectCounted, createReferenceServer } from '../../../src/server/reference-server.js';
import { createServerState } from '../../../src/server/state.js';

const OPTIONS = { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 } as const;

/** A reference server with the knob, and a client connected to it in memory. */
async function connected(leakPerCallBytes?: number): Promise<{ client: Client; state: ReturnType<typeof createServerState> }> {
  const state = createServerState({ ...OPTIONS, ...(leakPerCallBytes !== undefined && { leakPerCallBytes }) });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await connectCounted(createReferenceServer(state), serverSide, state.counter, state.callLeak);
  const client = new Client({ name: 'call-leak-test', version: '0' });
  await client.connect(clientSide);
  return { client, state };
}

test('every tools/call answered keeps its bytes, a tool error too; other requests keep nothing', async () => {
  const { client, state } = await connected(4096);
  await client.ping();
  await client.listTools();
  assert.equal(state.callLeak.leakedBytes, 0, 'initialize, ping and tools/list are not tool calls');
  await client.callTool({ name: 'echo', arguments: { message: 'a' } });
  await client.callTool({ name: 'fail', arguments: {} });
  await client.callTool({ name: 'echo', arguments: { message: 'b' } });
  assert.equal(state.callLeak.leakedBytes, 3 * 4096);
  await client.close();
});

test('without the knob nothing is kept and the transport is left as it was', async () => {
  const { client, state } = await connected();
  for (let i = 0; i < 5; i++) await client.callTool({ name: 'echo', arguments: { message: 'x' } });
  assert.equal(state.callLeak.leakedBytes, 0);
  assert.equal(state.callLeak.on, false);
  await client.close();
  const [, serverSide] = InMemoryTransport.createLinkedPair();
  const send = serverSide.send;
  new CallLeak(0).watch(serverSide);
  assert.equal(serverSide.send, send, 'no wrapper when the knob is off');
});

test('the bytes kept are filled (resident), and a leak that is not a whole number of bytes is refused', () => {
  const leak = new CallLeak(1000);
  leak.callAnswered();
  leak.callAnswered();
  assert.equal(leak.leakedBytes, 2000);
  assert.throws(() => new CallLeak(-1), /leak per call must be a whole number of bytes ≥ 0; got -1/);
  assert.throws(() => new CallLeak(0.5), /leak per call/);
});
