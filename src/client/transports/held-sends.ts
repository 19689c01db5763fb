import type { CallTrace } from '../trace.js';

/**
 * A transport that may hold a request back in a write queue of its own (stdio, while the server's stdin is full), and
 * so knows better than its caller when the request actually left mcp-bench. The SDK caller names the call whose
 * request it is about to send in `sendingFor`, set only around the SDK's synchronous hand-over to `send()`; when a
 * held request finally goes out, the transport moves that call's `trace.sentUs` to then. The open model's service
 * time thus starts when the request left, and the wait in mcp-bench's own queue counts as send lag, not as the
 * server's time.
 */
export interface HoldsSends {
  sendingFor: CallTrace | null;
}

export function holdsSends(transport: unknown): transport is HoldsSends {
  return typeof transport === 'object' && transport !== null && 'sendingFor' in transport;
}
