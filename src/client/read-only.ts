import type { McpRequest } from './request.js';

/**
 * Whether a request only reads, so answering it without sending it (from the cache, or with another identical call's
 * answer) skips no side effect. The one rule the cache and dedup layers both follow: `resources/read`, `prompts/get`,
 * the list methods, `completion/complete` and `ping` read; `resources/subscribe` and `resources/unsubscribe` change
 * what the server sends the session, so they never do; a `tools/call` reads only when the server annotates its tool `readOnlyHint: true`
 * (MCP tool annotations; `readOnlyTools` is what tools/list said). A layer may widen it only where the scenario says
 * so explicitly (the cache's `force`, dedup's `tools`), never by default.
 */
export function isReadOnly(request: McpRequest, readOnlyTools: ReadonlySet<string>): boolean {
  if (request.method === 'resources/subscribe' || request.method === 'resources/unsubscribe') return false;
  return request.method === 'tools/call' ? readOnlyTools.has(request.tool) : true;
}
