import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { z } from 'zod';
import { completeGreetingName } from './completions.js';
import { INJECTED_FAILURE_MESSAGE } from './faults.js';
import type { ReferenceServerState } from './state.js';

export function registerPrompts(server: McpServer, state: ReferenceServerState): void {
  server.registerPrompt(
    'greeting',
    { description: 'A user message greeting `name`.', argsSchema: { name: completable(z.string(), completeGreetingName) } },
    async ({ name }) => {
      if (await state.faults.applyToCall()) throw new McpError(ErrorCode.InternalError, INJECTED_FAILURE_MESSAGE);
      return { messages: [{ role: 'user', content: { type: 'text', text: `Hello, ${name}!` } }] };
    },
  );
}
