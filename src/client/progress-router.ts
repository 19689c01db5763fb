/**
 * Progress notifications to the calls that asked for them, for one session. The SDK's own `onprogress` loses a
 * notification that arrives in the same read as its call's answer (it dispatches notifications a microtask later
 * and answers at once, dropping the call's progress handler first), so a call that asks for progress sends a token
 * of ours and this router, ahead of the SDK on the transport's `onmessage`, notes each notification on the call's
 * ProgressTrace as it arrives. Installed on a session's first progress call; a token lives while its call does.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { ProgressTrace } from './progress-trace.js';

export class ProgressRouter {
  private readonly calls = new Map<string, ProgressTrace>();
  private next = 0;

  constructor(transport: Transport) {
    const dispatch = transport.onmessage;
    transport.onmessage = (message: JSONRPCMessage, extra) => {
      if ('method' in message && message.method === 'notifications/progress' && !('id' in message)) this.route(message.params);
      dispatch?.(message, extra);
    };
  }

  /** A call that asks for progress starts: the token it sends. */
  open(trace: ProgressTrace): string {
    const token = `mcp-bench-${this.next++}`;
    this.calls.set(token, trace);
    return token;
  }

  /** The call ended: later notifications for its token are not its own. */
  close(token: string): void {
    this.calls.delete(token);
  }

  private route(params: unknown): void {
    const token = typeof params === 'object' && params !== null ? (params as { progressToken?: unknown }).progressToken : undefined;
    if (typeof token === 'string') this.calls.get(token)?.heard(performance.now());
  }
}
