import type http from 'node:http';
import type { PostExchange } from './http-exchange.js';

/**
 * The node:http listeners and timers of an exchange (http-exchange.ts). They are module-level functions that find
 * their exchange on the request they are called on (tagged with EXCHANGE), so a call creates no closures; an exchange
 * that lets go of a request (to resume its stream on another) removes its tag, and the listeners still attached to it
 * do nothing from then on. The response's body and close are its AnswerReader's (http-answer.ts), tagged the same way.
 */
export const EXCHANGE = Symbol('mcp-bench.exchange');
export type Tagged<T> = T & { [EXCHANGE]?: PostExchange };

export function onResponse(this: Tagged<http.ClientRequest>, res: http.IncomingMessage): void {
  this[EXCHANGE]?.response(res);
}

/** The socket's error (ECONNREFUSED, ECONNRESET, …); a no-op once the exchange is settled. */
export function onRequestError(this: Tagged<http.ClientRequest>, error: Error): void {
  this[EXCHANGE]?.failed(error);
}

export function onRequestClose(this: Tagged<http.ClientRequest>): void {
  this[EXCHANGE]?.requestClosed();
}

export function onSseEvent(event: string, data: string, exchange: PostExchange): void {
  exchange.sseEvent(event, data);
}

export function onOversizedEvent(head: string, _tail: string, exchange: PostExchange): void {
  exchange.tooLarge(head);
}

export function onDeadline(exchange: PostExchange): void {
  exchange.expire();
}

export function onLinger(exchange: PostExchange): void {
  exchange.stopLingering();
}

export function onResumeDue(exchange: PostExchange): void {
  exchange.resumeDue();
}
