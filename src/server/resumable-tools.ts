import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ReferenceServerState } from './state.js';

/** Longest wait of `resumable` between closing its stream and answering: one minute. */
export const MAX_RESUMABLE_MS = 60_000;
/** What `resumable` declares in tools/list: it changes nothing, like `sleep`. */
export const RESUMABLE_TOOL_ANNOTATIONS = {
  resumable: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
} as const;
/** Calls marked at once; past it the oldest mark is dropped (a call whose answer never came, its session gone). */
const MAX_MARKED = 10_000;

/**
 * The calls whose event stream the server closed on purpose (SEP-1699 polling), by session and request id: their
 * answers are the messages a session's event store keeps for replay (event-store.ts). Shared by every session.
 */
export class ResumableCalls {
  private readonly marked = new Set<string>();

  mark(sessionId: string, requestId: RequestId): void {
    this.marked.add(`${sessionId}\n${String(requestId)}`);
    if (this.marked.size > MAX_MARKED) this.marked.delete(this.marked.values().next().value as string);
  }

  /** True (once) when `message` is the answer to a marked call of `sessionId`: the event store keeps it. */
  takeAnswer(sessionId: string | undefined, message: JSONRPCMessage): boolean {
    if (sessionId === undefined || 'method' in message || !('id' in message)) return false;
    return this.marked.delete(`${sessionId}\n${String(message.id)}`);
  }
}

/**
 * `resumable {ms}`: over Streamable HTTP, closes the call's event stream at once (the client must resume it with
 * Last-Event-ID after the stream's retry delay), waits `ms`, then answers — the answer reaches the client on the
 * resumed stream, live or replayed. Where the transport cannot close a call's stream (stdio, a client older than
 * 2025-11-25, JSON answers), it just waits and answers. A control tool: no latency knob, no injected failure.
 */
export function registerResumableTools(server: McpServer, state: ReferenceServerState): void {
  server.registerTool(
    'resumable',
    {
      description: `Closes its event stream mid-call (HTTP), waits \`ms\` milliseconds (at most ${MAX_RESUMABLE_MS}), then answers on the resumed stream.`,
      inputSchema: { ms: z.number().min(0).max(MAX_RESUMABLE_MS) },
      annotations: RESUMABLE_TOOL_ANNOTATIONS.resumable,
    },
    async ({ ms }, extra) => {
      const closed = extra.closeSSEStream !== undefined && extra.sessionId !== undefined;
      if (closed) {
        state.resumableCalls.mark(extra.sessionId as string, extra.requestId);
        extra.closeSSEStream?.();
      }
      if (ms > 0) await state.sleepUs(ms * 1000, extra.signal);
      return { content: [{ type: 'text', text: `${closed ? 'resumed' : 'answered'} after ${ms}ms` }] };
    },
  );
}
