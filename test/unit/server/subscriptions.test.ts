import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ResourceUpdatedNotificationSchema, type ResourceUpdatedNotification } from '@modelcontextprotocol/sdk/types.js';
import { connectCounted, createReferenceServer } from '../../../src/server/reference-server.js';
import { createServerState, type ReferenceServerState } from '../../../src/server/state.js';
import { CHANGED_AT_META, COUNTER_RESOURCE_URI } from '../../../src/server/subscriptions.js';

const open: Client[] = [];

async function session(state: ReferenceServerState): Promise<{ client: Client; updates: ResourceUpdatedNotification[] }> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await connectCounted(createReferenceServer(state), serverSide, state.counter);
  const client = new Client({ name: 'subscriptions-test', version: '0.0.0' });
  const updates: ResourceUpdatedNotification[] = [];
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.push(n));
  await client.connect(clientSide);
  open.push(client);
  return { client, updates };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.close()));
});

test('bump notifies every subscribed session of the process, stamped, and counts what it sent', async () => {
  const state = createServerState();
  const a = await session(state);
  const b = await session(state);
  assert.deepEqual(a.client.getServerCapabilities()?.resources, { subscribe: true, listChanged: true });
  await a.client.subscribeResource({ uri: COUNTER_RESOURCE_URI });
  await b.client.subscribeResource({ uri: COUNTER_RESOURCE_URI });
  const before = Date.now() * 1000;
  await a.client.callTool({ name: 'bump' });
  await b.client.callTool({ name: 'bump' });
  assert.equal(a.updates.length, 2);
  assert.equal(b.updates.length, 2);
  const stamp = a.updates[0]!.params._meta?.[CHANGED_AT_META];
  assert.ok(typeof stamp === 'number' && Number.isInteger(stamp) && stamp >= before - 1000, `stamp ${String(stamp)}`);
  assert.deepEqual(state.counter.snapshot().resourceUpdatesSent, { [COUNTER_RESOURCE_URI]: 4 });
  const read = await a.client.readResource({ uri: COUNTER_RESOURCE_URI });
  assert.equal((read.contents[0] as { text: string }).text, '2');
});

test('unsubscribe (and closing a session) stops its updates', async () => {
  const state = createServerState();
  const a = await session(state);
  const b = await session(state);
  await a.client.subscribeResource({ uri: COUNTER_RESOURCE_URI });
  await b.client.subscribeResource({ uri: COUNTER_RESOURCE_URI });
  await a.client.unsubscribeResource({ uri: COUNTER_RESOURCE_URI });
  await b.client.close();
  await a.client.callTool({ name: 'bump' });
  assert.equal(a.updates.length, 0);
  assert.equal(b.updates.length, 0);
  assert.equal(state.counter.snapshot().resourceUpdatesSent, undefined, 'nothing sent, nothing counted');
});

test('completion/complete answers names for greeting.name and ids for bench://items/{id}', async () => {
  const { client } = await session(createServerState());
  const names = await client.complete({ ref: { type: 'ref/prompt', name: 'greeting' }, argument: { name: 'name', value: 'al' } });
  assert.deepEqual(names.completion.values, ['Alan', 'Albert', 'Alice']);
  const ids = await client.complete({ ref: { type: 'ref/resource', uri: 'bench://items/{id}' }, argument: { name: 'id', value: '9' } });
  assert.deepEqual(ids.completion.values, ['9', '90', '91', '92', '93', '94', '95', '96', '97', '98', '99']);
});
