import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ErrorCode, McpError, ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { errorKey } from '../../../src/client/outcome.js';
import { CallTrace } from '../../../src/client/trace.js';
import { SdkCaller } from '../../../src/client/sdk-caller.js';
import type { McpRequest } from '../../../src/client/request.js';
import { connectCounted, createReferenceServer } from '../../../src/server/reference-server.js';
import { createServerState, DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';

async function connected() {
  const state = createServerState(DEFAULT_SERVER_OPTIONS);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await connectCounted(createReferenceServer(state), serverSide, state.counter);
  const client = new Client({ name: 'test', version: '0' });
  await client.connect(clientSide);
  return { caller: new SdkCaller(client), state, serverSide };
}

const call = async (caller: SdkCaller, request: McpRequest, timeoutUs = 5_000_000): Promise<string> =>
  errorKey(await caller.call(request, { timeoutUs, trace: new CallTrace() }));

describe('SdkCaller against the reference server (in-memory transport)', () => {
  it('maps each answer to exactly one typed outcome', async () => {
    const { caller } = await connected();
    assert.equal(await call(caller, { method: 'tools/call', tool: 'echo', args: { message: 'hi' } }), 'ok');
    assert.equal(await call(caller, { method: 'tools/call', tool: 'fail', args: {} }), 'tool-error');
    assert.equal(await call(caller, { method: 'tools/call', tool: 'nope', args: {} }), 'tool-error');
    assert.equal(await call(caller, { method: 'resources/read', uri: 'bench://static/small' }), 'ok');
    assert.match(await call(caller, { method: 'resources/read', uri: 'bench://nothing/here' }), /^rpc-error:-32\d{3}$/);
    assert.equal(await call(caller, { method: 'prompts/get', prompt: 'greeting', args: { name: 'x' } }), 'ok');
    for (const method of ['ping', 'tools/list', 'resources/list', 'resources/templates/list', 'prompts/list'] as const) {
      assert.equal(await call(caller, { method }), 'ok', method);
    }
    await caller.close();
  });

  it('a call past its timeout is a timeout, and the server is told to cancel it', async () => {
    const { caller, state } = await connected();
    assert.equal(await call(caller, { method: 'tools/call', tool: 'sleep', args: { ms: 2_000 } }, 50_000), 'timeout');
    assert.equal(state.counter.snapshot().notifications['notifications/cancelled'], 1);
    await caller.close();
  });

  it('after the connection closes, every call is transport:closed at once', async () => {
    const { caller, serverSide } = await connected();
    const pending = call(caller, { method: 'tools/call', tool: 'sleep', args: { ms: 2_000 } });
    await serverSide.close();
    assert.equal(await pending, 'transport:closed');
    assert.equal(caller.lost, true);
    assert.equal(await call(caller, { method: 'ping' }), 'transport:closed');
  });

  it('a server that answers with error -32001 at once is an rpc-error, not a timeout', async () => {
    const server = new Server({ name: 'says-timeout', version: '0' }, { capabilities: { resources: {} } });
    server.setRequestHandler(ReadResourceRequestSchema, () => {
      throw new McpError(ErrorCode.RequestTimeout, 'upstream timed out');
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'test', version: '0' });
    await client.connect(clientSide);
    const caller = new SdkCaller(client);
    assert.equal(await call(caller, { method: 'resources/read', uri: 'x://y' }, 5_000_000), 'rpc-error:-32001');
    await caller.close();
  });
});
