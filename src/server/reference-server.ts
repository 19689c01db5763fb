import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import type { CallLeak } from './call-leak.js';
import type { MessageCounter } from './counter.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import type { ReferenceServerState } from './state.js';
import { registerTools } from './tools.js';
import { registerSubscriptions } from './subscriptions.js';
import { registerPingControl } from './ping-control.js';
import { VERSION } from '../version.js';

/** The server reports mcp-bench's own version, so a report names the exact reference server it measured. */
export const REFERENCE_SERVER_INFO = { name: 'mcp-bench-reference', version: VERSION } as const;

/** One fully registered `McpServer` (one session) bound to the shared `state`. Connect it with `connectCounted`. */
export function createReferenceServer(state: ReferenceServerState): McpServer {
  const server = new McpServer(REFERENCE_SERVER_INFO, {
    // logging and tools.listChanged: the notifying tools (progress-tools.ts); subscribe and completions: subscriptions.ts,
    // completions.ts.
    capabilities: { tools: { listChanged: true }, resources: { subscribe: true }, prompts: {}, completions: {}, logging: {} },
  });
  registerTools(server, state);
  registerResources(server, state);
  registerPrompts(server, state);
  registerSubscriptions(server, state.subscriptions);
  registerPingControl(server);
  return server;
}

/**
 * Connects `server` to `transport` and counts every message the transport delivers, before the SDK dispatches it
 * (so a request is counted before it is answered). The wrap is installed right after `connect`, which is before
 * any message can arrive on the stdio and HTTP transports and on an `InMemoryTransport` whose client connects
 * after the server. `callLeak` (the `--leak-per-call` knob) watches the session's tools/call answers.
 */
export async function connectCounted(server: McpServer, transport: Transport, counter: MessageCounter, callLeak?: CallLeak): Promise<void> {
  await server.connect(transport);
  callLeak?.watch(transport);
  const deliver = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage, extra?: MessageExtraInfo): void => {
    counter.record(message);
    deliver?.(message, extra);
  };
}
