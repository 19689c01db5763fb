import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { LoggingMessageNotificationSchema, ToolListChangedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectCounted, createReferenceServer } from '../../../src/server/reference-server.js';
import { createServerState } from '../../../src/server/state.js';
import { sentNotificationsOf } from '../../../src/server/sent-notifications.js';
import { TOGGLED_TOOL } from '../../../src/server/progress-tools.js';

const open: Client[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.close()));
});

/** A client of the reference server in memory; the server's waits are recorded, not slept. */
async function connect() {
  const sleeps: number[] = [];
  const state = createServerState({ latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 }, async (us) => {
    sleeps.push(us);
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await connectCounted(createReferenceServer(state), serverSide, state.counter);
  const client = new Client({ name: 'progress-tools-test', version: '0' });
  const logged: string[] = [];
  let listChanged = 0;
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logged.push(n.params.level));
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => void listChanged++);
  await client.connect(clientSide);
  open.push(client);
  return { client, state, sleeps, logged, listChanged: () => listChanged };
}

const textOf = (result: unknown): string => ((result as CallToolResult).content[0] as { text: string }).text;
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('progress: steps notifications intervalMs apart when the request carries a token; none without one', async () => {
  const { client, state, sleeps } = await connect();
  const heard: number[] = [];
  await client.callTool({ name: 'progress', arguments: { steps: 4, intervalMs: 10 } }, undefined, { onprogress: (p) => void heard.push(p.progress) });
  assert.deepEqual(heard, [1, 2, 3, 4]);
  assert.deepEqual(sleeps, [10_000, 10_000, 10_000, 10_000]);
  const without = await client.callTool({ name: 'progress', arguments: { steps: 3, intervalMs: 0 } });
  assert.match(textOf(without), /0 notifications sent/);
  assert.deepEqual(sentNotificationsOf(state).snapshot().byMethod, { 'notifications/progress': 4 });
});

test('log: every message before setLevel; only those at or above the level after it', async () => {
  const { client, state, logged } = await connect();
  await client.callTool({ name: 'log', arguments: { level: 'info', count: 2 } });
  await client.setLoggingLevel('warning');
  await client.callTool({ name: 'log', arguments: { level: 'info', count: 5 } });
  await client.callTool({ name: 'log', arguments: { level: 'error', count: 3 } });
  await settle();
  assert.deepEqual(logged, ['info', 'info', 'error', 'error', 'error']);
  assert.deepEqual(sentNotificationsOf(state).snapshot().logLevels, { info: 2, error: 3 });
  const read = JSON.parse(textOf(await client.callTool({ name: 'notifications_sent', arguments: { reset: true } })));
  assert.deepEqual(read, { byMethod: { 'notifications/message': 5 }, logLevels: { info: 2, error: 3 } });
  assert.deepEqual(sentNotificationsOf(state).snapshot(), { byMethod: {}, logLevels: {} }, 'reset: true zeroes it');
});

test('toggle_tool adds then removes a tool, one list_changed each', async () => {
  const { client, state, listChanged } = await connect();
  const names = async () => (await client.listTools()).tools.map((t) => t.name);
  assert.ok(!(await names()).includes(TOGGLED_TOOL));
  await client.callTool({ name: 'toggle_tool', arguments: {} });
  assert.ok((await names()).includes(TOGGLED_TOOL));
  assert.equal(textOf(await client.callTool({ name: TOGGLED_TOOL, arguments: {} })), 'toggled');
  await client.callTool({ name: 'toggle_tool', arguments: {} });
  assert.ok(!(await names()).includes(TOGGLED_TOOL));
  await settle();
  assert.equal(listChanged(), 2, 'exactly one per toggle (the SDK\'s own announcement is held back)');
  assert.deepEqual(sentNotificationsOf(state).snapshot().byMethod, { 'notifications/tools/list_changed': 2 });
});
