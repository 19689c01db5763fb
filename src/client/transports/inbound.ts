import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { idAtEdges, type BadOutputListener } from './bad-output.js';
import { isObject, isResponse } from './http-body.js';
import { BadResponseError } from './http-errors.js';
import { failureResponse } from './transport-failure.js';
import type { CallBytes } from '../call-bytes.js';
import { sendingCall } from './sending-call.js';

/** Ids of calls given up on (cancelled, or failed by us) whose answer may still come: remembered this many. */
const LATE_IDS_KEPT = 4096;

/**
 * The messages of a stream transport — stdio lines, legacy SSE events — on their way to the SDK: every line is
 * checked before it is delivered, so bad output is counted instead of dropped, and a call whose answer is unusable
 * fails at once instead of waiting out its timeout. It knows the requests in flight because the transport tells it
 * every message it sends (`sent`).
 *
 * The rules, the same as Streamable HTTP's (http-exchange.ts) wherever the wire lets a message be tied to a call:
 *  - not JSON, or not a JSON-RPC message: counted `not-json-rpc` and skipped; if it carries the id of a call in
 *    flight (a response without a well-formed result or error), that call fails as `transport:bad-response`;
 *  - a response whose id matches no call in flight: counted `unknown-id`; with exactly one call in flight it can only
 *    be that call's answer, which fails as `transport:bad-response` (as over HTTP, where a POST's answer belongs to
 *    its request); with several in flight it cannot be tied to one, and the call it was meant for ends at its timeout;
 *  - an answer too large to read (`oversized`): counted `too-large`; the call its id names fails as
 *    `transport:response-too-large`;
 *  - an answer to a call the client gave up on (cancelled at its timeout) is expected, not bad: delivered as is.
 *
 * It also counts each call's bytes (call-bytes.ts): a request sent for a call (sending-call.ts) keeps the call's
 * CallBytes by its id, and its answer adds the line's or event's bytes (on the wire as decoded: a stream transport
 * compresses nothing per message).
 */
export class InboundRouter {
  /** Requests in flight, by the key the SDK matches responses with (`Number(id)`). */
  private readonly pending = new Set<number | string>();
  private readonly late = new Set<number | string>();
  /** The calls of requests in flight that were sent for one, and their serial then. */
  private readonly calls = new Map<number | string, { readonly bytes: CallBytes; readonly serial: number }>();

  constructor(
    private readonly deliver: (message: JSONRPCMessage) => void,
    private readonly onBadOutput: BadOutputListener | undefined,
  ) {}

  /**
   * Every message the client sends: a request is in flight until answered; a cancellation gives its request up.
   * `line`: the message as sent, when the transport has it (else its bytes are the JSON text's, plus a newline).
   */
  sent(message: JSONRPCMessage, line?: string): void {
    if (!('method' in message)) return;
    if ('id' in message) {
      const key = keyOf(message.id);
      this.pending.add(key);
      const bytes = sendingCall();
      if (bytes === null) return;
      const size = line === undefined ? Buffer.byteLength(JSON.stringify(message)) + 1 : Buffer.byteLength(line);
      bytes.request(size, size, false);
      this.calls.set(key, { bytes, serial: bytes.serial });
    } else if (message.method === 'notifications/cancelled') {
      const id = (message.params as { requestId?: RequestId } | undefined)?.requestId;
      if (id !== undefined) this.giveUp(keyOf(id));
    }
  }

  /** One complete line or event; `bytes`: its size as read (else its text's in UTF-8). */
  line(text: string, bytes?: number): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.onBadOutput?.('not-json-rpc', text);
    }
    if (!Array.isArray(parsed)) return this.message(parsed, text, bytes);
    for (const message of parsed) this.message(message, text, bytes);
  }

  /** An answer skipped for its size: only its first and last few hundred characters were kept. */
  oversized(head: string, tail: string, what: string): void {
    this.onBadOutput?.('too-large', head);
    const id = idAtEdges(head, tail);
    if (id === null) return;
    const key = keyOf(id);
    if (this.pending.has(key)) this.fail(key, new BadResponseError(`the answer is larger than ${what}`, 'response-too-large'));
  }

  /** The call `id` was answered some other way (its POST failed, and the transport answered it itself). */
  forget(id: RequestId): void {
    this.giveUp(keyOf(id));
  }

  /** The transport closed: nothing is in flight any more. */
  clear(): void {
    this.pending.clear();
    this.late.clear();
    this.calls.clear();
  }

  private message(message: unknown, text: string, bytes: number | undefined): void {
    if (isObject(message) && message.jsonrpc === '2.0' && typeof message.method === 'string') {
      return this.deliver(message as JSONRPCMessage); // the server's own request or notification
    }
    const key = isObject(message) && 'id' in message ? keyOf(message.id as RequestId) : null;
    const answers = key !== null && this.pending.has(key);
    if (!isObject(message) || !('result' in message || 'error' in message) || (answers && !isResponse(message))) {
      this.onBadOutput?.('not-json-rpc', text);
      if (answers) this.fail(key, new BadResponseError('the response to the request has neither a well-formed result nor error'));
      return;
    }
    if (answers) {
      this.pending.delete(key);
      this.countAnswer(key, text, bytes);
      return this.deliver(message as JSONRPCMessage);
    }
    if (key !== null && this.late.delete(key)) return this.deliver(message as JSONRPCMessage); // the SDK drops it
    this.onBadOutput?.('unknown-id', text);
    if (this.pending.size !== 1) return;
    const only = this.pending.values().next().value as number | string;
    this.fail(only, new BadResponseError(`the answer's id ${JSON.stringify(message.id ?? null)} matches no request in flight`));
  }

  /** Fails the call `key` with a synthesized error response (see transport-failure.ts); its real answer may follow. */
  private fail(key: number | string, error: BadResponseError): void {
    this.giveUp(key);
    this.deliver(failureResponse(key, error));
  }

  /** The answer's bytes, to the call its request was sent for (a batched line counts whole for each call it answers). */
  private countAnswer(key: number | string, text: string, bytes: number | undefined): void {
    const call = this.calls.get(key);
    if (call === undefined) return;
    this.calls.delete(key);
    const size = bytes ?? Buffer.byteLength(text);
    call.bytes.answer(call.serial, size, size);
  }

  private giveUp(key: number | string): void {
    this.calls.delete(key);
    if (!this.pending.delete(key)) return;
    this.late.add(key);
    if (this.late.size > LATE_IDS_KEPT) this.late.delete(this.late.values().next().value as number | string);
  }
}

/** The SDK matches a response to its request by `Number(id)`; a string id that is no number stays as it is. */
function keyOf(id: RequestId | null | undefined): number | string {
  if (typeof id === 'number') return id;
  if (typeof id !== 'string') return String(id);
  const number = id.trim() === '' ? NaN : Number(id);
  return Number.isNaN(number) ? id : number;
}
