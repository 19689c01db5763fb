import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { completeItemId } from './completions.js';
import { INJECTED_FAILURE_MESSAGE } from './faults.js';
import type { ReferenceServerState } from './state.js';

export const SMALL_RESOURCE_URI = 'bench://static/small';
export const LARGE_RESOURCE_URI = 'bench://static/large';
export const ITEM_RESOURCE_TEMPLATE = 'bench://items/{id}';

export const SMALL_RESOURCE_BYTES = 100;
export const LARGE_RESOURCE_BYTES = 64 * 1024;

/** ASCII text of exactly `bytes` bytes: `intro` followed by a repeating filler. */
function fixedSizeText(intro: string, bytes: number): string {
  const filler = ' The quick brown fox jumps over the lazy dog.';
  return (intro + filler.repeat(Math.ceil(bytes / filler.length))).slice(0, bytes);
}

/** Built once: reads hand out the same strings. */
const SMALL_TEXT = fixedSizeText('mcp-bench reference server: small static resource.', SMALL_RESOURCE_BYTES);
const LARGE_TEXT = fixedSizeText('mcp-bench reference server: large static resource (64 KiB).', LARGE_RESOURCE_BYTES);

function textResource(uri: string, text: string): ReadResourceResult {
  return { contents: [{ uri, mimeType: 'text/plain', text }] };
}

/** Applies the latency and failure knobs; an injected failure is a JSON-RPC InternalError. */
async function applyKnobs(state: ReferenceServerState): Promise<void> {
  if (await state.faults.applyToCall()) throw new McpError(ErrorCode.InternalError, INJECTED_FAILURE_MESSAGE);
}

export function registerResources(server: McpServer, state: ReferenceServerState): void {
  server.registerResource(
    'small',
    SMALL_RESOURCE_URI,
    { description: `${SMALL_RESOURCE_BYTES} bytes of text`, mimeType: 'text/plain' },
    async (uri) => {
      await applyKnobs(state);
      return textResource(uri.href, SMALL_TEXT);
    },
  );
  server.registerResource(
    'large',
    LARGE_RESOURCE_URI,
    { description: `${LARGE_RESOURCE_BYTES} bytes of text`, mimeType: 'text/plain' },
    async (uri) => {
      await applyKnobs(state);
      return textResource(uri.href, LARGE_TEXT);
    },
  );
  server.registerResource(
    'item',
    new ResourceTemplate(ITEM_RESOURCE_TEMPLATE, { list: undefined, complete: { id: completeItemId } }),
    { description: 'A short text naming the item id', mimeType: 'text/plain' },
    async (uri, variables) => {
      await applyKnobs(state);
      const id = variables['id'];
      return textResource(uri.href, `Item ${Array.isArray(id) ? id.join(',') : String(id)}`);
    },
  );
}
