/**
 * Tools that make the server ask the client something while the call waits: `sample` (sampling/createMessage),
 * `elicit` (elicitation/create, a form whose fields have defaults) and `list_roots` (roots/list). Each request is
 * sent on the call's own stream (`extra.sendRequest`, so Streamable HTTP carries it in the call's response) and
 * counted as sent, then answered or failed (`stats` → `clientRequests`), so a test can hold the client's counts
 * against the server's. A failed request ends the call as a tool error quoting the client's error.
 */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CreateMessageResultSchema,
  ElicitResultSchema,
  ListRootsResultSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { ReferenceServerState } from './state.js';

/** Read-only, but not idempotent: each call's answer is whatever the client says this time. */
const ASKS_CLIENT = { readOnlyHint: true, idempotentHint: false, openWorldHint: false };
export const CLIENT_REQUEST_TOOL_ANNOTATIONS = { sample: ASKS_CLIENT, elicit: ASKS_CLIENT, list_roots: ASKS_CLIENT };

/** The form `elicit` asks for: every field has a default, so a client that applies defaults can accept at once. */
export const ELICIT_FORM = {
  type: 'object' as const,
  properties: {
    name: { type: 'string' as const, default: 'bench' },
    count: { type: 'number' as const, default: 3 },
    confirm: { type: 'boolean' as const, default: true },
  },
};

type Send = <T extends z.ZodType>(request: { method: string; params?: Record<string, unknown> }, schema: T) => Promise<z.output<T>>;

async function ask<T extends z.ZodType>(state: ReferenceServerState, send: Send, method: string, params: Record<string, unknown>, schema: T): Promise<CallToolResult> {
  state.counter.recordClientRequest(method, 'sent');
  try {
    const result = await send({ method, params }, schema);
    state.counter.recordClientRequest(method, 'answered');
    return { content: [{ type: 'text', text: JSON.stringify(result) }] };
  } catch (error) {
    state.counter.recordClientRequest(method, 'failed');
    return { content: [{ type: 'text', text: `${method} failed: ${error instanceof Error ? error.message : String(error)}` }], isError: true };
  }
}

export function registerClientRequestTools(server: McpServer, state: ReferenceServerState): void {
  server.registerTool(
    'sample',
    { description: 'Asks the client to sample a reply to `prompt` (sampling/createMessage); returns its answer.', inputSchema: { prompt: z.string() }, annotations: ASKS_CLIENT },
    ({ prompt }, extra) =>
      ask(state, extra.sendRequest as Send, 'sampling/createMessage', { messages: [{ role: 'user', content: { type: 'text', text: prompt } }], maxTokens: 64 }, CreateMessageResultSchema),
  );
  server.registerTool(
    'elicit',
    { description: 'Asks the client to fill a form with defaults (elicitation/create); returns action and content.', inputSchema: { message: z.string() }, annotations: ASKS_CLIENT },
    ({ message }, extra) => ask(state, extra.sendRequest as Send, 'elicitation/create', { mode: 'form', message, requestedSchema: ELICIT_FORM }, ElicitResultSchema),
  );
  server.registerTool(
    'list_roots',
    { description: "Asks the client for its roots (roots/list); returns them.", inputSchema: {}, annotations: ASKS_CLIENT },
    (_args, extra) => ask(state, extra.sendRequest as Send, 'roots/list', {}, ListRootsResultSchema),
  );
}
