/**
 * A session that stops answering `ping` while still answering calls: what a pool's health check must notice (a
 * server whose event loop is fine for tools but whose session is wedged, or a proxy that drops idle pings).
 * `stop_pinging` (`{ stop: true }` by default; `false` answers again) switches it for this session only — over
 * Streamable HTTP each session has its own server, over stdio the process is the session. A ping held back is never
 * answered; it ends when the client cancels it (notifications/cancelled aborts its signal).
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { PingRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

export const PING_CONTROL_ANNOTATIONS = {
  stop_pinging: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
} as const;

export function registerPingControl(server: McpServer): void {
  let silent = false;
  server.server.setRequestHandler(PingRequestSchema, async (_request, extra) => {
    if (silent) await new Promise<void>((resolve) => extra.signal.addEventListener('abort', () => resolve(), { once: true }));
    return {};
  });
  server.registerTool(
    'stop_pinging',
    {
      description: 'This session stops answering ping (calls are still answered); stop: false answers again.',
      inputSchema: { stop: z.boolean().optional() },
      annotations: PING_CONTROL_ANNOTATIONS.stop_pinging,
    },
    async ({ stop }): Promise<CallToolResult> => {
      silent = stop !== false;
      return { content: [{ type: 'text', text: silent ? 'ping: not answered' : 'ping: answered' }] };
    },
  );
}
