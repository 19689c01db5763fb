import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { KeptBytes } from './session-leak.js';

/**
 * `--leak-per-call 64KB`: every tools/call the server answers (a result or an error, on any session) keeps that many
 * bytes for ever, filled so they are resident: a long-lived server's RSS climbs with the calls it serves, which is
 * what a pool's recycling by RSS and a stdio target's memory limit are tested against.
 */
export class CallLeak extends KeptBytes {
  constructor(bytesPerCall: number) {
    super(bytesPerCall, 'call');
  }

  /** A tools/call was answered. */
  callAnswered(): void {
    this.keepOne();
  }

  /**
   * Watches one session's transport: the ids of the tools/call requests it delivers, and the answers sent for them.
   * Call it right after the server connected (connectCounted), before any message arrives. Nothing is wrapped when the
   * knob is off.
   */
  watch(transport: Transport): void {
    if (!this.on) return;
    const calls = new Set<RequestId>();
    const deliver = transport.onmessage;
    transport.onmessage = (message, extra) => {
      if (isToolCall(message)) calls.add(message.id);
      deliver?.(message, extra);
    };
    const send = transport.send.bind(transport);
    transport.send = (message, options) => {
      if (isAnswer(message) && calls.delete(message.id)) this.callAnswered();
      return send(message, options);
    };
  }
}

function isToolCall(message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId } {
  return 'method' in message && message.method === 'tools/call' && 'id' in message && message.id !== undefined;
}

function isAnswer(message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId } {
  return !('method' in message) && 'id' in message && message.id !== undefined && ('result' in message || 'error' in message);
}
