import type http from 'node:http';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { BadOutputListener } from './bad-output.js';
import { HttpStatusError } from './http-errors.js';
import type { PostExchange } from './http-exchange.js';

/** What an exchange needs from the transport that started it. */
export interface ExchangeOwner {
  /** Hands a message read from an answer to the SDK (a bound function, made once per transport). */
  readonly deliver: (message: JSONRPCMessage) => void;
  /** Sees every answer's headers before its body is read (the session id). */
  sawHeaders(res: http.IncomingMessage): void;
  /** The exchange is over, its socket released or destroyed: forget it. */
  release(exchange: PostExchange): void;
  /** A gzipped body was refused (415): stop compressing and send `text` plain, settling `refused`'s promise. */
  resendPlain?(refused: PostExchange, text: string): void;
  /** A request sent with a token was answered 401: get a new token and send `text` once more, settling `refused`'s promise. */
  resendAuthorized?(refused: PostExchange, text: string): void;
  /**
   * A GET of the endpoint with `Last-Event-ID: lastEventId` (and the session's headers), to resume a request's event
   * stream that ended before its response (stream-resumption.ts); may throw as node:http's request() does. Absent
   * where answers never come in a POST's body (legacy SSE).
   */
  resumeRequest?(lastEventId: string): http.ClientRequest;
  /** The largest answer read (a JSON body, or one event of an event stream), in characters. */
  readonly maxAnswerChars: number;
  /** Told of every answer that is not JSON-RPC, every response to no request, every answer over the limit. */
  readonly onBadOutput: BadOutputListener | undefined;
}

/**
 * Ends every exchange a closing transport still has: requests quietly (the SDK fails their calls when the transport
 * reports it closed), other POSTs with a "transport closed" error.
 */
export function cancelAll(requests: Map<unknown, PostExchange>, others: Set<PostExchange>): void {
  const closedError = new HttpStatusError(0, null, 'transport closed');
  for (const exchange of requests.values()) exchange.cancel(null);
  for (const exchange of others) exchange.cancel(closedError);
  requests.clear();
  others.clear();
}

/** A refused exchange its owner sends again — after a 401 with a new token, after a 415 plain — : true when it did. */
export function resentByOwner(owner: ExchangeOwner, exchange: PostExchange, failure: Error | null, plainText: string | null, unauthorizedText: string | null): boolean {
  if (!(failure instanceof HttpStatusError)) return false;
  if (failure.status === 401 && unauthorizedText !== null && owner.resendAuthorized) {
    owner.resendAuthorized(exchange, unauthorizedText);
    return true;
  }
  if (failure.status === 415 && plainText !== null && owner.resendPlain) {
    owner.resendPlain(exchange, plainText);
    return true;
  }
  return false;
}
