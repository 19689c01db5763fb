/**
 * The reference server in this very process, over the SDK's in-memory transport: no pipe, no socket, no other
 * process, so a call through it costs only mcp-bench's client path, the SDK on both sides and the server's echo.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Connection } from '../client/connect.js';
import { SdkCaller } from '../client/sdk-caller.js';
import type { TargetPlan } from '../client/targets/registry.js';
import { connectCounted, createReferenceServer, REFERENCE_SERVER_INFO } from '../server/reference-server.js';
import { createServerState, DEFAULT_SERVER_OPTIONS } from '../server/state.js';
import { VERSION } from '../version.js';

/** What the in-memory session stands in for in the stack: the built-in server with no latency, jitter or failures. */
export const IN_MEMORY_TARGET: TargetPlan = { kind: 'builtin', transport: 'stdio', server: DEFAULT_SERVER_OPTIONS };

/** Opens one session to a fresh in-process reference server (a `StackDeps.open`; the target is ignored). */
export async function openInMemory(): Promise<Connection> {
  const state = createServerState(DEFAULT_SERVER_OPTIONS);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  // The server first: connectCounted wraps its onmessage before the client's initialize can arrive.
  await connectCounted(createReferenceServer(state), serverSide, state.counter);
  const client = new Client({ name: 'mcp-bench', version: VERSION }, { capabilities: {} });
  await client.connect(clientSide);
  return {
    caller: new SdkCaller(client),
    client,
    timings: { serverStartUs: null, connectUs: 0, initializeUs: 0 },
    server: { name: REFERENCE_SERVER_INFO.name, version: REFERENCE_SERVER_INFO.version, protocolVersion: null },
    url: null,
    close: () => client.close(),
  };
}
