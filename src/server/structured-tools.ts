/**
 * `structured { value, violate? }`: a tool with an `outputSchema` ({ value: string, length: integer }) that answers
 * `{ value, length }`, so a client's output-schema validation has something to check. `violate: true` answers with a
 * result that breaks the schema on purpose (`length` as a string), which the SDK server would otherwise refuse to send
 * (it validates its own output and turns a mismatch into a tool error): such a result is marked, and only marked
 * results skip the server's check. Like the other tools it takes the failure knob (a tool error is never validated).
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { INJECTED_FAILURE_MESSAGE } from './faults.js';
import type { ReferenceServerState } from './state.js';

export const STRUCTURED_TOOL_ANNOTATIONS = {
  structured: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
} as const;

/** Results built to break their schema: the server's own output check lets exactly these through. */
const VIOLATING = new WeakSet<object>();

function answer(structuredContent: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(structuredContent) }], structuredContent };
}

/** What `structured` answers for `value`: its schema's shape, or (violate) `length` as a string. */
export function structuredAnswer(value: string, violate: boolean): CallToolResult {
  if (!violate) return answer({ value, length: value.length });
  const result = answer({ value, length: String(value.length) });
  VIOLATING.add(result);
  return result;
}

export function registerStructuredTools(server: McpServer, state: ReferenceServerState): void {
  server.registerTool(
    'structured',
    {
      description: 'Answers { value, length } as structured content; `violate: true` breaks its own outputSchema (length as a string).',
      inputSchema: { value: z.string(), violate: z.boolean().optional() },
      outputSchema: { value: z.string(), length: z.number().int() },
      annotations: STRUCTURED_TOOL_ANNOTATIONS.structured,
    },
    async ({ value, violate }) => {
      if (await state.faults.applyToCall()) return { content: [{ type: 'text', text: INJECTED_FAILURE_MESSAGE }], isError: true };
      return structuredAnswer(value, violate === true);
    },
  );
  letViolationsThrough(server);
}

type OutputCheck = (tool: unknown, result: object, name: string) => Promise<void>;

/** The SDK's McpServer validates every tool result (a private method): skip it for the results marked violating. */
function letViolationsThrough(server: McpServer): void {
  const inside = server as unknown as { validateToolOutput: OutputCheck };
  const check = inside.validateToolOutput.bind(server);
  inside.validateToolOutput = (tool, result, name) => (VIOLATING.has(result) ? Promise.resolve() : check(tool, result, name));
}
