/**
 * Tools whose answers depend on their arguments, with structured output: `store_put` / `store_get` over the keyed
 * store (a journey creates an item and reads it back by the key it captured), and `lookup` over generated items (a
 * data file or a template varies the id). Like the other tools they take the latency and failure knobs.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { INJECTED_FAILURE_MESSAGE } from './faults.js';
import type { ReferenceServerState } from './state.js';

/** Ids `lookup` knows: 0 … MAX_LOOKUP_ID; others are a tool error ("no item"). */
export const MAX_LOOKUP_ID = 1_000_000_000;

export const STORE_TOOL_ANNOTATIONS = {
  store_put: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  store_get: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  lookup: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
} as const;

/** A tool result carrying `structured` both as structuredContent and as its JSON text (for clients that read text). */
function structured(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
}

function toolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

const itemShape = { key: z.string(), version: z.number().int() };

function registerStorePut(server: McpServer, state: ReferenceServerState): void {
  server.registerTool(
    'store_put',
    {
      description: 'Stores `value` under `key` (a new key item-<n> when none is given); answers { key, version }.',
      inputSchema: { key: z.string().min(1).optional(), value: z.unknown() },
      outputSchema: itemShape,
      annotations: STORE_TOOL_ANNOTATIONS.store_put,
    },
    async ({ key, value }) => {
      if (await state.faults.applyToCall()) return toolError(INJECTED_FAILURE_MESSAGE);
      const item = state.store.put(key, value ?? null);
      return structured({ key: item.key, version: item.version });
    },
  );
}

function registerStoreGet(server: McpServer, state: ReferenceServerState): void {
  server.registerTool(
    'store_get',
    {
      description: 'Answers { key, value, version } of a stored key; an unknown key is a tool error.',
      inputSchema: { key: z.string() },
      outputSchema: { ...itemShape, value: z.unknown() },
      annotations: STORE_TOOL_ANNOTATIONS.store_get,
    },
    async ({ key }) => {
      if (await state.faults.applyToCall()) return toolError(INJECTED_FAILURE_MESSAGE);
      const item = state.store.get(key);
      return item ? structured({ key: item.key, value: item.value, version: item.version }) : toolError(`store_get: no such key: ${key}`);
    },
  );
}

/** The generated item of an id: the same for the same id, in every server. */
export function lookupItem(id: number): { id: number; name: string; score: number } {
  return { id, name: `item-${id}`, score: (Math.imul(id, 2654435761) >>> 0) % 1000 };
}

function registerLookup(server: McpServer, state: ReferenceServerState): void {
  server.registerTool(
    'lookup',
    {
      description: `Answers the generated item { id, name, score } of an integer id (0 … ${MAX_LOOKUP_ID}).`,
      inputSchema: { id: z.number().int().min(0).max(MAX_LOOKUP_ID) },
      outputSchema: { id: z.number().int(), name: z.string(), score: z.number().int() },
      annotations: STORE_TOOL_ANNOTATIONS.lookup,
    },
    async ({ id }) => ((await state.faults.applyToCall()) ? toolError(INJECTED_FAILURE_MESSAGE) : structured(lookupItem(id))),
  );
}

export function registerStoreTools(server: McpServer, state: ReferenceServerState): void {
  registerStorePut(server, state);
  registerStoreGet(server, state);
  registerLookup(server, state);
}
