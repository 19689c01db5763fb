import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { CallToolResultSchema, ErrorCode, LATEST_PROTOCOL_VERSION, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ReferenceServerOptions } from '../../../src/server/options.js';
import type { Counts } from '../../../src/server/counter.js';
import { connectCounted, createReferenceServer } from '../../../src/server/reference-server.js';
import { LARGE_RESOURCE_BYTES, SMALL_RESOURCE_BYTES } from '../../../src/server/resources.js';
import { createServerState, type ReferenceServerState } from '../../../src/server/state.js';
import { MAX_PAYLOAD_BYTES, TOOL_ANNOTATIONS } from '../../../src/server/tools.js';
import { lookupItem, STORE_TOOL_ANNOTATIONS } from '../../../src/server/store-tools.js';
import { STRUCTURED_TOOL_ANNOTATIONS } from '../../../src/server/structured-tools.js';
import { RESUMABLE_TOOL_ANNOTATIONS } from '../../../src/server/resumable-tools.js';

const ALL_ANNOTATIONS = { ...TOOL_ANNOTATIONS, ...STORE_TOOL_ANNOTATIONS, ...STRUCTURED_TOOL_ANNOTATIONS, ...RESUMABLE_TOOL_ANNOTATIONS, bump: BUMP_ANNOTATIONS, ...NOTIFY_TOOL_ANNOTATIONS, ...CLIENT_REQUEST_TOOL_ANNOTATIONS, ...PING_CONTROL_ANNOTATIONS };
import { BUMP_ANNOTATIONS } from '../../../src/server/subscriptions.js';
import { NOTIFY_TOOL_ANNOTATIONS } from '../../../src/server/progress-tools.js';
import { CLIENT_REQUEST_TOOL_ANNOTATIONS } from '../../../src/server/client-request-tools.js';
import { PING_CONTROL_ANNOTATIONS } from '../../../src/server/ping-control.js';

const BASE: ReferenceServerOptions = { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 };
const open: Client[] = [];

interface Connected {
  readonly client: Client;
  readonly state: ReferenceServerState;
  /** Waits the server was asked for (µs), in order. */
  readonly sleeps: number[];
}

async function connect(options: Partial<ReferenceServerOptions> = {}): Promise<Connected> {
  const sleeps: number[] = [];
  const state = createServerState({ ...BASE, ...options }, async (us) => {
    sleeps.push(us);
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await connectCounted(createReferenceServer(state), serverSide, state.counter);
  const client = new Client({ name: 'reference-server-test', version: '0.0.0' });
  await client.connect(clientSide);
  open.push(client);
  return { client, state, sleeps };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.close()));
});

function textOf(result: unknown): string {
  const content = (result as CallToolResult).content[0];
  assert.ok(content?.type === 'text');
  return content.text;
}

async function callStats(client: Client, reset = false): Promise<Counts> {
  return JSON.parse(textOf(await client.callTool({ name: 'stats', arguments: { reset } }))) as Counts;
}

test('stats counts exactly what was received, including the stats call itself', async () => {
  const { client } = await connect();
  for (let i = 0; i < 5; i += 1) await client.callTool({ name: 'echo', arguments: { message: `m${i}` } });
  await client.ping();
  await client.ping();
  await client.listTools();
  assert.deepEqual(await callStats(client), {
    requests: { initialize: 1, 'tools/call': 6, ping: 2, 'tools/list': 1 },
    notifications: { 'notifications/initialized': 1 },
    responses: 0,
    tools: { echo: 5, stats: 1 },
    distinctArguments: { echo: 5, stats: 1 },
    resources: {},
    prompts: {},
    initializeVersions: { [LATEST_PROTOCOL_VERSION]: 1 },
    http: {
      rateLimited: 0,
      unavailable: 0,
      sessionNotFound: 0,
      sessionsExpired: 0,
      gzipBodies: 0,
      unsupportedEncoding: 0,
      gzipAnswers: 0,
      brAnswers: 0,
      deletes: 0,
      gets: 0,
      withoutProtocolVersion: 0,
      rebindingRefused: 0,
    },
  });
});

test('stats with reset zeroes the counts after reading them', async () => {
  const { client, state } = await connect();
  await client.ping();
  const first = await callStats(client, true);
  assert.deepEqual(first.requests, { initialize: 1, ping: 1, 'tools/call': 1 });
  assert.deepEqual(state.counter.snapshot().requests, {});
  assert.deepEqual((await callStats(client)).requests, { 'tools/call': 1 });
});

test('echo returns the message; payload returns exactly the requested bytes', async () => {
  const { client } = await connect();
  assert.equal(textOf(await client.callTool({ name: 'echo', arguments: { message: 'héllo' } })), 'héllo');
  for (const bytes of [0, 1, 1000, 1_048_576]) {
    const text = textOf(await client.callTool({ name: 'payload', arguments: { bytes } }));
    assert.equal(Buffer.byteLength(text, 'utf8'), bytes);
  }
});

test('payload above the cap is refused as invalid params, in a tool error result as McpServer does', async () => {
  const { client } = await connect();
  const result = await client.callTool({ name: 'payload', arguments: { bytes: MAX_PAYLOAD_BYTES + 1 } });
  assert.equal(result.isError, true);
  assert.match(textOf(result), new RegExp(`^MCP error ${ErrorCode.InvalidParams}: Input validation error`));
});

test('an unknown tool gives a tool result with isError and -32602 in the text, not a JSON-RPC error', async () => {
  const { client } = await connect();
  const result = await client.callTool({ name: 'no-such-tool', arguments: {} });
  assert.equal(result.isError, true);
  assert.equal(textOf(result), 'MCP error -32602: Tool no-such-tool not found');
});

test('fail always fails; flaky follows its rate', async () => {
  const { client } = await connect();
  assert.equal((await client.callTool({ name: 'fail', arguments: {} })).isError, true);
  assert.notEqual((await client.callTool({ name: 'flaky', arguments: { rate: 0 } })).isError, true);
  assert.equal((await client.callTool({ name: 'flaky', arguments: { rate: 1 } })).isError, true);
});

test('sleep waits through the server clock', async () => {
  const { client, sleeps } = await connect();
  assert.equal(textOf(await client.callTool({ name: 'sleep', arguments: { ms: 25 } })), 'slept 25ms');
  assert.deepEqual(sleeps, [25_000]);
});

test('resources: static small and large have fixed sizes, the template names the id', async () => {
  const { client } = await connect();
  const small = (await client.readResource({ uri: 'bench://static/small' })).contents[0];
  const large = (await client.readResource({ uri: 'bench://static/large' })).contents[0];
  const item = (await client.readResource({ uri: 'bench://items/abc-42' })).contents[0];
  assert.ok(small && 'text' in small && large && 'text' in large && item && 'text' in item);
  assert.equal(Buffer.byteLength(small.text), SMALL_RESOURCE_BYTES);
  assert.equal(Buffer.byteLength(large.text), LARGE_RESOURCE_BYTES);
  assert.match(item.text, /abc-42/);
  const templates = await client.listResourceTemplates();
  assert.deepEqual(
    templates.resourceTemplates.map((template) => template.uriTemplate),
    ['bench://items/{id}'],
  );
});

test('the greeting prompt greets by name', async () => {
  const { client } = await connect();
  const prompt = await client.getPrompt({ name: 'greeting', arguments: { name: 'Ada' } });
  assert.deepEqual(prompt.messages, [{ role: 'user', content: { type: 'text', text: 'Hello, Ada!' } }]);
});

test('latency applies to tools/call, resources/read and prompts/get, never to ping, lists or stats', async () => {
  const { client, sleeps } = await connect({ latencyUs: 1_500 });
  await client.ping();
  await client.listTools();
  await client.listResources();
  await client.listPrompts();
  await callStats(client);
  assert.deepEqual(sleeps, []);
  await client.callTool({ name: 'echo', arguments: { message: 'x' } });
  await client.readResource({ uri: 'bench://static/small' });
  await client.getPrompt({ name: 'greeting', arguments: { name: 'x' } });
  assert.deepEqual(sleeps, [1_500, 1_500, 1_500]);
});

test('failRate 1: tools give isError "injected failure", resources and prompts an InternalError', async () => {
  const { client } = await connect({ failRate: 1 });
  const result = await client.callTool({ name: 'echo', arguments: { message: 'x' } });
  assert.equal(result.isError, true);
  assert.equal(textOf(result), 'injected failure');
  const internal = (error: unknown): boolean =>
    error instanceof McpError && error.code === ErrorCode.InternalError && /injected failure/.test(error.message);
  await assert.rejects(client.readResource({ uri: 'bench://items/1' }), internal);
  await assert.rejects(client.getPrompt({ name: 'greeting', arguments: { name: 'x' } }), internal);
  await client.ping();
  await client.listTools();
  assert.equal((await callStats(client)).tools['echo'], 1, 'stats is exempt from injected failures');
});

test('failRate 0 never fails', async () => {
  const { client } = await connect({ failRate: 0 });
  for (let i = 0; i < 50; i += 1) {
    assert.notEqual((await client.callTool({ name: 'echo', arguments: { message: 'x' } })).isError, true);
  }
});

test('two servers with the same seed fail the same calls', async () => {
  const outcomes = async (): Promise<boolean[]> => {
    const { client } = await connect({ failRate: 0.5, seed: 77 });
    const result: boolean[] = [];
    for (let i = 0; i < 40; i += 1) {
      result.push((await client.callTool({ name: 'echo', arguments: { message: 'x' } })).isError === true);
    }
    return result;
  };
  const first = await outcomes();
  assert.deepEqual(await outcomes(), first);
  assert.ok(first.includes(true) && first.includes(false));
});

test('sessions built from one state share its counter', async () => {
  const { client, state } = await connect();
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await connectCounted(createReferenceServer(state), serverSide, state.counter);
  const second = new Client({ name: 'second', version: '0.0.0' });
  await second.connect(clientSide);
  open.push(second);
  await second.ping();
  assert.deepEqual((await callStats(client)).requests, { initialize: 2, ping: 1, 'tools/call': 1 });
});

test('tools/list carries annotations: everything read-only and idempotent except stats and store_put', async () => {
  const { client } = await connect();
  const { tools } = await client.listTools();
  const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool.annotations]));
  assert.deepEqual(Object.keys(byName).sort(), Object.keys(ALL_ANNOTATIONS).sort());
  for (const name of ['echo', 'sleep', 'fail', 'flaky', 'payload', 'stall', 'resumable']) {
    assert.deepEqual(byName[name], { readOnlyHint: true, idempotentHint: true, openWorldHint: false }, name);
  }
  assert.deepEqual(byName['stats'], {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: false,
  });
  assert.deepEqual(byName['store_put'], { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false });
  assert.deepEqual(byName, ALL_ANNOTATIONS);
});

test('stall blocks the whole server: a ping sent during it is answered only after it', async () => {
  const { client } = await connect();
  const started = performance.now();
  const stalled = client.callTool({ name: 'stall', arguments: { ms: 200 } });
  const ping = client.ping().then(() => performance.now() - started);
  await stalled;
  assert.ok((await ping) >= 200, 'the ping waited for the stall');
});

test('store_put gives a new key, store_get reads it back structured, an unknown key is a tool error', async () => {
  const { client } = await connect();
  const put = (await client.callTool({ name: 'store_put', arguments: { value: { name: 'ada' } } })) as CallToolResult;
  assert.deepEqual(put.structuredContent, { key: 'item-1', version: 1 });
  assert.deepEqual(JSON.parse(textOf(put)), { key: 'item-1', version: 1 }, 'the same as JSON text');
  const again = (await client.callTool({ name: 'store_put', arguments: { key: 'item-1', value: 2 } })) as CallToolResult;
  assert.deepEqual(again.structuredContent, { key: 'item-1', version: 2 });
  const got = (await client.callTool({ name: 'store_get', arguments: { key: 'item-1' } })) as CallToolResult;
  assert.deepEqual(got.structuredContent, { key: 'item-1', value: 2, version: 2 });
  const missing = (await client.callTool({ name: 'store_get', arguments: { key: 'nope' } })) as CallToolResult;
  assert.equal(missing.isError, true);
});

test('lookup answers the same generated item for the same id', async () => {
  const { client } = await connect();
  const answer = (await client.callTool({ name: 'lookup', arguments: { id: 42 } })) as CallToolResult;
  assert.deepEqual(answer.structuredContent, lookupItem(42));
  assert.deepEqual(lookupItem(42), { id: 42, name: 'item-42', score: lookupItem(42).score });
  assert.notDeepEqual(lookupItem(42), lookupItem(43));
});

test('structured declares an outputSchema and answers within it; violate: true breaks it, and the server sends it anyway', async () => {
  const { client } = await connect();
  const { tools } = await client.listTools();
  const schema = tools.find((tool) => tool.name === 'structured')?.outputSchema;
  assert.deepEqual(schema?.required, ['value', 'length']);
  const properties = schema?.properties as Record<string, { type?: string }> | undefined;
  assert.deepEqual([properties?.['value']?.type, properties?.['length']?.type], ['string', 'integer']);
  // client.request, not callTool: the SDK's callTool would itself refuse the violating answer.
  const call = (violate: boolean) => client.request({ method: 'tools/call', params: { name: 'structured', arguments: { value: 'abc', violate } } }, CallToolResultSchema);
  const good = await call(false);
  assert.deepEqual(good.structuredContent, { value: 'abc', length: 3 });
  const bad = await call(true);
  assert.equal(bad.isError, undefined);
  assert.deepEqual(bad.structuredContent, { value: 'abc', length: '3' });
});

test('resumable, where the transport cannot close a call’s stream (in memory, like stdio), just waits and answers', async () => {
  const { client, sleeps } = await connect();
  const result = await client.callTool({ name: 'resumable', arguments: { ms: 30 } });
  assert.deepEqual(result.content, [{ type: 'text', text: 'answered after 30ms' }]);
  assert.deepEqual(sleeps, [30_000]);
});

test('stop_pinging: the session stops answering ping (calls still answered) until stop: false', async () => {
  const { client } = await connect();
  await client.ping();
  await client.callTool({ name: 'stop_pinging', arguments: {} });
  const silent = new AbortController();
  const pinged = client.ping({ signal: silent.signal }).then(() => 'answered', () => 'cancelled');
  assert.equal((await client.callTool({ name: 'echo', arguments: { message: 'still here' } })).isError, undefined);
  silent.abort();
  assert.equal(await pinged, 'cancelled', 'the ping was never answered');
  await client.callTool({ name: 'stop_pinging', arguments: { stop: false } });
  await client.ping();
});
